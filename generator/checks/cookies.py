"""The cookie rules: ePrivacy Art. 5(3) (LEK 9 kap. 28 §), CJEU Planet49, the EDPB cookie banner taskforce.

A cookie here is any declared storage item (cookie, localStorage, pixel …).
Only the site's own declarations are checked item by item; the banner's own
consent cookie is generated from `site` and checked through its lifetime.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.base import Gap, longer_than_13_months, rule
from generator.checks.findings import Severity
from generator.checks.known import (
    REQUESTED_SERVICE_PURPOSES,
    TRACKING_PURPOSES,
    known_kind,
)
from generator.model import Cookie, LegalBasis, Policy, ProcessingActivity, Purpose
from generator.model.durations import duration_of
from generator.model.vocabulary import NECESSARY, is_first_party


def _purpose_of(
    purposes: dict[str, tuple[ProcessingActivity, Purpose]], cookie: Cookie
) -> tuple[ProcessingActivity, Purpose] | None:
    return purposes.get(cookie.purpose) if cookie.purpose is not None else None


@rule("L-CK-1", Severity.error, "ePrivacy Directive Art. 5(3); LEK 9 kap. 28 §; EDPB CBTF report § 24; IMY Aller Media")
def non_necessary_cookies_need_consent(policy: Policy) -> Iterator[Gap]:
    """A cookie outside 'necessary' serves a purpose whose legal basis is consent (never legitimate interests)."""
    for i, category in enumerate(policy.consent_categories):
        if category.required and category.id != NECESSARY:
            yield Gap(
                ("consent_categories", i, "required"),
                f"consent category '{category.id}' is always on, but only strictly necessary cookies may be",
                "remove required: true; the visitor must be able to refuse this category",
            )
    purposes = policy.purposes_by_id
    for i, cookie in enumerate(policy.cookies):
        found = _purpose_of(purposes, cookie)
        if cookie.category == NECESSARY or found is None:
            continue
        activity, purpose = found
        if purpose.legal_basis != LegalBasis.consent:
            basis = purpose.legal_basis.value if purpose.legal_basis else "no legal basis"
            yield Gap(
                ("cookies", i, "purpose"),
                f"cookie '{cookie.name}' ({cookie.category}) serves '{purpose.id}', which rests on {basis}: "
                "a cookie that is not strictly necessary needs consent",
                _consent_purpose_fix(activity, purpose),
            )


def _consent_purpose_fix(activity: ProcessingActivity, purpose: Purpose) -> str:
    """L-CK-1's fix, never one that L-CONS-2 then refuses: consent cannot be the basis of what the
    person must provide or asked for, nor replace a contract or a legal duty, so such a purpose keeps
    its basis and the cookie gets a purpose of its own."""
    own_purpose = "let the cookie serve a purpose of its own whose legal_basis is consent"
    obliged = activity.provision is not None and activity.provision.obligatory
    if (
        obliged
        or purpose.dpv in REQUESTED_SERVICE_PURPOSES
        or purpose.legal_basis not in (LegalBasis.legitimate_interests, None)
    ):
        return (
            f"{own_purpose} (in an activity where providing the data is voluntary): '{purpose.id}' is "
            "what the person must provide or asked for, or rests on a contract or a legal duty, which consent "
            "cannot replace"
        )
    return f"set legal_basis: consent on purpose '{purpose.id}', or {own_purpose}"


@rule("L-CK-2", Severity.error, "ePrivacy Directive Art. 5(3); CJEU C-673/17 Planet49; PTS")
def cookies_fully_declared(policy: Policy) -> Iterator[Gap]:
    """Every cookie has its purpose, duration, provider and whether third parties can access it."""
    for i, cookie in enumerate(policy.cookies):
        at = ("cookies", i)
        if cookie.purpose is None:
            yield Gap(
                at,
                f"cookie '{cookie.name}' has no purpose",
                "add purpose: the id of the purpose it serves (outside necessary: one whose legal_basis is consent)",
            )
        if cookie.duration is None:
            yield Gap(
                at,
                f"cookie '{cookie.name}' has no duration",
                "add duration: 'session' or how long it lives, e.g. P13M (Planet49: the visitor must be told)",
            )
        if cookie.third_party_access is None:
            yield Gap(
                at,
                f"cookie '{cookie.name}' does not say whether third parties can access it",
                "add third_party_access: true or false (Planet49)",
            )
        elif not is_first_party(cookie.provider) and not cookie.third_party_access:
            yield Gap(
                (*at, "third_party_access"),
                f"cookie '{cookie.name}' is provided by '{cookie.provider}' but claims no third-party access",
                "set third_party_access: true: the provider reads it",
            )
        if policy.cookie_party(cookie) == "third" and is_first_party(cookie.provider):
            yield Gap(
                (*at, "party"),
                f"third-party cookie '{cookie.name}' names no provider",
                "add provider: the id of the recipient that sets it, with third_party_access: true and domain: the "
                "domain it is set on (e.g. .facebook.com), and list that recipient among the recipients of the "
                "activity the cookie serves",
            )


@rule("L-CK-3", Severity.error, "ePrivacy Directive Art. 5(3); EDPB CBTF report §§ 26-30; WP29 Opinion 04/2012")
def necessary_cookies_are_necessary(policy: Policy) -> Iterator[Gap]:
    """A 'necessary' cookie is justified, and is no analytics or marketing cookie by name or by purpose."""
    purposes = policy.purposes_by_id
    for i, cookie in enumerate(policy.cookies):
        if cookie.category != NECESSARY:
            continue
        at = ("cookies", i)
        kind = known_kind(cookie.name)
        found = _purpose_of(purposes, cookie)
        if kind is not None:
            target = "marketing" if kind == "marketing" else "statistics"
            fix = f"set category: {target}: it may only be set after consent"
            if found is not None and found[1].legal_basis != LegalBasis.consent:
                fix += f", and {_consent_purpose_fix(*found)}"
            yield Gap((*at, "category"), f"'{cookie.name}' is a well-known {kind} cookie, declared as necessary", fix)
        if found is not None:
            purpose = found[1]
            reason = None
            if purpose.legal_basis == LegalBasis.consent:
                reason = "rests on consent"
            elif purpose.direct_marketing or purpose.dpv in TRACKING_PURPOSES:
                reason = f"is analytics, marketing or personalisation ({purpose.dpv or 'direct marketing'})"
            if reason is not None and kind is None:
                yield Gap(
                    (*at, "category"),
                    f"cookie '{cookie.name}' is declared necessary but its purpose '{purpose.id}' {reason}",
                    _necessary_cookie_fix(*found),
                )
        if cookie.necessity_justification is None:
            yield Gap(
                at,
                f"necessary cookie '{cookie.name}' has no justification",
                "add necessity_justification: why the service the visitor asked for cannot work without it",
            )


def _necessary_cookie_fix(activity: ProcessingActivity, purpose: Purpose) -> str:
    """L-CK-3's fix for a necessary cookie whose purpose rests on consent, in step with L-CONS-2: a service
    the person asked for (or data they must provide) rests on the contract, and its cookie stays necessary."""
    obliged = activity.provision is not None and activity.provision.obligatory
    tracking = purpose.direct_marketing or purpose.dpv in TRACKING_PURPOSES
    if (
        purpose.legal_basis == LegalBasis.consent
        and not tracking
        and (obliged or purpose.dpv in REQUESTED_SERVICE_PURPOSES)
    ):
        return (
            f"set legal_basis: contract on purpose '{purpose.id}': what the person asked for or must provide "
            "rests on the contract, not on consent (L-CONS-2), and the cookie it needs stays necessary"
        )
    return "set category: the consent category of its purpose (preferences, statistics or marketing)"


@rule("L-CK-4", Severity.warning, "GDPR Art. 7(3); EDPB Guidelines 05/2020 §§ 113-116")
def consent_cookies_deletable(policy: Policy) -> Iterator[Gap]:
    """A consent cookie can be deleted by the banner on withdrawal, or is its provider's declared third-party cookie."""
    for i, cookie in enumerate(policy.cookies):
        if cookie.category == NECESSARY:
            continue
        if cookie.deleted_by_server or third_party_declared(policy, cookie):
            # Deleted by the site's server, or set by the provider's blocked script or embed on its own
            # domain: withdrawing stops new collection, and the page tells how to delete it in the browser.
            continue
        reasons = []
        if cookie.http_only:
            reasons.append("it is HttpOnly")
        if policy.cookie_party(cookie) == "third":
            reasons.append("it is set on another domain")
        if reasons:
            yield Gap(
                ("cookies", i),
                f"the banner cannot delete '{cookie.name}' when consent is withdrawn: {' and '.join(reasons)}",
                "set http_only: false (and serve it from your own domain) if the tool allows, so that the banner "
                "can delete it; else have the server delete it when consent is withdrawn and set "
                "deleted_by_server: true",
            )


