"""Released versions of a policy: what `policygen release` recorded, read back from `history/`."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import Field

from generator.model.values import StrictModel


class Release(StrictModel):
    """One published version: its version, its date and the facts it stated (a snapshot, docs/history.md)."""

    version: str = Field(min_length=1, description="The policy's version when it was released, e.g. 2.0.")
    date: datetime.date = Field(description="policy.last_updated of that version, YYYY-MM-DD.")
    snapshot: dict[str, Any] = Field(
        description="The facts of that version, as `policygen release` wrote them (generator/history/snapshot.py)."
    )

    def change_texts(self, language: str, *, for_records: bool = False) -> list[str]:
        """What changed in this version, as released, in `language` (Swedish when the release has no other);
        `for_records`: the records' wording where it differs from the page's, and the changes the page
        leaves out (those of activities informed elsewhere, marked `records_only` when released)."""
        changes = [c for c in self.snapshot.get("changes", []) if for_records or not c.get("records_only")]
        texts = [(for_records and change.get("record_text")) or change.get("text", {}) for change in changes]
        return [text.get(language) or text.get("sv", "") for text in texts]

    def summary_texts(self, language: str) -> list[str]:
        """The changes grouped for the page, as released; a release without them: one sentence per change."""
        summary = self.snapshot.get("summary") or {}
        return summary.get(language) or summary.get("sv") or self.change_texts(language)

    def changed_sections(self) -> list[str]:
        """The sections (cookies, purposes, recipients …) whose changes the page tells, in the order released."""
        sections = [c.get("section") for c in self.snapshot.get("changes", []) if not c.get("records_only")]
        return list(dict.fromkeys(section for section in sections if section))
