"""Sentences for what ordinary businesses really do, shared by the page and the records.

Decisions made by someone else, national identity numbers, consent given
outside the banner, observed data and notices given elsewhere: each is said
once here, so that the page and every records format use the same words.
"""

from __future__ import annotations

from generator.i18n import gettext_for


def decided_by_sentence(who: str, language: str) -> str:
    """Art. 22 and 13(2)(f): the decision is another controller's, not ours."""
    _ = gettext_for(language)
    return _("The decision is made by {who}, not by us. It is their decision, and they are responsible for it.").format(
        who=who
    )
