"""The cookie banner's side of the build: its config from the model, its files, the tags that load it.

The banner (`consent_js/`) knows nothing of its own: the categories, the
cookies it must delete, the texts it shows and the revision that decides
whether a stored choice still holds all come from `build_consent_config`.
A build makes it once (`build_banner_config`) and hands it on: it is written to
`consent/config.json`, which the banner fetches and `consent_head_tags` preloads,
so the tags to paste stay the same when the policy changes. Format: docs/banner.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import rcssmin
from markupsafe import Markup, escape

from generator.i18n import format_words, gettext_for
from generator.model import ConsentCategory, ConsentModeSignal, Cookie, Policy, wildcard_pattern
from generator.model.durations import duration_of
from generator.model.vocabulary import MAX_CONSENT_LIFETIME, NECESSARY, is_first_party, language_folder
from generator.output import OutputFiles, json_file
from generator.paths import resource_dir
from generator.site.revisions import category_revisions, overall_revision
from generator.texts.cookies import (
    declared_cookies,
    describe_cookie,
    offered_categories,
    offers_choice,
    third_party_withdrawal_note,
)
from generator.texts.legal import consent_category_description, consent_category_label
from generator.texts.plain import label_in_sentence
from generator.texts.retention import describe_category_retention

CONFIG_FORMAT = 1
"""Version of the config format; the banner's cookie format is versioned with the revision."""

DEFAULT_SALE_OR_SHARING = frozenset({"marketing"})
"""Categories that count as sale or sharing for Global Privacy Control unless the source says otherwise."""

DEFAULT_CONSENT_MODE_SIGNALS: dict[str, list[ConsentModeSignal]] = {
    NECESSARY: [ConsentModeSignal.security_storage],
    "preferences": [ConsentModeSignal.functionality_storage, ConsentModeSignal.personalization_storage],
    "statistics": [ConsentModeSignal.analytics_storage],
    "marketing": [ConsentModeSignal.ad_storage, ConsentModeSignal.ad_user_data, ConsentModeSignal.ad_personalization],
}
"""Google Consent Mode v2 signals of a default category that lists none of its own (Google Consent Mode v2)."""


# --- the config --------------------------------------------------------------


@dataclass(frozen=True)
class BannerConfig:
    """The banner's config of one build: made once, then written to config.json."""

    config: dict[str, Any]
    """Everything the banner needs, per language (`build_consent_config`). Nobody may change it."""


def build_banner_config(policy: Policy) -> BannerConfig:
    """The config, made once per build (`generator.build.render_site`)."""
    return BannerConfig(build_consent_config(policy))


def build_consent_config(policy: Policy) -> dict[str, Any]:
    """Everything the banner needs, per language; the same dict for config.json and the page."""
    languages = list(policy.site.languages)
    categories = _category_configs(policy, languages)
    revisions = category_revisions(policy, offered_categories(policy))
    for category in categories:
        category["revision"] = revisions[category["id"]]
    return {
        "format": CONFIG_FORMAT,
        "revision": overall_revision(revisions),
        "policy_version": policy.policy.version,
        "languages": languages,
        "policy_url": {language: policy_page_url(policy, language) for language in languages},
        "cookie": {
            "name": policy.site.consent_cookie_name,
            "domain": policy.site.cookie_domain,
            # With no choice to make, nothing may be stored: a lifetime of 0 makes the browser drop the cookie at
            # once, even if a site's own control opens the settings and the visitor saves.
            "lifetime": consent_lifetime_seconds(policy) if offers_choice(policy) else 0,
        },
        "categories": categories,
        "gpc_categories": sale_or_sharing_categories(policy) if policy.site.gpc else [],
        "consent_mode": consent_mode_signals(policy) if policy.site.consent_mode else None,
        "receipt_endpoint": policy.site.receipt_endpoint,
        "texts": {language: banner_texts(policy, language) for language in languages},
        "providers": embed_providers(policy, languages),
        # No choice to change, no button to change it with (the banner then asks nothing).
        "settings_button": policy.site.banner.settings_button if offers_choice(policy) else "none",
    }


