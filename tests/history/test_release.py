"""`policygen release`: one deterministic snapshot per version in history/, never overwritten, never the clock."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.serve import _snapshot, in_history
from generator.sources.loading import load_policy
from tests.conftest import EXAMPLE


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The example without its history: nothing released yet."""
    return shutil.copytree(EXAMPLE, tmp_path / "policy", ignore=shutil.ignore_patterns("history"))


def release(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["release", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_release_writes_one_compact_snapshot_dated_from_the_policy(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = release(capsys, str(source))

    assert code == 0
    written = source / "history" / "2.0.json"
    assert "Released version 2.0 of 2025-01-15: wrote " in out
    text = written.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and ": " not in text.split('"changes"')[0], "one compact line"
    snapshot = json.loads(text)
    assert (snapshot["version"], snapshot["date"]) == ("2.0", "2025-01-15")
    assert snapshot["changes"][0]["text"]["sv"] == "Den första publicerade versionen."
    assert "_ga" in snapshot["cookies"] and "web_analytics" in snapshot["purposes"]


def test_releasing_the_same_version_again_is_a_no_op(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release(capsys, str(source))
    written = source / "history" / "2.0.json"
    before = written.read_bytes()

    code, out = release(capsys, str(source))

    assert code == 0
    assert "Version 2.0 is already released, unchanged" in out
    assert written.read_bytes() == before


def test_a_different_release_of_the_same_version_is_refused(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release(capsys, str(source))
    written = source / "history" / "2.0.json"
    before = written.read_bytes()
    controller = source / "controller.yaml"
    controller.write_text(controller.read_text(encoding="utf-8").replace("info@", "hej@"), encoding="utf-8")

    code, out = release(capsys, str(source))

    assert code == 2
    assert "version 2.0 was already released, with other content" in out
    assert "give the changed policy a new policy.version and policy.last_updated" in out
    assert written.read_bytes() == before, "history is not rewritten"


def test_a_new_version_records_its_changes_since_the_last_release(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release(capsys, str(source))
    site = source / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8")
        .replace('version: "2.0"', 'version: "2.1"')
        .replace("2025-01-15", "2025-06-01"),
        encoding="utf-8",
    )
    controller = source / "controller.yaml"
    controller.write_text(controller.read_text(encoding="utf-8").replace("info@", "hej@"), encoding="utf-8")

    code, _ = release(capsys, str(source))

    assert code == 0
    snapshot = json.loads((source / "history" / "2.1.json").read_text(encoding="utf-8"))
    assert snapshot["previous"] == "2.0"
    assert [change["text"]["en"] for change in snapshot["changes"]] == [
        "Our e-mail address has changed to hej@jiji-boutique.se (before: info@jiji-boutique.se)."
    ]


def test_release_is_deterministic(tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = shutil.copytree(source, tmp_path / "other")
    release(capsys, str(source))
    release(capsys, str(other))
    assert (source / "history" / "2.0.json").read_bytes() == (other / "history" / "2.0.json").read_bytes()


def test_the_bundled_example_is_read_only(capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted((EXAMPLE / "history").iterdir())

    code, out = release(capsys, "--example")

    assert code == 2
    assert "the bundled example's history is read-only" in out
    assert sorted((EXAMPLE / "history").iterdir()) == before


def test_the_loader_reads_history_apart_from_the_yaml(source: Path) -> None:
    (source / "history").mkdir()
    (source / "history" / "notes.yaml").write_text("not: a source\n", encoding="utf-8")
    assert load_policy(source).policy.history == [], "YAML in history/ is no source, and no release"

    shutil.copy(EXAMPLE / "history" / "1.0.json", source / "history" / "1.0.json")
    history = load_policy(source).policy.history
    assert [(r.version, r.date.isoformat()) for r in history] == [("1.0", "2019-11-10")]


def test_a_broken_release_file_is_an_error_with_its_place(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (source / "history").mkdir()
    (source / "history" / "1.0.json").write_text('{"version": "1.0",\n  "date": }\n', encoding="utf-8")

    code = main(["check", str(source)])

    assert code == 2
    assert "history/1.0.json:2:" in capsys.readouterr().err.replace("\\", "/")


def test_serve_does_not_watch_history(source: Path) -> None:
    (source / "history").mkdir()
    (source / "history" / "2.0.json").write_text("{}", encoding="utf-8")
    assert in_history(source / "history") and in_history(source / "history" / "2.0.json")
    assert not in_history(source / "site.yaml")
    assert all(not in_history(path) for path in _snapshot([source])), "a release starts no rebuild"


def test_history_written_in_yaml_is_refused_with_its_place(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (source / "extra.yaml").write_text("history:\n  - version: '1.0'\n", encoding="utf-8")

    code = main(["check", str(source)])

    err = capsys.readouterr().err
    assert code == 2
    assert "extra.yaml:1:1: error: 'history' comes from the history/ folder, not from YAML" in err
    assert "`policygen release` records each published version in history/" in err
