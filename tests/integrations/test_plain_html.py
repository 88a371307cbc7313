"""A hand-made site (docs/integrations/plain-html.md): the built folder published at /integritetspolicy/,
the snippet pasted into the <head> of every page, a settings button in every footer."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.integrations.support import (
    BLOCKED_IFRAME,
    PUBLISH_PATH,
    SETTINGS_CONTROL,
    assert_policy_page_fits_a_phone,
    assert_scan_finds_nothing,
    assert_the_banner_works,
    blocked_script,
    policygen_build,
    serve,
    write_shared_files,
)

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Jiji Boutique</title>
{snippet}</head>
<body>
<nav><a href="/">Start</a> <a href="/karta.html">Hitta hit</a></nav>
<main>
<h1>{title}</h1>
{content}
</main>
<footer><a href="/integritetspolicy/">Integritetspolicy</a> {control}</footer>
</body>
</html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("plain-html")
    dist = root.parent / (root.name + "-dist")
    policygen_build(dist)
    shutil.copytree(dist, root / PUBLISH_PATH.strip("/"))
    snippet = (dist / "snippet.html").read_text()
    write_shared_files(root)
    pages = {
        "index.html": ("Välkommen", "<p>Nattkläder i siden och lin.</p>\n" + blocked_script("start")),
        "karta.html": ("Hitta hit", BLOCKED_IFRAME),
    }
    for name, (title, content) in pages.items():
        html = PAGE.format(title=title, snippet=snippet, content=content, control=SETTINGS_CONTROL)
        (root / name).write_text(html)
    with serve(root) as url:
        yield url


def test_scan_finds_nothing_on_a_hand_made_site(site: str) -> None:
    assert_scan_finds_nothing(site, {"/", "/karta.html", PUBLISH_PATH})


def test_the_banner_blocks_releases_and_withdraws_on_a_hand_made_site(page: Any, context: Any, site: str) -> None:
    assert_the_banner_works(page, context, site, "/", "/karta.html")


def test_the_published_privacy_page_fits_a_phone(page: Any, site: str) -> None:
    assert_policy_page_fits_a_phone(page, site + PUBLISH_PATH.lstrip("/"), "header.page-header", "main")
