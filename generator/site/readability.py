"""How the built privacy page reads: its words, its sentences, and sentences said twice.

The page is long by nature (GDPR Art. 13/14), so what it says once must not be said
again: `build` warns about identical sentences of six or more words (WP260:
concise, clear), and `bench/readability.py` reports the same counts with LIX.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

REPEAT_MIN_WORDS = 6
"""A sentence this long said twice is a repetition; shorter ones ('Land: Sverige.') are labels."""

_MAIN_START = re.compile(r"<main\b")
_DROPPED = re.compile(r"<(script|style|template|nav)\b.*?</\1>", re.S)
_BLOCK = re.compile(
    r"</?(?:p|li|dt|dd|h[1-6]|td|th|tr|caption|summary|details|section|div|ul|ol|dl|table|nav|br)\b[^>]*>",
    re.I,
)
_BLOCK_LOWER_CASE = re.compile(_BLOCK.pattern)
_UPPER_CASE_TAG = re.compile(r"</?[A-Z]")
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_LABELS = re.compile(r"<(h[1-6]|dt|th|summary|caption)\b[^>]*>.*?</\1>", re.S)
"""Headings and labels: they name what follows, and a question heading may recur in every block."""
_HEADING = re.compile(r"<(h[23])\b[^>]*>(.*?)</\1>", re.S)
_LEAD_IN = re.compile(r"(?<=:)\s+(?=[A-ZÅÄÖ])")
"""A colon before a capital: a label ('Google Maps, från Google Ireland Limited: Uppgifterna …') leads in a sentence."""
_EDGE_PUNCTUATION = "()[]{}.,;:!?”“\"'‘’«»–—…*/"


@dataclass(frozen=True)
class RepeatedSentence:
    sentence: str
    count: int
    sections: tuple[str, ...]
    """The headings (h2/h3) under which it appears, in page order."""


def _main_html(page_html: str) -> str:
    """The page's `<main>` element, up to the first `</main>`, else the whole page. The end is found with
    `str.find`: a lazy `<main\\b.*?</main>` tried `</main>` at every character of a page of megabytes."""
    start = _MAIN_START.search(page_html)
    end = page_html.find("</main>", start.end()) if start else -1
    return page_html[start.start() : end + len("</main>")] if start and end >= 0 else page_html


def main_text(page_html: str) -> str:
    """The visible text of the page's `<main>` (tables and `<details>` included), one block a line."""
    body = _main_html(page_html)
    body = _DROPPED.sub(" ", body)
    body = _BLOCK.sub("\n", body)
    text = html.unescape(_TAG.sub("", body))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def words(text: str) -> list[str]:
    """Words as a word processor counts them: what stands between spaces, if it holds a letter or digit, its
    punctuation stripped ('e-post', '6.1', 'info@example.se' and a cookie name such as '_ga_*' count once)."""
    found = (token.strip(_EDGE_PUNCTUATION) for token in text.split())
    return [word for word in found if any(character.isalnum() for character in word)]


_ABBREVIATION = re.compile(r"(?:\b(?:Inc|Ltd|Co|AB|kap|nr|t\.ex|bl\.a|s\.k|m\.m|ca|art|dvs|e\.g|i\.e|etc)\.|\d\.)$")
"""A full stop that ends an abbreviation or an ordinal, not a sentence ('Inc.', '7 kap.')."""


def sentences(text: str) -> list[str]:
    """Sentences and separate blocks (a list item, a table cell, a heading) of the text.

    A full stop after an abbreviation ('Inc.', '7 kap.') does not end a sentence; a new line always does."""
    found: list[str] = []
    for line in text.splitlines():
        pieces: list[str] = []
        for piece in _SENTENCE_END.split(line):
            piece = piece.strip()
            if not piece:
                continue
            if pieces and _ABBREVIATION.search(pieces[-1]) and (piece[:1].isalnum() or piece[:1] == "("):
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
        found += pieces
    return found


def lix(text: str) -> float:
    """LIX, the Swedish readability index: words per sentence + 100 × long words (over six letters) / words."""
    all_words = words(text)
    if not all_words:
        return 0.0
    long_words = sum(1 for w in all_words if len(w) > 6)
    count = max(1, len(sentences(text)))
    return len(all_words) / count + 100 * long_words / len(all_words)


