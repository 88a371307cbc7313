"""Tests of consent_js."""
