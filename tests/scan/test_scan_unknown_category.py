"""`policygen scan` warns about a script or iframe held for a consent category the policy does not have
(S-UNKNOWN-CATEGORY): the banner never releases it, so a copied `data-consent="preferences"` map is dead."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.model import Policy
from generator.scan.findings import judge
from generator.scan.observations import HeldElement, Phase, Run, ScanRecord, Sighting
from generator.sources.loading import load_policy
from tests.integrations.support import SOURCE
from tests.scan.test_scan import make_site, rules, scan_json, serving


@pytest.mark.browser
def test_elements_held_for_a_category_the_policy_lacks_are_named_with_their_page(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path, built_example, "unknown_category")
    with serving(site) as url:
        code, report = scan_json(url, capsys)
    assert code == 0  # a warning: nothing is stored without consent, the scan passes
    assert rules(report) == {"S-UNKNOWN-CATEGORY"}, report["findings"]
    found = {finding["message"].split(":")[0]: finding for finding in report["findings"]}
    assert set(found) == {'A <iframe> with data-consent="preferences"', 'A <script> with data-consent="analytics"'}
    for finding in found.values():
        assert finding["severity"] == "warning"
        assert "necessary, recommendations, statistics" in finding["message"]
        assert "so it never releases it" in finding["message"]
        assert {(urlsplit(s["page"]).path, s["run"]) for s in finding["seen"]} == {("/konto.html", "untouched")}
    # The page's own categories, also statistics and recommendations on the same page, are not reported.
    assert not any('"statistics"' in f["message"].split(":")[0] for f in report["findings"])


def test_the_policys_categories_and_necessary_are_known(example: Policy) -> None:
    record = ScanRecord("https://shop.test/", "shop.test")
    seen = Sighting(Run.untouched, Phase.before_choice, "https://shop.test/")
    record.held += [
        HeldElement("script", category, seen) for category in ("necessary", "statistics", "recommendations")
    ]
    record.held += [HeldElement("iframe", "marketing", seen), HeldElement("iframe", "marketing", seen)]
    [finding] = [f for f in judge(record, example) if f.rule == "S-UNKNOWN-CATEGORY"]
    assert finding.message.startswith('A <iframe> with data-consent="marketing": the banner offers no category')
    assert finding.seen == (seen,)
    assert "one of necessary, recommendations, statistics" in finding.fix


def test_a_default_category_without_cookies_is_not_offered_so_it_is_reported() -> None:
    """Without consent_categories the banner offers necessary and the defaults that hold a cookie: a map held
    for "preferences" on a site whose only cookie is statistics is never released (the MkDocs docs' example)."""
    policy = load_policy(SOURCE).policy
    record = ScanRecord("https://shop.test/", "shop.test")
    seen = Sighting(Run.untouched, Phase.before_choice, "https://shop.test/karta/")
    record.held += [HeldElement("iframe", "preferences", seen), HeldElement("script", "statistics", seen)]
    [finding] = [f for f in judge(record, policy) if f.rule == "S-UNKNOWN-CATEGORY"]
    assert finding.message.startswith('A <iframe> with data-consent="preferences": the banner offers no category')
    assert "(only necessary, statistics)" in finding.message
