"""Readability of a built privacy page, for `make bench` (reported, not a target).

`page_readability(html)` gives the word count of `<main>` (tables and `<details>`
included), the sentences of six or more words it repeats verbatim, and LIX, the
Swedish readability index (words per sentence + 100 × words over six letters per
word); the counting itself lives in `generator.site.readability`, which `build`
uses for its warning about repeated sentences.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.site.readability import lix, main_text, repeated_sentences, words  # noqa: E402


@dataclass(frozen=True)
class PageReadability:
    words: int
    """Words in `<main>`: what a reader has to get through."""
    repeated: int
    """Distinct sentences of six or more words said more than once."""
    lix: float
    """Under 30 very easy, 40 plain prose, 50 official texts, over 60 very hard."""


def page_readability(page_html: str) -> PageReadability:
    """Word count, repeated sentences and LIX of a built page (e.g. dist/index.html)."""
    text = main_text(page_html)
    return PageReadability(len(words(text)), len(repeated_sentences(page_html)), round(lix(text), 1))


def page_readability_file(path: Path) -> PageReadability:
    return page_readability(path.read_text(encoding="utf-8"))
