"""Ids must be unique and every reference must resolve.

A policy with a duplicate id or a dangling reference cannot be rendered at
all, so these are load errors (exit 2), not check findings. Each problem is
returned with its path in the sources, a message and a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from generator.model import Policy
from generator.model.vocabulary import FIRST_PARTY, NECESSARY
from generator.sources.source_map import Path_


class Problem(NamedTuple):
    """A duplicate or dangling id: where, what, how to fix it, and (for a duplicate) where the first one is."""

    path: Path_
    message: str
    hint: str
    first: Path_ | None = None


def find_reference_errors(policy: Policy) -> list[Problem]:
    return (
        list(_duplicate_ids(policy))
        + list(_dangling_references(policy))
        + list(_necessary_category(policy))
        + list(_category_retention_references(policy))
    )


def _duplicate_ids(policy: Policy) -> Iterator[Problem]:
    groups: list[tuple[str, list[tuple[Path_, str]]]] = [
        ("data category", [(("data_categories", i, "id"), c.id) for i, c in enumerate(policy.data_categories)]),
        ("data subject category", [(("data_subjects", i, "id"), s.id) for i, s in enumerate(policy.data_subjects)]),
        ("recipient", [(("recipients", i, "id"), r.id) for i, r in enumerate(policy.recipients)]),
        ("activity", [(("activities", i, "id"), a.id) for i, a in enumerate(policy.activities)]),
        (
            "purpose",
            [
                (("activities", i, "purposes", j, "id"), p.id)
                for i, a in enumerate(policy.activities)
                for j, p in enumerate(a.purposes)
            ],
        ),
        (
            "consent category",
            [(("consent_categories", i, "id"), c.id) for i, c in enumerate(policy.consent_categories)],
        ),
        (
            "cookie",
            [(("cookies", i, "name"), f"{c.name} ({c.storage.value})") for i, c in enumerate(policy.cookies)],
        ),
    ]
    for kind, entries in groups:
        seen: dict[str, Path_] = {}
        for path, id_ in entries:
            if id_ in seen:
                message = f"{kind} '{id_}' is defined twice"
                yield Problem(path, message, "ids must be unique: rename one of them", first=seen[id_])
            else:
                seen[id_] = path


class _Ids:
    """The ids of one kind, as written (for hints) and as a set (for fast lookups in large policies)."""

    def __init__(self, kind: str, ids: list[str]) -> None:
        self.kind = kind
        self.ids = ids
        self.known = frozenset(ids)


def _dangling_references(policy: Policy) -> Iterator[Problem]:
    data_categories = _Ids("data category", [c.id for c in policy.data_categories])
    data_subjects = _Ids("data subject category", [s.id for s in policy.data_subjects])
    recipients = _Ids("recipient", [r.id for r in policy.recipients])
    providers = _Ids("recipient", [*recipients.ids, FIRST_PARTY])
    purposes = _Ids("purpose", [p.id for _, p in policy.purposes()])
    consent_categories = _Ids("consent category", [c.id for c in policy.consent_categories])

    for i, activity in enumerate(policy.activities):
        at = ("activities", i)
        yield from _unknown(data_subjects, (*at, "data_subjects"), activity.data_subjects)
        yield from _unknown(data_categories, (*at, "data_categories"), activity.data_categories)
        yield from _unknown(recipients, (*at, "recipients"), activity.recipients)
        for j, group in enumerate(activity.conditional_data):
            yield from _unknown(data_categories, (*at, "conditional_data", j, "data_categories"), group.data_categories)
        for j, source in enumerate(activity.sources):
            yield from _unknown(data_categories, (*at, "sources", j, "data_categories"), source.data_categories)
        for j, purpose in enumerate(activity.purposes):
            own = _Ids("data subject category of this activity", list(activity.data_subjects))
            yield from _unknown(own, (*at, "purposes", j, "data_subjects"), purpose.data_subjects)
        for j, decision in enumerate(activity.automated_decisions or []):
            if decision.decided_by is not None:
                where = (*at, "automated_decisions", j, "decided_by")
                yield from _unknown(recipients, where, [decision.decided_by], single=True)

    for i, cookie in enumerate(policy.cookies):
        known = (
            cookie.category in consent_categories.known
            and (cookie.purpose is None or cookie.purpose in purposes.known)
            and cookie.provider in providers.known
        )
        if known:  # 10,000 items: the lookups first, the places and hints only for an unknown id
            continue
        at = ("cookies", i)
        yield from _unknown(consent_categories, (*at, "category"), [cookie.category], single=True)
        if cookie.purpose is not None:
            yield from _unknown(purposes, (*at, "purpose"), [cookie.purpose], single=True)
        yield from _unknown(providers, (*at, "provider"), [cookie.provider], single=True)


def _unknown(ids: _Ids, at: Path_, used: Iterable[str], *, single: bool = False) -> Iterator[Problem]:
    for index, id_ in enumerate(used):
        if id_ in ids.known:
            continue
        guess = difflib.get_close_matches(id_, ids.ids, n=1)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        known = ", ".join(ids.ids) if ids.ids else "none are defined"
        where = at if single else (*at, index)
        yield Problem(where, f"unknown {ids.kind} '{id_}'", f"{hint}define it, or use one of: {known}")


def _necessary_category(policy: Policy) -> Iterator[Problem]:
    """The banner stores the visitor's choice in a cookie of the 'necessary' category: it must exist."""
    if all(c.id != NECESSARY for c in policy.consent_categories):
        yield Problem(
            ("consent_categories",),
            f"there is no '{NECESSARY}' consent category",
            f"add '- id: {NECESSARY}' with 'required: true': the banner's own consent cookie belongs to it",
        )


def _category_retention_references(policy: Policy) -> Iterator[Problem]:
    """A retention per data category names the activity's own categories, a processor in `set_in`
    and an independent controller in `decided_by`: otherwise the page would say something untrue."""
    recipients = {r.id: r for r in policy.recipients}
    for i, activity in enumerate(policy.activities):
        if activity.retention is None:
            continue
        own = activity.all_data_categories()
        for j, entry in enumerate(activity.retention.by_category):
            at = ("activities", i, "retention", "by_category", j)
            for k, category in enumerate(entry.data_categories):
                if category not in own:
                    yield Problem(
                        (*at, "data_categories", k),
                        f"data category '{category}' is not processed in activity '{activity.id}'",
                        f"use one of the activity's data categories: {', '.join(own) or 'none are listed'}",
                    )
            for field, role, who in (
                ("set_in", "processor", "a processor"),
                ("decided_by", "controller", "an independent controller"),
            ):
                id_ = getattr(entry, field)
                if id_ is None:
                    continue
                recipient = recipients.get(id_)
                if recipient is None:
                    guess = difflib.get_close_matches(id_, list(recipients), n=1)
                    hint = f"did you mean '{guess[0]}'? " if guess else ""
                    yield Problem((*at, field), f"unknown recipient '{id_}'", f"{hint}define it under recipients")
                elif id_ not in activity.recipients:
                    yield Problem(
                        (*at, field),
                        f"'{id_}' is not a recipient of activity '{activity.id}'",
                        f"add '{id_}' to the activity's recipients: the data reaches it",
                    )
                elif recipient.role.value != role:
                    yield Problem(
                        (*at, field),
                        f"{field} names '{id_}', whose role is {recipient.role.value}, not {role}",
                        "set_in is for a processor whose settings you control; decided_by is for an independent "
                        f"controller that decides under its own policy: '{id_}' must be {who}",
                    )
