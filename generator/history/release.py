"""`policygen release`: record a published version as `history/<version>.json` in the source folder.

The file is the version's snapshot, dated from `policy.last_updated`: the same source always
gives the same bytes, so releasing twice is harmless, while a different release under the same
name is refused rather than overwritten (history is not rewritten).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import UsageError
from generator.history.compare import compare
from generator.history.snapshot import snapshot_json, take_snapshot
from generator.model import Policy
from generator.model.values import LANGUAGES
from generator.paths import resource_dir, running_from_checkout
from generator.sources.history_files import HISTORY_FOLDER
from generator.texts.change_summary import grouped_change_texts
from generator.texts.changes import first_release, no_changes
from generator.texts.legal import date_in_words

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Released:
    path: Path
    written: bool
    """False: an identical release was already there."""


def release_path(source: Path, policy: Policy) -> Path:
    """history/<version>.json, or history/<date>.json when the version is no safe file name."""
    version = policy.policy.version
    name = version if SAFE_NAME.match(version) and len(version) <= 64 else policy.policy.last_updated.isoformat()
    return source / HISTORY_FOLDER / f"{name}.json"


def release(source: Path, policy: Policy, *, bundled_example: bool = False) -> Released:
    """Write the release of `policy`, or leave an identical one; refuse a different one of the same name."""
    if bundled_example or _inside_installed_package(source):
        raise UsageError(
            "the bundled example's history is read-only\n"
            "  hint: copy the example into a folder of your own (cp -r) and release that"
        )
    path = release_path(source, policy)
    content = snapshot_json(release_snapshot(policy))
    if path.exists():
        if path.read_bytes() == content:
            return Released(path, written=False)
        raise UsageError(
            f"{path}: version {policy.policy.version} was already released, with other content\n"
            "  hint: give the changed policy a new policy.version and policy.last_updated, then release again "
            "(delete the file only if that version was never published)"
        )
    path.parent.mkdir(exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
    return Released(path, written=True)


def release_snapshot(policy: Policy) -> dict[str, Any]:
    """The snapshot of `policy`, with its date and its changes since the release before it in words.

    The words are fixed when the version is released, in every language, so the page and the records
    show each version's changes as they were told then, whatever the source says later.
    """
    snapshot = take_snapshot(policy)
    current = (policy.policy.last_updated, policy.policy.version)
    earlier = [r for r in policy.history if (r.date, r.version) < current and r.version != policy.policy.version]
    summary = None
    if earlier:
        found = compare(earlier[-1].snapshot, snapshot)
        if found:
            on_page = [change for change in found if not change.item.get("records_only")]  # staff, suppliers
            summary = {language: grouped_change_texts(on_page, language) for language in LANGUAGES}
        changes = [
            {
                **change.as_json("sv"),
                **({"records_only": True} if change.item.get("records_only") else {}),
                "text": {language: change.words(language) for language in LANGUAGES},
                "record_text": {language: change.words(language, for_records=True) for language in LANGUAGES},
            }
            for change in found
        ]
        if not changes:
            changes = [{"kind": "none", "text": {language: no_changes(language) for language in LANGUAGES}}]
    else:
        changes = [{"kind": "first", "text": {language: first_release(language) for language in LANGUAGES}}]
    snapshot["previous"] = earlier[-1].version if earlier else None
    snapshot["changes"] = changes
    if summary is not None:
        snapshot["summary"] = summary
    snapshot["date_in_words"] = {
        language: date_in_words(policy.policy.last_updated, language) for language in LANGUAGES
    }
    return snapshot


def _inside_installed_package(source: Path) -> bool:
    if running_from_checkout():
        return False
    return source.resolve().is_relative_to(resource_dir("policy_src").resolve())
