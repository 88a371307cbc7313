"""The register: what an auditor reads is the whole register, written for the auditor.

The example declares its staff and supplier contacts (records only, each naming its
notice), its web server and security logs (page and records) and its processors'
agreements; every records format shows them, in both languages, and no record text
addresses the reader.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from generator.cli import main
from generator.records.render import export_records
from tests.conftest import EXAMPLE
from tests.support.ropa import standalone_records
from tests.support.variants import Sources, build_files, page_text, variant

FORMATS = ("json", "csv", "jsonld", "html")
SECOND_PERSON = {
    "sv": re.compile(r"\b(du|dig|din|ditt|dina)\b", re.IGNORECASE),
    "en": re.compile(r"\b(you|your)\b", re.IGNORECASE),
}


@pytest.fixture(scope="module")
def exports(example_loaded: Any) -> dict[tuple[str, str], str]:
    """Every records format in both languages, as the auditor reads it (a page without its tags)."""
    found = {}
    for language in ("sv", "en"):
        for format_ in FORMATS:
            text = export_records(example_loaded.policy, format_, language).decode("utf-8-sig")
            if format_ == "html":
                text = re.sub(r"<[^>]+>", " ", text)
            found[(format_, language)] = text
    return found


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("format_", FORMATS)
def test_no_record_text_addresses_the_reader(exports: dict[tuple[str, str], str], format_: str, language: str) -> None:
    text = exports[(format_, language)]
    hits = [m.group(0) for m in SECOND_PERSON[language].finditer(text)]
    context = [text[max(0, m.start() - 60) : m.end() + 20] for m in SECOND_PERSON[language].finditer(text)][:5]
    assert hits == [], context


@pytest.mark.parametrize("format_", FORMATS)
def test_every_format_shows_staff_suppliers_logs_and_the_register(
    exports: dict[tuple[str, str], str], format_: str
) -> None:
    text = exports[(format_, "sv")]
    for name in ("Personaladministration och lön", "Leverantörer och affärskontakter", "Drift och säkerhet"):
        assert name in text, name
    assert "Integritetsinformation för anställda" in text and "personalpärmen i butiken" in text
    assert "Integritetsinformation för leverantörer och affärskontakter" in text
    assert "Google Ads Data Processing Terms" in text  # a processor's agreement, by name
    assert "Personuppgiftsbiträdesavtal för kundtjänstsystemet" in text
    assert "2025-01-15" in text  # the register's own dates
    assert "Innehavaren av den enskilda firman Innocence" in text  # the controller, and who keeps the register
    assert "Intresseavvägning inkasso" in text and "pärmen Dataskydd hos Jiji Boutique" in text
    assert "Våra viktigaste åtgärder är" not in text  # the page's lead-in is not a security measure


def test_ropa_json_carries_the_register_metadata_agreements_and_documents(
    exports: dict[tuple[str, str], str],
) -> None:
    ropa = json.loads(exports[("json", "sv")])
    assert ropa["records_register"] == {
        "established": "2025-01-15",
        "last_reviewed": "2025-01-15",
        "responsible": "Innehavaren av den enskilda firman Innocence",
        "fewer_than_250_employees": True,
        "article_30_5": ropa["records_register"]["article_30_5"],
    }
    assert "artikel 30.5" in ropa["records_register"]["article_30_5"]
    records = {r["id"]: r for r in ropa["records"]}
    assert records["staff"]["informed_elsewhere"]["notice"] == "Integritetsinformation för anställda"
    assert records["logs"]["informed_elsewhere"] is None and records["logs"]["observed"] is True
    processors = [x for x in ropa["recipients"] if x["role"] == "processor"]
    assert processors and all(x["agreement"] and x["agreement"]["date"] == "2025-01-15" for x in processors)
    analytics = next(x for x in processors if x["id"] == "analytics")
    assert analytics["agreement"]["url"] == "https://business.safety.google/adsprocessorterms/"
    debt = next(p for p in records["online_purchase"]["purposes"] if p["id"] == "debt_collection")
    assert debt["balancing_test_document"] == {
        "title": "Intresseavvägning inkasso",
        "date": "2025-01-15",
        "kept_at": "pärmen Dataskydd hos Jiji Boutique",
        "text": "Intresseavvägning inkasso, 2025-01-15 (förvaras i pärmen Dataskydd hos Jiji Boutique)",
    }
    for record in standalone_records(ropa):
        assert "description" not in record["security"]
        assert not any(m.endswith(":") for m in record["security"]["general_measures"])


def test_the_csv_has_a_column_for_agreements_assessments_and_the_register(exports: dict[tuple[str, str], str]) -> None:
    rows = {row["Id"]: row for row in csv.DictReader(io.StringIO(exports[("csv", "sv")]))}
    agreements = rows["development"]["Personuppgiftsbiträden och personuppgiftsbiträdesavtal (artikel 28.3)"]
    assert "Google Analytics" in agreements and "https://business.safety.google/adsprocessorterms/" in agreements
    assert rows["staff"]["Registret upprättat"] == "2025-01-15"
    assert rows["staff"]["Ansvarig för registret"] == "Innehavaren av den enskilda firman Innocence"
    assessments = rows["logs"]["Intresseavvägningar och konsekvensbedömningar (artiklarna 6.1 f och 35)"]
    assert assessments.startswith("Intresseavvägning (security_logging): Intresseavvägning loggar")


def test_the_jsonld_names_agreements_assessments_and_the_register(exports: dict[tuple[str, str], str]) -> None:
    graph = json.loads(exports[("jsonld", "en")])["@graph"]
    records = graph[0]
    assert records["created"] == "2025-01-15" and records["reviewed"] == "2025-01-15"
    assert records["hasResponsibleEntity"]["description"].startswith("The owner of the sole trader business")
    text = json.dumps(graph)
    assert '"@type": "dpv:DataProcessingAgreement"' in text
    assert '"@type": "dpv:LegitimateInterestAssessment"' in text


def test_the_page_shows_the_logs_but_not_staff_or_suppliers() -> None:
    files = build_files(EXAMPLE)
    for language, logs in (("sv", "Drift och säkerhet på webbplatsen"), ("en", "Operation and security")):
        text = page_text(files, language)
        assert logs in text
        assert "Personaladministration" not in text and "Staff administration" not in text
        assert "affärskontakter" not in text and "business contacts" not in text


def _undated(sources: Sources) -> None:
    purchase = next(a for a in sources["activities"]["activities"] if a["id"] == "online_purchase")
    del next(p for p in purchase["purposes"] if p["id"] == "debt_collection")["balancing_test"]["date"]
    web = next(r for r in sources["data"]["recipients"] if r["id"] == "web_platform")
    del web["agreement"]


def test_an_undated_balancing_test_and_a_processor_without_agreement_are_warned_about(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(variant(tmp_path, _undated)), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "[L-DOC-1] the balancing test of purpose 'debt_collection' is referenced but undated" in out
    assert "[L-DPA-1] processor 'web_platform' has no data processing agreement recorded" in out
    assert re.search(r"activities\.yaml:\d+:\d+: warning: \[L-DOC-1\]", out)


def _staff_only_objectable(sources: Sources) -> None:
    """The only purposes open to objection or on consent are those of people informed elsewhere."""
    for activity in sources["activities"]["activities"]:
        if activity["id"] in ("staff", "supplier_contacts"):
            continue
        for purpose in activity["purposes"]:
            purpose.update({"legal_basis": "contract", "direct_marketing": False})
            for key in ("legitimate_interest", "balancing_test", "withdrawal", "channel_permission"):
                purpose.pop(key, None)
    supplier = next(a for a in sources["activities"]["activities"] if a["id"] == "supplier_contacts")
    supplier["purposes"][0]["legal_basis"] = "consent"
    supplier["purposes"][0].pop("legitimate_interest")
    supplier["purposes"][0].pop("balancing_test")
    sources["cookies"]["cookies"] = [c for c in sources["cookies"]["cookies"] if c["category"] == "necessary"]
    sources["cookies"]["consent_categories"] = [{"id": "necessary", "required": True}]


def test_activities_informed_elsewhere_feed_no_section_of_the_page(tmp_path: Any) -> None:
    files = build_files(variant(tmp_path, _staff_only_objectable))
    html = files["index.html"].decode()
    assert 'id="right-to-object"' not in html  # no objection section for the suppliers' interest
    assert 'id="right-withdraw_consent"' not in html  # nor a withdrawal section for their consent
