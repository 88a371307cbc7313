"""The MkDocs plugin (docs/integrations/mkdocs.md) with the real MkDocs and MkDocs Material.

`mkdocs build` finds the plugin by its entry point, as after `pip install policygen[mkdocs]`: the test
declares the entry point of pyproject.toml in a throw-away distribution on PYTHONPATH, so the checkout's
code is what runs and the machine's installed packages stay as they are.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.integrations.support import (
    BLOCKED_IFRAME,
    PUBLISH_PATH,
    SOURCE,
    assert_policy_page_fits_a_phone,
    assert_scan_finds_nothing,
    assert_the_banner_works,
    blocked_script,
    free_port,
    run,
    serve,
    write_shared_files,
)

pytestmark = pytest.mark.browser

MKDOCS_YML = """\
site_name: Exempelbutiken
site_url: http://127.0.0.1:{port}/
theme:
  name: material
  language: sv
  font: false
  features:
    - navigation.instant
nav:
  - Start: index.md
  - Hitta hit: karta.md
  - Om oss: om-oss.md
  - Integritetspolicy: integritetspolicy/index.md
plugins:
  - policygen:
      source: {source}
"""

PAGES = {
    "index.md": "# Välkommen\n\nNattkläder i siden och lin.\n\n" + blocked_script("start") + "\n",
    "karta.md": "# Hitta hit\n\n" + BLOCKED_IFRAME + "\n",
    "om-oss.md": "# Om oss\n\nVi syr i Göteborg.\n\n" + blocked_script("om-oss") + "\n",
}


def plugin_entry_point(folder: Path) -> dict[str, str]:
    """A distribution that declares pyproject's `mkdocs.plugins` entry point; the environment that finds it."""
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["entry-points"]["mkdocs.plugins"]
    info = folder / "policygen_entry_point-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: policygen-entry-point\nVersion: 0\n")
    lines = "".join(f"{name} = {target}\n" for name, target in declared.items())
    (info / "entry_points.txt").write_text("[mkdocs.plugins]\n" + lines)
    return {"PYTHONPATH": f"{REPO}:{folder}"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("mkdocs")
    port = free_port()  # Material's instant loading follows only links of the site_url's host and port
    (project / "mkdocs.yml").write_text(MKDOCS_YML.format(source=SOURCE, port=port))
    docs = project / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text)
    write_shared_files(docs)
    env = plugin_entry_point(project / "entry-point")
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env)
    with serve(project / "site", port) as url:
        yield url


def test_scan_finds_nothing_on_an_mkdocs_material_site(site: str) -> None:
    assert_scan_finds_nothing(site, {"/", "/karta/", "/om-oss/", PUBLISH_PATH})


def test_the_banner_blocks_releases_and_withdraws_on_an_mkdocs_material_site(
    page: Any, context: Any, site: str
) -> None:
    assert_the_banner_works(page, context, site, "/", "/karta/")


def test_the_privacy_page_is_a_page_of_the_theme_and_fits_a_phone(page: Any, site: str) -> None:
    assert_policy_page_fits_a_phone(page, site + PUBLISH_PATH.lstrip("/"), "header.md-header")
    # In the site's navigation, and the snippet in its head as on every page.
    assert page.locator(f'nav.md-nav a[href$="{PUBLISH_PATH.strip("/")}/"]').count() >= 1
    assert page.locator('head script[src$="/consent/consent.js"]').count() == 1


def test_every_page_has_the_snippet_and_a_settings_control(page: Any, site: str) -> None:
    for path in ("", "karta/", "om-oss/"):
        page.goto(site + path)
        assert page.locator('head script[src$="/consent/consent.js"]').count() == 1
        control = page.locator('footer [data-consent-action="open"]')
        assert control.count() == 1 and control.is_visible()
        assert control.inner_text() == "Inställningar för kakor"


def test_after_accepting_instant_navigation_runs_the_next_pages_blocked_script_and_iframe(page: Any, site: str) -> None:
    """MkDocs Material's instant loading swaps the content without a page load: what it brings in must
    follow the choice already made (the banner's re-apply of scripts and iframes added later)."""
    page.goto(site)
    page.locator('section.consent-banner [data-consent-action="accept-all"]').click()
    page.wait_for_function("document.documentElement.dataset.statisticsRan === 'start'")
    page.evaluate("window.sameDocument = true")

    page.locator('nav.md-nav a[href$="om-oss/"]').first.click()
    page.wait_for_url("**/om-oss/")
    assert page.evaluate("window.sameDocument") is True  # loaded instantly, not by a page load
    page.wait_for_function("document.documentElement.dataset.statisticsRan === 'om-oss'", timeout=10_000)

    page.locator('nav.md-nav a[href$="karta/"]').first.click()
    page.wait_for_url("**/karta/")
    assert page.evaluate("window.sameDocument") is True
    page.wait_for_function(
        "document.querySelector('iframe[data-consent]')?.src.endsWith('/embed/karta.html')", timeout=10_000
    )


def test_the_banner_reads_at_materials_content_size_with_buttons_a_finger_can_hit(page: Any, site: str) -> None:
    """Material's body is 10 px (root 125 %, body .5rem); its content (.md-typeset) is .8rem: the banner's text
    is the content's size, through the plugin's stylesheet, not the body's."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "om-oss/")
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    content = page.locator("article.md-typeset").first.evaluate(size)
    assert page.locator("body").evaluate(size) == 10  # what the banner followed before
    banner = page.locator("section.consent-banner")
    assert banner.locator("p").first.evaluate(size) == content == 16
    buttons = banner.locator(".consent-button")
    assert buttons.count() == 3
    for index in range(3):
        assert buttons.nth(index).bounding_box()["height"] >= 40
    assert page.locator('head link[href$="consent/mkdocs-material.css"]').count() == 1


def test_the_records_stay_off_the_site_unless_published_on_purpose(site: str, tmp_path: Path) -> None:
    """The records of processing are the internal register: not published unless `publish_records: true`."""
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(site.rstrip("/") + PUBLISH_PATH + "records/ropa.json", timeout=10)
    assert missing.value.code == 404
    missing.value.close()

    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.format(source=SOURCE, port=8000) + "      publish_records: true\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Välkommen\n")
    write_shared_files(docs)
    env = plugin_entry_point(tmp_path / "entry-point")
    run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, env=env)
    assert (tmp_path / "site" / PUBLISH_PATH.strip("/") / "records" / "ropa.json").is_file()
