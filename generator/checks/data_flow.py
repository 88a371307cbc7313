"""Where data comes from, where it goes and how long it stays: GDPR Art. 13(1)(e)-(f), 13(2)(a), (e)-(f), 14.

Each rule is a small function with the article it rests on; the order in
which rules run is the list in `generator.checks.registry`.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.base import Gap, activity_path, mentions, quoted, rule
from generator.checks.findings import Severity
from generator.model import (
    LegalBasis,
    Policy,
    ProvisionRequirement,
    RecipientRole,
    TransferMechanism,
)
from generator.model.vocabulary import outside_eu_eea
from generator.sources.catalogue import service_ids

# WP260 rev.01: "as long as necessary" does not let the person assess the period.
VAGUE_RETENTION_PHRASES = (
    "så länge som nödvändigt",
    "så länge det är nödvändigt",
    "så länge det behövs",
    "så länge som behövs",
    "så länge vi behöver",
    "aktiv kund",
    "tills vidare",
    "obegränsad tid",
    "as long as necessary",
    "as long as needed",
    "as long as required",
    "as long as we need",
    "active customer",
    "indefinitely",
)

BOOKKEEPING_WORDS = ("bokföring", "1999:1078", "bookkeeping")

# Data a shop gets from others, not from the person (Art. 14): credit reports.
DATA_FROM_OTHERS = frozenset(
    ["pd:Credit", "pd:CreditCapacity", "pd:CreditRecord", "pd:CreditScore", "pd:CreditStanding", "pd:CreditWorthiness"]
)

# What each transfer mechanism must state, besides the country (Art. 13(1)(f)).
TRANSFER_DETAILS = {
    TransferMechanism.adequacy: ("decision", "the adequacy decision, e.g. (EU) 2023/1795"),
    TransferMechanism.derogation: ("decision", "which point of Art. 49(1) applies"),
    TransferMechanism.scc: ("copy_at", "where a copy of the clauses can be obtained"),
    TransferMechanism.bcr: ("copy_at", "where a copy of the rules can be obtained"),
}


# --- recipients and transfers ---------------------------------------------------------------


@rule("L-REC-1", Severity.error, "GDPR Art. 13(1)(e), 30(1)(d), 4(9); EDPB Guidelines 05/2020 § 65")
def recipients_stated(policy: Policy) -> Iterator[Gap]:
    """Every activity names its recipients, processors included (only internal ones: a warning).

    An owner who has checked that nobody outside the business gets the data says so (`no_outside_recipients`),
    rather than inventing a recipient to pass; naming an outside one then contradicts it."""
    role_of = {recipient.id: recipient.role for recipient in policy.recipients}
    for i, activity in enumerate(policy.activities):
        roles = {role_of[r] for r in activity.recipients}
        if activity.no_outside_recipients:
            outside = [r for r in activity.recipients if role_of[r] != RecipientRole.internal]
            if outside:
                yield Gap(
                    (*activity_path(i), "no_outside_recipients"),
                    f"activity '{activity.id}' says no one outside the business receives the data, but names "
                    f"{', '.join(repr(r) for r in outside)}",
                    "remove no_outside_recipients, or remove those recipients if they do not receive this data",
                )
            continue
        if not roles:
            yield Gap(
                activity_path(i),
                f"activity '{activity.id}' names no recipients",
                "add recipients: every company or category that receives the data, processors included; "
                "if you have checked that no one outside your business does, say no_outside_recipients: true",
            )
        elif roles == {RecipientRole.internal}:
            yield Gap(
                (*activity_path(i), "recipients"),
                f"activity '{activity.id}' names only internal recipients: does no processor (IT system, "
                "hosting, e-mail) receive the data?",
                "add the processors and other recipients of this activity, by name or category; if you have "
                "checked that there are none, say no_outside_recipients: true",
                Severity.warning,
            )


@rule("L-REC-3", Severity.warning, "GDPR Art. 13(1)(e), 12(1)")
def recipients_described(policy: Policy) -> Iterator[Gap]:
    """A recipient the owner wrote, outside the organisation, says what it does with the data."""
    catalogued = set(service_ids())  # `uses` entries: the owner wrote no recipient to add a purpose to
    for i, recipient in enumerate(policy.recipients):
        if recipient.role == RecipientRole.internal or recipient.purpose is not None or recipient.id in catalogued:
            continue
        yield Gap(
            ("recipients", i),
            f"recipient '{recipient.id}' does not say what it does with the data (the page's 'What they do')",
            "add purpose: what the recipient does with the data, e.g. 'Sköter vår bokföring.'",
        )


@rule("L-TR-1", Severity.error, "GDPR Art. 13(1)(f), 30(1)(e), 44-49; IMY Klarna and Google Analytics decisions")
def transfers_stated(policy: Policy) -> Iterator[Gap]:
    """Each recipient's country is known; outside the EU/EEA it has a mechanism and where to find it."""
    for i, recipient in enumerate(policy.recipients):
        at = ("recipients", i)
        if recipient.role == RecipientRole.internal:
            continue
        if recipient.country is None:
            yield Gap(
                at,
                f"recipient '{recipient.id}' has no country: a transfer outside the EU/EEA cannot be ruled out",
                "add country: where the recipient processes the data (ISO code, e.g. SE, IE, US); its data "
                "processing agreement or privacy notice says, and if neither does, ask the recipient rather than guess",
            )
            continue
        if not outside_eu_eea(recipient.country):
            continue
        transfer = recipient.transfer
        if transfer is None or transfer.mechanism is None:
            yield Gap(
                at,
                f"recipient '{recipient.id}' is in {recipient.country}, outside the EU/EEA, with no transfer mechanism",
                "add transfer: {mechanism: adequacy | scc | bcr | derogation, decision: …, copy_at: …}",
            )
            continue
        field, what = TRANSFER_DETAILS[transfer.mechanism]
        if getattr(transfer, field) is None:
            yield Gap(
                (*at, "transfer"),
                f"the transfer to '{recipient.id}' ({recipient.country}) does not state {what}",
                f"add transfer.{field}: {what}",
            )


