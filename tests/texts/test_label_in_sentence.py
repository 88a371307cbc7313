"""A label or sentence the owner wrote to stand alone reads in lower case inside a sentence, unless it starts
with a name: the one rule the page, the banner, the change log and the records' retention phrases share."""

from __future__ import annotations

import pytest

from generator.texts.plain import label_in_sentence


@pytest.mark.parametrize(
    ("label", "inside"),
    [
        ("Kunder som handlar i webbutiken", "kunder som handlar i webbutiken"),
        ("Lämna uppgifter till Skatteverket vid en kontroll.", "lämna uppgifter till Skatteverket vid en kontroll."),
        ("Fakturaleverantör", "fakturaleverantör"),
        (
            "Analysverktyg (Google Analytics, från Google Ireland Limited)",
            "analysverktyg (Google Analytics, från Google Ireland Limited)",
        ),
        ("The Swedish Bookkeeping Act", "the Swedish Bookkeeping Act"),
    ],
)
def test_a_common_noun_or_verb_reads_in_lower_case(label: str, inside: str) -> None:
    assert label_in_sentence(label) == inside


@pytest.mark.parametrize(
    "name", ["Jiji Boutique-konto", "Google Analytics mäter besök", "SMS-utskick", "YouTube-videor", "IP-adress"]
)
def test_a_label_that_starts_with_a_name_or_an_acronym_keeps_its_capitals(name: str) -> None:
    assert label_in_sentence(name) == name