def embed_providers(policy: Policy, languages: list[str]) -> dict[str, dict[str, str]]:
    """Domain → the provider's name per language, from the third-party cookies that name their domain.

    The banner names the provider of a blocked embed whose address is on that domain (or under it).
    """
    providers: dict[str, dict[str, str]] = {}
    for cookie in declared_cookies(policy):
        if cookie.domain and policy.cookie_party(cookie) == "third" and not is_first_party(cookie.provider):
            domain = cookie.domain.lstrip(".")
            providers.setdefault(
                domain, {language: describe_cookie(policy, cookie, language).provider for language in languages}
            )
    return dict(sorted(providers.items()))


def consent_revision(policy: Policy, categories: list[dict[str, Any]] | None = None) -> str:
    """One value that changes with any category's revision (`generator.site.revisions`): for receipts and tools.

    The banner itself compares a stored choice with the revisions of the categories it granted.
    """
    return overall_revision(category_revisions(policy, offered_categories(policy)))


def consent_lifetime_seconds(policy: Policy) -> int:
    """site.consent_lifetime in seconds, capped at 13 months."""
    return min(duration_of(policy.site.consent_lifetime).seconds(), MAX_CONSENT_LIFETIME.seconds())


def policy_page_url(policy: Policy, language: str) -> str:
    """Where the banner links to: the policy page, in `language` when the generated page has it."""
    site = policy.site
    url = site.policy_url or site.publish_path
    if urlsplit(url).path != site.publish_path:  # a page of the site's own, not the generated one
        return url
    return url + language_folder(language)


def sale_or_sharing_categories(policy: Policy) -> list[str]:
    """Ids of the categories that Global Privacy Control keeps off under 'accept all'."""
    chosen = []
    for category in offered_categories(policy):
        marked = category.sale_or_sharing
        if not category.required and (marked if marked is not None else category.id in DEFAULT_SALE_OR_SHARING):
            chosen.append(category.id)
    return chosen


def consent_mode_signals(policy: Policy) -> dict[str, list[str]]:
    """Each Google Consent Mode v2 signal → the categories that grant it (all signals listed, in Google's order)."""
    signals: dict[str, list[str]] = {signal.value: [] for signal in ConsentModeSignal}
    for category in offered_categories(policy):
        for signal in category.consent_mode or DEFAULT_CONSENT_MODE_SIGNALS.get(category.id, []):
            signals[signal.value].append(category.id)
    return signals


def _category_configs(policy: Policy, languages: list[str]) -> list[dict[str, Any]]:
    """Every category with its items, in the banner's order."""
    offered = offered_categories(policy)
    items: dict[str, list[dict[str, Any]]] = {category.id: [] for category in offered}
    # Items share a few providers, durations and types: each line of details is written once.
    details: dict[tuple[str, str | None, str | None, str | None, str, bool | None, str | None], dict[str, str]] = {}
    for cookie in declared_cookies(policy):
        if cookie.category not in items:  # an unknown category: the load refuses it, the banner leaves it out
            continue
        key = (
            cookie.provider,
            cookie.duration,
            cookie.party,
            cookie.domain,
            cookie.storage.value,
            cookie.third_party_access,
            cookie.purpose,  # the retention of what its provider collects belongs to the purpose's activity
        )
        if key not in details:
            details[key] = {language: _item_details(policy, cookie, language) for language in languages}
        items[cookie.category].append(_item_config(cookie, languages, details[key]))
    return [_category_config(category, languages, items[category.id]) for category in offered]


def _category_config(category: ConsentCategory, languages: list[str], items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": category.id,
        "required": category.required,
        "label": {language: consent_category_label(category, language) for language in languages},
        "description": {language: consent_category_description(category, language) or "" for language in languages},
        "items": items,
    }


def _item_config(cookie: Cookie, languages: list[str], details: dict[str, str]) -> dict[str, Any]:
    """One cookie or storage item: what the banner deletes, and the line it shows. Nothing else: every visitor
    downloads it (the party and the HttpOnly flag are in ropa.json's `cookies`; `details` says the party)."""
    return {
        "name": cookie.name,
        "pattern": "^" + wildcard_pattern(cookie.name) + "$" if cookie.is_pattern else None,
        "storage": cookie.storage.value,
        "path": cookie.path,
        "domain": cookie.domain,
        "description": {language: cookie.description.get(language) for language in languages}
        if cookie.description
        else None,
        "details": details,
    }


