"""The stable snippet in real Chromium with real caching: the config comes from consent/config.json.

The browser context here has no request routing (Playwright's routing turns the
HTTP cache off); Chromium's own loopback-only host rules keep it on the machine,
and each test asserts that no request left 127.0.0.1. The site is served as a
host would serve it: with the headers docs/banner.md recommends, or with only
Last-Modified, the files 30 days old, so a browser may keep them unasked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from generator.model import Policy
from tests.fixtures.banner_site.site import BLOCKED_SCRIPTS_IN_ORDER, fixture_policy, ran_scripts, write_site
from tests.support.caching_server import Caching, CachingServer, serve_with_caching

pytestmark = pytest.mark.browser

CONFIG = "/consent/config.json"
MONTH_AGO = time.time() - 30 * 24 * 3600


def with_new_statistics_cookie(policy: Policy) -> Policy:
    """A change that affects consent: one more statistics cookie (a new revision)."""
    data = policy.model_dump()
    data["cookies"].append(
        {
            **next(c for c in data["cookies"] if c["name"] == "_stats"),
            "name": "_stats_new",
            "description": {"sv": "En ny kaka för statistik."},
        }
    )
    return Policy.model_validate(data)


def with_new_version(policy: Policy) -> Policy:
    """A change that does not affect consent: the policy version."""
    data = policy.model_dump()
    data["policy"]["version"] = "3.3"
    return Policy.model_validate(data)


def age_files(root: Path) -> None:
    """Make every file of the site 30 days old, as on a site deployed a month ago."""
    for path in root.rglob("*"):
        os.utime(path, (MONTH_AGO, MONTH_AGO))


@pytest.fixture
def cached_context(browser: Any) -> Iterator[Any]:
    """A context with the browser's HTTP cache on; no request may leave the machine."""
    context = browser.new_context()
    away: list[str] = []
    context.on("request", lambda r: None if urlparse(r.url).hostname == "127.0.0.1" else away.append(r.url))
    yield context
    context.close()
    assert away == [], f"requests left the machine: {away}"


@pytest.fixture
def errors() -> list[str]:
    return []


def open_page(context: Any, url: str, errors: list[str]) -> Any:
    """A new tab on `url`, once the banner has its config and has applied the choice."""
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("window.policygenConsent !== undefined")
    page.wait_for_load_state("networkidle")
    return page


def serve(tmp_path: Path, caching: Caching) -> Iterator[CachingServer]:
    root = write_site(tmp_path / "site", fixture_policy())
    age_files(root)
    with serve_with_caching(root, caching) as server:
        yield server


@pytest.fixture
def recommended(tmp_path: Path) -> Iterator[CachingServer]:
    yield from serve(tmp_path, "recommended")


@pytest.fixture
def last_modified_only(tmp_path: Path) -> Iterator[CachingServer]:
    yield from serve(tmp_path, "last_modified")


def bodies(server: CachingServer, since: int) -> list[int]:
    """Body bytes of each config answer after log entry `since` (a 304 counts as 0)."""
    return [size for path, _, size in server.log[since:] if path == CONFIG]


# --- with the recommended headers ----------------------------------------------------------------


def test_first_view_fetches_the_config_once_through_the_preload(
    cached_context: Any, recommended: CachingServer, errors: list[str]
) -> None:
    page = open_page(cached_context, recommended.url, errors)

    assert page.locator("section.consent-banner").is_visible()
    assert recommended.answers(CONFIG) == [(200, (recommended.root / "consent" / "config.json").stat().st_size)], (
        "one request: the banner's fetch used the preloaded response"
    )
    preload = page.evaluate(f"performance.getEntriesByName(new URL({CONFIG!r}, location).href)[0].initiatorType")
    assert preload == "link", "the request was the snippet's preload"
    assert errors == []


