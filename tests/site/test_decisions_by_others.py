"""Point 3: an automated decision made by someone else (an invoice provider's credit check): who decides,
that it is their decision, and how to contest it (Art. 22(3)); on both pages and in every records format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE
from tests.support.variants import activity, build_files, csv_row, page_text, record, records_page_text, variant

CONTEST_SV = (
    "Be fakturaleverantören, eller oss, om att en person prövar beslutet. Du kan också framföra dina "
    "synpunkter och bestrida beslutet (artikel 22.3)."
)
# The records say the same in the third person (the register's own wording).
CONTEST_RECORDS_SV = (
    "Kunden har rätt att få beslutet prövat av en person hos fakturaleverantören, att framföra sina synpunkter och "
    "att bestrida beslutet (artikel 22.3). Kunden vänder sig till fakturaleverantören, eller till Jiji Boutique som "
    "för begäran vidare."
)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return build_files(EXAMPLE)


def test_the_swedish_page_says_who_decides_and_how_to_contest(files: dict[str, bytes]) -> None:
    text = page_text(files)
    # The page says once, above the activities, that an independent controller answers for its own use.
    assert "Vem fattar beslutet? Fakturaleverantör, inte vi" in text
    assert "självständigt personuppgiftsansvarig använder dem för egna ändamål och ansvarar själv för det" in text
    assert "Manuell prövning " + CONTEST_SV in text


def test_the_english_page_says_who_decides_and_how_to_contest(files: dict[str, bytes]) -> None:
    text = page_text(files, "en")
    assert "Who decides? Invoice provider, not us" in text
    assert "Review by a person Ask the invoice provider, or us, for a review by a person." in text


def test_every_records_format_names_who_decides(files: dict[str, bytes]) -> None:
    decision = record(files, "online_purchase")["automated_decisions"][0]
    assert decision["decided_by"] == "Fakturaleverantör"
    assert decision["decided_by_recipient"] == "invoice_provider"
    assert decision["contest"] == CONTEST_RECORDS_SV
    cell = csv_row(files, "online_purchase")["Automatiserat beslutsfattande, inbegripet profilering (artikel 22)"]
    assert "Mottagaren ”Fakturaleverantör” fattar beslutet och ansvarar för det, inte vi." in cell
    assert "Så bestrider den registrerade beslutet: " + CONTEST_RECORDS_SV in cell
    assert csv_row(files, "account")["Automatiserat beslutsfattande, inbegripet profilering (artikel 22)"] == "Inga"
    assert "Beslutet fattas av: Fakturaleverantör" in records_page_text(files)
    graph = json.loads(files["records/ropa.jsonld"])["@graph"]
    text = json.dumps(graph, ensure_ascii=False)
    assert '"hasEntity": "ropa:recipient-invoice_provider"' in text
    assert '"@type": "dpv:RightExerciseNotice"' in text


def test_a_decision_we_make_ourselves_names_no_one_else(tmp_path: Path) -> None:
    def own(sources: dict) -> None:
        decision = activity(sources, "online_purchase")["automated_decisions"][0]
        del decision["decided_by"]

    files = build_files(variant(tmp_path, own))
    assert "inte av oss" not in page_text(files)
    assert record(files, "online_purchase")["automated_decisions"][0]["decided_by"] is None


def test_an_unknown_decider_is_a_source_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def unknown(sources: dict) -> None:
        activity(sources, "online_purchase")["automated_decisions"][0]["decided_by"] = "invoice_providr"

    assert main(["check", str(variant(tmp_path, unknown))]) == 2
    err = capsys.readouterr().err
    assert re.search(r"activities\.yaml:\d+:\d+: error", err)
    assert "unknown recipient 'invoice_providr'" in err
    assert "did you mean 'invoice_provider'?" in err


def test_a_named_decider_is_named_as_every_recipient_is(tmp_path: Path) -> None:
    """A recipient with its company gets the company's name in the decision's row, as in its recipient line."""

    def named(sources: dict) -> None:
        provider = next(r for r in sources["data"]["recipients"] if r["id"] == "invoice_provider")
        provider["legal_entity"] = "Exempel Finans AB"

    assert "Vem fattar beslutet? Exempel Finans AB, inte vi" in page_text(build_files(variant(tmp_path, named)))
