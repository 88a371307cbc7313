"""`policygen check` keeps the cyclic collector paused from loading to printing, not only while rules run."""

from __future__ import annotations

import gc

import pytest

from generator import cli
from generator.checks import findings
from generator.sources import loading


def test_loading_and_the_report_run_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, bool] = {}
    real_load, real_format = loading.load_policy, findings.format_text

    def spying_load(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["load"] = gc.isenabled()
        return real_load(*args, **kwargs)

    def spying_format(placed):  # type: ignore[no-untyped-def]
        seen["report"] = gc.isenabled()
        return real_format(placed)

    monkeypatch.setattr(loading, "load_policy", spying_load)
    monkeypatch.setattr(findings, "format_text", spying_format)
    assert cli.main(["check", "--example"]) == 0, capsys.readouterr().err
    assert seen == {"load": False, "report": False}
    assert "No findings" in capsys.readouterr().out
    assert gc.isenabled()
