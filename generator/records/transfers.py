"""Art. 30(1)(e): the transfers of an activity's data out of the EU/EEA, onward transfers included."""

from __future__ import annotations

from generator.model import OnwardTransfer, Policy, ProcessingActivity, Recipient, Text, Transfer
from generator.model.vocabulary import outside_eu_eea
from generator.records.document import TransferRecord
from generator.texts.legal import country_name, transfer_mechanism_name


def _text(value: Text | None, language: str) -> str | None:
    return None if value is None else value.get(language)


def transfer_record(
    language: str, recipient: Recipient, transfer: Transfer | None, country: str, onward_to: str | None = None
) -> TransferRecord:
    mechanism = transfer.mechanism if transfer else None
    return TransferRecord(
        recipient=recipient.id,
        recipient_label=recipient.label.get(language),
        onward_to=onward_to,
        country=country,
        country_name=country_name(country, language),
        mechanism=mechanism.value if mechanism else None,  # type: ignore[arg-type]
        mechanism_name=transfer_mechanism_name(mechanism, language) if mechanism else None,
        decision=_text(transfer.decision, language) if transfer else None,
        decision_url=transfer.decision_url if transfer else None,
        copy_at=transfer.copy_at if transfer else None,
    )


def transfers(policy: Policy, language: str, activity: ProcessingActivity) -> list[TransferRecord]:
    """A transfer for every recipient processing or established outside the EU/EEA, and every onward
    transfer out of it (Art. 30(1)(e)), with its safeguard if given."""
    found: list[TransferRecord] = []
    for id_ in activity.recipients:
        recipient = policy.recipient(id_)
        if outside_eu_eea(recipient.country):
            assert recipient.country is not None
            found.append(transfer_record(language, recipient, recipient.transfer, recipient.country))
        elif outside_eu_eea(recipient.established_in):
            assert recipient.established_in is not None
            found.append(transfer_record(language, recipient, recipient.transfer, recipient.established_in))
        found += onward_transfer_records(language, recipient, recipient.onward_transfers)
    return found


def onward_transfer_records(language: str, recipient: Recipient, onward: list[OnwardTransfer]) -> list[TransferRecord]:
    """The onward transfers of a recipient that leave the EU/EEA (Art. 30(1)(e))."""
    return [transfer_record(language, recipient, t, t.country, t.to) for t in onward if outside_eu_eea(t.country)]
