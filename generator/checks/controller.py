"""Who is responsible and how a person reaches them: GDPR Art. 13(1)(a)-(b), 13(2)(b)-(d), 21, 26, 27, 77.

Each rule is a small function with the article it rests on; the order in
which rules run is the list in `generator.checks.registry`.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.base import Gap, activity_path, quoted, rule
from generator.checks.findings import Severity
from generator.model import LegalBasis, Policy, Purpose, RecipientRole, Right
from generator.model.durations import duration_of
from generator.model.vocabulary import outside_eu_eea

SIX_RIGHTS = (Right.access, Right.rectification, Right.erasure, Right.restriction, Right.portability, Right.object)


@rule("L-CTRL-1", Severity.error, "GDPR Art. 13(1)(a), 30(1)(a)")
def controller_identity(policy: Policy) -> Iterator[Gap]:
    """The controller's identity and contact: a number or a sole trader's owner, postal address and e-mail.

    A sole trader's organisation number is the owner's personnummer: naming the owner identifies the
    controller without publishing it."""
    controller = policy.controller
    if controller.org_number is None and controller.vat_number is None and controller.owner is None:
        yield Gap(
            ("controller",),
            f"the controller {controller.name!r} is not identified by an organisation or VAT number",
            "add org_number (or vat_number), so that a visitor knows which legal person is responsible; "
            "a sole trader may name its owner instead (owner: Lina Berg)",
        )
    if controller.address is None:
        yield Gap(("controller",), "the controller has no postal address", "add address: {street, postal_code, city}")
    if controller.email is None:
        yield Gap(("controller",), "the controller has no e-mail address", "add email: so that people can reach you")


@rule("L-CTRL-2", Severity.error, "GDPR Art. 13(1)(a), 27")
def representative_outside_eu(policy: Policy) -> Iterator[Gap]:
    """A controller established outside the EU/EEA names its representative in the EU."""
    address = policy.controller.address
    if address is not None and outside_eu_eea(address.country) and policy.controller.representative is None:
        yield Gap(
            ("controller", "address", "country"),
            f"the controller is established in {address.country}, outside the EU/EEA, but names no representative",
            "add representative: with the name and contact details of your representative in the EU (Art. 27)",
        )


@rule("L-DPO-1", Severity.error, "GDPR Art. 13(1)(b), 37(7)")
def dpo_contact(policy: Policy) -> Iterator[Gap]:
    """A declared data protection officer has contact details (a name is not required)."""
    dpo = policy.controller.dpo
    if dpo is not None and not (dpo.email or dpo.phone or dpo.address or dpo.url):
        yield Gap(
            ("controller", "dpo"),
            "the data protection officer has no contact details",
            "add the DPO's email (or phone, address or url)",
        )


@rule("L-JC-1", Severity.error, "GDPR Art. 26(2), 13(1)(a)")
def joint_controllers(policy: Policy) -> Iterator[Gap]:
    """Each joint controller is named, reachable, and the essence of the arrangement is stated."""
    for i, party in enumerate(policy.controller.joint_controllers):
        at = ("controller", "joint_controllers", i)
        if party.name is None:
            yield Gap(at, "a joint controller has no name", "add name: the joint controller's legal name")
        if not (party.email or party.address or party.url or party.phone):
            yield Gap(at, "a joint controller has no contact details", "add email, address, url or phone")
        if party.responsibilities is None:
            yield Gap(
                at,
                "the essence of the joint controllership is not stated",
                "add responsibilities: who does what, e.g. who answers requests (Art. 26(2))",
            )
    yield from _joint_controller_recipients(policy)


def _joint_controller_recipients(policy: Policy) -> Iterator[Gap]:
    """Format 2: a recipient with role joint_controller is named and carries its arrangement."""
    for i, recipient in enumerate(policy.recipients):
        if recipient.role != RecipientRole.joint_controller:
            continue
        at = ("recipients", i)
        if not (recipient.legal_entity or recipient.name):
            yield Gap(at, f"joint controller '{recipient.id}' is not named", "add legal_entity: its legal name")
        if recipient.arrangement is None:
            yield Gap(
                at,
                f"joint controller '{recipient.id}' has no arrangement: the essence of it is not stated",
                "add arrangement: {essence: who informs and who answers requests about rights, url: where it is}",
            )


@rule("L-RIGHTS-1", Severity.error, "GDPR Art. 13(2)(b), 12(2)-(3), 15-18, 20, 21")
def rights_usable(policy: Policy) -> Iterator[Gap]:
    """Each right of Art. 15-18, 20 and 21 has a way to use it, and requests are answered within one month."""
    for right in SIX_RIGHTS:
        if not policy.rights.channels_for(right):
            yield Gap(
                ("rights",),
                f"there is no way to use the {right.value} right (Art. {right.article})",
                f"add rights.channels (for every right) or rights.{right.value}.channels",
            )
    if duration_of(policy.rights.response_time).approximate_days() > 31:
        yield Gap(
            ("rights", "response_time"),
            f"the answer time {policy.rights.response_time} is longer than one month",
            "set response_time: P1M (Art. 12(3); an extension is decided case by case, not promised in advance)",
        )


@rule("L-RIGHTS-4", Severity.error, "GDPR Art. 21(2)-(4); Marknadsföringslagen (2008:486) 19 §")
def direct_marketing_opt_out(policy: Policy) -> Iterator[Gap]:
    """Where there is direct marketing, the policy says how to opt out of it (a consent's withdrawal counts)."""
    details = policy.rights.details(Right.object)
    if details is not None and (details.note or details.channels):
        return
    # A purpose on consent whose `withdrawal` says how to stop is its opt-out already: asking for
    # rights.object.note as well would put the same instruction on the page twice.
    unstated = [p for _, p in policy.purposes() if p.direct_marketing and not _withdrawal_is_opt_out(p)]
    if unstated:
        yield Gap(
            ("rights",),
            f"there is direct marketing ({', '.join(repr(p.id) for p in unstated)}) but the policy does not "
            "say how to opt out of it",
            "add rights.object.note (e.g. 'follow the unsubscribe link in each message') or rights.object.channels; "
            "for marketing on consent, the purpose's withdrawal: says it once",
        )


def _withdrawal_is_opt_out(purpose: Purpose) -> bool:
    """Direct marketing on consent whose withdrawal is stated: withdrawing is opting out."""
    return purpose.legal_basis == LegalBasis.consent and purpose.withdrawal is not None


@rule("L-RIGHTS-3", Severity.warning, "GDPR Art. 12(1), 12(4), 17(3)")
def right_exceptions_explained(policy: Policy) -> Iterator[Gap]:
    """A case in which a right is refused says why (e.g. Art. 17(3)(b): a legal obligation)."""
    for i, activity in enumerate(policy.activities):
        for k, exception in enumerate(activity.right_exceptions):
            if exception.reason is None:
                yield Gap(
                    (*activity_path(i), "right_exceptions", k),
                    f"the {exception.right.value} right is refused when {quoted(exception.condition)} "
                    "without saying why",
                    "add reason: the ground, e.g. 'we must keep accounting records (Article 17(3)(b))'",
                )


@rule("L-SA-1", Severity.error, "GDPR Art. 13(2)(d), 77")
def supervisory_authority_reachable(policy: Policy) -> Iterator[Gap]:
    """The supervisory authority for complaints (default IMY) has an address and a web address."""
    authority = policy.supervisory_authority
    if authority is None:
        return  # the built-in IMY block is complete
    if authority.address is None:
        yield Gap(
            ("supervisory_authority",),
            "the supervisory authority has no address",
            "add address: the authority's postal address",
        )
    if authority.website is None and authority.complaint_url is None:
        yield Gap(
            ("supervisory_authority",),
            "the supervisory authority has no web address",
            "add website: or complaint_url: so that a person can lodge a complaint",
        )
