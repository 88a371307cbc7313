"""Every records format says how long each data category is kept and who decides, and how long storage lives.

ropa.json (valid against its schema), ropa.csv, ropa.jsonld and the records
page carry the same sentence as the privacy page, with the facts an auditor
needs apart: the kind, the ISO period, the processor whose setting it is or
the independent controller whose policy decides it, with the link.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.cli import main
from generator.records.render import COMMITTED_SCHEMA
from tests.support.retention_variant import write_variant
from tests.support.ropa import standalone_cookies

BIRTH_DATE_SV = "Födelsedatum raderas direkt efter kontrollen."
CREDIT_SV = "Kreditbeslut: lagringstiden bestäms av Fakturaleverantör som självständigt personuppgiftsansvarig."
PAYMENT_SV = (
    "Betalningsuppgifter raderas 5 år efter betalningen. "
    "Lagringstiden bestäms av Betaltjänstleverantörer som självständigt personuppgiftsansvarig."
)
ORDER_SV = "Beställningsuppgifter sparas tills reklamationstiden har gått ut."
STATISTICS_SV = "Klickhistorik på webbplatsen raderas efter 14 månader. Det har vi själva ställt in i Google Analytics."


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("retention-records")
    source = write_variant(folder)
    assert main(["build", str(source), "--out", str(folder / "dist")]) == 0
    return folder / "dist"


@pytest.fixture(scope="module")
def ropa(dist: Path) -> dict[str, Any]:
    return json.loads((dist / "records" / "ropa.json").read_text(encoding="utf-8"))


def record(ropa: dict[str, Any], id_: str) -> dict[str, Any]:
    return next(r for r in ropa["records"] if r["id"] == id_)


def test_ropa_json_carries_each_retention_per_category_with_its_facts(ropa: dict[str, Any]) -> None:
    jsonschema.validate(ropa, json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8")))
    entries = record(ropa, "online_purchase")["retention"]["by_category"]
    assert [(e["data_categories"], e["kind"], e["summary"]) for e in entries] == [
        (["birth_date"], "deleted", BIRTH_DATE_SV),
        (["order_details"], "event", ORDER_SV),
        (["credit_information"], "decided_by_controller", CREDIT_SV),
        (["payment_details"], "period", PAYMENT_SV),
    ]
    birth, order, credit, payment = entries
    assert birth["deleted"] == "direkt efter kontrollen" and birth["period"] is None
    assert order["event"] == "tills reklamationstiden har gått ut"
    assert (credit["decided_by"], credit["decided_by_name"], credit["policy_url"]) == (
        "invoice_provider",
        "Fakturaleverantör",
        "https://uc.example/integritetspolicy",
    )
    assert (payment["period"], payment["counted_from"], payment["decided_by"]) == (
        "P5Y",
        "betalningen",
        "payment_providers",
    )
    statistics = record(ropa, "development")["retention"]["by_category"]
    assert [(s["kind"], s["period"], s["set_in"], s["set_in_name"], s["summary"]) for s in statistics] == [
        ("period", "P14M", "analytics", "Google Analytics, från Google Ireland Limited", STATISTICS_SV)
    ]
    conditions = [e["condition"] for e in record(ropa, "development")["retention"]["exceptions"]]
    assert "Statistik från statistikkakor" not in conditions


def test_ropa_json_names_storage_lifetimes_without_inventing_a_period(ropa: dict[str, Any]) -> None:
    cookies = {c["name"]: (c["storage"], c["duration"], c["duration_in_words"]) for c in standalone_cookies(ropa)}
    assert cookies["/.__palette"] == ("local_storage", "until_deleted", "tills webbplatsen raderar den")
    assert cookies["jiji-offline"] == ("indexed_db", "until_cleared", "tills besökaren rensar den")
    assert cookies["jiji_checkout_step"] == ("session_storage", "session", "tills besökaren stänger fliken")
    assert cookies["jiji_recently_viewed"] == ("local_storage", "until_cleared", "tills besökaren rensar den")


def test_ropa_csv_lists_each_retention_per_category_in_the_time_limits_column(dist: Path) -> None:
    text = (dist / "records" / "ropa.csv").read_text(encoding="utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text))}
    column = next(i for i, name in enumerate(rows["Id"]) if "30.1 f" in name)
    lines = rows["online_purchase"][column].splitlines()
    for sentence in (BIRTH_DATE_SV, ORDER_SV):
        assert sentence in lines
    assert CREDIT_SV + " https://uc.example/integritetspolicy" in lines
    assert PAYMENT_SV + " https://pay.example/privacy" in lines
    assert STATISTICS_SV in rows["development"][column].splitlines()


def test_ropa_jsonld_gives_each_category_its_own_storage_duration(dist: Path) -> None:
    graph = json.loads((dist / "records" / "ropa.jsonld").read_text(encoding="utf-8"))
    text = json.dumps(graph, ensure_ascii=False)
    nodes = [n for n in _walk(graph) if n.get("@type") == "dpv:StorageDuration" and "hasPersonalData" in n]
    by_data = {tuple(n["hasPersonalData"]): n for n in nodes}
    birth = by_data[("ropa:data-birth_date",)]
    assert birth["hasDuration"] == {"@type": "dpv:UntilEventDuration", "description": BIRTH_DATE_SV}
    payment = by_data[("ropa:data-payment_details",)]
    assert payment["hasDuration"]["duration"] == "P5Y"
    assert payment["hasRecipientDataController"] == "ropa:recipient-payment_providers"
    assert payment["rdfs:seeAlso"] == {"@id": "https://pay.example/privacy"}
    statistics = by_data[("ropa:data-click_history",)]
    assert statistics["hasDataProcessor"] == "ropa:recipient-analytics"
    assert (
        statistics["hasDuration"]["@type"] == "dpv:TemporalDuration" and statistics["hasDuration"]["duration"] == "P14M"
    )
    palette = next(n for n in _walk(graph) if n.get("plainLabel") == "/.__palette")
    lifetime = next(n for n in graph["@graph"] if n["@id"] == palette["hasDuration"])  # shared by equal lifetimes
    assert lifetime == {
        "@id": palette["hasDuration"],
        "@type": "dpv:UntilEventDuration",
        "description": "tills webbplatsen raderar den",
    }
    assert "P30D" not in text


def test_the_records_page_shows_the_sentences_and_the_links(dist: Path) -> None:
    html = (dist / "records" / "index.html").read_text(encoding="utf-8")
    assert f"<li>{BIRTH_DATE_SV}</li>" in html
    assert f'<li>{CREDIT_SV} <a href="https://uc.example/integritetspolicy">' in html
    assert f"<li>{STATISTICS_SV} (<code>P14M</code>)</li>" in html
    # The storage items are named in their activity's record; their lifetimes are in ropa.json (above) and in the
    # cookie table of the privacy page, which the record links to instead of repeating it.
    for name in ("jiji-<wbr>offline", "jiji_<wbr>checkout_<wbr>step", "jiji_<wbr>recently_<wbr>viewed"):
        assert f"<code>{name}</code>" in html
    assert '#cookies">Tabellen över kakor i integritetspolicyn</a>' in html


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
