"""Joint control (Art. 26) is stated for what the controllers decide on together, with the company, not its
product, as the other controller (found by an outsider embedding Instagram)."""

from __future__ import annotations

from generator.model import Recipient
from generator.records.words import joint_controllers_record
from generator.texts.recipients import joint_controllers_sentence

INSTAGRAM = Recipient.model_validate(
    {
        "id": "instagram",
        "label": {"sv": "Sociala medier", "en": "Social media"},
        "role": "joint_controller",
        "product": "Instagram",
        "legal_entity": "Meta Platforms Ireland Limited",
        "arrangement": {
            "essence": {
                "sv": "Vi ansvarar för insamlingen och överföringen till Meta.",
                "en": "We share only the collection.",
            }
        },
    }
)


def test_the_page_names_the_company_and_only_what_is_decided_together() -> None:
    assert joint_controllers_sentence(INSTAGRAM, "sv") == (
        "För den här behandlingen är vi och Meta Platforms Ireland Limited gemensamt personuppgiftsansvariga "
        "(artikel 26) för det som vi bestämmer om tillsammans. Du kan använda dina rättigheter hos var och en av oss. "
        "Det väsentliga i vårt arrangemang: Vi ansvarar för insamlingen och överföringen till Meta."
    )


def test_the_records_say_the_same_in_the_third_person() -> None:
    assert joint_controllers_record(INSTAGRAM, "en").startswith(
        "For this processing we and Meta Platforms Ireland Limited are joint controllers (Article 26) for what we "
        "decide on together. The data subject can exercise their rights with each of us."
    )
