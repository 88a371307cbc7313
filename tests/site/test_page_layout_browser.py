"""The layered privacy page in Chromium at a phone's and a laptop's size: it fits, it folds, it prints.

The cookie table fits its column at 1280 px (it was 835 px wide in a
672 px column), its rows stack under 600 px, nothing scrolls sideways at 390 px,
axe finds nothing with every `<details>` open, and a printout shows the folded
details. Served from 127.0.0.1 (tests/support/server.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

PAGES = ["index.html", "en/index.html"]
VIEWPORTS = [(390, 600), (390, 844), (1280, 800)]


@pytest.fixture(scope="module")
def example_server(built_example: Path) -> Iterator[StaticServer]:
    with serve_directory(built_example) as server:
        yield server


def _open(page: Any, server: StaticServer, path: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server.url + path)
    page.wait_for_load_state("load")


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_and_the_cookie_table_fits_its_column(
    page: Any, example_server: StaticServer, path: str, width: int, height: int
) -> None:
    _open(page, example_server, path, width, height)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in a {widths[1]} px viewport"
    table = page.evaluate(
        """() => {
        const table = document.querySelector('table.cookie-table');
        const column = document.querySelector('main').getBoundingClientRect();
        const region = table.closest('.table-scroll');
        return {table: table.getBoundingClientRect().right, column: column.right,
                scroll: region.scrollWidth, client: region.clientWidth};
    }"""
    )
    assert table["table"] <= table["column"] + 0.5, table
    assert table["scroll"] <= table["client"], f"the cookie table scrolls sideways: {table}"
    for selector in ("ul.recipients", "table.retention-exceptions"):
        right = page.evaluate(
            f"Math.max(...[...document.querySelectorAll('{selector}')].map(t => t.getBoundingClientRect().right))"
        )
        assert right <= table["column"] + 0.5, selector


@pytest.mark.parametrize("path", PAGES)
def test_under_600_pixels_the_rows_stack_with_their_column_names(
    page: Any, example_server: StaticServer, path: str
) -> None:
    _open(page, example_server, path, 390, 844)
    displays = page.evaluate(
        "[...document.querySelectorAll('table.cookie-table tbody tr')].map(tr => getComputedStyle(tr).display)"
    )
    assert displays and set(displays) == {"block"}
    label = page.evaluate(
        "getComputedStyle(document.querySelector('table.cookie-table td[data-label]'), '::before').content"
    )
    assert label.strip('"').endswith(": ")
    _open(page, example_server, path, 1280, 800)
    assert page.evaluate("getComputedStyle(document.querySelector('table.cookie-table tbody tr')).display") == (
        "table-row"
    )


@pytest.mark.parametrize("path", PAGES)
def test_a_cookie_name_breaks_at_its_parts_not_inside_a_word(
    page: Any, example_server: StaticServer, path: str
) -> None:
    """At 1280 px every part of a name between _ - . * fits on a line of its cell: no part is cut."""
    _open(page, example_server, path, 1280, 800)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('table.cookie-table th code')].filter(code => {
            const cell = code.closest('th').getBoundingClientRect().width;
            const probe = document.createElement('span');
            probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;font:inherit';
            code.appendChild(probe);
            const widest = Math.max(...code.textContent.split(/[-_.*]/).map(part => {
                probe.textContent = part; return probe.getBoundingClientRect().width; }));
            probe.remove();
            return widest > cell;
        }).map(code => code.textContent)"""
    )
    assert cut == []


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation_with_the_details_open(
    page: Any, example_server: StaticServer, path: str, width: int, height: int
) -> None:
    _open(page, example_server, path, width, height)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    report = [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]
    ]
    assert results.violations_count == 0, "\n".join(report)


def test_the_first_layer_opens_the_page_and_links_into_it(page: Any, example_server: StaticServer) -> None:
    _open(page, example_server, "index.html", 390, 844)
    summary = page.locator("#summary")
    assert summary.get_by_role("heading", level=2).inner_text().startswith("Kort om")
    summary.get_by_role("link", name="Köp i webbutiken").click()
    assert page.url.endswith("#activity-online_purchase")
    details = page.locator("#activity-online_purchase details")
    assert not details.locator("ul.recipients").is_visible()
    details.locator("summary").click()
    assert details.locator("ul.recipients").is_visible()


def test_a_printout_shows_the_folded_details(page: Any, example_server: StaticServer) -> None:
    """Auditors print the page: @media print unfolds every <details> and hides its summary line."""
    _open(page, example_server, "index.html", 1280, 800)
    page.emulate_media(media="print")
    table = page.locator("#activity-online_purchase ul.recipients")
    assert table.is_visible()
    assert not page.locator("#activity-online_purchase details > summary").is_visible()
