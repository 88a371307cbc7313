"""The Jinja2 environments of the page and the records: the one place where one is set up.

Autoescaping is switched on explicitly (a `.html.j2` name would escape
`select_autoescape`), undefined names are errors, and every environment has
the catalog of one language and domain installed: one environment per
(language, domain), because imported macros are cached by the environment and
would keep the first language's texts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cache, lru_cache
from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from generator.i18n import gettext_for, translations
from generator.model import Right
from generator.paths import resource_dir


@cache
def template_environment(language: str, domain: str) -> Environment:
    """The environment of one language and catalog domain ('messages' for the page, 'records')."""
    environment = Environment(
        loader=FileSystemLoader(resource_dir("site_templates")),
        autoescape=True,  # explicitly: every value is escaped, whatever the template's file name
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    # Extraction trims {% trans %} blocks (generator/catalogs.py); rendering must look up the same msgids.
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(translations(language, domain), newstyle=True)  # type: ignore[attr-defined]
    _install_gettext(environment, language, domain)
    environment.globals["Right"] = Right
    environment.filters["bdi"] = isolate
    environment.filters["breakable"] = breakable
    environment.filters["isolate_plain"] = isolate_plain
    environment.filters["mailto"] = mailto_url
    return environment


# --- filters of every template: model texts isolated, identifiers breakable, mailto: links --------


def isolate(value: str | Markup | None) -> Markup:
    """`<bdi>` around a model text (escaped unless it is markup): a right-to-left name, or a stray U+202E
    in it, must not reorder the words around it (HTML bidi isolation; the text's own direction is auto)."""
    if not value:
        return Markup("")
    if type(value) is str:  # exactly str: Markup("<b>") == "<b>", so markup must never share the cache
        return _isolated_text(value)
    return Markup("<bdi>{}</bdi>").format(value)


TEXT_CACHE = 1 << 16
"""Distinct model texts kept escaped: a large policy repeats a few texts thousands of times."""


@lru_cache(maxsize=TEXT_CACHE)
def _isolated_text(value: str) -> Markup:
    """A plain text escaped once per distinct value, in `<bdi>`."""
    return Markup("<bdi>{}</bdi>").format(value)


def isolate_plain(value: str) -> str:
    """A model text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, for where no `<bdi>` can
    go (a `<title>`, SVG text): the same bidi isolation, as characters."""
    return f"\u2068{value}\u2069" if value else value


BREAK_AFTER = "_-.*"
"""Where an identifier (a cookie name) may break on a narrow screen: after these, before any other place."""


def breakable(identifier: str) -> Markup:
    """`identifier` escaped, with `<wbr>` after each `_ - . *` inside it: `wp_woocommerce_session_*` wraps
    at its parts on a phone instead of widening the page; it still reads and copies as written."""
    if type(identifier) is str:  # markup keeps its own escaping, so it never shares the cache (see isolate)
        return _breakable_text(identifier)
    return _breakable(identifier)


@lru_cache(maxsize=TEXT_CACHE)
def _breakable_text(identifier: str) -> Markup:
    """An identifier escaped and broken once per distinct value: a cookie name appears on several pages."""
    return _breakable(identifier)


def _breakable(identifier: str) -> Markup:
    pieces: list[str] = []
    for position, character in enumerate(identifier):
        pieces.append(str(escape(character)))
        if character in BREAK_AFTER and 0 < position < len(identifier) - 1:  # not after a leading _
            pieces.append("<wbr>")
    return Markup("".join(pieces))


def mailto_url(email: str) -> str:
    """The `mailto:` URL of an address, the same on the page and the records page: everything but
    `@ . + - _` percent-encoded, so that a `?` or `&` in the address cannot add headers (cc, body)."""
    return "mailto:" + quote(email, safe="@.+-_")


def _install_gettext(environment: Environment, language: str, domain: str) -> None:
    """Give the templates' `_()` and `{% trans %}` a gettext that does what Jinja's newstyle gettext does.

    The catalog's text is markup and every variable is escaped into it, as Jinja does with autoescaping
    on (it is always on, see above). Jinja's own version takes the template context and, in a
    loop, copies it on every call: a seventh of the render time of a page with 1,000 activities.
    """
    environment.globals["gettext"] = environment.globals["_"] = _template_gettext(language, domain)


@cache
def _template_gettext(language: str, domain: str) -> Callable[..., Markup]:
    translate = gettext_for(language, domain)

    @cache  # a heading or label without variables is asked for once per activity or cookie
    def without_variables(message: str) -> Markup:
        return Markup(translate(message)) % {}

    def gettext(message: str, /, **variables: object) -> Markup:
        if not variables:
            return without_variables(message)
        return Markup(translate(message)) % variables

    return gettext


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """A cache that cannot be written only costs time, never the build."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept in the user's temp folder, keyed by their source: compiling them is
    most of the render time of a small policy, and a build that finds them there skips it."""
    try:
        return _QuietBytecodeCache()
    except (OSError, RuntimeError):  # no usable temp folder
        return None
