"""Content added after load gets the visitor's current choice: a History-API page swap, and apply(root).

`spa.html` of the test site replaces its <main> with a template's content on a click,
with `history.pushState`, as client-side navigation does: new blocked scripts and a
new blocked iframe appear after the banner has started.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.banner_site.site import fixture_policy, ran_scripts, write_site
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types policygen"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", fixture_policy())) as server:
        yield server


@pytest.fixture
def errors(page: Any) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(f"pageerror: {error}"))
    page.on("console", lambda message: found.append(f"console: {message.text}") if message.type == "error" else None)
    return found


def settle(page: Any) -> None:
    """Wait until released scripts have run: nothing new for 200 ms."""
    seen = None
    while True:
        now = page.evaluate("[(window.ranScripts || []).length, document.cookie, performance.getEntries().length]")
        if now == seen:
            return
        seen = now
        page.wait_for_timeout(200)


def open_spa(page: Any, site: StaticServer) -> None:
    page.goto(site.url + "spa.html")
    page.wait_for_function("window.policygenConsent !== undefined")
    settle(page)


def swap(page: Any) -> None:
    """Go to the next 'page' the client-side way."""
    page.get_by_role("link", name="Nästa sida").click()
    page.wait_for_function("window.swapped === true")
    settle(page)


def choose(page: Any, action: str) -> None:
    page.locator(f'[data-consent-action="{action}"]:visible').first.click()
    settle(page)


def next_frame(page: Any) -> Any:
    return page.locator('iframe[title="Video på nästa sida"]')


def test_after_consent_scripts_and_embeds_of_swapped_in_content_run(
    page: Any, site: StaticServer, errors: list[str]
) -> None:
    open_spa(page, site)
    choose(page, "accept-all")
    assert ran_scripts(page) == []

    swap(page)

    assert page.url.endswith("spa.html?sida=2"), "the History API changed the address, no reload"
    assert ran_scripts(page) == ["spa-statistics", "spa-marketing-inline"], "each once, in document order"
    assert next_frame(page).get_attribute("src") == "embed/video.html"
    assert next_frame(page).is_visible()
    assert page.locator(".consent-placeholder").count() == 0
    assert errors == []


def test_after_refusal_swapped_in_content_stays_blocked(page: Any, site: StaticServer, errors: list[str]) -> None:
    open_spa(page, site)
    choose(page, "reject-all")

    swap(page)

    assert ran_scripts(page) == []
    assert next_frame(page).get_attribute("src") is None
    placeholder = page.locator(".consent-placeholder")
    assert placeholder.count() == 1
    assert "Video på nästa sida" in placeholder.inner_text(), "the placeholder names the embed"

    # Allowing from the new placeholder releases the new embed, and only marketing's script.
    placeholder.get_by_role("button").click()
    settle(page)
    assert next_frame(page).get_attribute("src") == "embed/video.html"
    assert ran_scripts(page) == ["spa-marketing-inline"]
    assert errors == []


def test_before_a_choice_swapped_in_content_waits_for_it(page: Any, site: StaticServer, errors: list[str]) -> None:
    open_spa(page, site)
    swap(page)
    assert ran_scripts(page) == []
    assert page.locator(".consent-placeholder").count() == 1

    choose(page, "accept-all")
    assert ran_scripts(page) == ["spa-statistics", "spa-marketing-inline"]
    assert errors == []


def test_apply_releases_content_the_observer_cannot_see_with_the_same_grant_check(
    page: Any, site: StaticServer, errors: list[str]
) -> None:
    """A shadow root is outside the document's observer: apply(root) does it on demand."""
    open_spa(page, site)
    choose(page, "reject-all")
    page.evaluate("window.refusedShadow = addShadowContent(); policygenConsent.apply(refusedShadow)")
    settle(page)
    assert ran_scripts(page) == [], "refused: apply runs nothing"

    choose(page, "open")
    page.locator('.consent-dialog [data-consent-action="accept-all"]').click()
    settle(page)
    page.evaluate("window.grantedShadow = addShadowContent()")
    settle(page)
    assert "shadow-statistics" not in ran_scripts(page), "the observer does not see into the shadow root"
    page.evaluate("policygenConsent.apply(grantedShadow)")
    settle(page)
    assert ran_scripts(page).count("shadow-statistics") == 1
    page.evaluate("policygenConsent.apply(grantedShadow)")
    settle(page)
    assert ran_scripts(page).count("shadow-statistics") == 1, "applying again runs nothing twice"
    assert errors == []


def test_under_trusted_types_swapped_in_scripts_run_through_the_policy(page: Any, tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", fixture_policy())
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: violations.append(str(error)))
    with serve_directory(root, lambda path: {"Content-Security-Policy": TRUSTED_TYPES}) as server:
        open_spa(page, server)
        swap(page)
        # Chromium reports the page's own clone of an inline script (a text it did not get through a policy)
        # when the page inserts it, before any choice: the page's doing, not the banner's.
        assert all("TrustedScript" in violation for violation in violations), violations
        violations.clear()
        choose(page, "accept-all")
        assert ran_scripts(page) == ["spa-statistics", "spa-marketing-inline"]
    assert violations == [], "releasing them took the banner's policy only"
