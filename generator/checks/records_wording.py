"""The records speak of the person, not to them: an owner's text that reaches them in the second person.

The page speaks to the visitor ("Hantera din beställning"); the records of
processing are the register an auditor reads, in the third person ("Hantera
kundens beställning"). A text of the sources that the records show needs its
own `records:` wording when the page's words say "du" or "you"
(generator/records/wording.py swaps it in). Texts the records never show (the
page's Markdown fragments, the rights' notes and channels, a consent category's
description, a necessary cookie's justification, the banner's own cookie, the
law that obliges the person, an unused definition) are left alone: nothing is asked that the
register would not use. tests/checks/test_records_wording.py keeps this list
true against the records as built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from generator.checks.base import Gap, policy_texts, quoted, rule, walk_texts
from generator.checks.findings import Severity
from generator.model import LegalBasis, Policy
from generator.sources.source_map import Path_

SECOND_PERSON: dict[str, re.Pattern[str]] = {
    "sv": re.compile(r"\b(du|dig|din|ditt|dina)\b", re.IGNORECASE),
    "en": re.compile(r"\b(you|your|yours)\b", re.IGNORECASE),
}
"""Words that address the reader, per language, as whole words."""

PAGE_ONLY_SECTIONS = frozenset({"policy", "prose", "rights"})
"""Top-level parts of the sources whose texts only the page shows (title, Markdown fragments, rights)."""


@rule("L-ROPA-1", Severity.warning, "GDPR Art. 30(1), 5(2)")
def records_speak_of_the_person(policy: Policy) -> Iterator[Gap]:
    """A text the records show that speaks to the visitor ('du', 'you') has its own `records:` wording."""
    unused: set[Path_] | None = None
    for path, text in policy_texts(policy):  # the walk the other text rules share (130,000 texts at 10,000)
        words = {language: _addressing(text, language) for language in ("sv", "en")}
        flagged = [language for language, found in words.items() if found]
        if not flagged:
            continue  # most texts: the cheap test first, where the text goes only for the few that say "du"
        if unused is None:
            unused = _unused_definitions(policy)
        if not _reaches_records(policy, path, unused):
            continue
        field = next((segment for segment in reversed(path) if isinstance(segment, str)), "text")
        said = ", ".join(f"'{word}'" for language in flagged for word in words[language])
        yield Gap(
            (*path, "records" if text.records is not None else flagged[0]),
            f"{field} {quoted(text)} is also in the records of processing, and it speaks to the visitor "
            f"({said}): the register is written for an auditor and speaks of the person in the third person",
            _fix(field, text),
        )


def records_texts(policy: Policy) -> Iterator[tuple[Path_, Any]]:
    """Every text of the sources that the records of processing show, with its path."""
    unused = _unused_definitions(policy)
    for path, text in walk_texts(policy, ()):
        if _reaches_records(policy, path, unused):
            yield path, text


def _reaches_records(policy: Policy, path: Path_, unused: set[Path_]) -> bool:
    return path[0] not in PAGE_ONLY_SECTIONS and path[:2] not in unused and _shown_in_records(policy, path)


def _shown_in_records(policy: Policy, path: Path_) -> bool:
    """False for the few texts inside a recorded item that the records leave out."""
    if path[0] == "consent_categories":
        category = policy.consent_categories[path[1]]  # type: ignore[index]
        return path[-1] == "label" and any(cookie.category == category.id for cookie in policy.cookies)
    if path[0] == "cookies":
        cookie = policy.cookies[path[1]]  # type: ignore[index]
        # The banner's own cookie: the records describe it in words of their own. Any other item's description
        # and necessity_justification are both in the records.
        return not (cookie.name == policy.site.consent_cookie_name and cookie.storage == "cookie")
    if path[0] == "activities" and len(path) >= 4:
        activity = policy.activities[path[1]]  # type: ignore[index]
        if path[2:4] == ("provision", "duty"):
            return False
        if path[2] == "purposes" and path[-1] == "withdrawal":
            return activity.purposes[path[3]].legal_basis == LegalBasis.consent  # type: ignore[index]
    return True


def _unused_definitions(policy: Policy) -> set[Path_]:
    """The definitions no activity or cookie uses (L-REF-1): the records never show them."""
    used = {
        "data_categories": {c for a in policy.activities for c in a.all_data_categories()},
        "data_subjects": {s for a in policy.activities for s in a.data_subjects},
        "recipients": {r for a in policy.activities for r in a.recipients} | {c.provider for c in policy.cookies},
    }
    return {(key, i) for key, ids in used.items() for i, item in enumerate(getattr(policy, key)) if item.id not in ids}


def _addressing(text: Any, language: str) -> list[str]:
    """The words of `text` in `language`, as the records would show it, that address the reader.

    A `records:` wording is the owner's own choice for the register and is taken as written;
    only a language it leaves out falls back to the page's words."""
    if text.records is not None and (language == "sv" or text.records.en is not None):
        return []
    version = text.sv if language == "sv" else text.en
    return [] if version is None else list(_second_person_words(version, language))


@lru_cache(maxsize=1 << 16)
def _second_person_words(version: str, language: str) -> tuple[str, ...]:
    """The words of `version` that address the reader, searched once per distinct text: a large policy's items
    share a few descriptions (10,000 cookies, 13,000 texts in all)."""
    pattern = SECOND_PERSON[language]
    if pattern.search(version) is None:  # most texts: one search, no list
        return ()
    return tuple(dict.fromkeys(m.group(0) for m in pattern.finditer(version)))


def _fix(field: str, text: Any) -> str:
    """The exact `records:` form to add, with the languages the text has."""
    example_sv, example_en = "Hantera kundens beställning.", "Handle the customer's order."
    if text.records is not None:
        return (
            f"add en to the records: wording of {field}, in the third person: records: {{sv: …, en: …}}, "
            f"e.g. records: {{sv: {example_sv}, en: {example_en}}}"
        )
    form = "records: {sv: …, en: …}" if text.en is not None else "records: {sv: …}"
    example = f"{{sv: {example_sv}, en: {example_en}}}" if text.en is not None else f"{{sv: {example_sv}}}"
    return (
        f"add {form} to {field}, next to its sv{' and en' if text.en is not None else ''}: the same text as the "
        "register words it, of the person in the third person ('kunden', 'den registrerade'; 'the customer', "
        f"'the data subject'), e.g. records: {example}"
    )
