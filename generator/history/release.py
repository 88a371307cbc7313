"""`policygen release`: record a published version as `history/<version>.json` in the source folder.

The file is the version's snapshot, dated from `policy.last_updated`: the same source always
gives the same bytes, so releasing twice is harmless, while a different release under the same
name is refused rather than overwritten (history is not rewritten).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import UsageError
from generator.history.snapshot import snapshot_json, take_snapshot
from generator.model import Policy
from generator.paths import resource_dir, running_from_checkout
from generator.sources.history_files import HISTORY_FOLDER

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
    content = snapshot_json(take_snapshot(policy))
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


def _inside_installed_package(source: Path) -> bool:
    if running_from_checkout():
        return False
    return source.resolve().is_relative_to(resource_dir("policy_src").resolve())
