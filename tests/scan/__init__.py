"""Tests of generator/scan."""
