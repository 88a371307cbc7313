"""Each built page's word count, repeated sentences and LIX, from bench/readability.py when it is there.

bench/readability.py comes with the readable-page work; until it is merged this prints why there is
no figure. Its functions are looked up by name and given the page's visible text.
"""

from __future__ import annotations

import importlib
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from bench.tables import Table

MODULE = Path(__file__).with_name("readability.py")
FIGURES = (("words", "word_count"), ("repeated sentences", "repeated_sentences"), ("LIX", "lix"))
PAGES = ("index.html", "en/index.html", "records/index.html")


class _Text(HTMLParser):
    """The text a reader sees: no script, style or template content."""

    SKIP: ClassVar[set[str]] = {"script", "style", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "div", "br", "section"}:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def readability_table(dist: Path) -> Table:
    table = Table("Readability of the built pages (reported, not a target)", ("page", *(n for n, _ in FIGURES)))
    if not MODULE.is_file():
        table.note = "bench/readability.py is not here yet (it comes with the readable-page work): no figures."
        return table
    module = importlib.import_module("bench.readability")
    missing = [name for _, name in FIGURES if not callable(getattr(module, name, None))]
    if missing:
        table.note = f"bench/readability.py has no {', '.join(missing)}: no figures."
        return table
    for page in PAGES:
        path = dist / page
        if path.is_file():
            text = page_text(path.read_text(encoding="utf-8"))
            table.add(page, *(_shown(getattr(module, name)(text)) for _, name in FIGURES))
    return table


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.0f}"
    if isinstance(value, (list, tuple, dict, set)):
        return str(len(value))
    return str(value)
