"""`policygen scan` reads a page once it has settled, by observation: what a script does on a short timer
is seen, however slow the machine, and a script that polls forever does not hold the scan."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.scan.scan_site_edits import with_late_script
from tests.scan.test_scan import make_site, rules, scan_json, serving


@pytest.mark.browser
def test_a_cookie_set_on_a_short_timer_is_seen_in_every_run(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path, built_example, "late_script")
    with_late_script(site)
    with serving(site) as url:
        code, report = scan_json(url, capsys)
    assert code == 1
    assert rules(report) == {"S-UNDECLARED"}
    [finding] = report["findings"]
    assert 'cookie "jiji_late"' in finding["message"]
    # Seen on the page that sets it, in each run: the 0.95 s timer was waited for, the endless poll was not.
    first_seen = {s["run"] for s in finding["seen"] if urlsplit(s["page"]).path == "/produkter.html"}
    assert first_seen == {"untouched", "reject-all", "accept-all", "withdraw"}
    assert report["summary"]["deadline_reached"] is False
    assert report["not_reached"] == []