@rule("L-TR-2", Severity.error, "GDPR Art. 13(1)(f), 30(1)(e), 44-49")
def transfer_countries_agree(policy: Policy) -> Iterator[Gap]:
    """Establishment, processing and transfer countries agree: data leaving the EU/EEA has a ground, none else."""
    for i, recipient in enumerate(policy.recipients):
        at = ("recipients", i)
        transfer = recipient.transfer
        outside = outside_eu_eea(recipient.country) or outside_eu_eea(recipient.established_in)
        if transfer is not None and transfer.mechanism is not None and not outside:
            yield Gap(
                (*at, "transfer"),
                f"recipient '{recipient.id}' is established and processes the data in the EU/EEA, "
                "yet a transfer mechanism is given for it",
                "if the recipient passes the data on outside the EU/EEA, move the transfer to onward_transfers "
                "with to: and country:; otherwise remove transfer",
            )
        if (
            outside_eu_eea(recipient.established_in)
            and not outside_eu_eea(recipient.country)
            and (transfer is None or transfer.mechanism is None)
            and recipient.role != RecipientRole.internal
        ):
            yield Gap(
                (*at, "established_in"),
                f"recipient '{recipient.id}' is established in {recipient.established_in}, outside the EU/EEA, "
                "with no transfer mechanism",
                "add transfer: {mechanism: adequacy | scc | bcr | derogation, …}: disclosing data to it is a transfer",
            )
        for j, onward in enumerate(recipient.onward_transfers):
            where = (*at, "onward_transfers", j)
            if not outside_eu_eea(onward.country):
                if onward.mechanism is not None:
                    yield Gap(
                        (*where, "mechanism"),
                        f"the onward transfer to {onward.to} stays in {onward.country}, in the EU/EEA, "
                        "yet a transfer mechanism is given",
                        "correct the country, or remove mechanism: no Chapter V ground is needed inside the EU/EEA",
                    )
                continue
            if onward.mechanism is None:
                yield Gap(
                    where,
                    f"the onward transfer to {onward.to} in {onward.country}, outside the EU/EEA, has no mechanism",
                    "add mechanism: adequacy | scc | bcr | derogation, with its decision or where to get a copy",
                )
                continue
            field, what = TRANSFER_DETAILS[onward.mechanism]
            if getattr(onward, field) is None:
                yield Gap(
                    where,
                    f"the onward transfer to {onward.to} ({onward.country}) does not state {what}",
                    f"add {field}: {what}",
                )


# --- retention ------------------------------------------------------------------------------


