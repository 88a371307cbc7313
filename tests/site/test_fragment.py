"""The privacy page inside a site's own theme: fragment.html, its scoped stylesheet, `build --templates DIR`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.model import Policy
from generator.site.banner_config import build_banner_config
from generator.site.fragment import render_page_fragments
from generator.site.page import render_privacy_pages
from tests.conftest import EXAMPLE, REPO

WRAPPER = "policygen-page"


def _main_of(page: str) -> str:
    return page[page.index('<main id="main">\n') + len('<main id="main">\n') : page.index("</main>")]


@pytest.mark.parametrize("language", ["", "en/"])
def test_the_fragment_holds_exactly_the_content_of_the_whole_page(built_example: Path, language: str) -> None:
    """Rendered from one content template, the fragment and the page can never disagree."""
    page = (built_example / language / "index.html").read_text()
    fragment = (built_example / language / "fragment.html").read_text()
    assert not re.search(r"<(html|head|body|main|!DOCTYPE)\b", fragment, re.IGNORECASE)
    lines = fragment.splitlines(keepends=True)
    assert lines[0] == f'<div class="{WRAPPER}" lang="{language.rstrip("/") or "sv"}">\n'
    assert lines[1] == '<link rel="stylesheet" href="/integritetspolicy/assets/fragment.css">\n'
    assert lines[-1] == "</div>\n"
    assert "".join(lines[2:-1]) == _main_of(page)


def test_every_rule_of_the_fragment_stylesheet_is_scoped_to_its_wrapper() -> None:
    """The host site keeps its own look: no selector of fragment.css reaches outside the fragment."""
    css = re.sub(r"/\*.*?\*/", "", (REPO / "site_templates" / "assets" / "fragment.css").read_text(), flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{[^{}]*\}", css) for s in block.split(",")]
    assert selectors
    for selector in selectors:
        assert selector.startswith(f".{WRAPPER}"), selector


# --- build --templates DIR -------------------------------------------------------------


def build(tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str, str]:
    code = main(["build", str(EXAMPLE), "--out", str(tmp_path / "dist"), "--fragments", *flags])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_template_of_the_owners_folder_replaces_the_bundled_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "templates"
    (own / "page").mkdir(parents=True)
    (own / "page" / "fragment.html").write_text(
        '<article class="policygen-page my-theme">{% include "page/main.html" %}</article>\n'
    )
    (own / "assets").mkdir()
    (own / "assets" / "page.css").write_text("body { color: rebeccapurple; }\n")
    code, _, err = build(tmp_path, capsys, "--templates", str(own))
    assert code == 0, err
    dist = tmp_path / "dist"
    fragment = (dist / "fragment.html").read_text()
    assert fragment.startswith('<article class="policygen-page my-theme"><h1>Integritetspolicy</h1>')
    assert "Jiji Boutique" in fragment
    assert (dist / "en" / "fragment.html").read_text().startswith('<article class="policygen-page my-theme">')
    assert (dist / "assets" / "page.css").read_text() == "body { color: rebeccapurple; }\n"
    # What the folder does not hold stays bundled.
    assert (dist / "index.html").read_text().startswith("<!DOCTYPE html>")
    assert (dist / "assets" / "fragment.css").read_bytes() == (REPO / "site_templates/assets/fragment.css").read_bytes()


def test_a_link_out_of_the_template_folder_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the page")
    own = tmp_path / "templates"
    (own / "page").mkdir(parents=True)
    (own / "page" / "fragment.html").symlink_to(secret)
    code, _, err = build(tmp_path, capsys, "--templates", str(own))
    assert code == 2
    assert "outside the template folder" in err
    assert "fragment.html" in err and "Traceback" not in err
    assert "nothing was written" in err
    assert not (tmp_path / "dist").exists()


def test_a_broken_template_is_named_with_its_line_and_the_previous_build_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(tmp_path, capsys)[0] == 0
    before = (tmp_path / "dist" / "index.html").read_bytes()
    own = tmp_path / "templates"
    (own / "page").mkdir(parents=True)
    (own / "page" / "fragment.html").write_text("<div>\n{% if %}\n</div>\n")
    code, _, err = build(tmp_path, capsys, "--templates", str(own))
    assert code == 2
    assert re.search(r"fragment\.html:2:1: error: ", err), err
    assert "Traceback" not in err
    assert (tmp_path / "dist" / "index.html").read_bytes() == before


def test_a_missing_template_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = build(tmp_path, capsys, "--templates", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such folder of templates" in err


def test_the_fragment_is_the_same_whether_rendered_alone_or_taken_from_the_whole_page(example: Policy) -> None:
    banner = build_banner_config(example)
    pages = render_privacy_pages(example, banner)
    assert render_page_fragments(example, banner, pages) == render_page_fragments(example, banner)


def test_with_an_own_page_frame_the_fragment_still_holds_only_the_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "templates"
    (own / "page").mkdir(parents=True)
    (own / "page" / "index.html").write_text(
        '<!DOCTYPE html><title>x</title><main id="main">\n<p>Vår egen ram</p>\n{% include "page/main.html" %}</main>\n'
    )
    code, _, err = build(tmp_path, capsys, "--templates", str(own))
    assert code == 0, err
    dist = tmp_path / "dist"
    assert "Vår egen ram" in (dist / "index.html").read_text()
    fragment = (dist / "fragment.html").read_text()
    assert "Vår egen ram" not in fragment
    assert "<h1>Integritetspolicy</h1>" in fragment
