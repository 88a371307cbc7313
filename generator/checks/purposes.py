"""What is processed, why and on which legal basis: GDPR Art. 6, 7, 9, 13(1)(c)-(d), 30(1)(b)-(c).

Each rule is a small function with the article it rests on; the order in
which rules run is the list in `generator.checks.registry`.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.base import Gap, activity_path, mentions, purposes_with_paths, quoted, rule
from generator.checks.findings import Severity
from generator.checks.known import REQUESTED_SERVICE_PURPOSES, known_kind
from generator.model import LegalBasis, Policy, ProcessingActivity, Purpose, Right
from generator.model.vocabulary import NECESSARY, article_9_2_point

# EDPB Guidelines 05/2020 fn. 30 (after WP29 Opinion 3/2013): not specific without more detail.
VAGUE_PURPOSE_PHRASES = (
    "upplevelse",
    "experience",
    "marknadsföringssyfte",
    "marknadsföringsändamål",
    "marketing purposes",
    "affärsändamål",
    "business purposes",
    "it-säkerhetsändamål",
    "security purposes",
    "framtida forskning",
    "future research",
)
MIN_PURPOSE_WORDS = 3

# W3C DPV 2.3 pd: terms typed dpv:SpecialCategoryPersonalData.
_SPECIAL_CATEGORY_NAMES = """
    Biometric BloodType DNACode Disability DrugTestResult EthnicOrigin FacialExpression FacialPrint
    FamilyHealthHistory Fetish Fingerprint Genetic Health HealthHistory HealthRecord IndividualHealthHistory
    MedicalHealth MentalHealth PhilosophicalBelief PhysicalHealth PoliticalAffiliation PoliticalOpinion
    Prescription Proclivity Race Religion ReligiousBelief Retina Sexual SexualHistory SexualPreference
    TradeUnionMembership
