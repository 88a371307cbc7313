"""Tests of generator/build.py and the golden files."""
