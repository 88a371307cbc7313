"""A recipient in a reader's words, the same on the page and in the records.

Its role, its country and, outside the EU/EEA, the safeguard of the transfer:
the page's recipient list and transfer section and the records' recipients and
transfers all take these words from `describe_recipient`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Recipient
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
