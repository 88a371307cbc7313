"""The words every part of policygen uses for the same facts, each fact stated once.

Pure constants and predicates that the model, the loader, the checks and the
renderers share: the consent category that is always on, the provider name of
the site itself, "outside the EU/EEA", where each language's page lives and
the longest a consent may be kept. Helpers that turn facts into words for a
reader live in `generator.texts`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from generator.model.durations import parse_duration

NECESSARY = "necessary"
"""The consent category of strictly necessary cookies: always on, and the banner's own consent cookie is in it."""

DEFAULT_CONSENT_CATEGORIES = (NECESSARY, "preferences", "statistics", "marketing")
"""The banner's categories when the source lists none."""

FIRST_PARTY = "first_party"
"""A cookie's `provider` when the site itself (the controller) sets and reads it; any other value is a recipient id."""

MAX_CONSENT_LIFETIME = parse_duration("P13M")
"""A stored choice, or a cookie, lives at most 13 months (EDPB Guidelines 05/2020 § 111, CNIL and IMY practice)."""

MAIN_LANGUAGE = "sv"
"""The language every text must have and every other falls back to; its page is at the root of the output."""

EEA_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)
"""The EU member states and Iceland, Liechtenstein and Norway: no transfer safeguard needed (GDPR Chapter V)."""


def is_necessary(category_id: str) -> bool:
    return category_id == NECESSARY


def is_first_party(provider: str) -> bool:
    """Whether a cookie's provider is the site itself rather than a recipient."""
    return provider == FIRST_PARTY


def outside_eu_eea(country: str | None) -> bool:
    """A third country (GDPR Chapter V): a country is given and it is not in the EU/EEA."""
    return country is not None and country not in EEA_COUNTRIES


def language_folder(language: str) -> str:
    """'' for Swedish, whose page is at the root; 'en/' for English: each other language has its own folder."""
    return "" if language == MAIN_LANGUAGE else f"{language}/"


def page_path(language: str) -> str:
    """'index.html' for Swedish, 'en/index.html' for English, relative to the output's root."""
    return language_folder(language) + "index.html"


def root_from(language: str) -> str:
    """The relative link from a language's page back to the output's root: '' or '../'."""
    return "../" * language_folder(language).count("/")


PLACEHOLDER_MARK = "fyll i"
"""What `policygen init` writes where the owner has not given a fact yet; `check` reports each one (L-TODO-1)."""

PLACEHOLDER_URL = "https://fyll-i.example/"
"""A web address still to be given: valid, so that the source loads, and recognised by `check`."""

PLACEHOLDER_EMAIL = "fyll-i@fyll-i.example"
"""An e-mail address still to be given."""


def placeholder(what: str) -> str:
    """'[fyll i: företagets namn]': a text still to be written, which `check` reports."""
    return f"[{PLACEHOLDER_MARK}: {what}]"


def is_placeholder(text: str) -> bool:
    return f"[{PLACEHOLDER_MARK}:" in text or "fyll-i.example" in text


@lru_cache(maxsize=1024)  # asked for every declared item by the page, the banner and the records
def domain_is_first_party(domain: str | None, base_url: str, cookie_domain: str | None = None) -> bool:
    """Whether a cookie set on `domain` is on the site's own domain (no domain: the current host).

    The site's domain is its host without 'www.', or its consent cookie_domain; a cookie on that
    domain or any subdomain of it is first party, on any other domain third party.
    """
    if domain is None:
        return True
    wanted = domain.lstrip(".").lower()
    host = (urlsplit(base_url).hostname or "").lower()
    own = {host, host.removeprefix("www.")}
    if cookie_domain:
        own.add(cookie_domain.lstrip(".").lower())
    return any(wanted == d or wanted.endswith("." + d) or d.endswith("." + wanted) for d in own if d)


_ARTICLE_9_2_POINT = re.compile(
    r"^(?:(?:art(?:ikel|icle)?\.?)\s*)?9\s*(?:\.\s*2|\(\s*2\s*\))\s*(?:[.(]\s*)?([a-j])\)?(?![a-z0-9])",
    re.IGNORECASE,
)


def article_9_2_point(condition: str) -> str | None:
    """The point of Art. 9(2) a special-category condition names ('a' for "9.2 a", "9(2)(a)", "Art. 9(2)(a)",
    "artikel 9.2 a", optionally followed by words), or None when it names none of (a) to (j)."""
    found = _ARTICLE_9_2_POINT.match(condition.strip())
    return found.group(1).lower() if found else None
