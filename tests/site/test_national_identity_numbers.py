"""Point 4: personnummer and samordningsnummer flagged on a data category, with the ground under dataskyddslagen
(2018:218) 3 kap. 10 § and the only cases they are used in; on both pages and in every records format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE
from tests.support.variants import (
    Sources,
    build_files,
    csv_row,
    page_text,
    record,
    records_page_text,
    variant,
)

SV = (
    "Vi använder ditt personnummer eller samordningsnummer bara vid betalning mot faktura, eftersom "
    "kreditprövningen och fakturan kräver säker identifiering (3 kap. 10 § dataskyddslagen (2018:218))."
)
# The records say it in the third person (the example's `records:` wording of the cases).
RECORDS_SV = (
    "Personnummer eller samordningsnummer används bara när kunden väljer att betala mot faktura, för "
    "fakturaleverantörens kreditprövning. Det är klart motiverat: Kreditprövningen och fakturan kräver säker "
    "identifiering (3 kap. 10 § dataskyddslagen (2018:218))."
)
EN = (
    "We use your personal identity number or coordination number only when you pay by invoice, because "
    "the credit assessment and the invoice need secure identification (Chapter 3, Section 10 of the "
    "Swedish Data Protection Act (2018:218))."
)


def _category(sources: Sources, id_: str) -> dict:
    return next(c for c in sources["data"]["data_categories"] if c["id"] == id_)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return build_files(EXAMPLE)


def test_both_pages_say_when_and_why_the_number_is_used(files: dict[str, bytes]) -> None:
    assert SV in page_text(files)
    assert EN in page_text(files, "en")


def test_every_records_format_flags_the_category(files: dict[str, bytes]) -> None:
    category = next(c for c in record(files, "online_purchase")["data_categories"] if c["id"] == "identity_details")
    assert category["national_identity_number"] == {
        "ground": "clearly_justified",
        "cases": "när kunden väljer att betala mot faktura, för fakturaleverantörens kreditprövning",
        "text": RECORDS_SV,
    }
    other = next(c for c in record(files, "online_purchase")["data_categories"] if c["id"] == "contact_details")
    assert other["national_identity_number"] is None
    cell = csv_row(files, "online_purchase")["Kategorier av personuppgifter (artikel 30.1 c)"]
    # A conditional category: "– Om kunden väljer att betala mot faktura" comes before the sentence.
    assert any(
        line.startswith("Identitetsuppgifter (personnummer eller samordningsnummer)") and RECORDS_SV in line
        for line in cell.split("\n")
    )
    assert RECORDS_SV in records_page_text(files)
    node = next(
        n for n in json.loads(files["records/ropa.jsonld"])["@graph"] if n["@id"] == "ropa:data-identity_details"
    )
    assert "pd:OfficialID" in node["@type"]
    assert node["description"] == RECORDS_SV


def test_consent_as_the_ground(tmp_path: Path) -> None:
    def consent(sources: Sources) -> None:
        _category(sources, "identity_details")["national_identity_number"] = {
            "ground": "consent",
            "cases": {"sv": "när du väljer att betala mot faktura", "en": "when you choose to pay by invoice"},
        }

    files = build_files(variant(tmp_path, consent))
    assert (
        "Vi använder ditt personnummer eller samordningsnummer bara när du väljer att betala mot faktura, och bara "
        "med ditt samtycke (3 kap. 10 § dataskyddslagen (2018:218))."
    ) in page_text(files)
    assert (
        "We use your personal identity number or coordination number only when you choose to pay by invoice, and "
        "only with your consent (Chapter 3, Section 10 of the Swedish Data Protection Act (2018:218))."
    ) in page_text(files, "en")


def test_without_consent_a_justification_is_required(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = variant(
        tmp_path, lambda s: _category(s, "identity_details")["national_identity_number"].pop("justification")
    )
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"data\.yaml:\d+:\d+: error", err)
    assert "needs 'justification'" in err
    assert "3 kap. 10 §" in err


def test_an_unknown_ground_is_a_source_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = variant(
        tmp_path, lambda s: _category(s, "identity_details")["national_identity_number"].update(ground="x")
    )
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert "'x' is not a valid value for 'ground'" in err
    assert "use one of: consent, clearly_justified" in err
