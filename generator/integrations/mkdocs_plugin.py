"""The MkDocs plugin `policygen` (`pip install policygen[mkdocs]`, docs/integrations/mkdocs.md).

```yaml
plugins:
  - policygen:
      source: policy      # the policy's source folder, relative to mkdocs.yml
```

During `mkdocs build` (and `mkdocs serve`) it checks and renders the policy
as `policygen build` does, then: the privacy page becomes a page of the site,
in the site's theme, at `site.publish_path` (one per language); the banner's
files are copied next to it; every page gets the snippet in
its `<head>` and a button that reopens the settings at the end of its footer.
The records of processing are published only with `publish_records: true`.
A policy with errors stops the build, as `policygen build` refuses it.
"""

from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.build import refuse_on_errors, render_site, repetition_findings
from generator.checks.findings import PlacedFinding, format_text
from generator.checks.registry import check_policy
from generator.errors import PolicygenError
from generator.i18n import gettext_for
from generator.model import Policy
from generator.model.vocabulary import NECESSARY, language_folder
from generator.output import OutputFiles
from generator.site.fragment import fragment_path
from generator.sources.loading import load_policy
from generator.texts.cookies import offered_categories, offers_choice

RECORDS = "records/"
"""The records of processing in the build: copied only with `publish_records: true`."""
NOT_COPIED = ("snippet.html", "assets/page.css")
"""Files of the build the MkDocs site does not need: the theme makes the pages, the plugin adds the snippet."""

HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
FOOTER_END = re.compile(r"</footer\s*>", re.IGNORECASE)
BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
LOG = logging.getLogger("mkdocs.plugins.policygen")
MATERIAL_CSS = "consent/mkdocs-material.css"
"""The plugin's stylesheet under Material, beside the banner's files (a file: the banner works under CSP)."""
MATERIAL_CSS_TEXT = b"""/* policygen on MkDocs Material: the banner's text at the size of Material's content
   text (.md-typeset), not of its body (.5rem, 10 px). Override --consent-size in your own extra_css. */
.consent-ui {
  --consent-size: .8rem;
}
"""
INSTANT_LOADING = "navigation.instant"
"""MkDocs Material's client-side navigation: it re-inserts every script of the new content."""


class PolicygenConfig(Config):
    source = config_options.Type(str, default="policy")
    """The policy's source folder, relative to mkdocs.yml."""
    publish_records = config_options.Type(bool, default=False)
    """true: publish the records of processing (`records/`) beside the page. They are the internal register,
    for the owner and an auditor, so by default they stay off the site."""


class PolicygenPlugin(BasePlugin[PolicygenConfig]):
    """Builds the policy into the MkDocs site: its page in the theme, the banner on every page."""

    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.source = Path(".")
        self.files: OutputFiles = {}
        self.folder = ""
        """publish_path relative to the site's root (docs_dir), e.g. 'integritetspolicy/'."""
        self.pages: dict[str, str] = {}
        """src_uri of each language's generated page → its fragment's path in `files`."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        source = self.source = Path(config.config_file_path or ".").parent / self.config.source
        try:
            loaded = load_policy(source)
            warnings = refuse_on_errors(check_policy(loaded.policy), loaded)
            files = render_site(loaded.policy)
            warnings += [PlacedFinding(f, None) for f in repetition_findings(loaded.policy, files)]
        except PolicygenError as error:
            raise PluginError(f"policygen: {error.report()}") from None
        if warnings:  # shown, not fatal, as in `policygen build`
            LOG.warning("policygen: %s", format_text(warnings))
        self.policy, self.files = loaded.policy, files
        self.folder = _folder_in_site(loaded.policy.site.publish_path, config.site_url)
        if _is_material(config):  # first, so that the owner's own extra_css overrides it
            config.extra_css.insert(0, self.folder + MATERIAL_CSS)
        return config

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """`mkdocs serve` rebuilds when the policy's sources change, as when a page changes."""
        server.watch(str(self.source))
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        policy = self._policy()
        own = {fragment_path(language) for language in policy.site.languages}
        own |= {language_folder(language) + "index.html" for language in policy.site.languages}
        for name, content in sorted(self.files.items()):
            if name in NOT_COPIED or name in own or (name.startswith(RECORDS) and not self.config.publish_records):
                continue
            files.append(File.generated(config, self.folder + name, content=content))
        if _is_material(config):
            files.append(File.generated(config, self.folder + MATERIAL_CSS, content=MATERIAL_CSS_TEXT))
        self.pages = {}
        for language in policy.site.languages:
            src_uri = self.folder + language_folder(language) + "index.md"
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"policygen: {src_uri} is a page of your own where the privacy page goes (publish_path "
                    f"{policy.site.publish_path}): move it, or choose another site.publish_path"
                )
            files.append(File.generated(config, src_uri, content=_stub_page(policy, language)))
            self.pages[src_uri] = fragment_path(language)
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """The privacy page's content is the fragment, not the (empty) Markdown of its stub."""
        fragment = self.pages.get(page.file.src_uri)
        if fragment is None:
            if INSTANT_LOADING in (config.theme.get("features") or []) and inline_blocked_scripts(html):
                raise PluginError(
                    f'policygen: {page.file.src_uri}: an inline blocked script (<script type="text/plain" '
                    "data-consent=…> without src) would run without consent: MkDocs Material's "
                    f"{INSTANT_LOADING} inserts it again as a plain script. Move its code into a file of "
                    'your docs folder and load it with src="…" (the banner still holds it until consent).'
                )
            self._warn_of_unknown_categories(page.file.src_uri, html)
            return html
        return self.files[fragment].decode("utf-8")

    def _warn_of_unknown_categories(self, src_uri: str, html: str) -> None:
        """A script or iframe held for a category the banner does not offer is never released: say so now."""
        policy = self._policy()
        known = [NECESSARY, *(c.id for c in offered_categories(policy) if c.id != NECESSARY)]
        for tag, category in held_categories(html):
            if category not in known:
                LOG.warning(
                    f'policygen: {src_uri}: <{tag} data-consent="{category}">: the banner offers no category '
                    f'"{category}" (only {", ".join(known)}), so it never releases it. Name the category of the '
                    "service's cookies instead (a catalogue service's is in docs/catalogue.md)."
                )

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """The snippet before `</head>`, the settings button at the end of the last footer (or the body)."""
        policy = self._policy()
        output = _insert_before_last(HEAD_END, output, self.files["snippet.html"].decode("utf-8"), first=True)
        button = settings_button(policy)
        if not button:
            return output
        if FOOTER_END.search(output):
            return _insert_before_last(FOOTER_END, output, button)
        return _insert_before_last(BODY_END, output, button)

    def _policy(self) -> Policy:
        if self.policy is None:  # on_config runs first in every MkDocs build
            raise PluginError("policygen: the plugin was not configured")
        return self.policy


