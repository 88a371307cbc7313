"""The project file names the policy: read when a command is given neither SOURCE nor --example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE


def test_policygen_toml_names_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "policy", ignore=shutil.ignore_patterns("history"))
    (tmp_path / "policygen.toml").write_text('source = "policy"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert "Checking policy (Jiji Boutique)" in capsys.readouterr().err


def test_a_broken_policygen_toml_exits_2_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "policygen.toml").write_text('source = "policy\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "policygen.toml: not valid TOML" in err and "Traceback" not in err
