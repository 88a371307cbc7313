"""The bench's verdicts on the `check` and `scan` rows: which figures they use, and what they say."""

from __future__ import annotations

from bench.run import _met_wall_and_cpu
from bench.scan_bench import EXPECTED_FINDINGS, ScanFigures, scan_table
from bench.tables import text_table
from generator.scan.observations import ScanTiming


def test_a_ratio_row_is_met_only_when_wall_and_cpu_both_are() -> None:
    assert _met_wall_and_cpu(wall=True, cpu=True) == "yes"
    assert _met_wall_and_cpu(wall=False, cpu=True) == "CPU yes, wall **no**"
    assert _met_wall_and_cpu(wall=True, cpu=False) == "wall yes, CPU **no**"
    assert _met_wall_and_cpu(wall=False, cpu=False) == "**no**"


def test_the_scan_table_shows_wall_cpu_load_findings_and_the_settle_share() -> None:
    figures = ScanFigures(
        wall=[11.0, 13.0, 12.0],
        cpu=[17.0, 18.0, 17.5],
        findings=[list(EXPECTED_FINDINGS)] * 3,
        load=[1.5, 2.0, 1.0],
        timing=ScanTiming(runs=40.0, settle=10.0, discovery_wait=2.0),
    )
    text = text_table(scan_table(figures))
    assert "12.00 s; 11.00 s" in text  # median; fastest
    assert "17.50 s" in text
    assert "1.5, 2.0, 1.0" in text
    assert "5, the same in every run, as expected" in text
    assert "25% (10.0 s of 40.0 s, summed over the runs)" in text
    assert "5% (2.0 s of 40.0 s, summed over the runs)" in text
    assert figures.same_findings


def test_a_scan_that_finds_something_else_in_one_run_is_not_the_same() -> None:
    other = [*EXPECTED_FINDINGS, "S-NO-BANNER: Pages without the cookie banner."]
    findings = [list(EXPECTED_FINDINGS), other]
    figures = ScanFigures(wall=[10.0, 10.0], cpu=[15.0, 15.0], findings=findings, load=[1.0, 1.0])
    assert not figures.same_findings
    table = scan_table(figures)
    assert "**not the expected ones**" in text_table(table)
    assert "Differing from the expected: S-NO-BANNER: Pages without the cookie banner." in table.note
