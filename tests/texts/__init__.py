"""Tests of generator/texts."""
