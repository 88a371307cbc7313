"""The privacy page in real Chromium: accessible in both colour schemes, no horizontal scrolling, payloads inert.

Pages are served from 127.0.0.1 (tests/support/server.py); the `context`
fixture of conftest.py fails a test whose page reaches for another host.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.build import render_site
from tests.site.test_page import SCRIPT_PAYLOAD, poisoned_policy
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

PAGES = ["index.html", "en/index.html"]


@pytest.fixture(scope="module")
def example_server(built_example: Path) -> Iterator[StaticServer]:
    with serve_directory(built_example) as server:
        yield server


def _axe_report(results: Any) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_core_finds_no_violation(page: Any, example_server: StaticServer, path: str, scheme: str) -> None:
    """WCAG 2.x A/AA and axe's best practices, colour contrast included, with the banner showing as on a first visit."""
    page.emulate_media(color_scheme=scheme)
    page.goto(example_server.url + path)
    page.wait_for_load_state("load")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    results = Axe().run(page)
    assert results.violations_count == 0, _axe_report(results)


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_at_320_css_pixels(page: Any, example_server: StaticServer, path: str) -> None:
    """WCAG 1.4.10 reflow: 320 CSS px is a 1280 px window at 400 % zoom."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(example_server.url + path)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in a {widths[1]} px viewport"


@pytest.mark.parametrize("path", PAGES)
def test_text_at_200_percent_still_reflows(page: Any, example_server: StaticServer, path: str) -> None:
    """WCAG 1.4.4: doubled text size in a 640 px window (a 1280 px window at 200 % zoom) needs no sideways scrolling."""
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto(example_server.url + path)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in a {widths[1]} px viewport"
    font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert font_size >= 32


def test_the_table_of_contents_leads_to_its_sections(page: Any, example_server: StaticServer) -> None:
    page.goto(example_server.url + "index.html")
    page.get_by_role("navigation", name="Innehåll").get_by_role(
        "link", name="Kan du invända mot hur vi använder dina uppgifter?"
    ).click()
    assert page.url.endswith("#right-to-object")
    assert page.locator("#right-to-object h2").is_visible()


def test_the_language_switch_leads_to_the_english_page_and_back(page: Any, example_server: StaticServer) -> None:
    page.goto(example_server.url + "index.html")
    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy policy"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Svenska").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Integritetspolicy"


def test_the_page_requests_only_its_own_files(page: Any, example_server: StaticServer) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(example_server.url + "index.html")
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(example_server.url) for url in requested), requested


# --- escaping in the browser -------------------------------------------------------------


@pytest.fixture(scope="module")
def poisoned_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    """The whole site (page, banner, records) built from a policy whose every text field holds payloads."""
    root = tmp_path_factory.mktemp("poisoned")
    for relative, content in render_site(poisoned_policy()).items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    with serve_directory(root) as server:
        yield server


@pytest.mark.parametrize("path", PAGES)
def test_payloads_neither_run_nor_inject_elements_in_chromium(
    page: Any, poisoned_server: StaticServer, path: str
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(poisoned_server.url + path)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # folded links too
    for link in page.locator("main a").all()[:40]:
        link.hover()
    injected = page.evaluate(
        "document.querySelectorAll('img, svg, iframe, object, embed, [onerror], [onload], [onclick], [onmouseover]')"
        ".length"
    )
    assert injected == 0
    assert dialogs == []
    assert page.get_by_text(SCRIPT_PAYLOAD).count() > 0, "the payload is shown as text"
    assert errors == [], errors


def test_the_print_style_leaves_out_navigation_and_buttons_and_prints_link_targets(
    page: Any, example_server: StaticServer
) -> None:
    page.goto(example_server.url + "index.html")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "['.contents', '.language-switch', 'main .consent-settings']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    after = page.evaluate(
        "getComputedStyle(document.querySelector('a[href=\"mailto:info@jiji-boutique.se\"]'), '::after').content"
    )
    assert "mailto:info@jiji-boutique.se" in after
    assert page.locator("main").is_visible()


def test_the_cookie_settings_button_of_the_page_reopens_the_banner(page: Any, example_server: StaticServer) -> None:
    """After a choice the banner is gone; the page's own button brings its settings back (GDPR Art. 7(3))."""
    page.goto(example_server.url + "index.html")
    page.get_by_role("button", name="Avvisa alla").click()
    page.reload()
    assert page.get_by_role("button", name="Avvisa alla").count() == 0
    page.locator("#cookies").get_by_role("button", name="Inställningar för kakor").click()
    assert page.get_by_role("dialog").is_visible()
    assert page.get_by_role("checkbox", name="Statistik").is_checked() is False