@rule("L-RET-1", Severity.error, "GDPR Art. 13(2)(a), 30(1)(f); WP260 rev.01")
def retention_concrete(policy: Policy) -> Iterator[Gap]:
    """Every activity has a concrete retention: a period, an event or a legal rule, not 'as long as necessary'."""
    for i, activity in enumerate(policy.activities):
        retention = activity.retention
        if retention is None:
            yield Gap(
                activity_path(i),
                f"activity '{activity.id}' does not say how long data is kept",
                "add retention: with a period (e.g. P1Y), an event (until: …) or a legal_rule",
            )
            continue
        phrase = mentions(retention.until, VAGUE_RETENTION_PHRASES)
        if phrase is not None:
            yield Gap(
                (*activity_path(i), "retention", "until"),
                f"the retention of '{activity.id}' is vague ('{phrase}'): a person cannot tell how long that is",
                "give a period from a clear event (e.g. period: P3Y, counted_from: the last purchase) "
                "or an event the person can see (e.g. until the account is closed)",
            )


@rule("L-RET-2", Severity.error, "Bokföringslagen (1999:1078) 7 kap. 2 §; GDPR Art. 13(2)(a)")
def bookkeeping_retention(policy: Policy) -> Iterator[Gap]:
    """Accounting data is kept by the Bookkeeping Act's rule: through the seventh year after the financial year."""
    for i, activity in enumerate(policy.activities):
        bookkeeping = any(
            p.legal_basis == LegalBasis.legal_obligation
            and (mentions(p.legal_obligation, BOOKKEEPING_WORDS) or mentions(p.description, BOOKKEEPING_WORDS))
            for p in activity.purposes
        )
        if not bookkeeping or activity.retention is None:
            continue
        legal_rule = activity.retention.legal_rule
        if legal_rule is not None and (
            legal_rule.known == "bookkeeping_act" or mentions(legal_rule.reference, ("1999:1078",))
        ):
            continue
        yield Gap(
            (*activity_path(i), "retention"),
            f"activity '{activity.id}' keeps accounting records without the Bookkeeping Act's retention rule",
            "use retention: {legal_rule: {known: bookkeeping_act}} (7 kap. 2 § bokföringslagen)",
        )


@rule("L-RET-3", Severity.warning, "GDPR Art. 13(2)(a), 30(1)(f)")
def retention_complete(policy: Policy) -> Iterator[Gap]:
    """A period says when it starts, an event reads as one ('tills …'), and an exception says for how long."""
    for i, activity in enumerate(policy.activities):
        retention = activity.retention
        if retention is None:
            continue
        at = (*activity_path(i), "retention")
        if retention.period is not None and retention.counted_from is None:
            yield Gap(
                (*at, "period"),
                f"the retention period of '{activity.id}' does not say from when it is counted",
                "add counted_from: the event the period starts at, e.g. 'the case was closed'",
            )
        if retention.until is not None and not _reads_as_until(retention.until.get("sv"), "sv"):
            yield Gap(
                (*at, "until"),
                f"the retention of '{activity.id}' ({quoted(retention.until)}) does not read as an event that ends it",
                "start until with 'tills' (English 'until'), e.g. until: {sv: tills prenumerationen avslutas, "
                "en: until the subscription ends}: the page says 'Hur länge vi sparar dem: tills …'",
            )
        for k, exception in enumerate(retention.exceptions):
            if exception.retention is None:
                yield Gap(
                    (*at, "exceptions", k),
                    f"an exception to the retention of '{activity.id}' ({quoted(exception.condition)}) "
                    "does not say how long data is then kept",
                    "add retention: to the exception, e.g. 'until the debt has been paid'",
                )


NOT_AN_UNTIL = {"sv": ("att ", "du ", "vi "), "en": ("that ", "you ", "we ")}
"""How a retention `until` phrase must not begin: 'Hur länge vi sparar dem: att du avslutar …' is no answer."""


def _reads_as_until(phrase: str | None, language: str) -> bool:
    return phrase is None or not phrase.strip().lower().startswith(NOT_AN_UNTIL[language])


# --- must the person provide it, where else it comes from, automated decisions ------------------


