"""The declared cookies and storage items, with the banner's own consent cookie added.

Every output lists cookies through `declared_cookies`, so the page's table,
the banner config and the records always name the same items.
"""

from __future__ import annotations

from generator.i18n import N_, gettext_for
from generator.model import Cookie, Policy, Text

CONSENT_COOKIE_DESCRIPTION = N_("Stores your choice in the cookie banner, so that we do not ask again on every page.")
CONSENT_COOKIE_JUSTIFICATION = N_(
    "Needed to respect the choice you made; without it the banner could not remember a refusal."
)


def _text(message: str) -> Text:
    return Text(sv=gettext_for("sv")(message), en=gettext_for("en")(message))


def consent_cookie(policy: Policy) -> Cookie:
    """The first-party cookie in which the banner stores the visitor's choice."""
    site = policy.site
    return Cookie(
        name=site.consent_cookie_name,
        category="necessary",
        description=_text(CONSENT_COOKIE_DESCRIPTION),
        duration=site.consent_lifetime,
        domain=site.cookie_domain,
        third_party_access=False,
        necessity_justification=_text(CONSENT_COOKIE_JUSTIFICATION),
    )


def declared_cookies(policy: Policy) -> list[Cookie]:
    """The consent cookie first, then the site's own declarations in source order."""
    own = [c for c in policy.cookies if not (c.name == policy.site.consent_cookie_name and c.storage == "cookie")]
    return [consent_cookie(policy), *own]


def provider_name(policy: Policy, provider: str, language: str) -> str:
    """Who sets or reads an item, as every output names it: the controller for a first-party item,
    else the recipient's company name or, without one, its category."""
    if provider == "first_party":
        return policy.controller.name
    recipient = policy.recipients_by_id.get(provider)
    if recipient is None:
        return provider
    return recipient.name or recipient.label.get(language)