@rule("L-CK-5", Severity.error, "GDPR Art. 7(1); EDPB Guidelines 05/2020 § 111; CNIL (13 months)")
def consent_lifetime(policy: Policy) -> Iterator[Gap]:
    """The visitor's choice is asked again after at most 13 months."""
    if longer_than_13_months(policy.site.consent_lifetime):
        yield Gap(
            ("site", "consent_lifetime"),
            f"the choice is kept for {policy.site.consent_lifetime}, longer than 13 months",
            "set consent_lifetime: P13M or shorter (P6M is the default)",
        )


@rule("L-CK-6", Severity.warning, "GDPR Art. 5(1)(c), 5(1)(e); CNIL (13 months)")
def consent_cookies_short_lived(policy: Policy) -> Iterator[Gap]:
    """A cookie that needs consent lives at most 13 months, where the site can set it.

    A cookie on another company's domain (an embed's) lives as that company sets it: the owner cannot shorten
    it, so the page states its real lifetime and no shorter one is asked for."""
    for i, cookie in enumerate(policy.cookies):
        # Storage without an expiry (until_cleared, until_deleted) has no period to compare: the banner
        # deletes it when consent is withdrawn, and no invented number is forced on it.
        if cookie.duration is None or duration_of(cookie.duration).has_no_expiry:
            continue
        if cookie.domain is not None and not policy.cookie_domain_is_first_party(cookie):
            continue
        if cookie.category != NECESSARY and longer_than_13_months(cookie.duration):
            yield Gap(
                ("cookies", i, "duration"),
                f"cookie '{cookie.name}' lives {cookie.duration}, longer than 13 months",
                "configure the tool to expire it after at most 13 months, and set duration: P13M or shorter "
                "(for a service of `uses:`, under cookies: - {name: …, duration: P13M})",
            )


