"""Built-in texts (headings, rights, legal-basis names, banner labels) in Babel catalogs.

msgids are English; `sv` and `en` catalogs live in generator/locale/ and are
compiled (.mo) into the package. Three domains keep the parts apart:
`messages` (the privacy page and shared legal terms), `banner`, `records`.
`python -m generator.catalogs update` extracts, updates and compiles them.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from generator.paths import PACKAGE_DIR

if TYPE_CHECKING:
    from babel.support import NullTranslations

LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAINS = ("messages", "banner", "records")


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translate where it is shown)."""
    return message


@cache
def translations(language: str, domain: str = "messages") -> NullTranslations:
    """The compiled catalog of `domain` in `language`; a missing catalog is a bug, not a fallback."""
    # Imported here: the model marks its texts with `N_` from this module, and `check` translates nothing.
    from babel.support import Translations

    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.mo"
    if not path.is_file():
        raise FileNotFoundError(f"no compiled catalog {path}: run `make catalogs`")
    with path.open("rb") as file:
        return Translations(file, domain=domain)


def gettext_for(language: str, domain: str = "messages"):  # type: ignore[no-untyped-def]
    """A `gettext` function for one language and domain."""
    return translations(language, domain).gettext


LIST_LOCALES = {"en": "en_GB"}
"""The English pages are in UK English: 'a, b and c', without the serial comma of Babel's `en`."""


def format_words(items: list[str], language: str, style: str = "standard") -> str:
    """'a, b och c' / 'a, b and c' (style='or': 'a, b eller c'): a list in words, as the language writes it."""
    from babel.lists import format_list  # Babel's import is not free; only lists need it

    return format_list(items, style=style, locale=LIST_LOCALES.get(language, language))  # type: ignore[arg-type]
