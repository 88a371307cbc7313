"""Records of processing (GDPR Art. 30): ropa.json and its schema, ropa.csv, ropa.jsonld, export, determinism.

The page (records/index.html) has its own tests in test_records_page.py.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import rdflib
from pyld import jsonld
from rdflib.namespace import RDF, XSD

from generator.cli import main
from generator.model import Address, Party, Policy, Recipient, Transfer, TransferMechanism
from generator.records.csv_file import COLUMNS
from generator.records.render import build_records, export_records, records_json, records_schema, render_records
from generator.sources.loading import LoadedPolicy, load_policy
from generator.texts.cookies import declared_cookies
from tests.conftest import EXAMPLE, FIXTURES, REPO
from tests.support.ropa import provider_name, standalone_cookies, standalone_record, standalone_records

DPV_TERMS = FIXTURES / "dpv-2.3-terms.txt"
DPV = rdflib.Namespace("https://w3id.org/dpv#")
EU_GDPR = rdflib.Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
LOC = rdflib.Namespace("https://w3id.org/dpv/loc#")


@pytest.fixture(scope="module")
def files(example_loaded: LoadedPolicy) -> dict[str, bytes]:
    return render_records(example_loaded.policy)


@pytest.fixture(scope="module")
def ropa(files: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(files["records/ropa.json"])


def record(ropa: dict[str, Any], id_: str) -> dict[str, Any]:
    return standalone_record(ropa, id_)


# --- ropa.json and its schema ----------------------------------------------


def test_the_build_writes_every_records_file(files: dict[str, bytes]) -> None:
    assert {
        "records/ropa.json",
        "records/ropa.schema.json",
        "records/ropa.csv",
        "records/ropa.jsonld",
        "records/index.html",
    } <= set(files)


def test_ropa_json_is_valid_against_its_own_schema(files: dict[str, bytes], ropa: dict[str, Any]) -> None:
    schema = json.loads(files["records/ropa.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(ropa)


def test_the_schema_is_generated_from_the_record_models(files: dict[str, bytes]) -> None:
    assert json.loads(files["records/ropa.schema.json"]) == records_schema()


def test_the_schema_refuses_a_record_without_an_article_30_item(files: dict[str, bytes], ropa: dict[str, Any]) -> None:
    schema = json.loads(files["records/ropa.schema.json"])
    broken = json.loads(json.dumps(ropa))
    del broken["records"][0]["retention"]
    with pytest.raises(jsonschema.ValidationError, match="retention"):
        jsonschema.validate(broken, schema)


def test_one_record_per_activity_in_source_order_with_its_stable_id(
    example_loaded: LoadedPolicy, ropa: dict[str, Any]
) -> None:
    assert [r["id"] for r in ropa["records"]] == [a.id for a in example_loaded.policy.activities]
    assert [r["name"] for r in ropa["records"]] == [
        "Köp i webbutiken",
        "Direktmarknadsföring",
        "Jiji Boutique-konto",
        "Kundservice",
        "Utveckling och förbättring",
        "Fullgörande av rättsliga förpliktelser",
        "Drift och säkerhet på webbplatsen",
        "Personaladministration och lön",
        "Leverantörer och affärskontakter",
    ]


def test_every_record_carries_every_item_of_article_30_1(ropa: dict[str, Any]) -> None:
    for r in standalone_records(ropa):
        controller = r["controller"]["controller"]  # (a)
        assert controller["legal_name"] == "Innocence" and controller["email"] == "info@jiji-boutique.se"
        assert controller["address"]["city"] == "Göteborg"
        assert r["purposes"], r["id"]  # (b)
        assert r["data_subjects"] and r["data_categories"], r["id"]  # (c)
        assert r["recipients"], r["id"]  # (d)
        assert isinstance(r["transfers"], list)  # (e): an empty list states there are none
        assert r["retention"]["summary"], r["id"]  # (f)
        assert r["security"]["general_measures"], r["id"]  # (g)
        assert not any(m.endswith(":") for m in r["security"]["general_measures"]), r["id"]  # no page lead-in
        assert all(p["legal_basis"] for p in r["purposes"]), r["id"]
        assert r["policy"] == {"version": "2.0", "last_updated": "2025-01-15"}
    assert ropa["controller"]["controller"]["owner"].startswith("Innehavaren av den enskilda firman Innocence")
    # Format 3 says each shared fact once: no record repeats the controller, a recipient or the general measures.
    assert all({"controller", "policy", "security"}.isdisjoint(r) for r in ropa["records"])
    assert all(isinstance(id_, str) for r in ropa["records"] for id_ in r["recipients"])


def test_the_document_carries_the_policy_version_and_date(ropa: dict[str, Any]) -> None:
    assert ropa["policy"] == {"version": "2.0", "last_updated": "2025-01-15"}
    assert ropa["language"] == "sv"
    assert ropa["title"] == "Register över behandling (artikel 30 i dataskyddsförordningen)"
    assert ropa["supervisory_authority"].startswith("Integritetsskyddsmyndigheten")


def test_ids_are_resolved_into_labels_and_legal_terms(ropa: dict[str, Any]) -> None:
    purchase = record(ropa, "online_purchase")
    payment = next(p for p in purchase["purposes"] if p["id"] == "payment_handling")
    assert payment["description"] == "Hantera kundens betalning."  # the records' own wording
    assert payment["legal_basis"] == {
        "code": "contract",
        "article": "6.1 b",
        "name": "Avtal",
        "text": "Avtal – artikel 6.1 b i dataskyddsförordningen",
        "dpv": "eu-gdpr:A6-1-b",
    }
    debt = next(p for p in purchase["purposes"] if p["id"] == "debt_collection")
    assert debt["legal_basis"]["code"] == "legitimate_interests"
    assert debt["legitimate_interest"].startswith("Jiji Boutiques intresse av att få betalt")
    recipients = {r["id"]: r for r in purchase["recipients"]}
    assert recipients["payment_providers"]["label"] == "Betaltjänstleverantörer"
    assert recipients["payment_providers"]["role_name"] == "Självständigt personuppgiftsansvarig"
    assert recipients["web_platform"]["role_name"] == "Personuppgiftsbiträde"
    categories = {c["id"]: c for c in purchase["data_categories"]}
    assert categories["contact_details"]["condition"] is None
    assert categories["shopping_history"]["condition"] == "Om kunden har ett Jiji Boutique-konto"
    bookkeeping = record(ropa, "legal_obligations")["purposes"][0]
    assert bookkeeping["legal_obligation"] == "Bokföringslagen (1999:1078)"


def test_a_recipient_outside_the_eea_is_a_transfer_with_its_country_and_safeguard(ropa: dict[str, Any]) -> None:
    development = record(ropa, "development")
    analytics = next(r for r in development["recipients"] if r["id"] == "analytics")
    # Google Ireland Limited processes in Ireland and passes the data on to Google LLC in the USA.
    assert analytics["third_country"] is True and analytics["country_name"] == "Irland"
    assert development["transfers"] == [
        {
            "recipient": "analytics",
            "recipient_label": "Analysverktyg",
            "onward_to": "Google LLC",
            "country": "US",
            "country_name": "USA",
            "mechanism": "adequacy",
            "mechanism_name": "Beslut av Europeiska kommissionen om adekvat skyddsnivå (artikel 45)",
            "decision": "EU–US Data Privacy Framework (kommissionens beslut (EU) 2023/1795)",
            "decision_url": "https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj",
            "copy_at": None,
        }
    ]
    assert record(ropa, "online_purchase")["transfers"] == []


def test_retention_is_in_words_and_machine_readable(ropa: dict[str, Any]) -> None:
    purchase = record(ropa, "online_purchase")["retention"]
    assert purchase["kind"] == "period" and purchase["period"] == "P3Y"
    assert purchase["summary"].startswith("3 år från leveransen")
    assert len(purchase["exceptions"]) == 3
    assert purchase["exceptions"][1] == {
        "condition": "Kunden har en obetald skuld till Jiji Boutique, oavsett betalsätt.",
        "retention": "tills skulden är betald",
    }
    marketing = record(ropa, "direct_marketing")["retention"]
    assert marketing["kind"] == "event" and marketing["event"].startswith(
        "tills den registrerade återkallar sitt samtycke"
    )
    bookkeeping = record(ropa, "legal_obligations")["retention"]
    assert bookkeeping["kind"] == "legal_rule"
    assert bookkeeping["legal_rule"]["known"] == "bookkeeping_act"
    assert "bokföringslagen (1999:1078)" in bookkeeping["legal_rule"]["law"]


def test_sources_provision_and_automated_decisions(ropa: dict[str, Any]) -> None:
    purchase = record(ropa, "online_purchase")
    assert [s["description"] for s in purchase["sources"]] == [
        "Företag som validerar adresser, som bekräftar eller rättar kundens adress",
        "Fakturaleverantören, som meddelar om kunden har beviljats betalning mot faktura",
    ]
    assert purchase["sources"][1]["data_categories"] == ["credit_information"]
    # Nobody is obliged to buy: the data is needed for the contract (Art. 13(2)(e)).
    assert purchase["provision"]["requirement_name"] and purchase["provision"]["obligatory"] is False
    assert len(purchase["automated_decisions"]) == 1
    assert purchase["automated_decisions"][0]["logic"].startswith("Prövningen bygger på")
    assert record(ropa, "account")["automated_decisions"] == []  # stated: none


def test_cookies_are_the_declared_cookies_each_in_the_record_of_its_purpose(
    example_loaded: LoadedPolicy, ropa: dict[str, Any]
) -> None:
    declared = [c.name for c in declared_cookies(example_loaded.policy)]
    assert [c["name"] for c in ropa["cookies"]] == declared
    assert ropa["cookies"][0]["name"] == "consent" and ropa["cookies"][0]["purpose"] is None
    by_record = {r["id"]: r["cookies"] for r in ropa["records"]}
    assert by_record["development"] == ["_ga", "_ga_*"]
    assert by_record["online_purchase"] == [
        "wp_woocommerce_session_*",
        "woocommerce_cart_hash",
        "woocommerce_items_in_cart",
    ]
    assert by_record["account"] == ["wordpress_logged_in_*", "jiji_recently_viewed"]
    assert by_record["legal_obligations"] == []
    ga = standalone_cookies(ropa)[declared.index("_ga")]
    assert ga["duration"] == "P13M" and ga["duration_in_words"] == "13 månader"
    assert provider_name(ropa, ga) == "Google Analytics, från Google Ireland Limited" and ga["category"] == "statistics"
    assert {"id": "statistics", "label": "Statistik"} in ropa["consent_categories"]


def with_every_party(policy: Policy) -> Policy:
    """The example with a joint controller, an EU representative, a DPO and an SCC transfer to India."""
    address = Address(street="Storgatan 1", postal_code="111 22", city="Stockholm")
    controller = policy.controller.model_copy(
        update={
            "joint_controllers": [Party(name="Systerbutiken AB", email="dataskydd@syster.example", address=address)],
            "representative": Party(name="EU-ombudet AB", email="ombud@example.eu"),
            "dpo": Party(email="dpo@jiji-boutique.se"),
        }
    )
    support = Recipient.model_validate(
        {
            "id": "offshore_support",
            "label": {"sv": "Kundtjänst i Indien", "en": "Customer service in India"},
            "role": "processor",
            "country": "IN",
        }
    ).model_copy(update={"transfer": Transfer(mechanism=TransferMechanism.scc, copy_at="dpo@jiji-boutique.se")})
    service = next(a for a in policy.activities if a.id == "customer_service")
    service = service.model_copy(update={"recipients": [*service.recipients, "offshore_support"]})
    activities = [service if a.id == service.id else a for a in policy.activities]
    return policy.model_copy(
        update={"controller": controller, "recipients": [*policy.recipients, support], "activities": activities}
    )


def test_joint_controllers_representative_dpo_and_scc_transfer_are_recorded_where_given(
    example_loaded: LoadedPolicy,
) -> None:
    document = build_records(with_every_party(example_loaded.policy), "sv")
    schema = records_schema()
    jsonschema.validate(json.loads(records_json(document)), schema)
    controller = document.records[0].controller
    assert [p.name for p in controller.joint_controllers] == ["Systerbutiken AB"]
    assert controller.representative is not None and controller.representative.name == "EU-ombudet AB"
    assert controller.data_protection_officer is not None
    assert controller.data_protection_officer.email == "dpo@jiji-boutique.se"
    service = next(r for r in document.records if r.id == "customer_service")
    transfer = next(t for t in service.transfers if t.recipient == "offshore_support")
    assert (transfer.country_name, transfer.mechanism) == ("Indien", "scc")
    assert transfer.mechanism_name is not None and "46.2 c" in transfer.mechanism_name


# --- ropa.csv ----------------------------------------------------------------


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte order mark for Excel"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_the_csv_has_one_row_per_activity_under_the_swedish_article_30_headings(
    files: dict[str, bytes], ropa: dict[str, Any]
) -> None:
    rows = read_csv(files["records/ropa.csv"])
    assert [row["Id"] for row in rows] == [r["id"] for r in ropa["records"]]
    headers = list(rows[0])
    # The wording of Art. 30(1) in the Swedish text of the regulation.
    for wording in [
        "Namn och kontaktuppgifter för den personuppgiftsansvarige, samt i tillämpliga fall gemensamt "
        "personuppgiftsansvariga, den personuppgiftsansvariges företrädare samt dataskyddsombudet",
        "Ändamålen med behandlingen",
        "Kategorier av registrerade",
        "Kategorier av personuppgifter",
        "De kategorier av mottagare till vilka personuppgifterna har lämnats eller ska lämnas ut, "
        "inbegripet mottagare i tredjeländer",
        "Överföringar av personuppgifter till ett tredjeland, inbegripet identifiering av tredjelandet",
        "De förutsedda tidsfristerna för radering av de olika kategorierna av uppgifter",
        "En allmän beskrivning av de tekniska och organisatoriska säkerhetsåtgärder som avses i artikel 32.1",
        "Rättslig grund",
        "Källa till personuppgifterna",
    ]:
        assert sum(h.startswith(wording) for h in headers) == 1, wording
    assert len(headers) == len(COLUMNS)


def test_a_multi_valued_cell_holds_one_item_per_line(files: dict[str, bytes], ropa: dict[str, Any]) -> None:
    rows = {row["Id"]: row for row in read_csv(files["records/ropa.csv"])}
    purchase = rows["online_purchase"]
    purposes = purchase["Ändamålen med behandlingen (artikel 30.1 b)"].split("\n")
    bases = purchase["Rättslig grund för varje ändamål (artikel 6.1)"].split("\n")
    assert purposes == [p["description"] for p in record(ropa, "online_purchase")["purposes"]]
    assert len(bases) == len(purposes)  # the n-th basis belongs to the n-th purpose
    assert bases[0] == "Avtal – artikel 6.1 b i dataskyddsförordningen"
    assert bases[4].startswith("Berättigat intresse – artikel 6.1 f i dataskyddsförordningen: Jiji Boutiques intresse")
    transfers = next(h for h in purchase if h.startswith("Överföringar av personuppgifter till ett tredjeland"))
    assert rows["development"][transfers].startswith("Google LLC: USA; ")
    assert rows["online_purchase"][transfers] == "Inga"


def test_the_english_csv_has_english_headers_and_texts(example_loaded: LoadedPolicy) -> None:
    rows = read_csv(export_records(example_loaded.policy, "csv", "en"))
    assert "The purposes of the processing (Article 30(1)(b))" in rows[0]
    assert rows[0]["Processing activity"] == "Purchases"
    assert rows[0]["Legal basis for each purpose (Article 6(1))"].startswith(
        "Contract – Article 6.1 b of the General Data Protection Regulation"
    )


# --- ropa.jsonld ---------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(files: dict[str, bytes]) -> rdflib.Graph:
    # rdflib 7.6's JSON-LD parser builds a ConjunctiveGraph internally and warns about it.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=files["records/ropa.jsonld"].decode(), format="json-ld")


def dpv_terms() -> set[str]:
    lines = DPV_TERMS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_every_dpv_iri_of_the_jsonld_is_defined_by_dpv_2_3(graph: rdflib.Graph) -> None:
    used: set[str] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, rdflib.URIRef):
                used.add(str(term))
            elif isinstance(term, rdflib.Literal) and term.datatype is not None:
                used.add(str(term.datatype))
    dpv_used = {iri for iri in used if iri.startswith("https://w3id.org/dpv")}
    assert len(dpv_used) > 50
    assert sorted(dpv_used - dpv_terms()) == []


def test_each_activity_is_a_personal_data_handling_with_the_article_30_items(
    graph: rdflib.Graph, ropa: dict[str, Any]
) -> None:
    handlings = {
        str(graph.value(node, rdflib.URIRef("http://purl.org/dc/terms/identifier"))): node
        for node in graph.subjects(RDF.type, DPV.PersonalDataHandling)
        if graph.value(node, rdflib.URIRef("http://purl.org/dc/terms/identifier")) is not None
    }
    assert sorted(handlings) == sorted(r["id"] for r in ropa["records"])
    for node in handlings.values():
        for prop in ["hasPurpose", "hasLegalBasis", "hasPersonalData", "hasDataSubject", "hasRecipient"]:
            assert graph.value(node, DPV[prop]) is not None, prop
        assert (node, DPV.hasDataController, None) in graph
        assert (node, DPV.hasTechnicalOrganisationalMeasure, None) in graph
        assert (node, DPV.hasStorageCondition, None) in graph
    purchase = handlings["online_purchase"]
    assert set(graph.objects(purchase, DPV.hasLegalBasis)) == {EU_GDPR["A6-1-b"], EU_GDPR["A6-1-f"]}
    purposes = set(graph.objects(purchase, DPV.hasPurpose))
    assert any((p, RDF.type, DPV.CustomerOrderManagement) in graph for p in purposes)
    data = set(graph.objects(purchase, DPV.hasPersonalData))
    assert any((d, RDF.type, rdflib.URIRef("https://w3id.org/dpv/pd#CreditWorthiness")) in graph for d in data)
    # processors and controllers as recipients
    processors = {
        str(graph.value(r, DPV.hasName) or graph.value(r, rdflib.RDFS.label))
        for r in graph.objects(purchase, DPV.hasDataProcessor)
    }
    controllers = {
        str(graph.value(r, rdflib.RDFS.label)) for r in graph.objects(purchase, DPV.hasRecipientDataController)
    }
    assert "Webbplatsleverantör" in processors and "Betaltjänstleverantörer" in controllers


def test_the_transfer_names_its_third_country_and_its_chapter_v_basis(graph: rdflib.Graph) -> None:
    development = next(
        n
        for n in graph.subjects(RDF.type, DPV.PersonalDataHandling)
        if str(graph.value(n, rdflib.URIRef("http://purl.org/dc/terms/identifier"))) == "development"
    )
    assert list(graph.objects(development, DPV.hasThirdCountry)) == [LOC.US]
    transfers = [
        h
        for h in graph.objects(development, DPV.hasPersonalDataHandling)
        if (h, DPV.hasProcessing, DPV.CrossBorderTransfer) in graph
    ]
    assert len(transfers) == 1
    assert graph.value(transfers[0], DPV.hasLegalBasis) == EU_GDPR["A45-3"]


def test_storage_duration_is_typed_with_an_iso_duration(graph: rdflib.Graph) -> None:
    literals = [graph.value(d, RDF.value) for d in graph.subjects(RDF.type, DPV.TemporalDuration)]
    assert all(isinstance(v, rdflib.Literal) and v.datatype == XSD.duration for v in literals)
    # rdflib normalises the lexical form (P13M reads P1Y1M); the file keeps it as written.
    assert {"P3Y", "P1Y", "P1Y1M"} <= {str(v) for v in literals}
    assert list(graph.subjects(RDF.type, DPV.UntilEventDuration))
    assert list(graph.subjects(RDF.type, DPV.UntilTimeDuration))  # the Bookkeeping Act rule


def test_the_jsonld_expands_with_pyld_without_any_remote_context(files: dict[str, bytes]) -> None:
    expanded = jsonld.expand(json.loads(files["records/ropa.jsonld"]))
    types = {t for node in expanded for t in node.get("@type", [])}
    assert "https://w3id.org/dpv#DataProcessingRecord" in types
    assert "https://w3id.org/dpv#PersonalDataHandling" in types


def test_the_build_imports_no_rdf_library() -> None:
    code = (
        "import sys\n"
        "from generator.build import render_site\n"
        "from generator.sources.loading import load_policy\n"
        f"render_site(load_policy({str(EXAMPLE)!r}).policy)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pyld')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- determinism ---------------------------------------------------------------


def test_the_same_input_gives_byte_identical_records(example_loaded: LoadedPolicy, files: dict[str, bytes]) -> None:
    again = render_records(load_policy(EXAMPLE).policy)
    assert again == files
    for language in ("sv", "en"):
        for format in ("json", "csv", "jsonld", "html"):
            assert export_records(example_loaded.policy, format, language) == export_records(
                example_loaded.policy, format, language
            )


# --- policygen export ----------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "path"),
    [
        ("json", "records/ropa.json"),
        ("csv", "records/ropa.csv"),
        ("jsonld", "records/ropa.jsonld"),
        ("html", "records/index.html"),
    ],
)
def test_export_writes_what_the_build_writes(
    format: str, path: str, files: dict[str, bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"export.{format}"
    assert main(["export", str(EXAMPLE), "--format", format, "--out", str(out)]) == 0
    assert out.read_bytes() == files[path]
    assert f"Wrote {out}" in capsys.readouterr().err


def test_export_writes_to_standard_output_by_default(files: dict[str, bytes]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", str(EXAMPLE), "--format", "json"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == files["records/ropa.json"]


def test_export_in_english(example_loaded: LoadedPolicy) -> None:
    english = json.loads(export_records(example_loaded.policy, "json", "en"))
    assert english["language"] == "en"
    assert english["records"][0]["name"] == "Purchases"
    assert standalone_records(english)[0]["purposes"][0]["legal_basis"]["name"] == "Contract"
    page = export_records(example_loaded.policy, "html", "en").decode()
    assert '<html lang="en">' in page and "Purchases" in page


def test_export_of_a_broken_source_names_the_place_and_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "site"
    source.mkdir()
    (source / "site.yaml").write_text("site:\n  base_url: [oops\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", str(source), "--format", "csv"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "site.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_export_refuses_an_unknown_format() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(EXAMPLE), "--format", "xml"])
    assert exit_info.value.code == 2


def test_the_committed_records_schema_is_current() -> None:
    """generator/ropa.schema.json is shipped as is; regenerate it with `make schema` after a model change."""
    from generator.records.render import COMMITTED_SCHEMA, generate_records_schema_json

    assert COMMITTED_SCHEMA.read_bytes() == generate_records_schema_json()


def test_a_model_text_that_looks_like_a_formula_stays_text_in_the_csv(example_loaded: LoadedPolicy) -> None:
    """CSV injection: an auditor opens ropa.csv in Excel, where a cell starting with = runs."""
    first = example_loaded.policy.activities[0]
    poisoned = first.model_copy(
        update={"id": "poisoned", "name": first.name.model_copy(update={"sv": '=HYPERLINK("http://evil.test","x")'})}
    )
    policy = example_loaded.policy.model_copy(update={"activities": [poisoned, *example_loaded.policy.activities[1:]]})
    csv_bytes = render_records(policy)["records/ropa.csv"]

    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    name = next(row[1] for row in rows if row[0] == "poisoned")
    assert name == '\'=HYPERLINK("http://evil.test","x")'
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
