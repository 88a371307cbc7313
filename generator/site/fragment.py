"""The privacy page inside the site's own theme: `fragment.html` next to each language's `index.html`.

A site generator (MkDocs, Hugo, Eleventy, docs/integrations/) puts the
fragment into a page of its own template. It is rendered from the same
content template as the whole page (`site_templates/page/body.html`), so the
two always agree; its links start from `publish_path` because the page that
includes it may live at any depth, and its stylesheet (`assets/fragment.css`)
styles only what lies inside its wrapper, never the host site.
"""

from __future__ import annotations

from generator.model import Policy
from generator.model.vocabulary import language_folder
from generator.output import OutputFiles
from generator.performance import cyclic_garbage_collection_paused
from generator.site.banner_config import BannerConfig
from generator.site.page import PROSE_HEADING_LEVELS, PageView
from generator.texts.prose import render_prose
from generator.texts.templates import template_environment, template_file

FRAGMENT_TEMPLATE = "page/fragment.html"
FRAGMENT_CSS = "assets/fragment.css"
WRAPPER_CLASS = "policygen-page"
"""The class of the fragment's outermost element: every rule of its stylesheet starts with it."""


def fragment_path(language: str) -> str:
    """'fragment.html' for Swedish, 'en/fragment.html' for English: next to the language's index.html."""
    return language_folder(language) + "fragment.html"


def render_page_fragments(policy: Policy, banner: BannerConfig) -> OutputFiles:
    """The body-only page in each language of the site, and its scoped stylesheet."""
    languages = list(policy.site.languages)
    prose = render_prose(policy, languages, PROSE_HEADING_LEVELS)
    files: OutputFiles = {FRAGMENT_CSS: template_file(FRAGMENT_CSS).read_bytes()}
    with cyclic_garbage_collection_paused():
        for language in languages:
            page_prose = {key: html for (key, lang), html in prose.items() if lang == language}
            view = PageView(policy, language, policy.site.publish_path, page_prose, banner)
            template = template_environment(language, "messages").get_template(FRAGMENT_TEMPLATE)
            html = template.render(policy=policy, page=view)
            files[fragment_path(language)] = html.encode("utf-8")
    return files
