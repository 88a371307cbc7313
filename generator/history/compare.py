"""What changed between two snapshots (`generator.history.snapshot`): each change once, in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.history.snapshot import SECTIONS
from generator.texts.changes import change_sentence

COMPARED_FIELDS: dict[str, tuple[str, ...]] = {
    "cookies": ("category", "storage", "provider", "duration", "party", "third_party_access"),
    "purposes": ("legal_basis",),
    "transfers": ("country", "mechanism"),
    "retention": ("rule",),
}
"""The facts of an item whose change is told; a section not listed tells only what was added or removed."""

TOLD_VALUE = {"cookies": "duration", "purposes": "legal_basis", "transfers": "mechanism", "retention": "rule"}
"""The value a sentence quotes as before and after; other changed items are told without values."""

ONLY_CHANGES = frozenset({"retention"})
"""Sections whose items come and go with others (an activity's retention with its purposes): only changes count."""


@dataclass(frozen=True)
class Change:
    """One change: in which section, of what kind, to which item, and the told value before and after."""

    section: str
    kind: str
    """added, removed or changed."""
    id: str
    item: dict[str, Any]
    """The item as it is now (as it was, when removed)."""
    before: Any = None
    after: Any = None

    def words(self, language: str, *, for_records: bool = False) -> str:
        return change_sentence(
            self.section,
            self.kind,
            self.item,
            self.before,
            self.after,
            language,
            for_records=for_records,
            item_id=self.id,
        )

    def as_json(self, language: str) -> dict[str, Any]:
        return {
            "section": self.section,
            "kind": self.kind,
            "id": self.id,
            "before": self.before,
            "after": self.after,
            "text": self.words(language),
        }


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new`: sections in `SECTIONS` order, then the controller; items by id."""
    changes: list[Change] = []
    for section in SECTIONS:
        before, after = old.get(section, {}), new.get(section, {})
        if section not in ONLY_CHANGES:
            changes += [Change(section, "added", key, after[key]) for key in sorted(after.keys() - before.keys())]
            changes += [Change(section, "removed", key, before[key]) for key in sorted(before.keys() - after.keys())]
        fields = COMPARED_FIELDS.get(section, ())
        for key in sorted(before.keys() & after.keys()):
            if any(before[key].get(f) != after[key].get(f) for f in fields):
                told = TOLD_VALUE.get(section)
                if any(before[key].get(f) != after[key].get(f) for f in fields if f != told):
                    told = None  # more than the told value changed: say so without values
                was = before[key].get(told) if told else None
                now = after[key].get(told) if told else None
                changes.append(Change(section, "changed", key, after[key], was, now))
    changes += _controller_changes(old.get("controller", {}), new.get("controller", {}))
    return changes


def _controller_changes(before: dict[str, str], after: dict[str, str]) -> list[Change]:
    changes = []
    for field in sorted(before.keys() | after.keys()):
        was, now = before.get(field), after.get(field)
        if was == now:
            continue
        kind = "added" if was is None else "removed" if now is None else "changed"
        changes.append(Change("controller", kind, field, {"field": field}, was, now))
    return changes
