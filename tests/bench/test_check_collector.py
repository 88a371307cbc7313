"""`policygen check` pauses the cyclic collector for the whole command, as `build` does."""

from __future__ import annotations

import gc

import pytest

from generator import cli
from generator.checks import registry


def test_check_runs_with_the_collector_paused_and_restores_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    real_check = registry.check_policy

    def spying_check(policy):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real_check(policy)

    monkeypatch.setattr(registry, "check_policy", spying_check)
    assert gc.isenabled()
    code = cli.main(["check", "--example"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Checking" in out.err
    assert seen == [False]
    assert gc.isenabled()


def test_check_restores_the_collector_after_bad_input(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["check", str(tmp_path / "missing")])
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert gc.isenabled()
