"""Point 12: an activity whose people are informed by another notice (staff, supplier contacts) is left off the
public page and appears in every records format with the notice named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.support.variants import Sources, build_files, csv_row, page_text, record, records_page_text, variant

TEXT_SV = (
    "Finns inte i den publika integritetspolicyn: de registrerade informeras genom ”Integritetsinformation för "
    "anställda”, som finns i personalhandboken på intranätet."
)


def _staff(sources: Sources) -> None:
    # The example declares its own staff activity (and `employees`): this one is a second, with its own notice.
    sources["data"]["data_subjects"].append({"id": "trainees", "label": {"sv": "Praktikanter", "en": "Trainees"}})
    sources["activities"]["activities"].append(
        {
            "id": "staff_admin",
            "name": {"sv": "Personaladministration", "en": "Staff administration"},
            "purposes": [
                {
                    "id": "payroll",
                    "description": {"sv": "Betala ut lön och hantera anställningen.", "en": "Pay salaries."},
                    "legal_basis": "contract",
                }
            ],
            "data_subjects": ["trainees"],
            "data_categories": ["contact_details"],
            "recipients": ["staff"],
            "provision": {"requirement": "contractual", "obligatory": True, "consequence": "Utan dem ingen lön."},
            "automated_decisions": [],
            "retention": {"period": "P2Y", "counted_from": "anställningens slut"},
            "informed_elsewhere": {
                "notice": {"sv": "Integritetsinformation för anställda", "en": "Privacy notice for staff"},
                "kept_at": {"sv": "personalhandboken på intranätet", "en": "the staff handbook on the intranet"},
            },
        }
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return build_files(variant(tmp_path_factory.mktemp("staff"), _staff))


def test_the_activity_is_not_on_the_public_pages(files: dict[str, bytes]) -> None:
    for language in ("sv", "en"):
        html = files["index.html" if language == "sv" else "en/index.html"].decode()
        assert "activity-staff_admin" not in html
    assert "Personaladministration" not in page_text(files)
    assert "Staff administration" not in page_text(files, "en")


def test_every_records_format_names_the_notice(files: dict[str, bytes]) -> None:
    assert record(files, "staff_admin")["informed_elsewhere"] == {
        "notice": "Integritetsinformation för anställda",
        "kept_at": "personalhandboken på intranätet",
        "text": TEXT_SV,
    }
    assert csv_row(files, "staff_admin")["Informeras genom annan information"] == TEXT_SV
    assert csv_row(files, "online_purchase")["Informeras genom annan information"] == (
        "Nej: behandlingen finns i integritetspolicyn"
    )
    assert TEXT_SV in records_page_text(files)
    graph = json.dumps(json.loads(files["records/ropa.jsonld"]), ensure_ascii=False)
    assert '"@type": "dpv:PrivacyNotice"' in graph
    assert TEXT_SV in graph


def test_a_notice_without_its_place_is_a_source_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def no_place(sources: Sources) -> None:
        _staff(sources)
        del sources["activities"]["activities"][-1]["informed_elsewhere"]["kept_at"]

    assert main(["check", str(variant(tmp_path, no_place))]) == 2
    err = capsys.readouterr().err
    assert re.search(r"activities\.yaml:\d+:\d+: error", err)
    assert "missing required field 'kept_at'" in err
