"""The Jinja2 environments of the page and the records, set up safely once.

Autoescaping is switched on explicitly (a `.html.j2` name would escape
`select_autoescape`), undefined names are errors, and every environment has
the catalog of one language and domain installed: one environment per
(language, domain), because imported macros are cached by the environment and
would keep the first language's texts.
"""

from __future__ import annotations

import contextlib
from functools import cache

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from generator.i18n import translations
from generator.paths import resource_dir


@cache
def template_environment(language: str, domain: str) -> Environment:
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
    return environment


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
