"""The banner's enforcement config, generated from the model (placeholder until the banner lands)."""

from __future__ import annotations

from markupsafe import Markup

from generator.model import Policy
from generator.output import OutputFiles


def render_consent_files(policy: Policy) -> OutputFiles:
    """consent/consent.js, consent/consent.css, consent/config.json."""
    return {}


def consent_head_tags(policy: Policy, base: str) -> Markup:
    """The <head> tags that load the banner, with links relative to `base` ('', '../', or '/path/')."""
    return Markup("")


def render_snippet(policy: Policy) -> bytes:
    """snippet.html: the head tags for every page of the site, linked from site.publish_path."""
    return str(consent_head_tags(policy, policy.site.publish_path)).encode()
