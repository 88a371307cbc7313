"""The policy's change log in the records: ropa.json's `changes`, the records page, records/ropa-changes.csv.

The same log as the privacy page's "Ändringar i policyn": each released version (`policygen release`,
history/*.json) with its changes as they were released, so an auditor sees when what changed.
"""

from __future__ import annotations

import datetime

from pydantic import BaseModel, ConfigDict, Field

from generator.model import Policy


class ChangeRecord(BaseModel):
    """One change of a released version."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    section: str | None = Field(
        description="What changed: consent_categories, cookies, purposes, data_categories, recipients, transfers, "
        "retention or controller; null for the first release or one without changes in substance."
    )
    kind: str = Field(description="added, removed, changed; first (the first release) or none (only wording).")
    id: str | None = Field(description="The id of what changed (a cookie's name, a controller detail), if any.")
    text: str = Field(description="The change in words, as released.")


class ReleaseRecord(BaseModel):
    """One released version of the policy and what changed in it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(description="The released version, e.g. 2.0.")
    date: datetime.date = Field(description="The version's date (its policy.last_updated).")
    changes: list[ChangeRecord] = Field(description="What changed since the release before it.")


def release_records(policy: Policy, language: str) -> list[ReleaseRecord]:
    """Every release, oldest first, with its changes in `language`."""
    return [
        ReleaseRecord(
            version=release.version,
            date=release.date,
            changes=[
                ChangeRecord(section=change.get("section"), kind=change.get("kind", ""), id=change.get("id"), text=text)
                for change, text in zip(
                    release.snapshot.get("changes", []), release.change_texts(language, for_records=True), strict=True
                )
            ],
        )
        for release in policy.history
    ]
