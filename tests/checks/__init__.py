"""Tests of generator/checks."""
