"""Records of processing, GDPR Art. 30 (placeholder)."""

from __future__ import annotations

from generator.loading import LoadedPolicy
from generator.output import OutputFiles


def render_records(loaded: LoadedPolicy) -> OutputFiles:
    return {}


def export_records(loaded: LoadedPolicy, format: str, language: str) -> bytes:
    raise NotImplementedError
