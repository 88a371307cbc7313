"""Model texts on the privacy page and the records page: bidi-isolated, so a U+202E cannot reorder
the words after it; long tokens do not widen the page on a phone."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import build
from tests.conftest import EXAMPLE

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: everything after it, up to the end of its isolate, is reversed
NAME = f"Jiji {RLO}Boutique"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class IsolationCheck(HTMLParser):
    """Records every text containing U+202E and the whole text of the isolate (bdi, dir=auto) around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, isolates)
        self.isolate_texts: list[list[str]] = []
        self.outside: list[str] = []  # texts with U+202E outside any isolate (title excluded)
        self.isolated: list[str] = []  # whole texts of isolates that contain U+202E

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        isolates = tag == "bdi" or ("dir", "auto") in attrs
        self.stack.append((tag, isolates))
        if isolates:
            self.isolate_texts.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        open_tag, isolates = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if isolates:
            text = "".join(self.isolate_texts.pop())
            if RLO in text:
                self.isolated.append(text)
            if self.isolate_texts:
                self.isolate_texts[-1].append(text)

    def handle_data(self, data: str) -> None:
        if any(tag in ("title", "svg") for tag, _ in self.stack):
            # No markup there: the isolate is FSI ... PDI around the text.
            for piece in data.split("\u2068")[1:]:
                if RLO in piece:
                    self.isolated.append(piece.split("\u2069")[0])
            if RLO in "".join(p.split("\u2069", 1)[-1] for p in data.split("\u2068")):
                self.outside.append(data)
        elif self.isolate_texts:
            self.isolate_texts[-1].append(data)
        elif RLO in data and not any(tag == "script" for tag, _ in self.stack):
            self.outside.append(data)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with U+202E in the controller's name and in an activity's name."""
    root = tmp_path_factory.mktemp("bidi")
    source = shutil.copytree(EXAMPLE, root / "source")
    controller = source / "controller.yaml"
    text = controller.read_text(encoding="utf-8")
    assert "name: Jiji Boutique" in text
    controller.write_text(text.replace("name: Jiji Boutique", f"name: {NAME}", 1), encoding="utf-8")
    activities = source / "activities.yaml"
    text = activities.read_text(encoding="utf-8")
    activities.write_text(text.replace("sv: Köp i webbutiken", f"sv: Köp i {RLO}webbutiken", 1), encoding="utf-8")
    build(source, root / "dist")
    return root / "dist"


@pytest.mark.parametrize("page", ["index.html", "en/index.html", "records/index.html"])
def test_a_right_to_left_override_in_a_model_text_stays_inside_its_isolate(hostile_build: Path, page: str) -> None:
    html = (hostile_build / page).read_text(encoding="utf-8")
    check = IsolationCheck()
    check.feed(html)
    check.close()

    assert check.outside == []  # every text with U+202E is inside a <bdi> (or dir="auto")
    assert NAME in check.isolated  # the company name is isolated on its own ...
    # ... and no isolate holds more than one model text: the words that follow a name stay outside.
    for text in check.isolated:
        assert text in (NAME, f"Köp i {RLO}webbutiken"), text


def test_break_opportunities_in_identifiers_keep_the_text_escaped() -> None:
    from generator.texts.templates import breakable

    assert breakable("_ga") == "_ga"  # no break after a leading underscore
    assert breakable("wp_session_*") == "wp_<wbr>session_<wbr>*"
    assert breakable('x<script>-"&.y') == "x&lt;script&gt;-<wbr>&#34;&amp;.<wbr>y"


def test_mailto_links_are_encoded_alike_on_the_page_and_the_records_page(tmp_path: Path) -> None:
    """An address with ? and = in its local part is valid for the model; unencoded it would add a cc header."""
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    controller = source / "controller.yaml"
    text = controller.read_text(encoding="utf-8")
    hostile = text.replace("email: info@jiji-boutique.se", "email: info?cc=spy@jiji-boutique.se", 1)
    controller.write_text(hostile, encoding="utf-8")
    build(source, tmp_path / "dist")

    expected = 'href="mailto:info%3Fcc%3Dspy@jiji-boutique.se"'
    for page in ("index.html", "records/index.html"):
        html = (tmp_path / "dist" / page).read_text(encoding="utf-8")
        assert expected in html, page
        assert 'href="mailto:info?cc' not in html, page