"""
SPECIAL_CATEGORY_TERMS = frozenset("pd:" + term for term in _SPECIAL_CATEGORY_NAMES.split())

ELECTRONIC_MARKETING_WORDS = ("e-post", "epost", "e-mail", "email", "nyhetsbrev", "newsletter", "sms", "mejl")
MARKETING_ACT_WORDS = ("19 §", "marknadsföringslagen", "marketing act", "2008:486")


@rule("L-CAT-1", Severity.error, "GDPR Art. 30(1)(c), 14(1)(d)")
def data_and_subjects_stated(policy: Policy) -> Iterator[Gap]:
    """Every activity names its categories of data subjects and of personal data."""
    for i, activity in enumerate(policy.activities):
        if not activity.data_subjects:
            yield Gap(
                activity_path(i),
                f"activity '{activity.id}' names no data subjects",
                "add data_subjects: e.g. [customers]",
            )
        if not activity.all_data_categories():
            yield Gap(
                activity_path(i),
                f"activity '{activity.id}' names no data categories",
                "add data_categories: the kinds of personal data processed",
            )


@rule("L-PUR-1", Severity.error, "GDPR Art. 13(1)(c), 30(1)(b); IMY Klarna (DI-2019-4062)")
def purposes_with_legal_basis(policy: Policy) -> Iterator[Gap]:
    """Every activity has at least one purpose, and every purpose its own legal basis of Art. 6(1)."""
    for i, activity in enumerate(policy.activities):
        if not activity.purposes:
            yield Gap(
                activity_path(i),
                f"activity '{activity.id}' states no purpose",
                "add purposes: with a description and a legal_basis each",
            )
        for j, purpose in enumerate(activity.purposes):
            if purpose.legal_basis is None:
                obliged = activity.provision is not None and activity.provision.obligatory
                yield Gap(
                    (*activity_path(i), "purposes", j),
                    f"purpose '{purpose.id}' ({quoted(purpose.description)}) has no legal basis",
                    "add legal_basis: one of contract, legal_obligation, vital_interests, public_task, "
                    "legitimate_interests"
                    + (" (not consent: the person must provide the data, L-CONS-2)" if obliged else ", consent"),
                )


@rule("L-PUR-2", Severity.warning, "GDPR Art. 5(1)(b), 13(1)(c); EDPB Guidelines 05/2020 fn. 30")
def specific_purposes(policy: Policy) -> Iterator[Gap]:
    """A purpose is specific: not a word or two, not 'a better experience' or 'marketing purposes'."""
    for purpose_path, purpose in purposes_with_paths(policy):
        at = (*purpose_path, "description")
        phrase = mentions(purpose.description, VAGUE_PURPOSE_PHRASES)
        if phrase is not None:
            yield Gap(
                at,
                f"purpose '{purpose.id}' is vague: '{phrase}' does not say what is done with the data",
                "rewrite description: what you do and why, e.g. 'recommend products based on the customer's order "
                "history'",
            )
        elif len(purpose.description.sv.split()) < MIN_PURPOSE_WORDS:
            yield Gap(
                at,
                f"purpose '{purpose.id}' is described in too few words: {quoted(purpose.description)}",
                "rewrite description: what you do and why, in a full sentence",
            )


@rule("L-LI-1", Severity.error, "GDPR Art. 13(1)(d), 6(1)(f); IMY Aller Media")
def legitimate_interest_stated(policy: Policy) -> Iterator[Gap]:
    """A purpose on legitimate interests states the interest and refers to its balancing test."""
    for purpose_path, purpose in purposes_with_paths(policy):
        if purpose.legal_basis != LegalBasis.legitimate_interests:
            continue
        at = purpose_path
        if purpose.legitimate_interest is None:
            yield Gap(
                at,
                f"purpose '{purpose.id}' rests on legitimate interests but does not say which interest",
                "add legitimate_interest: the concrete interest, e.g. 'to be paid for goods sold'",
            )
        if not purpose.balancing_test:
            yield Gap(
                at,
                f"purpose '{purpose.id}' rests on legitimate interests without a documented balancing test",
                "do the balancing test (intresseavvägning) and add balancing_test: where it is documented",
            )


@rule("L-LO-1", Severity.error, "GDPR Art. 6(1)(c), 6(3), 13(1)(c)")
def legal_obligation_cited(policy: Policy) -> Iterator[Gap]:
    """A purpose on a legal obligation cites the law that imposes it."""
    for purpose_path, purpose in purposes_with_paths(policy):
        if purpose.legal_basis == LegalBasis.legal_obligation and purpose.legal_obligation is None:
            yield Gap(
                purpose_path,
                f"purpose '{purpose.id}' rests on a legal obligation but cites no law",
                "add legal_obligation: the law and its number, e.g. 'Bokföringslagen (1999:1078)'",
            )


@rule("L-CONS-1", Severity.error, "GDPR Art. 13(2)(c), 7(3)")
def consent_can_be_withdrawn(policy: Policy) -> Iterator[Gap]:
    """Where consent is a legal basis, the policy says how to withdraw it."""
    if policy.rights.channels_for(Right.withdraw_consent):
        return
    for purpose_path, purpose in purposes_with_paths(policy):
        if purpose.legal_basis == LegalBasis.consent:
            yield Gap(
                (*purpose_path, "legal_basis"),
                f"purpose '{purpose.id}' rests on consent but there is no way to withdraw it",
                "add rights.withdraw_consent.channels (or rights.channels): withdrawing must be as easy as consenting",
            )
            return  # once is enough: the fix is one channel for all


@rule("L-CONS-3", Severity.warning, "GDPR Art. 7(3), 13(2)(c)")
def consent_withdrawal_per_purpose(policy: Policy) -> Iterator[Gap]:
    """A purpose on consent given outside the banner (no cookie serves it) says how to withdraw that consent."""
    with_cookies = {cookie.purpose for cookie in policy.cookies if cookie.purpose is not None}
    for purpose_path, purpose in purposes_with_paths(policy):
        if purpose.legal_basis != LegalBasis.consent or purpose.id in with_cookies or purpose.withdrawal:
            continue
        yield Gap(
            (*purpose_path, "legal_basis"),
            f"purpose '{purpose.id}' rests on a consent given outside the cookie banner, "
            "but does not say how to withdraw it",
            "add withdrawal: how the person withdraws this consent, e.g. 'Med länken Avregistrera i varje "
            "nyhetsbrev.' (as easy as giving it)",
        )


def _purposes_concerning_children(
    policy: Policy,
) -> Iterator[tuple[tuple[str | int, ...], ProcessingActivity, Purpose]]:
    """(path, activity, purpose) for each purpose whose data subjects include children."""
    children = {s.id for s in policy.data_subjects if s.children}
    for i, activity in enumerate(policy.activities):
        for j, purpose in enumerate(activity.purposes):
            if children.intersection(purpose.data_subjects or activity.data_subjects):
                yield (*activity_path(i), "purposes", j), activity, purpose


@rule("L-CHILD-1", Severity.warning, "GDPR Art. 8; dataskyddslagen (2018:218) 2 kap. 4 §")
def children_consent_stated(policy: Policy) -> Iterator[Gap]:
    """A purpose on consent whose data subjects include children says how a guardian consents, or gives the data."""
    for at, _activity, purpose in _purposes_concerning_children(policy):
        if purpose.legal_basis != LegalBasis.consent or purpose.children:
            continue
        yield Gap(
            (*at, "legal_basis"),
            f"purpose '{purpose.id}' rests on consent and its data subjects include children, "
            "but it does not say how a guardian consents",
            "add children: {approach: guardian_consent, age: 13, how: …} (under 13 in Sweden a guardian "
            "consents), or {approach: given_by_guardian, how: …} when a parent gives the child's data",
        )


@rule("L-CHILD-2", Severity.warning, "GDPR Art. 12(1), 13(1)(c), recital 38 and 58")
def children_data_given_stated(policy: Policy) -> Iterator[Gap]:
    """An activity that processes children's data on another basis than consent says how a child's data is given."""
    warned: set[str] = set()  # one statement per activity is enough
    for at, activity, purpose in _purposes_concerning_children(policy):
        if purpose.legal_basis == LegalBasis.consent or activity.id in warned:
            continue  # on consent: L-CHILD-1
        if any(p.children for p in activity.purposes):
            continue  # said once for the activity: its other purposes need not repeat it
        warned.add(activity.id)
        yield Gap(
            (*at, "legal_basis"),
            f"purpose '{purpose.id}' concerns children, but the page does not say how a child's data is "
            "given, or by whom",
            "add children: {approach: given_by_guardian, how: …} when a parent or guardian gives the child's "
            "data (e.g. 'En förälder bokar tiden åt barnet.')",
        )


@rule("L-CONS-2", Severity.warning, "GDPR Art. 7(4), 6(1)(b); EDPB Guidelines 05/2020 §§ 26-36")
def consent_not_a_condition(policy: Policy) -> Iterator[Gap]:
    """Consent is not the basis for what the person asked for, nor for data they must provide (then an error)."""
    for i, activity in enumerate(policy.activities):
        obliged = activity.provision is not None and activity.provision.obligatory
        for j, purpose in enumerate(activity.purposes):
            if purpose.legal_basis != LegalBasis.consent:
                continue
            at = (*activity_path(i), "purposes", j, "legal_basis")
            if obliged:
                yield Gap(
                    at,
                    f"purpose '{purpose.id}' rests on consent, but the person is obliged to provide the data",
                    _obliged_consent_fix(policy, purpose.id),
                    Severity.error,
                )
            elif purpose.dpv in REQUESTED_SERVICE_PURPOSES:
                yield Gap(
                    at,
                    f"purpose '{purpose.id}' ({purpose.dpv}) serves what the person asked for, yet rests on consent",
                    "use legal_basis: contract for processing needed to provide the service the person asked for"
                    + _cookies_of_a_contract_purpose(policy, purpose.id),
                )


@rule("L-SPEC-1", Severity.error, "GDPR Art. 9; IMY Apoteket/Apohem (IMY-2022-3270)")
def special_categories(policy: Policy) -> Iterator[Gap]:
    """Special-category data (health, sex life, …) is marked as such and has an Art. 9(2) condition."""
    for i, category in enumerate(policy.data_categories):
        at = ("data_categories", i)
        if category.dpv in SPECIAL_CATEGORY_TERMS and not category.special_category:
            yield Gap(
                at,
                f"'{category.id}' ({category.dpv}) is special-category data but not marked as such",
                "set special_category: true and add special_category_condition: the point of Art. 9(2) that "
                "applies, e.g. '9.2 a' (explicit consent)",
            )
        elif category.special_category and category.special_category_condition is None:
            yield Gap(
                at,
                f"'{category.id}' is special-category data without an Art. 9(2) condition",
                "add special_category_condition: e.g. '9.2 a' (explicit consent)",
            )


def _obliged_consent_fix(policy: Policy, purpose_id: str) -> str:
    """L-CONS-2's fix for consent as a condition; a necessary cookie serving the purpose rules out consent."""
    necessary = [c.name for c in policy.cookies if c.purpose == purpose_id and c.category == NECESSARY]
    if policy.purposes_by_id[purpose_id][1].direct_marketing and not necessary:
        return (
            "consent that is a condition is not freely given, and nobody has to accept marketing: set "
            "provision.obligatory: false"
        )
    if necessary:
        return (
            "consent that is a condition is not freely given: use legal_basis: contract (the strictly necessary "
            f"cookie {', '.join(repr(n) for n in necessary)} serves this purpose, so it is what the person asked for)"
        )
    return (
        "consent that is a condition is not freely given: use legal_basis: contract, or set provision.obligatory: "
        "false if providing the data is really voluntary" + _cookies_of_a_contract_purpose(policy, purpose_id)
    )


