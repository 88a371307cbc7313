"""The Markdown fragments (introduction, security, cookies, notes) rendered safely into the page.

markdown-it-py renders them with raw HTML off (the `js-default` preset), so
`<script>` in a fragment is shown as text. Unsafe links were refused with their
place when the sources loaded (`generator.sources.links`).

Headings inside a fragment are moved below the heading of the section that
holds it, so the page's heading order stays intact.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from generator.model import Policy, Prose
from generator.sources.links import is_allowed_link


def _renderer() -> MarkdownIt:
    parser = MarkdownIt("js-default", {"typographer": False})
    # Loading refuses unsafe links with their place; should one reach rendering anyway, it stays text.
    parser.validateLink = is_allowed_link  # type: ignore[method-assign]
    return parser


_RENDERER = _renderer()


def render_markdown(text: str, top_heading_level: int) -> Markup:
    """HTML of a fragment; its first heading level becomes `top_heading_level` and levels never jump."""
    tokens = _RENDERER.parse(text)
    _shift_headings(tokens, top_heading_level)
    return Markup(_RENDERER.renderer.render(tokens, _RENDERER.options, {}))


def _shift_headings(tokens: list[Token], top_level: int) -> None:
    """`#`, `##`… of a fragment start at `top_level`; a heading is at most one level below the one before."""
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    levels = [int(t.tag[1]) for t in headings if t.type == "heading_open"]
    if not levels:
        return
    shallowest = min(levels)
    previous = top_level - 1
    current = top_level
    for token in headings:
        if token.type == "heading_open":
            wanted = int(token.tag[1]) - shallowest + top_level
            current = max(top_level, min(wanted, previous + 1, 6))
            previous = current
        token.tag = f"h{current}"


PROSE_KEYS = tuple(Prose.model_fields)


def render_prose(policy: Policy, languages: list[str], heading_levels: dict[str, int]) -> dict[tuple[str, str], Markup]:
    """Every fragment in every page language as HTML, keyed by (key, language).

    The loader has refused unsafe links already, with their place. A language
    without its own fragment falls back to the Swedish one, like every other text.
    """
    return {
        (key, language): render_markdown(getattr(policy.prose, key).get(language), heading_levels[key])
        for key in PROSE_KEYS
        if getattr(policy.prose, key) is not None
        for language in languages
    }
