"""The opt-in floating settings button, for sites that cannot put a control in their footer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.model import Policy
from generator.site.banner_config import build_banner_config, build_consent_config, consent_head_tags
from tests.fixtures.banner_site.site import fixture_policy, write_site
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser

BARE_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Utan egen knapp</title>
{head}
</head>
<body>
<main>
<h1>En sida utan egen knapp för kakor</h1>
<p><a href="#a">Första länken</a> och <a href="#b">andra länken</a>.</p>
</main>
</body>
</html>
"""


def with_button(setting: str) -> Policy:
    data = fixture_policy().model_dump()
    data["site"]["banner"] = {"settings_button": setting}
    return Policy.model_validate(data)


def bare_site(tmp_path: Path, policy: Policy) -> Path:
    root = write_site(tmp_path / "site", policy)
    (root / "bare.html").write_text(
        BARE_PAGE.format(head=consent_head_tags(build_banner_config(policy), "")), encoding="utf-8"
    )
    return root


def test_the_floating_button_opens_the_settings_and_is_reached_by_keyboard(page: Any, tmp_path: Path) -> None:
    policy = with_button("floating")
    name = build_consent_config(policy)["texts"]["sv"]["settings_title"]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_directory(bare_site(tmp_path, policy)) as server:
        page.goto(server.url + "bare.html")
        page.locator(".consent-banner").wait_for()
        button = page.get_by_role("button", name=name, include_hidden=True)
        assert button.count() == 1
        assert not button.is_visible(), "hidden while the first layer asks"

        page.locator('[data-consent-action="reject-all"]').click()
        assert page.get_by_role("button", name=name).is_visible(), "then shown, named as the withdraw text says"
        assert button.evaluate("e => getComputedStyle(e.parentElement).position") == "fixed", "it floats"
        axe = Axe().run(page)
        assert axe.violations_count == 0, axe.response["violations"]

        # Keyboard only: Tab from the top of the page reaches it.
        page.evaluate("document.activeElement.blur()")
        for _ in range(10):
            page.keyboard.press("Tab")
            if button.evaluate("e => e === document.activeElement"):
                break
        assert button.evaluate("e => e === document.activeElement"), "reached by Tab"
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.consent-dialog")
        assert dialog.is_visible(), "it opens the settings"
        assert page.locator('input[data-consent-category="statistics"]').is_checked() is False, "the current choice"
        page.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert button.evaluate("e => e === document.activeElement"), "focus returns to it"
    assert errors == []


def test_without_the_option_no_button_is_added(page: Any, tmp_path: Path) -> None:
    with serve_directory(bare_site(tmp_path, with_button("none"))) as server:
        page.goto(server.url + "bare.html")
        page.locator(".consent-banner").wait_for()
        page.locator('[data-consent-action="reject-all"]').click()
        assert page.locator('[data-consent-action="open"]').count() == 0
        assert page.locator(".consent-settings-button").count() == 0


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="settings_button"):
        with_button("sidebar")


def test_with_nothing_to_ask_no_banner_no_button_and_no_cookie(page: Any, tmp_path: Path) -> None:
    """Only necessary cookies: the banner asks nothing, adds no floating button, and stores no choice even when
    a site's own control opens the settings and the visitor saves."""
    data = with_button("floating").model_dump()
    data.pop("consent_categories")  # the default categories: only those that hold an item are offered
    data["cookies"] = [c for c in data["cookies"] if c["category"] == "necessary"]
    policy = Policy.model_validate(data)
    with serve_directory(bare_site(tmp_path, policy)) as server:
        page.goto(server.url + "bare.html")
        page.wait_for_load_state("load")
        assert page.locator(".consent-banner").count() == 0
        assert page.locator(".consent-settings-button").count() == 0
        page.evaluate("window.policygenConsent.open()")
        page.locator("dialog.consent-dialog").wait_for()
        page.locator('dialog.consent-dialog [data-consent-action="save"]').click()
        assert "consent=" not in page.evaluate("document.cookie")
