"""A recipient in a reader's words, the same on the page and in the records.

Its role, its country and, outside the EU/EEA, the safeguard of the transfer:
the page's recipient list and transfer section and the records' recipients and
transfers all take these words from `describe_recipient`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n import N_, gettext_for
from generator.model import OnwardTransfer, Recipient, Transfer
from generator.model.vocabulary import outside_eu_eea
from generator.texts.legal import country_name, recipient_role_name, transfer_mechanism_name


@dataclass(frozen=True)
class RecipientWords:
    label: str
    role: str
    """'Personuppgiftsbiträde', 'Självständigt personuppgiftsansvarig'…"""
    country: str | None
    """The country's name; None when the source gives none."""
    third_country: bool
    """The country is outside the EU/EEA: the data is transferred (GDPR Chapter V)."""
    mechanism: str | None
    """The safeguard of the transfer, named; None when none is stated."""


def describe_recipient(recipient: Recipient, language: str) -> RecipientWords:
    """The one wording of a recipient's facts, in `language`."""
    transfer = recipient.transfer
    mechanism = transfer.mechanism if transfer is not None else None
    return RecipientWords(
        label=recipient.label.get(language),
        role=recipient_role_name(recipient.role, language),
        country=country_name(recipient.country, language) if recipient.country else None,
        third_country=outside_eu_eea(recipient.country),
        mechanism=transfer_mechanism_name(mechanism, language) if mechanism is not None else None,
    )


# --- format 2: the entity and its product, where it is, where the data goes on, joint controllers ----------

PRODUCT_BY_ENTITY = N_("{product}, by {entity}")
ESTABLISHED_AND_PROCESSES = N_("Country of establishment: {established}. Country of processing: {country}.")
ESTABLISHED_ONLY = N_("Country of establishment: {established}.")
ESTABLISHED_AND_PROCESSES_THERE = N_("Country of establishment and of processing: {country}.")
ONWARD_TRANSFER = N_("Data may be transferred to {entity} ({country}) under {ground}.")
ONWARD_TRANSFER_NO_GROUND = N_("Data may be transferred to {entity} ({country}).")
ONWARD_WITHIN_EEA = N_("The recipient may pass the data on to {entity} ({country}).")
JOINT_CONTROLLERS = N_(
    "For this processing we and {who} are joint controllers (Article 26) for what we decide on together. "
    "You can exercise your rights with each of us."
)
"""Joint control may cover only part of a processing (CJEU Fashion ID: the collection and the transmission);
the arrangement's essence, which follows, says which part."""
JOINT_ARRANGEMENT = N_("The essence of our arrangement: {essence}")


def recipient_name(recipient: Recipient, language: str) -> str | None:
    """'Google Analytics, by Google Ireland Limited': the entity and its product, without nested brackets.

    A format-1 `name` is shown as written; None when the source names no company.
    """
    _ = gettext_for(language)
    if recipient.product and recipient.legal_entity:
        return _(PRODUCT_BY_ENTITY).format(product=recipient.product, entity=recipient.legal_entity)
    return recipient.legal_entity or recipient.product or recipient.name


def recipient_location(recipient: Recipient, language: str) -> str | None:
    """'Country of establishment: Ireland. Country of processing: Ireland.', when established_in is given."""
    if recipient.established_in is None:
        return None
    _ = gettext_for(language)
    established = country_name(recipient.established_in, language)
    if recipient.country is None:
        return _(ESTABLISHED_ONLY).format(established=established)
    if recipient.country == recipient.established_in:
        return _(ESTABLISHED_AND_PROCESSES_THERE).format(country=established)
    return _(ESTABLISHED_AND_PROCESSES).format(
        established=established, country=country_name(recipient.country, language)
    )


def transfer_ground(transfer: Transfer, language: str) -> str | None:
    """What a transfer rests on, as a phrase: its decision as written, else the mechanism's name."""
    if transfer.decision is not None:
        return transfer.decision.get(language)
    if transfer.mechanism is not None:
        name = transfer_mechanism_name(transfer.mechanism, language)
        return name[:1].lower() + name[1:]
    return None


def onward_transfer_sentence(transfer: OnwardTransfer, language: str) -> str:
    """'Data may be transferred to Google LLC (United States) under the EU–US Data Privacy Framework (…).'"""
    _ = gettext_for(language)
    country = country_name(transfer.country, language)
    if not outside_eu_eea(transfer.country):
        return _(ONWARD_WITHIN_EEA).format(entity=transfer.to, country=country)
    ground = transfer_ground(transfer, language)
    if ground is None:
        return _(ONWARD_TRANSFER_NO_GROUND).format(entity=transfer.to, country=country)
    return _(ONWARD_TRANSFER).format(entity=transfer.to, country=country, ground=ground)


def onward_transfer_destination(transfer: OnwardTransfer, language: str) -> str:
    """'Data may be transferred to Google LLC (United States).': where a list of facts states the ground."""
    _ = gettext_for(language)
    return _(ONWARD_TRANSFER_NO_GROUND).format(entity=transfer.to, country=country_name(transfer.country, language))


def recipient_summary(recipient: Recipient, language: str) -> str:
    """'Google Ireland Limited (Ireland); data may be transferred to Google LLC (…': one line for the records."""
    who = recipient_name(recipient, language) or recipient.label.get(language)
    where = recipient.established_in or recipient.country
    line = f"{who} ({country_name(where, language)})" if where else who
    for transfer in recipient.onward_transfers:
        sentence = onward_transfer_sentence(transfer, language)
        line += "; " + sentence[:1].lower() + sentence[1:].rstrip(".")
    return line


def joint_controller_name(recipient: Recipient, language: str) -> str:
    """The company that shares the responsibility ('Meta Platforms Ireland Limited'), not its product: a product
    is not a controller."""
    return recipient.legal_entity or recipient_name(recipient, language) or recipient.label.get(language)


def joint_controllers_sentence(recipient: Recipient, language: str) -> str:
    """'For this processing we are joint controllers with … (Article 26) …', then the arrangement's essence."""
    _ = gettext_for(language)
    who = joint_controller_name(recipient, language)
    sentence = _(JOINT_CONTROLLERS).format(who=who)
    if recipient.arrangement is not None:
        sentence += " " + _(JOINT_ARRANGEMENT).format(essence=recipient.arrangement.essence.get(language))
    return sentence


def third_country_recipient(recipient: Recipient) -> bool:
    """Data leaves the EU/EEA through this recipient: it processes or is established there, or passes data on."""
    return (
        outside_eu_eea(recipient.country)
        or outside_eu_eea(recipient.established_in)
        or any(outside_eu_eea(t.country) for t in recipient.onward_transfers)
    )
