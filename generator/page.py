"""The privacy page (placeholder)."""

from __future__ import annotations

from generator.loading import LoadedPolicy
from generator.output import OutputFiles


def render_privacy_pages(loaded: LoadedPolicy) -> OutputFiles:
    return {}