@rule("L-CK-7", Severity.warning, "GDPR Art. 7(2); EDPB CBTF report § 26")
def advertising_cookies_in_marketing(policy: Policy) -> Iterator[Gap]:
    """A well-known advertising cookie sits in the marketing category, not in statistics or preferences."""
    marketing = {c.id for c in policy.consent_categories if c.id == "marketing" or c.sale_or_sharing}
    for i, cookie in enumerate(policy.cookies):
        if cookie.category == NECESSARY or known_kind(cookie.name) != "marketing":
            continue
        if cookie.category not in marketing:
            yield Gap(
                ("cookies", i, "category"),
                f"'{cookie.name}' is a well-known advertising cookie, declared in '{cookie.category}'",
                "set category: marketing (listed in consent_categories if you declare them), so that the visitor's "
                "marketing choice (and Global Privacy Control) covers it",
            )


@rule("L-CK-9", Severity.warning, "GDPR Art. 5(1)(a), 12(1); EDPB Guidelines 03/2022 (deceptive design)")
def declared_categories_used(policy: Policy) -> Iterator[Gap]:
    """A consent category declared in the source holds at least one cookie or storage item."""
    if "consent_categories" not in policy.model_fields_set:
        return  # the default categories are offered only when an item uses them
    used = {cookie.category for cookie in policy.cookies}
    for i, category in enumerate(policy.consent_categories):
        if category.id != NECESSARY and category.id not in used:
            yield Gap(
                ("consent_categories", i),
                f"consent category '{category.id}' holds no cookie: the banner asks about something the site "
                "does not do",
                f"remove '{category.id}' from consent_categories, or declare the cookies that belong to it",
            )


@rule("L-REC-2", Severity.error, "GDPR Art. 13(1)(e); ePrivacy Directive Art. 5(3)")
def cookie_providers_are_recipients(policy: Policy) -> Iterator[Gap]:
    """A cookie's provider is among the recipients of the activity whose purpose the cookie serves."""
    purposes = policy.purposes_by_id
    for i, cookie in enumerate(policy.cookies):
        found = _purpose_of(purposes, cookie)
        if is_first_party(cookie.provider) or found is None:
            continue
        activity = found[0]
        if cookie.provider not in activity.recipients:
            yield Gap(
                ("cookies", i, "provider"),
                f"cookie '{cookie.name}' is read by '{cookie.provider}', which is not a recipient of "
                f"activity '{activity.id}'",
                f"add '{cookie.provider}' to the recipients of '{activity.id}'",
            )


def third_party_declared(policy: Policy, cookie: Cookie) -> bool:
    """A third-party item declared honestly: on another company's domain, and that company is its provider."""
    return (
        cookie.domain is not None
        and not policy.cookie_domain_is_first_party(cookie)
        and cookie.party != "first"
        and not is_first_party(cookie.provider)
    )


@rule("L-CK-8", Severity.error, "ePrivacy Directive Art. 5(3); CJEU C-673/17 Planet49; GDPR Art. 13(1)(e)")
def cookie_party_matches_domain(policy: Policy) -> Iterator[Gap]:
    """A cookie's party follows from its domain: one on another company's domain is third party, and says which."""
    host = policy.site.cookie_domain or policy.site.base_url
    for i, cookie in enumerate(policy.cookies):
        at = ("cookies", i)
        own_domain = policy.cookie_domain_is_first_party(cookie)
        if cookie.party == "first" and not own_domain:
            yield Gap(
                (*at, "party"),
                f"cookie '{cookie.name}' is set on {cookie.domain}, not on the site's domain ({host}), "
                "but is declared first party",
                "set party: third (or leave party out: it follows from the domain)",
            )
        elif cookie.party == "third" and cookie.domain is not None and own_domain:
            yield Gap(
                (*at, "party"),
                f"cookie '{cookie.name}' is set on {cookie.domain}, the site's own domain, but is declared third party",
                "set party: first (or leave party out), or give the other company's domain",
            )
        elif cookie.party == "third" and cookie.domain is None:
            yield Gap(
                at,
                f"third-party cookie '{cookie.name}' does not say on which domain it is set",
                "add domain: the other company's domain, e.g. .facebook.com",
            )
