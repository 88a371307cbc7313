"""What the heuristic rules know: well-known cookie names and the DPV purposes of kinds of processing.

Shared by the cookie rules and the purpose rules, which must agree about them
(docs/checks.md, "How the heuristic rules decide").
"""

from __future__ import annotations

from generator.checks.base import names_pattern

# Well-known names of analytics and advertising cookies; none of them is strictly necessary (CBTF § 26-30).
ANALYTICS_COOKIE_NAMES = (
    "_ga",
    "_ga_*",
    "_gid",
    "_gat*",
    "_dc_gtm_*",
    "__utm*",
    "_hj*",
    "_clck",
    "_clsk",
    "CLID",
    "_pk_id*",
    "_pk_ses*",
    "_pk_ref*",
    "mp_*",
    "ajs_anonymous_id",
    "ajs_user_id",
    "_vwo_*",
    "_vis_opt_*",
    "_gaexp",
)
MARKETING_COOKIE_NAMES = (
    "_fbp",
    "_fbc",
    "fr",
    "IDE",
    "DSID",
    "test_cookie",
    "__gads",
    "__gpi",
    "_gcl_*",
    "_uet*",
    "MUID",
    "_ttp",
    "_tt_enable_cookie",
    "_pin_unauth",
    "_pinterest_*",
    "li_fat_id",
    "bcookie",
    "lidc",
    "_scid",
    "_rdt_uuid",
    "NID",
    "ANID",
)
_ANALYTICS = names_pattern(ANALYTICS_COOKIE_NAMES)
_MARKETING = names_pattern(MARKETING_COOKIE_NAMES)

# The DPV purposes the built-in "marketing" and "statistics" consent categories stand for.
MARKETING_PURPOSES = frozenset(
    "dpv:" + term
    for term in (
        "Marketing",
        "DirectMarketing",
        "Advertising",
        "PersonalisedAdvertising",
        "TargetedAdvertising",
        "SocialMediaMarketing",
    )
)
STATISTICS_PURPOSES = frozenset(
    "dpv:" + term
    for term in ("ServiceUsageAnalytics", "ServiceOptimisation", "OptimisationForController", "OptimiseUserInterface")
)

# Purposes that analytics, advertising, A/B testing or personalisation serve: never strictly necessary.
TRACKING_PURPOSES = (
    MARKETING_PURPOSES
    | STATISTICS_PURPOSES
    | frozenset(
        "dpv:" + term
        for term in (
            "Personalisation",
            "ServicePersonalisation",
            "ProvideProductRecommendations",
            "ProvidePersonalisedRecommendations",
        )
    )
)


def known_kind(name: str) -> str | None:
    """'analytics' or 'marketing' for a well-known cookie name (or a declared pattern of one)."""
    if _ANALYTICS.match(name):
        return "analytics"
    if _MARKETING.match(name):
        return "marketing"
    return None


# Consent is not the basis for what the person asked for (EDPB Guidelines 05/2020 §§ 26-36).
REQUESTED_SERVICE_PURPOSES = frozenset(
    "dpv:" + term
    for term in (
        "AccountManagement",
        "CustomerOrderManagement",
        "PaymentManagement",
        "DeliveryOfGoods",
        "ServiceProvision",
        "RequestedServiceProvision",
        "ServiceRegistration",
        "SellProducts",
        "SellProductsToDataSubject",
        "CustomerClaimsManagement",
        "IdentityVerification",
    )
)
