"""Markdown fragments: raw HTML shown as text, unsafe links refused at build time with their place."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import SourceErrors
from generator.site.page import PROSE_HEADING_LEVELS as HEADING_LEVELS
from generator.sources.links import find_unsafe_links, link_scheme
from generator.sources.loading import load_policy
from generator.texts.prose import render_markdown, render_prose
from tests.conftest import EXAMPLE

ALLOWED_LINKS = [
    "https://www.imy.se/",
    "http://example.se/a?b=c",
    "mailto:info@jiji-boutique.se",
    "tel:+46856761000",
    "/myaccount/",
    "kontakt.html",
    "../en/index.html",
    "#cookies",
    "?page=2",
]

REFUSED_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java%09script:alert(1)",
    "%6Aavascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&#x3A;alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "ftp://example.se/",
]


@pytest.mark.parametrize("url", ALLOWED_LINKS)
def test_http_mailto_tel_and_relative_links_are_allowed(url: str) -> None:
    assert find_unsafe_links(f"See [this]({url}).", Path("x.md")) == []


@pytest.mark.parametrize("url", REFUSED_LINKS)
def test_other_schemes_are_refused_however_they_are_written(url: str) -> None:
    assert link_scheme(url) not in (None, "http", "https", "mailto", "tel")


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](JaVa&#115;cript:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: vbscript:msgbox(1)",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](file:///etc/passwd)",
    ],
)
def test_each_way_of_writing_a_link_is_checked(markdown: str) -> None:
    """Inline links, autolinks and reference definitions; entities and whitespace do not hide a scheme."""
    assert len(find_unsafe_links(markdown, Path("x.md"))) == 1


def test_the_error_names_the_line_and_column_of_the_link() -> None:
    text = (
        "# Om oss\n\n"
        "Läs [mer](https://ok.se) och\n"
        "[här](javascript:alert(1)) nu.\n\n"
        "[ref]: data:text/html,x\n\n"
        "Se [detta][ref].\n"
    )
    links = find_unsafe_links(text, Path("notes.sv.md"))
    assert [(str(link.position), link.url) for link in links] == [
        ("notes.sv.md:4:7", "javascript:alert(1)"),
        ("notes.sv.md:6:8", "data:text/html,x"),
    ]
    message = links[0].error().format(show_source=False)
    assert "error: link 'javascript:alert(1)' is not allowed in Markdown" in message
    assert "hint: use an https:// address" in message


def test_images_must_be_relative_because_the_page_loads_nothing_from_other_hosts() -> None:
    assert find_unsafe_links("![logo](bilder/logo.png)", Path("x.md")) == []
    refused = ["![x](https://tracker.example/p.gif)", "![x](//cdn.example/p.gif)", "![x](data:image/png;base64,AAAA)"]
    for markdown in refused:
        [link] = find_unsafe_links(markdown, Path("x.md"))
        assert link.is_image


def test_raw_html_is_shown_as_text_not_run() -> None:
    html = render_markdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">', 2)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_headings_start_below_the_section_heading_and_never_skip_a_level() -> None:
    html = render_markdown("### Först\n\ntext\n\n##### Djupt\n\n# Högst\n", 3)
    assert html.count("<h3>") == 2 and html.count("<h4>") == 1
    assert "<h1>" not in html and "<h5>" not in html


def test_the_example_fragments_render_and_fall_back_to_swedish() -> None:
    loaded = load_policy(EXAMPLE)
    prose = render_prose(loaded.policy, ["sv", "en"], HEADING_LEVELS)
    assert 'href="https://www.jiji-boutique.se/"' in prose[("introduction", "sv")]
    assert "This policy covers Jiji Boutique" in prose[("introduction", "en")]


def _copy_example_with(tmp_path: Path, name: str, text: str) -> Path:
    source = tmp_path / "src"
    shutil.copytree(EXAMPLE, source)
    (source / name).write_text(text, encoding="utf-8")
    return source


def test_an_unsafe_link_in_any_fragment_stops_loading(tmp_path: Path) -> None:
    """Also an English fragment, and also when the site does not publish English: every command refuses it."""
    source = _copy_example_with(tmp_path, "cookies.en.md", "We use [TLS](javascript:alert(1)).\n")
    with pytest.raises(SourceErrors) as raised:
        load_policy(source)
    [error] = raised.value.errors
    assert error.position is not None and error.position.file.name == "cookies.en.md"
    assert (error.position.line, error.position.column) == (1, 14)


def test_policygen_export_refuses_an_unsafe_link_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _copy_example_with(tmp_path, "security.sv.md", "[Klicka här](javascript:alert(document.cookie))\n")
    assert main(["export", str(source), "--format", "html"]) == 2
    captured = capsys.readouterr()
    assert "security.sv.md:1:14: error" in captured.err and "javascript:" not in captured.out


def test_a_link_that_escaped_the_check_renders_as_text() -> None:
    """Defence in depth: rendering never produces a javascript: link, even from unchecked text."""
    html = str(render_markdown("[x](javascript:alert(1)) and [ok](https://www.imy.se)", top_heading_level=2))
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "")
    assert 'href="javascript' not in html and 'href="https://www.imy.se"' in html


def test_policygen_build_exits_2_with_the_place_and_writes_nothing(tmp_path: Path) -> None:
    text = "Vi bryr oss om dig.\n\nLäs [villkoren](  JaVaScRiPt:alert(document.cookie) ) här.\n"
    _copy_example_with(tmp_path, "introduction.sv.md", text)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "src", "--out", "dist"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(EXAMPLE.parent.parent), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2, result.stderr
    assert (
        "src/introduction.sv.md:3:19: error: link 'JaVaScRiPt:alert(document.cookie)' is not allowed" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "dist").exists()
