"""In real Chromium: a localStorage key that is no cookie name (`/.__palette`) is declared, told and cleared.

The banner shows its lifetime as it is ("tills du rensar den": localStorage has
no expiry) and removes exactly that key when the visitor refuses its category.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.model import Cookie, Policy
from tests.fixtures.banner_site.site import fixture_policy, storage_keys, write_site
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

PALETTE = Cookie(
    name="/.__palette",
    storage="local_storage",
    category="preferences",
    purpose="remember_settings",
    description={"sv": "Kommer ihåg vilken färgpalett du har valt."},
    duration="until_cleared",
    third_party_access=False,
)


def policy_with_palette() -> Policy:
    policy = fixture_policy()
    return policy.model_copy(update={"cookies": [*policy.cookies, PALETTE]})


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", policy_with_palette())) as server:
        yield server


def test_a_storage_key_of_any_text_is_told_until_cleared_and_removed_on_refusal(page: Any, site: StaticServer) -> None:
    page.goto(site.url)
    page.evaluate("localStorage.setItem('/.__palette', 'dark'); localStorage.setItem('unrelated', 'kept')")
    page.locator('[data-consent-action="customize"]:visible').first.click()
    assert "Lagringstid: tills du rensar den" in page.content()  # the item's line in the settings
    page.locator('[data-consent-action="save"]:visible').first.click()
    page.wait_for_function("localStorage.getItem('/.__palette') === null", timeout=10_000)
    assert "local:/.__palette" not in storage_keys(page)
    assert "local:unrelated" in storage_keys(page), "only the declared key is removed"
