"""The banner asks again exactly when consent is affected (docs/history.md), in real Chromium.

A visitor chooses on the test site; the site is then rebuilt from a changed policy and visited
again. A text edit keeps every choice; a new marketing cookie asks again only the visitors who
granted marketing; `reconsent` asks everyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.model import Policy
from generator.site.banner_config import build_consent_config
from tests.banner.test_banner import banner, choose, stored_choice, visit
from tests.fixtures.banner_site.site import fixture_policy, ran_scripts, write_site
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

STATISTICS_SCRIPTS = ["gtag-library", "gtag-config", "statistics", "statistics-inline:true"]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", fixture_policy())) as server:
        yield server


def _changed(**fields: Any) -> Policy:
    policy = fixture_policy()
    return Policy.model_validate({**policy.model_dump(), **fields})


def _text_edit() -> Policy:
    """Every marketing item's description reworded: nothing the visitor consented to."""
    policy = fixture_policy()
    cookies = [c.model_dump() for c in policy.cookies]
    for cookie in cookies:
        if cookie["category"] == "marketing":
            cookie["description"] = {"sv": "Samma kaka, beskriven med andra ord.", "en": "The same cookie, reworded."}
    return _changed(cookies=cookies)


def _new_marketing_cookie() -> Policy:
    policy = fixture_policy()
    new = {"name": "_ads_new", "category": "marketing", "duration": "P30D", "description": {"sv": "Ny annonskaka."}}
    return _changed(cookies=[*[c.model_dump() for c in policy.cookies], new])


def _revisit_after(page: Any, site: StaticServer, policy: Policy) -> None:
    write_site(Path(site.root), policy)
    page.evaluate("window.ranScripts = []")
    visit(page, site.url)


def _grant_statistics_only(page: Any) -> None:
    """A visitor who refused marketing and granted statistics (through the settings' API, a choice like a click)."""
    page.evaluate("policygenConsent.set({statistics: true, marketing: false})")
    visit(page, page.url)


def test_a_text_edit_keeps_the_revision_and_the_choice(page: Any, context: Any, site: StaticServer) -> None:
    before = build_consent_config(fixture_policy())
    after = build_consent_config(_text_edit())
    assert [c["revision"] for c in after["categories"]] == [c["revision"] for c in before["categories"]]

    visit(page, site.url)
    choose(page, "accept-all")
    _revisit_after(page, site, _text_edit())

    assert banner(page).count() == 0 or not banner(page).is_visible()
    assert "marketing:kept" in ran_scripts(page), "the stored consent to marketing still holds"
    assert stored_choice(context)["categories"] == ["necessary", "preferences", "statistics", "marketing"]


def test_a_new_marketing_cookie_asks_again_a_visitor_who_granted_marketing(page: Any, site: StaticServer) -> None:
    before = {c["id"]: c["revision"] for c in build_consent_config(fixture_policy())["categories"]}
    after = {c["id"]: c["revision"] for c in build_consent_config(_new_marketing_cookie())["categories"]}
    assert [i for i in before if before[i] != after[i]] == ["marketing"]

    visit(page, site.url)
    choose(page, "accept-all")
    _revisit_after(page, site, _new_marketing_cookie())

    assert banner(page).is_visible(), "asked again: what they granted has changed"
    assert ran_scripts(page) == [], "nothing optional runs until they choose again"


def test_a_new_marketing_cookie_keeps_the_choice_of_a_visitor_who_refused_marketing(
    page: Any, context: Any, site: StaticServer
) -> None:
    visit(page, site.url)
    _grant_statistics_only(page)
    assert ran_scripts(page) == STATISTICS_SCRIPTS
    _revisit_after(page, site, _new_marketing_cookie())

    assert not banner(page).is_visible(), "not asked: marketing, which changed, was refused"
    assert ran_scripts(page) == STATISTICS_SCRIPTS, "their consent to statistics still holds"
    assert stored_choice(context)["categories"] == ["necessary", "statistics"]


@pytest.mark.parametrize("first_choice", ["accept-all", "reject-all"])
def test_reconsent_asks_every_visitor_again(page: Any, site: StaticServer, first_choice: str) -> None:
    visit(page, site.url)
    choose(page, first_choice)
    _revisit_after(page, site, _changed(reconsent="2026-03-01"))

    assert banner(page).is_visible()
    assert ran_scripts(page) == []
