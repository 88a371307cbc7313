"""The Jinja2 environments of the page and the records: the one place where one is set up.

Autoescaping is switched on explicitly (a `.html.j2` name would escape
`select_autoescape`), undefined names are errors, and every environment has
the catalog of one language and domain installed: one environment per
(language, domain), because imported macros are cached by the environment and
would keep the first language's texts.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from generator.errors import PolicygenError, display_path
from generator.i18n import gettext_for, translations
from generator.model import Right
from generator.paths import resource_dir
from generator.texts.template_calls import PlainCallContext

TEMPLATE_OVERRIDES: ContextVar[Path | None] = ContextVar("TEMPLATE_OVERRIDES", default=None)
"""The owner's folder of templates (`policygen build --templates DIR`) while a build renders, else None."""


class TemplateFolderError(PolicygenError):
    """A file of the owner's template folder that may not be read (it leads outside the folder)."""

    nothing_written = True

    def report(self) -> str:
        return str(self)


@contextlib.contextmanager
def templates_from(folder: Path | None) -> Iterator[None]:
    """Render with the files of `folder` in place of the bundled ones of the same name (None: bundled only)."""
    token = TEMPLATE_OVERRIDES.set(folder.resolve() if folder is not None else None)
    try:
        yield
    finally:
        TEMPLATE_OVERRIDES.reset(token)


def template_file(name: str) -> Path:
    """A file of site_templates/ copied as it is (a stylesheet): the owner's own copy when their folder has one."""
    folder = TEMPLATE_OVERRIDES.get()
    if folder is not None:
        own = _inside(folder, name)
        if own is not None:
            return own
    return resource_dir("site_templates") / name


def owner_has(name: str) -> bool:
    """Whether the owner's template folder, while a build renders with one, replaces `name`."""
    folder = TEMPLATE_OVERRIDES.get()
    return folder is not None and _inside(folder, name) is not None


def _inside(folder: Path, name: str) -> Path | None:
    """`folder/name` if it is a file; an error if it is, or leads through, a link out of the folder."""
    candidate = folder / name
    if not candidate.is_file():
        return None
    if not candidate.resolve().is_relative_to(folder):
        raise TemplateFolderError(
            f"{display_path(candidate)}: error: this template leads outside the template folder "
            f"{display_path(folder)}: only files "
            "inside the folder are read. Copy the file into the folder instead of linking to it."
        )
    return candidate


class _OwnTemplates(FileSystemLoader):
    """The owner's template folder: only files that really lie inside it (no link out of it) are read."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        if _inside(self.folder, template) is None:
            raise TemplateNotFound(template)  # the ChoiceLoader takes the bundled one
        return super().get_source(environment, template)


def template_environment(language: str, domain: str) -> Environment:
    """The environment of one language and catalog domain ('messages' for the page, 'records'), with the
    owner's templates in front of the bundled ones while `templates_from` is in effect."""
    return _environment(language, domain, TEMPLATE_OVERRIDES.get())


@cache
def _environment(language: str, domain: str, overrides: Path | None) -> Environment:
    bundled = FileSystemLoader(resource_dir("site_templates"))
    loader: BaseLoader = bundled if overrides is None else ChoiceLoader([_OwnTemplates(overrides), bundled])
    environment = Environment(
        loader=loader,
        autoescape=True,  # explicitly: every value is escaped, whatever the template's file name
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache() if overrides is None else None,
    )
    environment.context_class = PlainCallContext  # calls without Jinja's inspection (see there)
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


_BREAK_POINT = re.compile(r"(?<=.[_\-.*])(?=.)", re.DOTALL)
"""Just after a `BREAK_AFTER` character with a character before and after it (not a leading or trailing _).
Escaping leaves these characters alone and turns no character into one, so the escaped text is searched:
a character at a time was a quarter of the cookie table's time."""


def _breakable(identifier: str) -> Markup:
    return Markup(_BREAK_POINT.sub("<wbr>", str(escape(str(identifier)))))


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
