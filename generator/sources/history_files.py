"""The released versions of a policy: `history/*.json` next to the YAML, written by `policygen release`.

The YAML loader never reads `history/` as a source; this module reads it on its own, so the page and
the records can show what changed in each released version (docs/history.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.errors import SourceError, SourcePosition
from generator.sources.files import check_source_file, decode

HISTORY_FOLDER = "history"
"""The folder of a source that holds its releases, one JSON snapshot per version."""


def read_releases(directory: Path, errors: list[SourceError]) -> list[dict[str, Any]]:
    """Every release in `directory/history/`, oldest first (by date, then version); problems go to `errors`."""
    folder = directory / HISTORY_FOLDER
    if not folder.is_dir():
        return []
    releases = []
    for path in sorted(folder.glob("*.json")):
        if not check_source_file(path, directory, errors):
            continue
        text = decode(path, errors)
        if text is None:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            errors.append(
                SourceError(
                    f"not a release snapshot: {error.msg}",
                    SourcePosition(path, error.lineno, error.colno),
                    "restore the file from version control, or delete it and run `policygen release` again",
                )
            )
            continue
        if not isinstance(data, dict) or not isinstance(data.get("version"), str) or "date" not in data:
            errors.append(
                SourceError(
                    "not a release snapshot: it has no version and date",
                    SourcePosition(path),
                    "restore the file from version control, or delete it and run `policygen release` again",
                    quote_source=False,
                )
            )
            continue
        releases.append({"version": data["version"], "date": data["date"], "snapshot": data})
    return sorted(releases, key=lambda release: (str(release["date"]), release["version"]))
