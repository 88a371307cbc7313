"""`policygen build`: load → check → render → write, and the guarantees around writing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator import build as build_module
from generator.cli import main
from tests.conftest import EXAMPLE

# The output contract (docs/architecture.md).
CONTRACT = [
    "index.html",
    "en/index.html",
    "consent/consent.js",
    "consent/consent.css",
    "consent/config.json",
    "records/ropa.json",
    "records/ropa.schema.json",
    "records/ropa.csv",
    "records/ropa.jsonld",
    "records/index.html",
    "snippet.html",
]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the hash of its content."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_build_writes_the_whole_output_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    missing = [name for name in CONTRACT if not (out / name).is_file()]
    assert missing == []
    printed = capsys.readouterr().out
    assert "Built " in printed and "dist/" in printed
    assert "index.html" in printed and "policygen serve" in printed


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path / "a")]) == 0
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path / "b")]) == 0
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def broken_copy(tmp_path: Path) -> Path:
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    text = (source / "site.yaml").read_text(encoding="utf-8")
    (source / "site.yaml").write_text(text.replace("consent_lifetime: P6M", "consent_lifetime: six months"))
    return source


def test_invalid_source_exits_2_and_keeps_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    before = tree_digest(out)
    capsys.readouterr()

    assert main(["build", str(broken_copy(tmp_path)), "--out", str(out)]) == 2

    error = capsys.readouterr().err
    assert "site.yaml:" in error and "'six months' is not a duration" in error
    assert "Traceback" not in error
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dist")] == []


def test_a_policy_with_check_errors_is_not_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    before = tree_digest(out)
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    activities = source / "activities.yaml"
    activities.write_text(activities.read_text(encoding="utf-8").replace("        legal_basis: contract\n", "", 1))
    capsys.readouterr()

    assert main(["build", str(source), "--out", str(out)]) == 1

    error = capsys.readouterr().err
    assert "L-PUR-1" in error and "nothing was written" in error
    assert tree_digest(out) == before


def test_a_crash_while_rendering_keeps_the_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    before = tree_digest(out)

    def failing_render(policy: object) -> dict[str, bytes]:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(build_module, "render_records", failing_render)
    with pytest.raises(RuntimeError):
        build_module.build(EXAMPLE, out)
    assert tree_digest(out) == before


def test_out_may_not_be_a_folder_that_holds_other_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    assert main(["build", str(source), "--out", str(tmp_path)]) == 2
    assert "would replace" in capsys.readouterr().err
    assert (source / "site.yaml").exists()
