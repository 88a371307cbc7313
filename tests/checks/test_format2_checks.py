"""The rules format 2 brings: a cookie's party follows from its domain (L-CK-8), countries agree (L-TR-2), a joint
controller carries its arrangement (L-JC-1), and a declared third-party cookie passes `check --strict`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.checks.findings import place
from generator.checks.registry import check_policy
from generator.cli import main
from generator.sources.loading import load_policy
from tests.support.format2 import format2_source, write_source


def swedish_only() -> dict[str, Any]:
    data = format2_source()
    data["site"]["languages"] = ["sv"]
    return data


def findings(tmp_path: Path, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(rule, severity, 'line:col message') of every finding."""
    loaded = load_policy(write_source(tmp_path, data))
    result = []
    for p in place(check_policy(loaded.policy), loaded.source_map):
        assert p.position is not None
        result.append(
            (p.finding.rule, p.finding.severity.value, f"{p.position.line}:{p.position.column} {p.finding.message}")
        )
    return result


def cookie(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in data["cookies"] if c["name"] == name)


def recipient(data: dict[str, Any], id_: str) -> dict[str, Any]:
    return next(r for r in data["recipients"] if r["id"] == id_)


def test_a_declared_third_party_cookie_passes_check_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_source(tmp_path, swedish_only())
    assert main(["check", str(folder), "--strict"]) == 0
    assert "No findings" in capsys.readouterr().out


def test_the_same_cookie_declared_first_party_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = swedish_only()
    cookie(data, "fr")["party"] = "first"
    found = findings(tmp_path, data)
    assert [(r, s) for r, s, _ in found] == [("L-CK-8", "error")]
    assert "cookie 'fr' is set on .facebook.com, not on the site's domain" in found[0][2]
    assert main(["check", str(tmp_path)]) == 1
    assert "fix: set party: third (or leave party out: it follows from the domain)" in capsys.readouterr().out


def test_a_third_party_cookie_without_its_domain_is_an_error_and_the_banner_warning_stays(tmp_path: Path) -> None:
    data = swedish_only()
    del cookie(data, "fr")["domain"]
    cookie(data, "fr")["party"] = "third"
    rules = {r for r, _, _ in findings(tmp_path, data)}
    assert rules == {"L-CK-8", "L-CK-4"}  # undeclared domain: the site cannot say where it is


def test_a_cookie_on_the_sites_own_domain_is_first_party(tmp_path: Path) -> None:
    data = swedish_only()
    cookie(data, "_ga")["domain"] = ".example.se"
    loaded = load_policy(write_source(tmp_path, data))
    ga = next(c for c in loaded.policy.cookies if c.name == "_ga")
    assert loaded.policy.cookie_party(ga) == "first"
    ga_data = cookie(data, "_ga")
    ga_data["domain"] = ".shop.example.se"
    ga_data["party"] = "third"
    assert "L-CK-8" in [r for r, _, _ in findings(tmp_path, data)]


def test_a_recipient_established_outside_the_eea_without_a_mechanism_is_an_error(tmp_path: Path) -> None:
    data = swedish_only()
    recipient(data, "meta")["established_in"] = "US"
    found = findings(tmp_path, data)
    assert [(r, s) for r, s, _ in found] == [("L-TR-2", "error")]
    assert "recipient 'meta' is established in US, outside the EU/EEA, with no transfer mechanism" in found[0][2]


def test_a_transfer_mechanism_for_data_that_stays_in_the_eea_is_an_error(tmp_path: Path) -> None:
    data = swedish_only()
    recipient(data, "hosting")["transfer"] = {"mechanism": "scc", "copy_at": "info@example.se"}
    recipient(data, "analytics")["onward_transfers"][0]["country"] = "DE"
    found = findings(tmp_path, data)
    assert [r for r, _, _ in found] == ["L-TR-2", "L-TR-2"]
    messages = " | ".join(m for _, _, m in found)
    assert "recipient 'hosting' is established and processes the data in the EU/EEA" in messages
    assert "the onward transfer to Google LLC stays in DE, in the EU/EEA, yet a transfer mechanism is given" in messages


def test_an_onward_adequacy_transfer_names_its_decision(tmp_path: Path) -> None:
    data = swedish_only()
    del recipient(data, "analytics")["onward_transfers"][0]["decision"]
    found = findings(tmp_path, data)
    assert [r for r, _, _ in found] == ["L-TR-2"]
    assert "does not state the adequacy decision" in found[0][2]


def test_a_joint_controller_recipient_carries_its_arrangement(tmp_path: Path) -> None:
    data = swedish_only()
    del recipient(data, "club_partner")["arrangement"]
    found = findings(tmp_path, data)
    assert [(r, s) for r, s, _ in found] == [("L-JC-1", "error")]
    assert "joint controller 'club_partner' has no arrangement" in found[0][2]
