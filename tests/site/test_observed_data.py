"""Point 6: observed data (camera surveillance, server logs) needs no statement whether the person must provide it
(L-REQ-1); camera surveillance says where, how people are told (kamerabevakningslagen 15 §), who may watch; the
build writes the text for the entrance sign."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.support.variants import (
    Sources,
    activity,
    build_files,
    csv_row,
    page_text,
    record,
    records_page_text,
    rule_ids,
    variant,
)

SIGNS_SV = "Vi informerar om kamerabevakningen med tydliga skyltar vid entrén (15 § kamerabevakningslagen (2018:1200))."


def _store_cameras(sources: Sources) -> None:
    sources["data"]["data_subjects"].append(
        {"id": "shop_visitors", "label": {"sv": "Besökare i butiken", "en": "Shop visitors"}}
    )
    sources["data"]["data_categories"].append(
        {"id": "images", "label": {"sv": "Bilder från kameror", "en": "Camera images"}}
    )
    sources["activities"]["activities"].append(
        {
            "id": "store_cameras",
            "name": {"sv": "Kamerabevakning i butiken", "en": "Camera surveillance in the shop"},
            "purposes": [
                {
                    "id": "prevent_theft",
                    "description": {
                        "sv": "Förebygga och utreda stölder och rån.",
                        "en": "Prevent and investigate theft.",
                    },
                    "legal_basis": "legitimate_interests",
                    "legitimate_interest": {
                        "sv": "Att skydda personal och varor.",
                        "en": "Protecting staff and goods.",
                    },
                    "balancing_test": "Intresseavvägning kamerabevakning, 2024-01-10",
                }
            ],
            "data_subjects": ["shop_visitors"],
            "data_categories": ["images"],
            "recipients": ["staff"],
            "automated_decisions": [],
            "retention": {"period": "P14D", "counted_from": {"sv": "inspelningen", "en": "the recording"}},
            "camera_surveillance": {
                "areas": {"sv": "butikens entré och kassan", "en": "the shop's entrance and the till"},
                "signs": {"sv": "vid entrén", "en": "at the entrance"},
                "viewers": {
                    "sv": "butikschefen, bara efter en incident",
                    "en": "the shop manager, only after an incident",
                },
            },
        }
    )


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return variant(tmp_path_factory.mktemp("cameras"), _store_cameras)


@pytest.fixture(scope="module")
def files(source: Path) -> dict[str, bytes]:
    return build_files(source)


def test_camera_surveillance_on_both_pages(files: dict[str, bytes]) -> None:
    text = page_text(files)
    assert "Var filmar vi? Bevakade områden butikens entré och kassan" in text
    assert "Vem som får titta på inspelningarna butikschefen, bara efter en incident" in text
    assert SIGNS_SV in text
    assert (
        "We tell people about the camera surveillance with clear signs at the entrance (Section 15 of the Swedish "
        "Camera Surveillance Act (2018:1200))."
    ) in page_text(files, "en")


def test_the_page_does_not_ask_whether_observed_data_must_be_provided(files: dict[str, bytes]) -> None:
    html = files["index.html"].decode()
    section = html[html.index('<section id="activity-store_cameras"') :]
    section = section[: section.index("</section>")]
    assert "Måste du lämna uppgifterna?" not in section
    assert "Frivilligt" not in section


def test_the_build_writes_the_entrance_sign(files: dict[str, bytes]) -> None:
    assert files["sign/kamerabevakning.txt"].decode() == (
        "Kamerabevakning\n"
        "\n"
        "Här sker kamerabevakning: butikens entré och kassan.\n"
        "Personuppgiftsansvarig: Innocence\n"
        "Kontakt: info@jiji-boutique.se\n"
        "Läs mer om kamerabevakningen och dina rättigheter: "
        "https://www.jiji-boutique.se/integritetspolicy/#activity-store_cameras\n"
    )


def test_every_records_format_describes_the_surveillance(files: dict[str, bytes]) -> None:
    cameras = record(files, "store_cameras")
    assert cameras["observed"] is True
    assert cameras["camera_surveillance"] == {
        "areas": "butikens entré och kassan",
        "signs": SIGNS_SV,
        "viewers": "butikschefen, bara efter en incident",
    }
    assert csv_row(files, "store_cameras")["Kamerabevakning"] == (
        "Bevakade områden: butikens entré och kassan\n"
        "Vem som får titta på inspelningarna: butikschefen, bara efter en incident\n" + SIGNS_SV
    )
    assert csv_row(files, "online_purchase")["Kamerabevakning"] == "Inga"
    page = records_page_text(files)
    assert "Inte tillämpligt: uppgifterna iakttas, den registrerade ombeds inte lämna dem." in page
    assert "Bevakade områden: butikens entré och kassan" in page
    graph = json.dumps(json.loads(files["records/ropa.jsonld"]), ensure_ascii=False)
    assert '"@type": "dpv:PhysicalSurveillance"' in graph


def test_observed_data_needs_no_provision_statement(source: Path, tmp_path: Path) -> None:
    assert "L-REQ-1" not in rule_ids(source)

    def server_logs(sources: Sources) -> None:
        analytics = activity(sources, "customer_service")
        del analytics["provision"]

    assert "L-REQ-1" in rule_ids(variant(tmp_path / "asked", server_logs))

    def observed(sources: Sources) -> None:
        server_logs(sources)
        activity(sources, "customer_service")["observed"] = True

    assert "L-REQ-1" not in rule_ids(variant(tmp_path / "observed", observed))


def test_a_camera_without_signs_is_a_source_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def no_signs(sources: Sources) -> None:
        _store_cameras(sources)
        del activity(sources, "store_cameras")["camera_surveillance"]["signs"]

    assert main(["check", str(variant(tmp_path, no_signs))]) == 2
    err = capsys.readouterr().err
    assert re.search(r"activities\.yaml:\d+:\d+: error", err)
    assert "missing required field 'signs'" in err
