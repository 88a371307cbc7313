"""Eleventy (`@11ty/eleventy` from npm, installed by `make test-deps`) with the files
docs/integrations/eleventy.md shows: the build in `policygen/`, its banner files copied to
/integritetspolicy/, the snippet and the fragment as global data of the layout and the policy page."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import REPO
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

ELEVENTY = REPO / ".tools" / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"

FILES = {
    # What docs/integrations/eleventy.md adds: the config, and the policy page.
    "eleventy.config.js": """\
const fs = require("node:fs");

module.exports = function (eleventyConfig) {
  // policygen's own folder is not a folder of pages; its banner files go to site.publish_path.
  eleventyConfig.ignores.add("policygen/**");
  eleventyConfig.addPassthroughCopy({
    "policygen/consent": "integritetspolicy/consent",
    "policygen/assets": "integritetspolicy/assets",
  });
  // The snippet for every page's <head>, the privacy page's content for its page.
  eleventyConfig.addGlobalData("policygen", () => ({
    snippet: fs.readFileSync("policygen/snippet.html", "utf8"),
    fragment: fs.readFileSync("policygen/fragment.html", "utf8"),
  }));
  eleventyConfig.addWatchTarget("policygen/");

  // The owner's own files.
  eleventyConfig.addPassthroughCopy("js");
  eleventyConfig.addPassthroughCopy("embed");
};
""",
    "integritetspolicy.njk": """\
---
layout: base.njk
title: Integritetspolicy
permalink: /integritetspolicy/
---
{{ policygen.fragment | safe }}
""",
    # The owner's site: a layout with the snippet in its head and the settings button in its footer.
    "_includes/base.njk": f"""\
<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{{{ title }}}} – Exempelbutiken</title>
{{{{ policygen.snippet | safe }}}}
</head>
<body>
<header class="site-header"><a href="/">Start</a> <a href="/karta/">Hitta hit</a></header>
<main>
{{{{ content | safe }}}}
</main>
{{% if statistics %}}<script type="text/plain" data-consent="statistics" data-page="{{{{ statistics }}}}" \
src="/js/statistics.js"></script>{{% endif %}}
<footer><a href="/integritetspolicy/">Integritetspolicy</a> {SETTINGS_CONTROL}</footer>
</body>
</html>
""",
    "index.njk": "---\nlayout: base.njk\ntitle: Välkommen\nstatistics: start\n---\n<h1>Välkommen</h1>\n",
    "karta.njk": f"---\nlayout: base.njk\ntitle: Hitta hit\n---\n<h1>Hitta hit</h1>\n{BLOCKED_IFRAME}\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("eleventy")
    for name, text in FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    write_shared_files(project)
    policygen_build(project / "policygen", "--fragments")
    run(["node", str(ELEVENTY), "--quiet"], cwd=project)
    with serve(project / "_site") as url:
        yield url


def test_scan_finds_nothing_on_an_eleventy_site(site: str) -> None:
    assert_scan_finds_nothing(site, {"/", "/karta/", PUBLISH_PATH})


def test_the_banner_blocks_releases_and_withdraws_on_an_eleventy_site(page: Any, context: Any, site: str) -> None:
    assert_the_banner_works(page, context, site, "/", "/karta/")


def test_the_privacy_page_is_a_page_of_the_eleventy_site_and_fits_a_phone(page: Any, site: str) -> None:
    assert_policy_page_fits_a_phone(page, site + PUBLISH_PATH.lstrip("/"), "header.site-header")
    assert page.locator('head script[src="/integritetspolicy/consent/consent.js"]').count() == 1


def test_nothing_of_policygens_folder_is_published_as_a_page(site: str) -> None:
    """Eleventy would render every .html file of the project: the config keeps policygen's folder out."""
    for path in ("policygen/index.html", "policygen/snippet.html", "integritetspolicy/snippet.html"):
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(site + path, timeout=30)
        answer.value.close()
        assert answer.value.code == 404
