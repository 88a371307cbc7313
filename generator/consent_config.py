"""The banner's enforcement config, generated from the model (placeholder)."""

from __future__ import annotations

from generator.model import Policy
from generator.output import OutputFiles


def render_consent_files(policy: Policy) -> OutputFiles:
    return {}


def render_snippet(policy: Policy) -> bytes:
    return b""