def _item_details(policy: Policy, cookie: Cookie, language: str) -> str:
    """'Leverantör: Google · Lagringstid: 13 månader · Tredjepart · Kaka (cookie)'."""
    _ = gettext_for(language, "banner")
    words = describe_cookie(policy, cookie, language)
    line = _("Provider: {provider} · Duration: {duration} · {party} · {storage}").format(
        provider=words.provider, duration=words.duration_shown, party=words.party_with_domain, storage=words.storage
    )
    if cookie.third_party_access:  # CJEU Planet49: the visitor is told before consenting
        line += " · " + _("Third-party access")
    for sentence in _provider_retention(policy, cookie, language):
        line += " · " + sentence
    return line


def _provider_retention(policy: Policy, cookie: Cookie, language: str) -> list[str]:
    """How long the item's provider keeps what it collects ("… raderas efter 14 månader"), told before consent:
    the retentions per data category of the item's activity that are set in, or decided by, that provider."""
    found = policy.purposes_by_id.get(cookie.purpose) if cookie.purpose else None
    if found is None or found[0].retention is None:
        return []
    return [
        describe_category_retention(policy, entry, language).sentence
        for entry in found[0].retention.by_category
        if cookie.provider in (entry.set_in, entry.decided_by)
    ]


# --- the banner's texts --------------------------------------------------------


def banner_texts(policy: Policy, language: str) -> dict[str, str]:
    """Every string the visitor reads in the banner, from the `banner` catalog.

    The first layer says only what must come before a choice (the purposes by category, who else gets access,
    how to withdraw, the policy link), so that it fits a phone; the rest is in the settings.
    """
    _ = gettext_for(language, "banner")
    optional = [c for c in offered_categories(policy) if not c.required]
    gpc_ids = set(sale_or_sharing_categories(policy))
    gpc_categories = [c for c in optional if c.id in gpc_ids]
    accept_all = _("Accept all")
    customize = _("Customise")
    settings_title = _("Cookie settings")
    return {
        "title": _("We use cookies"),
        "intro": (
            _("Necessary cookies make the website work. With your consent we also use cookies for {purposes}.").format(
                purposes=_category_list(optional, language)
            )
            if optional  # a site with only necessary cookies offers no choice (the banner is then not shown)
            else _("Necessary cookies make the website work.")
        )
        + _third_party_access(policy, language),
        "withdraw": _("You can change or withdraw your consent at any time under “{settings}”.").format(
            settings=settings_title
        ),
        "policy_link": _("Read more in our privacy policy"),
        "accept_all": accept_all,
        "reject_all": _("Reject all"),
        "customize": customize,
        "save": _("Save my choices"),
        "close": _("Close"),
        "settings_title": settings_title,
        "settings_intro": _("Choose which cookies we may use. Necessary cookies are always active.")
        + third_party_withdrawal_note(policy, language),
        "always_on": _("always active"),
        "show_items": _("Show cookies ({count})"),
        # Shown only when a category counts as sale or sharing (the banner checks gpc_categories).
        "gpc": _(
            "Your browser sends the Global Privacy Control signal. “{accept_all}” therefore leaves {categories} off; "
            "you can turn it on yourself under “{customize}”."
        ).format(accept_all=accept_all, categories=_category_list(gpc_categories, language), customize=customize)
        if gpc_categories
        else "",
        "blocked": _("To show this content, we need your consent to “{category}”."),
        "allow": _("Allow “{category}”"),
        "open": _("Open on {provider}"),
    }


def _third_party_access(policy: Policy, language: str) -> str:
    """' Google Analytics can read some of them.' (with a leading space), or '' when no optional item
    can be read by another company: told on the first layer, before consent (CJEU Planet49, PTS)."""
    names: list[str] = []
    unnamed = False
    for cookie in policy.cookies:
        own = is_first_party(cookie.provider)
        if cookie.category == NECESSARY or not (cookie.third_party_access or not own):
            continue
        recipient = None if own else policy.recipients_by_id.get(cookie.provider)
        name = recipient and (recipient.product or recipient.legal_entity or recipient.name)
        if name and name not in names:
            names.append(name)
        unnamed = unnamed or not name
    if not names and not unnamed:
        return ""
    _ = gettext_for(language, "banner")
    if not names:
        return " " + _("Other companies can read some of them.")
    return " " + _("{providers} can read some of them.").format(providers=format_words(names, language))


