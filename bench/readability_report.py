"""Each built page's word count (in `<main>`), repeated sentences and LIX, from bench/readability.py."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from bench.tables import Table

FIGURES = (("words", "words"), ("repeated sentences", "repeated"), ("LIX", "lix"))
PAGES = ("index.html", "en/index.html")


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
    """Words in `<main>`, repeated sentences and LIX of each built privacy page (bench/readability.py)."""
    table = Table("Readability of the built pages (reported, not a target)", ("page", *(n for n, _ in FIGURES)))
    from bench.readability import page_readability  # beside this file; imported when the table is made

    for page in PAGES:
        path = dist / page
        if path.is_file():
            figures = page_readability(path.read_text(encoding="utf-8"))
            table.add(page, str(figures.words), str(figures.repeated), f"{figures.lix:.0f}")
    return table


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.0f}"
    if isinstance(value, (list, tuple, dict, set)):
        return str(len(value))
    return str(value)