def repeated_sentences(page_html: str, min_words: int = REPEAT_MIN_WORDS) -> list[RepeatedSentence]:
    """Identical sentences of `min_words` or more words that the page's `<main>` says more than once.

    Only whole sentences of running text count (ending in . ! or ?): headings and labels (h1-h6, dt,
    th, summary, caption) name what follows and may recur in every block, a list of data categories
    has no full stop, and the table of contents (`<nav>`) repeats the headings."""
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    # A sentence never spans lines, and a long page repeats many lines word for word (a cookie table's
    # cells, the same wording in 1,000 activities): each distinct line is read once per page and its
    # sentences counted as often as it occurs.
    line_sentences: dict[str, list[str]] = {}
    for heading, text in _sections(page_html):
        for line, times in _line_counts(_LABELS.sub(" ", text)).items():
            found = line_sentences.get(line)
            if found is None:
                found = line_sentences[line] = _whole_sentences(line, min_words)
            for sentence in found:
                counts[sentence] += times
                places = where.setdefault(sentence, [])
                if heading not in places:
                    places.append(heading)
    return [RepeatedSentence(s, n, tuple(where[s])) for s, n in counts.items() if n > 1]


def _whole_sentences(line: str, min_words: int) -> list[str]:
    """The sentences of running text in one line of a page that have `min_words` or more words."""
    line = " ".join(line.split())
    return [
        sentence
        for sentence in (_without_lead_ins(sentences(line)) if line else ())
        if sentence.endswith((".", "!", "?")) and len(words(sentence)) >= min_words
    ]


def _text_lines(section_html: str) -> list[str]:
    """The lines of `main_text` of a section (`_sections` dropped scripts and navigation), spaces not collapsed."""
    # Matching without regard to case is twice as slow, and the bundled templates write tags in lower case.
    block = _BLOCK if _UPPER_CASE_TAG.search(section_html) else _BLOCK_LOWER_CASE
    body = block.sub("\n", section_html)
    return html.unescape(_TAG.sub("", body)).splitlines()


_SEPARATOR = "\x00"
_TAG_ACROSS_LINES = re.compile(r"<[^>\x00]*(?:[\x00<]|\Z)")
"""In the distinct lines joined by `_SEPARATOR`: a `<` whose tag does not end on its own line."""
_LONG_SECTION = 1 << 16
"""Sections shorter than this (an activity's block) are read as they are: few of their lines repeat."""


def _line_counts(section_html: str) -> Counter[str]:
    """`Counter(_text_lines(section_html))`, in the same order, reading each distinct source line once.

    A cookie table of 10,000 items repeats most of its source lines word for word, and stripping its tags
    was most of the check's time. When every tag ends on its own line (and no NUL is in the text), the
    lines do not affect each other: the distinct ones, in order of first occurrence, are joined by a NUL
    (which no tag, entity or line break contains) and read as one text, and each line's result counts as
    often as the line occurs."""
    if len(section_html) < _LONG_SECTION or _SEPARATOR in section_html:
        return Counter(_text_lines(section_html))
    distinct = Counter(section_html.split("\n"))
    joined = _SEPARATOR.join(distinct)
    if _TAG_ACROSS_LINES.search(joined):
        return Counter(_text_lines(section_html))
    counts: Counter[str] = Counter()
    pieces = "\n".join(_text_lines(joined)).split(_SEPARATOR)
    for piece, times in zip(pieces, distinct.values(), strict=True):
        for line in piece.splitlines():
            counts[line] += times
    return counts


def _without_lead_ins(found: list[str]) -> list[str]:
    """The sentences, each label that leads one in ('Karttjänst: ') split off, so the sentence counts every time."""
    return [piece for sentence in found for piece in _LEAD_IN.split(sentence)]


def _sections(page_html: str) -> list[tuple[str, str]]:
    """(heading, html) pieces of `<main>`, split at each h2 and h3, so a repetition can be placed."""
    body = _DROPPED.sub(" ", _main_html(page_html))
    pieces: list[tuple[str, str]] = []
    heading, start = "", 0
    for found in _HEADING.finditer(body):
        pieces.append((heading, body[start : found.start()]))
        heading = " ".join(html.unescape(_TAG.sub("", found.group(2))).split())
        start = found.start()
    pieces.append((heading, body[start:]))
    return pieces
