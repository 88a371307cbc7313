"""Tests of generator/records."""
