"""The banner under attack, in real Chromium: races, Trusted Types, failing storage, double snippets.

Each test serves the banner test site (tests/fixtures/banner_site/) with the
banner as it ships, and asserts what the visitor and the page see: the banner,
the scripts that ran, the cookies left, the errors thrown to the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import brotli
import pytest

from generator.build import build
from generator.model import Policy
from tests.conftest import EXAMPLE
from tests.fixtures.banner_site.site import cookie_names, fixture_policy, ran_scripts, write_site
from tests.support.server import StaticServer, serve_directory

SIZE_LIMIT = 4_000
"""The banner's shipped consent.js + consent.css, each brotli quality 11, summed, stay under this."""


def settle(page: Any) -> None:
    """Wait until nothing new runs, is stored or is loaded for 200 ms (a hang guard, not a timing)."""
    seen = None
    for _ in range(100):
        now = page.evaluate("[(window.ranScripts || []).length, document.cookie, performance.getEntries().length]")
        if now == seen:
            return
        seen = now
        page.wait_for_timeout(200)
    raise AssertionError("the page never settled")


def page_errors(page: Any) -> list[str]:
    """Collects what the page sees thrown: uncaught exceptions and console errors."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    return errors


def with_policy(**fields: Any) -> Policy:
    """The fixture policy with top-level fields replaced, validated again like a loaded source."""
    policy = fixture_policy()
    return Policy.model_validate({**policy.model_dump(), **fields})


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", fixture_policy())) as server:
        yield server


# --- size ---------------------------------------------------------------------------


def test_shipped_banner_stays_under_4000_bytes_brotli(tmp_path: Path) -> None:
    """The example as built: consent.js and consent.css, each brotli 11, together under 4,000 bytes."""
    out = tmp_path / "dist"
    build(EXAMPLE, out)
    sizes = {
        name: len(brotli.compress((out / "consent" / name).read_bytes(), quality=11))
        for name in ("consent.js", "consent.css")
    }
    print(f"banner size, brotli 11: {sizes} total {sum(sizes.values())}")
    assert sum(sizes.values()) < SIZE_LIMIT, sizes


# --- texts --------------------------------------------------------------------------


@pytest.mark.browser
def test_a_label_with_dollar_patterns_is_shown_exactly_as_written(page: Any, tmp_path: Path) -> None:
    """String.replace would read "$&" and "$1" in a label as patterns; the visitor must see them as written."""
    label = {"sv": "Annonser $& och $1 $$ $'", "en": "Ads $& and $1 $$ $'"}
    categories = [
        {"id": "necessary", "required": True},
        {"id": "preferences"},
        {"id": "statistics"},
        {"id": "marketing", "label": label},
    ]
    errors = page_errors(page)
    with serve_directory(write_site(tmp_path / "site", with_policy(consent_categories=categories))) as server:
        page.goto(server.url)
        settle(page)
        placeholder = page.locator(".consent-placeholder")
        assert placeholder.locator("p").inner_text() == (
            "Det här innehållet kräver ditt samtycke till kategorin ”Annonser $& och $1 $$ $'”."
        )
        assert placeholder.locator("button").inner_text() == "Tillåt ”Annonser $& och $1 $$ $'”"
        page.locator('[data-consent-action="customize"]').click()
        assert page.locator(".consent-dialog summary").first.inner_text() == "Kakor och lagring (1)"
    assert errors == []
