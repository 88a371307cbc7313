"""Long unbroken tokens (cookie names, a Swedish compound in the retention exceptions) on a phone:
the page never scrolls sideways; identifiers break after _ - . * first."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import build
from tests.conftest import EXAMPLE
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

LONG_COOKIE = "jiji_recently_viewed_products_for_the_recommendations_carousel.backup-copy_v2_*"
COMPOUND = "Kundtjänstärendehanteringssystemsloggfilsarkiveringsperiodsförlängningsbeslutsunderlag"
PAGES = ["index.html", "en/index.html", "records/index.html"]


@pytest.fixture(scope="module")
def long_token_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    root = tmp_path_factory.mktemp("long")
    source = shutil.copytree(EXAMPLE, root / "source")
    cookies = source / "cookies.yaml"
    cookies.write_text(
        cookies.read_text(encoding="utf-8").replace("- name: jiji_recently_viewed", f"- name: {LONG_COOKIE}", 1),
        encoding="utf-8",
    )
    activities = source / "activities.yaml"
    text = activities.read_text(encoding="utf-8")
    for original in ("sv: tills den är levererad", "en: until it is delivered"):
        assert original in text
        text = text.replace(original, f"{original[:4]}{COMPOUND}", 1)
    activities.write_text(text, encoding="utf-8")
    build(source, root / "dist")
    with serve_directory(root / "dist") as server:
        yield server


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_on_a_390_px_phone(page: Any, long_token_server: StaticServer, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(long_token_server.url + path)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the folded text too
    assert COMPOUND in page.inner_text("body") or (path == "records/index.html" and COMPOUND in page.content())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"


@pytest.mark.parametrize("path", PAGES)
def test_a_cookie_name_breaks_after_its_separators(page: Any, long_token_server: StaticServer, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(long_token_server.url + path)
    # The name reads and copies as written: <wbr> adds break opportunities, no characters.
    names = page.evaluate("[...document.querySelectorAll('code')].map(c => c.textContent)")
    assert LONG_COOKIE in names
    html = page.evaluate("[...document.querySelectorAll('code')].map(c => c.innerHTML)")
    assert any(
        h.startswith("jiji_<wbr>recently_<wbr>viewed_<wbr>") and ".<wbr>backup-<wbr>copy_<wbr>" in h for h in html
    )
