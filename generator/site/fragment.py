"""The privacy page inside the site's own theme: `fragment.html` next to each language's `index.html`.

A site generator (MkDocs, Hugo, Eleventy, docs/integrations/) puts the
fragment into a page of its own template. It is rendered from the same
content template as the whole page (`site_templates/page/main.html`), so the
two always agree; its links start from `publish_path` because the page that
includes it may live at any depth, and its stylesheet (`assets/fragment.css`)
styles only what lies inside its wrapper, never the host site.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.model import Policy
from generator.model.vocabulary import language_folder, page_path
from generator.output import OutputFiles
from generator.performance import cyclic_garbage_collection_paused
from generator.site.banner_config import BannerConfig
from generator.site.page import PAGE_TEMPLATE, PROSE_HEADING_LEVELS, PageView
from generator.texts.prose import render_prose
from generator.texts.templates import owner_has, template_environment, template_file

FRAGMENT_TEMPLATE = "page/fragment.html"
FRAGMENT_CSS = "assets/fragment.css"
WRAPPER_CLASS = "policygen-page"
"""The class of the fragment's outermost element: every rule of its stylesheet starts with it."""

MAIN_START = '<main id="main">\n'
MAIN_END = "</main>"
"""Around main.html's output in the bundled page/index.html."""


def fragment_path(language: str) -> str:
    """'fragment.html' for Swedish, 'en/fragment.html' for English: next to the language's index.html."""
    return language_folder(language) + "fragment.html"


def render_page_fragments(policy: Policy, banner: BannerConfig, pages: OutputFiles | None = None) -> OutputFiles:
    """The body-only page in each language of the site, and its scoped stylesheet.

    The content is main.html's output; when `pages` holds the whole pages of this build, rendered with the
    bundled page/index.html, it is taken from there instead of rendering main.html a second time (most of
    the build's time for a large policy). Either way it is the same text."""
    languages = list(policy.site.languages)
    files: OutputFiles = {FRAGMENT_CSS: template_file(FRAGMENT_CSS).read_bytes()}
    reuse = pages is not None and not owner_has(PAGE_TEMPLATE)
    prose: dict[tuple[str, str], Markup] | None = None
    with cyclic_garbage_collection_paused():
        for language in languages:
            body = _content_of(pages.get(page_path(language)) if reuse and pages else None)
            if body is None and prose is None:
                prose = render_prose(policy, languages, PROSE_HEADING_LEVELS)
            page_prose = {key: html for (key, lang), html in (prose or {}).items() if lang == language}
            view = PageView(policy, language, policy.site.publish_path, page_prose, banner)
            template = template_environment(language, "messages").get_template(FRAGMENT_TEMPLATE)
            context = {"policy": policy, "page": view} | ({"body": Markup(body)} if body is not None else {})
            files[fragment_path(language)] = template.render(context).encode("utf-8")
    return files


def _content_of(page: bytes | None) -> str | None:
    """What main.html rendered inside a whole page's <main>, or None when the page is not laid out so."""
    if page is None:
        return None
    html = page.decode("utf-8")
    start, end = html.find(MAIN_START), html.rfind(MAIN_END)
    if start < 0 or end < start or html.count(MAIN_START) != 1:
        return None
    return html[start + len(MAIN_START) : end]
