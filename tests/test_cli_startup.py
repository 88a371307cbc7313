"""What `main` sets up for a quick start and exit, without changing what a command does."""

from __future__ import annotations

import os

import pytest

from generator.cli import main


def test_the_owners_own_pydantic_plugin_setting_is_kept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "their_plugin")
    assert main(["schema"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "their_plugin"
    assert capsys.readouterr().out.startswith("{")


def test_without_a_setting_pydantic_looks_for_no_plugins(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert main(["schema"]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
