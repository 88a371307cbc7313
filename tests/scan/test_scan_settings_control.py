"""`policygen scan` warns about pages where, after a choice, nothing visible reopens the cookie settings
(S-NO-REOPEN, L-BAN-4); every control the banner opens its settings from counts, one it inserts itself too."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.model import Policy
from generator.scan.findings import judge
from generator.scan.observations import BannerProbe, PageVisit, Run, ScanRecord
from tests.scan.scan_site_edits import with_floating_settings_only, without_settings_control
from tests.scan.test_scan import make_site, rules, scan_json, serving


def no_reopen(report: dict) -> list[dict]:
    return [finding for finding in report["findings"] if finding["rule"] == "S-NO-REOPEN"]


@pytest.mark.browser
def test_pages_without_a_visible_settings_control_are_named(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """produkter.html has no control, konto.html hides its one in a closed menu; the start page's
    data-consent-action="customize" link counts (the banner opens its settings from it)."""
    site = make_site(tmp_path, built_example)
    without_settings_control(site)
    with serving(site) as url:
        code, report = scan_json(url, capsys)
    assert code == 0  # a warning: the scan still passes
    assert rules(report) == {"S-NO-REOPEN"}
    [finding] = no_reopen(report)
    assert finding["severity"] == "warning"
    # Every run after a choice, on exactly the two pages; not before any choice (the banner is up then).
    assert {(urlsplit(s["page"]).path, s["run"]) for s in finding["seen"]} == {
        (page, run) for page in ("/produkter.html", "/konto.html") for run in ("reject-all", "accept-all", "withdraw")
    }
    assert "On 1 of them there is one, but it is hidden" in finding["message"]
    assert 'data-consent-action="open"' in finding["fix"]
    assert "L-BAN-4" in finding["rests_on"]
    # The withdrawal went through the start page's "customize" link: nothing of statistics was left behind.
    items = {(item["kind"], item["name"]): item for item in report["items"]}
    assert items[("cookie", "_ga")]["phases"] == ["after-accept"]


@pytest.mark.browser
def test_a_floating_settings_button_inserted_after_load_counts(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No footer control anywhere, but a script adds a floating one 0.2 s after load, as the banner's own
    floating button is added: no finding, and the withdraw run reopens the settings with it."""
    site = make_site(tmp_path, built_example, "floating_settings")
    with_floating_settings_only(site)
    with serving(site) as url:
        code, report = scan_json(url, capsys)
    assert report["findings"] == [], [(f["rule"], f["seen"]) for f in report["findings"]]
    assert code == 0
    items = {(item["kind"], item["name"]): item for item in report["items"]}
    assert items[("cookie", "_ga")]["phases"] == ["after-accept"]


def visit(run: Run, page: str, *, reopen: bool, hidden: bool = False, shown: bool = False) -> PageVisit:
    return PageVisit(run, page, BannerProbe(shown, shown, reopen, hidden_reopen_control=hidden))


def test_the_warning_counts_pages_after_a_choice_only(example: Policy) -> None:
    record = ScanRecord("https://shop.test/", "shop.test")
    record.visits += [
        visit(Run.untouched, "https://shop.test/", reopen=False, shown=True),  # before a choice: the banner asks
        visit(Run.accept_all, "https://shop.test/", reopen=True),
        visit(Run.accept_all, "https://shop.test/a", reopen=False),
        visit(Run.reject_all, "https://shop.test/a", reopen=False, hidden=True),
    ]
    [finding] = [f for f in judge(record, example) if f.rule == "S-NO-REOPEN"]
    assert {(s.run, s.page) for s in finding.seen} == {
        (Run.accept_all, "https://shop.test/a"),
        (Run.reject_all, "https://shop.test/a"),
    }
    assert "On 1 of them there is one, but it is hidden" in finding.message

    record.visits = [visit(run, "https://shop.test/", reopen=True) for run in Run]
    assert [f for f in judge(record, example) if f.rule == "S-NO-REOPEN"] == []
