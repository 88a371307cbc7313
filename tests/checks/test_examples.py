"""The two Jiji Boutique examples: the corrected one is clean, the 2019 one fails with exactly the documented gaps.

docs/jiji-boutique.md lists each fix the corrected example makes, with the rule
that `policygen check` reports on the 2019 version; its `rule` column is read
here and must equal the rules that check really reports.
"""

from __future__ import annotations

import re

import pytest

from generator.checks.findings import place
from generator.checks.registry import RULES, check_policy
from generator.cli import main
from generator.errors import display_path
from generator.sources.loading import load_policy
from tests.conftest import REPO

EXAMPLE = REPO / "policy_src" / "jiji-boutique"
EXAMPLE_2019 = REPO / "policy_src" / "jiji-boutique-2019"
FIXES_DOC = REPO / "docs" / "jiji-boutique.md"
NO_RULE = "—"


def documented_fixes() -> list[dict[str, str]]:
    """The rows of the table in docs/jiji-boutique.md that has a `rule` column."""
    lines = FIXES_DOC.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if "rule" in _cells(line)), None)
    assert start is not None, "docs/jiji-boutique.md has no table with a 'rule' column"
    header = _cells(lines[start])
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, _cells(line), strict=True)))
    return rows


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []


def test_corrected_example_passes_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(EXAMPLE)]) == 0
    assert "No findings" in capsys.readouterr().out


def test_2019_version_loads_and_check_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE_2019)]) == 1
    captured = capsys.readouterr()
    # loaded without a single load error: its gaps are findings; stderr only says which policy was checked
    assert captured.err.splitlines() == [f"Checking {display_path(EXAMPLE_2019)} (Jiji Boutique)"]
    assert "error: [L-PUR-1] purpose 'service_questions'" in captured.out


def test_2019_rules_are_exactly_the_documented_fixes() -> None:
    reported = {f.rule for f in check_policy(load_policy(EXAMPLE_2019).policy)}
    documented = {row["rule"] for row in documented_fixes()} - {NO_RULE}
    assert reported == documented, (
        f"reported but not documented: {sorted(reported - documented)}; "
        f"documented but not reported: {sorted(documented - reported)}"
    )


def test_every_fix_cites_an_article_and_a_known_rule() -> None:
    known = {rule.id for rule in RULES} | {NO_RULE}
    rows = documented_fixes()
    assert len(rows) >= 20
    for row in rows:
        assert row["rule"] in known, row
        assert re.search(r"Art\. \d|§", row["article"]), row
        assert row["fix"], row


def test_every_2019_finding_points_into_the_2019_sources() -> None:
    loaded = load_policy(EXAMPLE_2019)
    for placed in place(check_policy(loaded.policy), loaded.source_map):
        assert placed.position is not None, placed.finding
        assert placed.position.file.parent == EXAMPLE_2019, placed.finding


def test_both_versions_describe_the_same_processing() -> None:
    """The 2019 model and the corrected example have the same six activities, so the fixes compare like with like."""
    old = load_policy(EXAMPLE_2019).policy
    new = load_policy(EXAMPLE).policy
    # The corrected example adds what the seed never described: its logs, and staff and supplier contacts
    # (informed by their own notices, records only).
    added = {"logs", "staff", "supplier_contacts"}
    assert [a.id for a in old.activities] == [a.id for a in new.activities if a.id not in added]
    assert len(old.activities) == 6
    assert old.site.languages == ["sv"] and new.site.languages == ["sv", "en"]
    assert (old.controller.vat_number, old.controller.email) == (new.controller.vat_number, new.controller.email)
    # The corrected example is a later version: it cites acts of 2022 and 2023 (docs/jiji-boutique.md, Assumptions).
    assert (old.policy.version, str(old.policy.last_updated)) == ("1.0", "2019-11-10")
    assert (new.policy.version, str(new.policy.last_updated)) == ("2.0", "2025-01-15")


def test_assumptions_are_marked() -> None:
    text = FIXES_DOC.read_text(encoding="utf-8")
    assumptions = text[text.index("## Assumptions") :]
    for subject in ("VAT number", "phone", "countries", "Cookie names", "18-year", "policy URL", "Version and date"):
        assert subject in assumptions, subject
