"""The banner for every visitor: axe-core, keyboard only, small screens and zoom."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.fixtures.banner_site.site import fixture_policy, ran_scripts, write_site
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", fixture_policy())) as server:
        yield server


def axe_report(results: Any) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [node["target"] for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


def open_settings(page: Any) -> Any:
    page.locator('.consent-banner [data-consent-action="customize"]').click()
    dialog = page.locator("dialog.consent-dialog")
    dialog.wait_for(state="visible")
    return dialog


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_either_layer(page: Any, site: StaticServer, scheme: str) -> None:
    """WCAG 2.x A/AA and axe's best practices, colour contrast included; the cookie lists open."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url)
    page.locator(".consent-banner").wait_for()  # once the config has arrived

    first = Axe().run(page)
    assert first.violations_count == 0, axe_report(first)

    dialog = open_settings(page)
    for summary in dialog.locator("summary").all():
        summary.click()
    second = Axe().run(page)
    assert second.violations_count == 0, axe_report(second)


def test_layers_are_labelled(page: Any, site: StaticServer) -> None:
    page.goto(site.url)
    page.locator(".consent-banner").wait_for()  # once the config has arrived
    assert page.get_by_role("region", name="Vi använder kakor (cookies)").is_visible()
    open_settings(page)
    dialog = page.get_by_role("dialog", name="Inställningar för kakor")
    assert dialog.is_visible()
    assert dialog.get_by_role("checkbox", name="Statistik").is_visible()
    assert dialog.get_by_role("checkbox", name="Nödvändiga (alltid aktiva)").is_disabled()


def focused(page: Any) -> str:
    """The focused element, as a short description."""
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.tagName.toLowerCase() + ':' + (e.dataset.consentAction || e.dataset.consentCategory"
        " || e.textContent.trim().slice(0, 40)) })()"
    )


def test_keyboard_only_walk_through(page: Any, context: Any, site: StaticServer) -> None:
    page.goto(site.url)
    page.locator(".consent-banner").wait_for()  # once the config has arrived

    # The banner comes first in the tab order: its link, then the three choices.
    page.keyboard.press("Tab")
    assert focused(page) == "a:Läs mer i vår integritetspolicy"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "visible focus"
    for expected in ("accept-all", "reject-all", "customize"):
        page.keyboard.press("Tab")
        assert focused(page) == f"button:{expected}"

    # Enter opens the settings; focus moves into the dialog and stays there.
    page.keyboard.press("Enter")
    assert page.locator("dialog.consent-dialog").is_visible()
    inside = "document.querySelector('dialog.consent-dialog').contains(document.activeElement)"
    for _ in range(25):
        page.keyboard.press("Tab")
        assert page.evaluate(inside), f"focus left the dialog at {focused(page)}"
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(inside), f"focus left the dialog at {focused(page)}"

    # Escape closes it and focus returns to the control that opened it.
    page.keyboard.press("Escape")
    assert page.locator("dialog.consent-dialog").is_hidden()
    assert focused(page) == "button:customize"

    # Reopen, tick statistics with Space, save with Enter.
    page.keyboard.press("Enter")
    while focused(page) != "input:statistics":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    while focused(page) != "button:save":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("window.ranScripts.includes('statistics')")

    assert page.locator("dialog.consent-dialog").is_hidden()
    assert page.locator(".consent-banner").is_hidden()
    assert "statistics" in ran_scripts(page)
    assert "marketing:kept" not in ran_scripts(page)

    # The page's own settings control reopens the dialog from the keyboard, and focus returns to it.
    page.get_by_role("button", name="Inställningar för kakor").focus()
    page.keyboard.press("Enter")
    assert page.locator("dialog.consent-dialog").is_visible()
    assert page.locator('input[data-consent-category="statistics"]').is_checked(), "the settings show the choice"
    page.keyboard.press("Escape")
    assert focused(page) == "button:open", "back on the page's own control"


@pytest.mark.parametrize(("width", "height"), [(320, 640), (640, 360)], ids=["320 px", "200 % zoom of 1280×720"])
def test_small_screens_and_zoom_need_no_horizontal_scrolling(
    page: Any, site: StaticServer, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url)
    page.locator(".consent-banner").wait_for()  # once the config has arrived

    no_horizontal_scroll = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    assert page.evaluate(no_horizontal_scroll)
    banner = page.locator(".consent-banner")
    assert banner.bounding_box()["height"] <= height * 0.6 + 1, "the page stays visible above the banner"
    assert banner.evaluate("e => e.scrollWidth <= e.clientWidth")

    dialog = open_settings(page)
    for summary in dialog.locator("summary").all():
        summary.click()
    assert dialog.evaluate("e => e.scrollWidth <= e.clientWidth"), "long cookie names wrap"
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # Every control can be reached: the dialog scrolls.
    save = dialog.locator('[data-consent-action="save"]')
    save.scroll_into_view_if_needed()
    save.click()
    assert dialog.is_hidden()
