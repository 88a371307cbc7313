"""The completeness and consistency checks of `policygen check` (GDPR Art. 13/14, cookies).

Placeholder: the rules are being written; see docs/checks.md for the list.
"""

from __future__ import annotations

from generator.findings import Finding
from generator.model import Policy


def check_policy(policy: Policy) -> list[Finding]:
    """Every finding for `policy`; an empty list means complete and consistent."""
    return []
