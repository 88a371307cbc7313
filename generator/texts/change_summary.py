"""A version's changes for the page's change log: a few grouped sentences instead of one per item.

One sentence per item made the example's change log longer than most sections of its page. The page
groups the changes of one kind ("Nya mottagare: A, B och C."); the records keep a sentence per change
(`generator.texts.changes`), so an auditor still sees each change with its values.
"""

from __future__ import annotations

from typing import Any, Protocol

from generator.i18n import N_, format_words, gettext_for
from generator.texts.plain import label_in_sentence, title_quotes


class ChangeLike(Protocol):
    section: str
    kind: str
    id: str
    item: dict[str, Any]

    def words(self, language: str, *, for_records: bool = False) -> str: ...


GROUPED: dict[tuple[str, str], str] = {
    ("consent_categories", "added"): N_("New cookie categories: {names}."),
    ("consent_categories", "removed"): N_("Cookie categories removed: {names}."),
    ("cookies", "added"): N_("New cookies or other stored items: {names}."),
    ("cookies", "removed"): N_("Cookies we no longer use: {names}."),
    ("cookies", "changed"): N_("New descriptions of cookies or stored items: {names}."),
    ("purposes", "added"): N_("New purposes in: {names}."),
    ("purposes", "removed"): N_("Purposes we have stopped in: {names}."),
    ("purposes", "changed"): N_("A new legal basis for a purpose in: {names}."),
    ("data_categories", "added"): N_("New categories of personal data: {names}."),
    ("data_categories", "removed"): N_("Categories of personal data we no longer process: {names}."),
    ("recipients", "added"): N_("New recipients: {names}."),
    ("recipients", "removed"): N_("Recipients who no longer receive personal data: {names}."),
    ("retention", "changed"): N_("New retention periods (stated under each area): {names}."),
}
"""A group of changes of one kind in one sentence; msgids in English, translated in the `messages` catalog."""


def grouped_change_texts(changes: list[ChangeLike], language: str) -> list[str]:
    """The changes as sentences, one per kind of change, in the order of their first change.

    The caller leaves out what the page does not describe (items marked `records_only` in the snapshot:
    staff, suppliers); the records keep one sentence per change.
    """
    _ = gettext_for(language)
    groups: dict[tuple[str, str], list[str]] = {}
    texts: list[tuple[tuple[str, str], str | None]] = []
    for change in changes:
        key = (change.section, change.kind)
        name = _name(change, language)
        if key not in GROUPED or not name or _told_alone(change, language):
            texts.append((key, change.words(language)))
            continue
        if key not in groups:
            groups[key] = []
            texts.append((key, None))
        name = _in_list(change.section, name, language)
        if name not in groups[key]:
            groups[key].append(name)
    return [
        text if text is not None else _(GROUPED[key]).format(names=format_words(groups[key], language))
        for key, text in texts
    ]


TOPICS: dict[str, str] = {
    "consent_categories": N_("cookies"),
    "cookies": N_("cookies"),
    "purposes": N_("purposes"),
    "data_categories": N_("personal data"),
    "recipients": N_("recipients"),
    "transfers": N_("transfers outside the EU/EEA"),
    "retention": N_("retention periods"),
    "controller": N_("who is responsible"),
}
"""What the page's change log names for a section of changes."""


def changed_topics_sentence(sections: list[str], language: str) -> str | None:
    """One sentence naming what a version changed, for the page's change log; None when a section is unknown.

    A customer wants to know which parts to read again, not each item: the page says what it covers now,
    and the records keep one sentence per change with its values (docs/history.md)."""
    if not sections or any(section not in TOPICS for section in sections):
        return None
    _ = gettext_for(language)
    topics = list(dict.fromkeys(_(TOPICS[section]) for section in sections))
    return _("We have changed what we say about {topics}.").format(topics=format_words(topics, language))


LABELS = {"data_categories", "recipients", "consent_categories"}
"""Sections whose names are labels, read in lower case inside the sentence ('enhetsuppgifter och IP-adress')."""
TITLES = {"purposes", "retention"}
"""Sections named by an activity, quoted as a title, so that names with 'och' in them can be told apart."""


def _in_list(section: str, name: str, language: str) -> str:
    if section in LABELS:
        return label_in_sentence(name)
    if section in TITLES:
        return title_quotes(language).format(name)
    return name


def _name(change: ChangeLike, language: str) -> str:
    """The item's name; a purpose is named by its activity, whose section states it."""
    field = "activity" if change.section == "purposes" else "name"
    value = change.item.get(field)
    return value.get(language, "") if isinstance(value, dict) else ""


def _told_alone(change: ChangeLike, language: str) -> bool:
    """A changed cookie whose sentence states its new duration is told on its own."""
    if change.section != "cookies" or change.kind != "changed":
        return False
    generic = gettext_for(language)("What we say about {name} has changed: see the list of cookies.").format(
        name=_name(change, language)
    )
    return change.words(language) != generic
