"""The register's rules: processor agreements, dated assessments, and consent categories that say what they hold."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.checks.base import Gap, activity_path, purposes_with_paths, rule
from generator.checks.findings import Severity
from generator.checks.known import MARKETING_PURPOSES, STATISTICS_PURPOSES, known_kind
from generator.model import AssessmentDocument, Policy, RecipientRole

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

# The DPV purposes each built-in consent category stands for, in the words the banner shows for it
# ("Inställningar": remembers the visitor's choices; "Statistik"; "Marknadsföring": advertising).
CATEGORY_PURPOSES: dict[str, frozenset[str]] = {
    "preferences": frozenset(
        "dpv:" + t
        for t in ("Personalisation", "ServicePersonalisation", "UserInterfacePersonalisation", "OptimiseUserInterface")
    ),
    "statistics": STATISTICS_PURPOSES,
    "marketing": MARKETING_PURPOSES,
}


@rule("L-DPA-1", Severity.warning, "GDPR Art. 28(3), 30(1)(d)")
def processor_agreements_recorded(policy: Policy) -> Iterator[Gap]:
    """A processor has its data processing agreement recorded (name or link, and the date where known)."""
    for i, recipient in enumerate(policy.recipients):
        if recipient.role == RecipientRole.processor and recipient.agreement is None:
            yield Gap(
                ("recipients", i, "role"),
                f"processor '{recipient.id}' has no data processing agreement recorded: an auditor will ask "
                "for it (Art. 28(3))",
                f"add agreement: to recipient '{recipient.id}', with the agreement's name or url and its date, "
                "e.g. {name: Personuppgiftsbiträdesavtal, date: 2025-01-15}",
            )


@rule("L-DOC-1", Severity.warning, "GDPR Art. 5(2), 6(1)(f), 35")
def assessments_dated(policy: Policy) -> Iterator[Gap]:
    """A balancing test or impact assessment that is referenced is dated, so that an auditor can ask for it."""
    for at, purpose in purposes_with_paths(policy):
        document = purpose.balancing_test
        if document is not None and not _dated(document):
            yield Gap(
                (*at, "balancing_test"),
                f"the balancing test of purpose '{purpose.id}' is referenced but undated",
                "write balancing_test: {title: …, date: YYYY-MM-DD, kept_at: …} with the date it was made",
            )
    for i, activity in enumerate(policy.activities):
        if activity.impact_assessment is not None and not _dated(activity.impact_assessment):
            yield Gap(
                (*activity_path(i), "impact_assessment"),
                f"the impact assessment of activity '{activity.id}' is referenced but undated",
                "add date: YYYY-MM-DD to impact_assessment, the date it was made",
            )


def _dated(document: str | AssessmentDocument) -> bool:
    if isinstance(document, str):
        return ISO_DATE.search(document) is not None
    return document.date is not None


@rule("L-CK-10", Severity.warning, "ePrivacy Directive Art. 5(3); GDPR Art. 4(11); EDPB Guidelines 05/2020 § 64")
def categories_hold_what_they_say(policy: Policy) -> Iterator[Gap]:
    """A built-in consent category holds only items whose purposes it stands for, or the consent is not informed."""
    purposes = policy.purposes_by_id
    declared = policy.consent_categories_by_id
    for i, cookie in enumerate(policy.cookies):
        category = declared.get(cookie.category)
        stands_for = CATEGORY_PURPOSES.get(cookie.category)
        if category is None or stands_for is None or category.label is not None or cookie.purpose is None:
            continue
        found = purposes.get(cookie.purpose)
        term = found[1].dpv if found else None
        if term is None or term in stands_for or known_kind(cookie.name) == cookie.category:
            continue  # a well-known advertising cookie belongs in marketing whatever its purpose (L-CK-7)
        fitting = [c for c, terms in CATEGORY_PURPOSES.items() if term in terms and c in declared]
        fix = (
            f"move '{cookie.name}' to the category '{fitting[0]}', which stands for {term}"
            if fitting
            else f"move '{cookie.name}' to a consent category of its own whose label and description say what it "
            f"does (e.g. id: recommendations, label: Personliga rekommendationer)"
        )
        yield Gap(
            ("cookies", i, "category"),
            f"'{cookie.name}' serves '{cookie.purpose}' ({term}), which the built-in category '{cookie.category}' "
            "does not stand for: the banner's words for it would not describe what the visitor consents to",
            fix,
        )