def _category_list(categories: list[ConsentCategory], language: str) -> str:
    """'inställningar, statistik och marknadsföring': built-in labels in lower case; the site's own with a
    lower-case first letter mid-sentence ('personliga rekommendationer'), unless it starts with an
    abbreviation or a name written in capitals ('SMS-utskick', 'YouTube')."""
    names = []
    for category in categories:
        label = consent_category_label(category, language)
        if category.label is None:
            names.append(label.lower())
        else:
            names.append(label_in_sentence(label))
    return format_words(names, language) if names else ""


# --- the files and the tags ------------------------------------------------------


def shipped_banner_files() -> dict[str, bytes]:
    """consent.js and consent.css as they ship, minified (comments marked /*! kept).

    The script ships as terser minified it (consent.min.js, committed by `make banner`), so a
    build needs no Node; the stylesheet is minified here.
    """
    source = resource_dir("consent_js")
    script = (source / "consent.min.js").read_text(encoding="utf-8").rstrip("\n")
    style = rcssmin.cssmin((source / "consent.css").read_text(encoding="utf-8"), keep_bang_comments=True)
    return {"consent/consent.js": (script + "\n").encode(), "consent/consent.css": (style + "\n").encode()}


def render_consent_files(banner: BannerConfig) -> OutputFiles:
    """consent/consent.js, consent/consent.css, consent/config.json."""
    # Without indentation: every visitor downloads it (a third smaller for 10,000 cookies); a person reads it
    # pretty-printed (`python -m json.tool`).
    return {**shipped_banner_files(), "consent/config.json": json_file(config_file_data(banner.config), indent=None)}


CONFIG_FILE_FORMAT = 3
"""3: an item's `description` and `details` are positions in `item_texts[language]`, where each distinct text is
once (2: one list of texts with every language in each; the banner reads one language, so it now looks up one
list); an item leaves out `pattern` and `domain` when they are null."""


def config_file_data(config: dict[str, Any]) -> dict[str, Any]:
    """The config as config.json writes it: each item's texts said once for all items (10,000 cookies share a
    few descriptions and lines of details; written out in every item they were two thirds of the file)."""
    positions: dict[tuple[tuple[str, str], ...], int] = {}

    def position(text: dict[str, str]) -> int:
        return positions.setdefault(tuple(text.items()), len(positions))

    categories = []
    for category in config["categories"]:
        items = []
        for item in category["items"]:
            written = {
                key: value for key, value in item.items() if value is not None or key not in ("pattern", "domain")
            }
            if item["description"] is None:
                del written["description"]
            else:
                written["description"] = position(item["description"])
            written["details"] = position(item["details"])
            items.append(written)
        categories.append({**category, "items": items})
    item_texts = {language: [dict(text)[language] for text in positions] for language in config["languages"]}
    return {**config, "format": CONFIG_FILE_FORMAT, "categories": categories, "item_texts": item_texts}


def consent_head_tags(banner: BannerConfig, base: str) -> Markup:
    """The <head> tags that load the banner, with links relative to `base` ('', '../', or '/path/').

    They name no part of the policy (the banner fetches consent/config.json), so they stay byte-identical when
    the policy changes and the owner never pastes them again; `banner` is unused, kept for the callers. The
    preload starts the config's request with the stylesheet; its `crossorigin` gives it the mode and
    credentials of the banner's fetch, so the browser makes one request, not two. No inline script or style.
    """
    href = escape(base)
    return Markup(
        f'<link rel="stylesheet" href="{href}consent/consent.css">\n'
        f'<link rel="preload" href="{href}consent/config.json" as="fetch" crossorigin>\n'
        f'<script src="{href}consent/consent.js" defer></script>\n'
    )


def render_snippet(banner: BannerConfig, publish_path: str) -> bytes:
    """snippet.html: the head tags for every page of the site, linked from site.publish_path."""
    return str(consent_head_tags(banner, publish_path)).encode()
