"""The declared cookies and storage items, with the banner's own consent cookie added, and their words.

Every output lists cookies through `declared_cookies`, so the page's table,
the banner config and the records always name the same items, and words each
one through `describe_cookie`, so they say the same of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.i18n import N_, gettext_for
from generator.model import ConsentCategory, Cookie, Policy, Text
from generator.model.vocabulary import NECESSARY, is_first_party
from generator.texts.legal import consent_category_label, storage_duration_in_words, storage_type_name
from generator.texts.recipients import recipient_name

CONSENT_COOKIE_DESCRIPTION = N_("Stores your choice in the cookie banner, so that we do not ask again on every page.")
CONSENT_COOKIE_JUSTIFICATION = N_(
    "Needed to respect the visitor's choice; without it the banner could not remember a refusal."
)


def _text(message: str) -> Text:
    return Text(sv=gettext_for("sv")(message), en=gettext_for("en")(message))


def consent_cookie(policy: Policy) -> Cookie:
    """The first-party cookie in which the banner stores the visitor's choice."""
    site = policy.site
    return Cookie(
        name=site.consent_cookie_name,
        category=NECESSARY,
        description=_text(CONSENT_COOKIE_DESCRIPTION),
        duration=site.consent_lifetime,
        domain=site.cookie_domain,
        third_party_access=False,
        necessity_justification=_text(CONSENT_COOKIE_JUSTIFICATION),
    )


def offered_categories(policy: Policy) -> list[ConsentCategory]:
    """The categories the banner asks about, in order: every category the source declares (check L-CK-8
    warns about an empty one), but of the default categories only `necessary` and those that hold an item,
    so that a shop without marketing cookies is not asked about marketing."""
    if "consent_categories" in policy.model_fields_set:
        return list(policy.consent_categories)
    used = {cookie.category for cookie in policy.cookies}
    return [category for category in policy.consent_categories if category.required or category.id in used]


def offers_choice(policy: Policy) -> bool:
    """Some category the banner offers is optional. Without one there is nothing to ask: the banner is not
    shown, stores no choice (so there is no consent cookie to declare) and needs no settings control."""
    return any(not category.required for category in offered_categories(policy))


def declared_cookies(policy: Policy) -> list[Cookie]:
    """The consent cookie first (when there is a choice to store), then the site's own declarations in
    source order."""
    consent_name = policy.site.consent_cookie_name  # read once: the outputs ask for 10,000 items several times
    own = [c for c in policy.cookies if not (c.name == consent_name and c.storage == "cookie")]
    return [consent_cookie(policy), *own] if offers_choice(policy) else own


def provider_name(policy: Policy, provider: str, language: str) -> str:
    """Who sets or reads an item, as every output names it: the controller for a first-party item,
    else the recipient's company and product ('Google Analytics, by Google Ireland Limited') or its category."""
    if is_first_party(provider):
        return policy.controller.name
    recipient = policy.recipients_by_id.get(provider)
    if recipient is None:
        return provider
    return recipient_name(recipient, language) or recipient.label.get(language)


@dataclass(frozen=True)
class CookieWords:
    """A declared cookie or storage item in a reader's words: the banner, the page and the records show these."""

    provider: str
    """Who sets or reads it (`provider_name`)."""
    category: str
    """The label of its consent category."""
    duration: str | None
    """Its lifetime in words; None when the source does not state it."""
    duration_shown: str
    """Its lifetime in words, or 'not stated'."""
    party: str
    """'First party' or 'Third party'."""
    party_with_domain: str
    """'Third party (.facebook.com)' for a third-party item, else the same as `party`."""
    domain: str
    """The domain it is set on: its declared domain, else the site's own host."""
    third_party_access: str
    """Whether a third party can access it (CJEU Planet49): 'Yes', 'No' or 'not stated'."""
    storage: str
    """Where it is stored: 'Cookie', 'Local storage (localStorage)'…"""


NOT_STATED = N_("not stated")
PARTY_NAMES = {"first": N_("First party"), "third": N_("Third party")}
ACCESS_ANSWERS = {True: N_("Yes"), False: N_("No"), None: NOT_STATED}


def describe_cookie(policy: Policy, cookie: Cookie, language: str) -> CookieWords:
    """The one wording of a cookie's facts, in `language`: worded once per distinct combination of the facts
    (10,000 declared items share a few; the page, the banner and the records ask for each)."""
    key = (*cookie.shared_facts, language)
    said = _cookie_words(policy)
    words = said.get(key)
    if words is None:
        words = said[key] = _describe_cookie(policy, cookie, language)
    return words


def _cookie_words(policy: Policy) -> dict[tuple[object, ...], CookieWords]:
    """The policy's cookie wordings so far; begun anew when a copy of the policy changed what they depend on."""
    sources = (policy.site, policy.consent_categories, policy.recipients)
    cached = policy.index_cache.get("cookie_words")
    if cached is None or any(a is not b for a, b in zip(cached[0], sources, strict=True)):  # type: ignore[arg-type]
        cached = (sources, {})
        policy.index_cache["cookie_words"] = cached
    return cached[1]  # type: ignore[return-value]


def _describe_cookie(policy: Policy, cookie: Cookie, language: str) -> CookieWords:
    _ = gettext_for(language)
    category = policy.consent_categories_by_id.get(cookie.category)
    duration = storage_duration_in_words(cookie.duration, cookie.storage, language) if cookie.duration else None
    party = _(PARTY_NAMES[policy.cookie_party(cookie)])
    third = policy.cookie_party(cookie) == "third" and cookie.domain is not None
    return CookieWords(
        provider=provider_name(policy, cookie.provider, language),
        category=consent_category_label(category, language) if category is not None else cookie.category,
        duration=duration,
        duration_shown=duration or _(NOT_STATED),
        party=party,
        party_with_domain=f"{party} ({cookie.domain})" if third else party,
        domain=cookie.domain or site_host(policy),
        third_party_access=_(ACCESS_ANSWERS[cookie.third_party_access]),
        storage=storage_type_name(cookie.storage, language),
    )


THIRD_PARTY_WITHDRAWAL = N_(
    "Some cookies are set by other companies on their own domains, and we cannot delete them. If you withdraw "
    "your consent, we stop loading their services, so no new data is collected through them. To delete cookies "
    "that are already stored, use your browser’s settings for cookies and site data."
)


def site_host(policy: Policy) -> str:
    """The host of the site's address, e.g. www.jiji-boutique.se: where an item without a domain is set."""
    return urlsplit(policy.site.base_url).hostname or policy.site.base_url


def third_party_items(policy: Policy) -> list[Cookie]:
    """Declared items that need consent and are set on another company's domain: the banner cannot delete them."""
    return [c for c in policy.cookies if c.category != NECESSARY and policy.cookie_party(c) == "third"]


def third_party_withdrawal_note(policy: Policy, language: str) -> str:
    """' Some cookies are set by other companies…' (with a leading space) when there are such items, else ''."""
    if not third_party_items(policy):
        return ""
    return " " + gettext_for(language)(THIRD_PARTY_WITHDRAWAL)
