"""Tests of generator/sources."""