@rule("L-REQ-1", Severity.error, "GDPR Art. 13(2)(e)")
def provision_stated(policy: Policy) -> Iterator[Gap]:
    """Every activity says whether providing the data is required, and what follows if it is not provided.

    Not for observed data (camera surveillance, server logs): nobody is asked to provide it."""
    for i, activity in enumerate(policy.activities):
        provision = activity.provision
        if provision is None and activity.is_observed:
            continue
        if provision is None:
            yield Gap(
                activity_path(i),
                f"activity '{activity.id}' does not say whether providing the data is required",
                "add provision: {requirement: statutory | contractual | pre_contractual | voluntary, "
                "obligatory: true | false, consequence: …}, or observed: true for data that is observed, "
                "not asked for (camera surveillance, server logs)",
            )
        elif provision.consequence is None and (
            provision.obligatory or provision.requirement != ProvisionRequirement.voluntary
        ):
            yield Gap(
                (*activity_path(i), "provision"),
                f"activity '{activity.id}' requires the data but does not say what follows if it is not provided",
                "add provision.consequence: e.g. 'without an address we cannot deliver the order'",
            )


@rule("L-REQ-2", Severity.warning, "GDPR Art. 13(2)(e), 6(1)(c)")
def provision_duty_on_the_person(policy: Policy) -> Iterator[Gap]:
    """Data is called obligatory by law only with a law that obliges the person, not one that obliges you."""
    for i, activity in enumerate(policy.activities):
        provision = activity.provision
        if (
            provision is None
            or not provision.obligatory
            or provision.requirement != ProvisionRequirement.statutory
            or provision.duty is not None
            or LegalBasis.legal_obligation not in activity.legal_bases()
        ):
            continue
        yield Gap(
            (*activity_path(i), "provision", "obligatory"),
            f"activity '{activity.id}' says the person is obliged by law to provide the data, but its legal "
            "obligation (e.g. bookkeeping) falls on you, not on the person",
            "set provision.requirement: pre_contractual and provision.obligatory: false (the person is not obliged; "
            "without the data you cannot sell, which provision.consequence says), or cite in provision.duty the "
            "law that obliges the person",
        )


@rule("L-SRC-1", Severity.warning, "GDPR Art. 14(2)(f), 14(1)(d)")
def source_of_data_from_others(policy: Policy) -> Iterator[Gap]:
    """Data a shop gets from others (credit information) comes with its source."""
    provided = {c for a in policy.activities for s in a.sources for c in s.data_categories}
    reported: set[str] = set()
    term_of = {category.id: category.dpv for category in policy.data_categories}
    for i, activity in enumerate(policy.activities):
        for k, category_id in enumerate(activity.data_categories):
            term = term_of[category_id]
            if term in DATA_FROM_OTHERS and category_id not in provided and category_id not in reported:
                reported.add(category_id)
                yield Gap(
                    (*activity_path(i), "data_categories", k),
                    f"'{category_id}' ({term}) usually comes from others, but no source is stated",
                    "add sources: [{description: e.g. 'kreditupplysningsföretag', data_categories: "
                    f"[{category_id}]}}] to the activity that obtains it",
                )


@rule("L-SRC-2", Severity.error, "GDPR Art. 14(1)(d)")
def source_names_data(policy: Policy) -> Iterator[Gap]:
    """A source of data names the categories of data it provides."""
    for i, activity in enumerate(policy.activities):
        for k, source in enumerate(activity.sources):
            if not source.data_categories:
                yield Gap(
                    (*activity_path(i), "sources", k),
                    f"the source {quoted(source.description)} does not say which data it provides",
                    "add data_categories: the ids of the data obtained from this source",
                )


@rule("L-ADM-1", Severity.error, "GDPR Art. 13(2)(f), 22")
def automated_decisions_explained(policy: Policy) -> Iterator[Gap]:
    """An automated decision states its logic, its significance and its consequences for the person."""
    for i, activity in enumerate(policy.activities):
        for k, decision in enumerate(activity.automated_decisions or []):
            missing = [f for f in ("logic", "significance", "consequences") if getattr(decision, f) is None]
            if missing:
                yield Gap(
                    (*activity_path(i), "automated_decisions", k),
                    f"an automated decision of '{activity.id}' does not state its {', '.join(missing)}",
                    "add " + ", ".join(f"{f}:" for f in missing) + " in words the person understands",
                )


@rule("L-ADM-2", Severity.warning, "GDPR Art. 13(2)(f), 14(2)(g), 22")
def automated_decisions_stated(policy: Policy) -> Iterator[Gap]:
    """Every activity says whether it involves automated decisions (an empty list says there are none)."""
    for i, activity in enumerate(policy.activities):
        if activity.automated_decisions is None:
            yield Gap(
                activity_path(i),
                f"activity '{activity.id}' does not say whether automated decisions or profiling take place",
                "add automated_decisions: [] if there are none, or describe them (e.g. a credit check)",
            )