def settings_button(policy: Policy) -> str:
    """The control that reopens the banner's settings, in the words the banner uses for them; '' when the
    policy offers no choice (there are no settings to reopen)."""
    if not offers_choice(policy):
        return ""
    language = policy.site.languages[0]
    label = gettext_for(language, "banner")("Cookie settings")
    return str(
        Markup(
            '<p class="policygen-settings"><button type="button" data-consent-action="open">{}</button></p>\n'
        ).format(label)
    )


class _BlockedScripts(HTMLParser):
    """The start tags of scripts held for consent (data-consent, not `necessary`) that have no src."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        category = attributes.get("data-consent")
        if tag == "script" and category not in (None, NECESSARY) and not attributes.get("src"):
            self.inline.append(attributes)


def inline_blocked_scripts(html: str) -> list[dict[str, str | None]]:
    """The inline scripts of a page that the banner must hold: Material's instant loading would run them."""
    parser = _BlockedScripts()
    parser.feed(html)
    parser.close()
    return parser.inline


def _is_material(config: MkDocsConfig) -> bool:
    """MkDocs Material (or a theme extending it with custom_dir): its body text is 10 px, its content 16 px."""
    return config.theme.name == "material"


class _HeldElements(HTMLParser):
    """The scripts and iframes of a page that carry data-consent, as (tag, category)."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        category = dict(attrs).get("data-consent")
        if tag in ("script", "iframe") and category is not None and (tag, category) not in self.held:
            self.held.append((tag, category))


def held_categories(html: str) -> list[tuple[str, str]]:
    """Each (tag, category) a page's held scripts and iframes name, once, in page order."""
    parser = _HeldElements()
    parser.feed(html)
    parser.close()
    return parser.held


def _stub_page(policy: Policy, language: str) -> str:
    """The Markdown MkDocs reads for the privacy page: only its title (the content is the fragment)."""
    title = policy.policy.title
    text = title.get(language) if title is not None else gettext_for(language)("Privacy policy")
    return f"---\ntitle: {json.dumps(text, ensure_ascii=False)}\n---\n"


def _folder_in_site(publish_path: str, site_url: str | None) -> str:
    """publish_path relative to the site's root: '/docs/integritetspolicy/' under …/docs/ → 'integritetspolicy/'."""
    root = urlsplit(site_url or "/").path or "/"
    root = root if root.endswith("/") else root + "/"
    if not publish_path.startswith(root) or publish_path == root:
        raise PluginError(
            f"policygen: site.publish_path {publish_path} is not a folder inside this MkDocs site ({root}): "
            f"set it to a folder under {root}, e.g. {root}integritetspolicy/"
        )
    return publish_path[len(root) :]


def _insert_before_last(pattern: re.Pattern[str], html: str, insert: str, *, first: bool = False) -> str:
    matches = list(pattern.finditer(html))
    if not matches:
        return html
    at = (matches[0] if first else matches[-1]).start()
    return html[:at] + insert + html[at:]