def _cookies_of_a_contract_purpose(policy: Policy, purpose_id: str) -> str:
    """The rest of L-CONS-2's fix when cookies that need consent serve the purpose (else L-CK-1 trips).

    A cookie the service the person asked for cannot work without is strictly necessary; a well-known
    analytics or marketing cookie never is, so it gets a consent-based purpose of its own.
    """
    serving = [c for c in policy.cookies if c.purpose == purpose_id and c.category != NECESSARY]
    if not serving:
        return ""
    tracking = [c.name for c in serving if known_kind(c.name) is not None]
    others = [c.name for c in serving if known_kind(c.name) is None]
    parts = []
    if others:
        parts.append(
            f"move cookie {', '.join(repr(n) for n in others)} to category: necessary with a "
            "necessity_justification (the service cannot work without it)"
        )
    if tracking:
        parts.append(
            f"let cookie {', '.join(repr(n) for n in tracking)} serve a purpose of its own that rests on consent "
            "(in an activity where providing the data is voluntary)"
        )
    return "; then " + " and ".join(parts)


@rule("L-SPEC-2", Severity.error, "GDPR Art. 9(2)")
def special_category_conditions(policy: Policy) -> Iterator[Gap]:
    """A special-category condition is one of the points (a) to (j) of Art. 9(2)."""
    for i, category in enumerate(policy.data_categories):
        condition = category.special_category_condition
        if condition is not None and article_9_2_point(condition) is None:
            yield Gap(
                ("data_categories", i, "special_category_condition"),
                f"'{category.id}' names the condition {quoted(condition)}, which is not a point of Art. 9(2)",
                "write special_category_condition: the point of Art. 9(2) that applies, '9.2 a' (explicit consent) "
                "to '9.2 j'; only these lift the ban on processing special-category data",
            )


@rule("L-MKT-1", Severity.error, "Marknadsföringslagen (2008:486) 19 §; ePrivacy Directive Art. 13(2)")
def electronic_marketing_consent(policy: Policy) -> Iterator[Gap]:
    """Marketing by e-mail or SMS rests on consent, or states the existing-customer exception of MFL 19 §."""
    for purpose_path, purpose in purposes_with_paths(policy):
        if not purpose.direct_marketing or purpose.legal_basis in (LegalBasis.consent, None):
            continue
        permission = purpose.channel_permission
        if permission is not None and permission.ground == "existing_customer":
            continue  # the structured exception of 19 § second paragraph: no need to look for words
        channel = mentions(purpose.description, ELECTRONIC_MARKETING_WORDS)
        if channel and not mentions(purpose.legitimate_interest, MARKETING_ACT_WORDS):
            yield Gap(
                (*purpose_path, "legal_basis"),
                f"purpose '{purpose.id}' markets by {channel} without consent",
                "use legal_basis: consent, or state the existing-customer exception of marketing act 19 § second "
                "paragraph: channel_permission: {channel: email, ground: existing_customer} (own similar products, "
                "opt-out offered at collection and in every message)",
            )
