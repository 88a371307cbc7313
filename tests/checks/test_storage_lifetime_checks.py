"""L-CK-6 ("at most 13 months") compares periods only: storage without an expiry is told truthfully, not flagged.

localStorage and IndexedDB have no expiry: 'until_cleared' or 'until_deleted' is
the truth, and `check --strict` must not push the owner to invent a period. A
declared period longer than 13 months is still flagged, for storage as for cookies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.support.retention_variant import write_variant


def _findings(source: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", str(source), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)["findings"]


def _set_duration(source: Path, name: str, duration: str) -> None:
    path = source / "cookies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(c for c in data["cookies"] if c["name"] == name)["duration"] = duration
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_storage_until_cleared_or_deleted_passes_the_strict_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_variant(tmp_path)
    code, findings = _findings(source, capsys, "--strict")
    assert (code, findings) == (0, [])


@pytest.mark.parametrize("name", ["/.__palette", "jiji-offline", "jiji_recently_viewed"])
def test_a_declared_period_of_storage_longer_than_13_months_is_still_flagged(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_variant(tmp_path)
    _set_duration(source, name, "P2Y")
    code, findings = _findings(source, capsys, "--strict")
    assert code == 1
    assert [(f["rule"], f["message"]) for f in findings] == [
        ("L-CK-6", f"cookie '{name}' lives P2Y, longer than 13 months")
    ]
