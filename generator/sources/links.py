"""Which links and images a Markdown fragment may hold, checked when the sources load.

markdown-it's built-in filter silently turns a refused link into plain text, while a
site owner must learn at load time that a link will not work. Only http(s), mailto,
tel and relative links are allowed, and only relative images (the page loads nothing
from other hosts). Anything else is a `SourceError` at the fragment's file, line and
column, so every command refuses it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import SourceError, SourcePosition

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link in a fragment may use; a link without a scheme is relative and allowed."""

# Browsers drop ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"^([^/?#]*?):")
# Where a link destination starts in Markdown source: `](dest`, `](<dest`, `<dest>`, `[ref]: dest`.
_DESTINATION_START = re.compile(r"\]\(\s*<?|<|\]:[ \t]*<?")


@dataclass(frozen=True)
class UnsafeLink:
    """A link or image in a fragment that the page refuses to render."""

    url: str
    is_image: bool
    position: SourcePosition

    def error(self) -> SourceError:
        if self.is_image:
            return SourceError(
                f"image '{self.url}' is not allowed in Markdown",
                self.position,
                "use a relative path to an image file served with the page: the privacy page loads "
                "nothing from other hosts, and data: URLs are refused",
            )
        return SourceError(
            f"link '{self.url}' is not allowed in Markdown",
            self.position,
            "use an https:// address, mailto:, tel: or a relative path; javascript:, data:, file: "
            "and other schemes are refused because they could run code on the privacy page",
        )


def canonical_url(url: str) -> str:
    """`url` as a browser reads its scheme: entities and percent escapes decoded, whitespace
    and control characters dropped, lower case. 'JaVa&#115;cript:', 'java%09script:' and
    '\\x01javascript:' all read 'javascript:'."""
    text = url
    for _ in range(3):
        text = unquote(html.unescape(text))
    return _IGNORED_IN_SCHEME.sub("", text).lower()


def link_scheme(url: str) -> str | None:
    """The scheme of `url` (lower case), or None for a relative URL."""
    match = _SCHEME.match(canonical_url(url))
    return match.group(1) if match else None


def is_allowed_link(url: str) -> bool:
    scheme = link_scheme(url)
    return scheme is None or scheme in LINK_SCHEMES


def is_allowed_image(url: str) -> bool:
    """Only images next to the page: no scheme and no other host ('//host/x.png')."""
    return link_scheme(url) is None and not url.strip().startswith(("//", "\\\\", "/\\", "\\/"))


def _parser() -> MarkdownIt:
    parser = MarkdownIt("js-default", {"typographer": False})
    # Every link reaches the tokens; `find_unsafe_links` decides, and says where.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_MARKDOWN = _parser()


def find_unsafe_links(text: str, file: Path, first_line: int = 1) -> list[UnsafeLink]:
    """Every refused link or image in one fragment, with its place in the file."""
    lines = text.splitlines()
    used: set[tuple[int, int]] = set()
    found: list[UnsafeLink] = []
    for block in _MARKDOWN.parse(text):
        if block.type != "inline" or not block.children:
            continue
        block_line = block.map[0] if block.map else 0
        breaks = 0
        for token in block.children:
            if token.type in ("softbreak", "hardbreak"):
                breaks += 1
            url, is_image = _destination(token)
            if url is None:
                continue
            allowed = is_allowed_image(url) if is_image else is_allowed_link(url)
            if allowed:
                continue
            line, column = _locate(url, lines, block_line + breaks, used)
            found.append(UnsafeLink(url, is_image, SourcePosition(file, first_line + line, column + 1)))
    return found


def _destination(token: Token) -> tuple[str | None, bool]:
    if token.type == "link_open":
        return str(token.attrGet("href") or ""), False
    if token.type == "image":
        return str(token.attrGet("src") or ""), True
    return None, False


def _locate(url: str, lines: list[str], near_line: int, used: set[tuple[int, int]]) -> tuple[int, int]:
    """(0-based line, 0-based column) where the destination of `url` is written.

    markdown-it keeps the line of a block but not the column of a link, and a
    reference link's destination stands in its definition elsewhere. The
    destination is searched from the link's line on, then in the whole file.
    """
    wanted = canonical_url(url)
    order = list(range(near_line, len(lines))) + list(range(near_line))
    for index in order:
        for match in _DESTINATION_START.finditer(lines[index]):
            place = (index, match.end())
            candidate = lines[index][match.end() : match.end() + 200]
            if place not in used and canonical_url(candidate).startswith(wanted):
                used.add(place)
                return place
    return near_line, 0