def test_repeat_view_transfers_no_config_and_a_changed_policy_asks_again(
    cached_context: Any, recommended: CachingServer, errors: list[str]
) -> None:
    page = open_page(cached_context, recommended.url, errors)
    page.locator('[data-consent-action="accept-all"]').click()
    page.wait_for_function(f"window.ranScripts.length === {len(BLOCKED_SCRIPTS_IN_ORDER)}")
    page.close()

    mark = len(recommended.log)
    page = open_page(cached_context, recommended.url, errors)
    assert bodies(recommended, mark) == [0], "a repeat view: a 304, no config body"
    assert recommended.answers(CONFIG)[-1][0] == 304
    assert page.locator("section.consent-banner").count() == 0, "the stored choice holds"
    page.wait_for_function(f"window.ranScripts.length === {len(BLOCKED_SCRIPTS_IN_ORDER)}")
    page.close()

    write_site(recommended.root, with_new_statistics_cookie(fixture_policy()))  # the deploy of a rebuild
    mark = len(recommended.log)
    page = open_page(cached_context, recommended.url, errors)
    assert bodies(recommended, mark) and bodies(recommended, mark)[-1] > 0, "the new config on the next view"
    assert page.locator("section.consent-banner").is_visible(), "a change that affects consent asks again"
    assert ran_scripts(page) == [], "and nothing optional runs before the new choice"
    assert errors == []


def test_a_change_that_does_not_affect_consent_arrives_and_keeps_the_choice(
    cached_context: Any, recommended: CachingServer, errors: list[str]
) -> None:
    page = open_page(cached_context, recommended.url, errors)
    page.locator('[data-consent-action="reject-all"]').click()
    page.close()

    write_site(recommended.root, with_new_version(fixture_policy()))
    mark = len(recommended.log)
    page = open_page(cached_context, recommended.url, errors)
    assert bodies(recommended, mark)[-1] > 0, "the new config arrived"
    assert page.evaluate("fetch('consent/config.json').then((r) => r.json()).then((c) => c.policy_version)") == "3.3"
    assert page.locator("section.consent-banner").count() == 0, "the choice still holds"
    assert ran_scripts(page) == []
    assert errors == []


def test_a_page_one_folder_down_fetches_the_config_next_to_the_script(
    cached_context: Any, recommended: CachingServer, errors: list[str]
) -> None:
    page = open_page(cached_context, recommended.url + "shop/item.html", errors)

    assert page.locator("section.consent-banner").is_visible()
    assert page.locator("section.consent-banner").get_by_role("button").first.inner_text() == "Accept all"
    assert [path for path, _, _ in recommended.log if path.endswith("config.json")] == [CONFIG]
    assert errors == []


# --- with a server that sends only Last-Modified -------------------------------------------------


def test_with_only_last_modified_a_changed_policy_still_reaches_the_next_view(
    cached_context: Any, last_modified_only: CachingServer, errors: list[str]
) -> None:
    server = last_modified_only
    page = open_page(cached_context, server.url, errors)
    page.locator('[data-consent-action="accept-all"]').click()
    page.wait_for_function(f"window.ranScripts.length === {len(BLOCKED_SCRIPTS_IN_ORDER)}")
    page.close()

    mark = len(server.log)
    page = open_page(cached_context, server.url, errors)
    assert bodies(server, mark) == [0], "the banner asked again with revalidation: a 304, no body"
    assert page.locator("section.consent-banner").count() == 0
    page.close()

    write_site(server.root, with_new_statistics_cookie(fixture_policy()))
    mark = len(server.log)
    page = open_page(cached_context, server.url, errors)
    assert (CONFIG, 200) in [(path, status) for path, status, _ in server.log[mark:]], "the new config"
    assert page.locator("section.consent-banner").is_visible(), "asked again"
    assert ran_scripts(page) == []
    assert errors == []


# --- failing closed ----------------------------------------------------------------------------


def test_without_a_config_nothing_optional_runs_and_nothing_is_shown(
    cached_context: Any, recommended: CachingServer
) -> None:
    (recommended.root / "consent" / "config.json").unlink()
    page = cached_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(recommended.url)
    page.wait_for_load_state("networkidle")

    assert {status for status, _ in recommended.answers(CONFIG)} == {404}
    assert page.locator(".consent-ui").count() == 0
    assert ran_scripts(page) == []
    assert page.locator("iframe[data-consent]").get_attribute("src") is None
    assert cached_context.cookies() == []
    assert errors == [], "no uncaught error either"
