"""Format 2 in every records format: ropa.json (and its schema), ropa.csv, ropa.jsonld and the records page."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import jsonschema
import pytest

from generator.build import render_site
from generator.sources.loading import load_policy
from tests.support.format2 import DPF_URL, format2_source, write_source
from tests.support.ropa import provider_name, standalone_cookies, standalone_records

ONWARD_SV = (
    "Uppgifterna kan överföras till Google LLC (USA) med stöd av EU–US Data Privacy Framework "
    "(kommissionens beslut (EU) 2023/1795)."
)
JOINT_SV = (  # the register's own words: the data subject, and the essence's `records:` wording
    "För den här behandlingen är vi och Partner AB gemensamt personuppgiftsansvariga (artikel 26) för det som vi "
    "bestämmer om tillsammans. Den registrerade kan använda sina rättigheter hos var "
    "och en av oss. Det väsentliga i vårt arrangemang: Vi informerar kunderna och svarar på deras frågor; Partner AB "
    "sköter utskicken."
)
ESSENCE_SV = "Vi informerar kunderna och svarar på deras frågor; Partner AB sköter utskicken."


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = write_source(tmp_path_factory.mktemp("format2"), format2_source())
    return render_site(load_policy(folder).policy)


@pytest.fixture(scope="module")
def records(files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    document = json.loads(files["records/ropa.json"])
    jsonschema.validate(document, json.loads(files["records/ropa.schema.json"]))
    return {r["id"]: r for r in standalone_records(document)}


def recipient(record: dict[str, Any], id_: str) -> dict[str, Any]:
    return next(r for r in record["recipients"] if r["id"] == id_)


def test_ropa_json_names_entity_product_establishment_and_onward_transfer(records: dict[str, Any]) -> None:
    analytics = recipient(records["statistics"], "analytics")
    assert analytics["name"] == "Google Analytics, från Google Ireland Limited"
    assert (analytics["legal_entity"], analytics["product"]) == ("Google Ireland Limited", "Google Analytics")
    assert (analytics["established_in_name"], analytics["country_name"]) == ("Irland", "Irland")
    assert analytics["summary"] == (
        "Google Analytics, från Google Ireland Limited (Irland); uppgifterna kan överföras till Google LLC (USA) "
        "med stöd av EU–US Data Privacy Framework (kommissionens beslut (EU) 2023/1795)"
    )
    assert analytics["onward_transfers"] == [ONWARD_SV]
    assert records["statistics"]["transfers"] == [
        {
            "recipient": "analytics",
            "recipient_label": "Analysverktyg",
            "onward_to": "Google LLC",
            "country": "US",
            "country_name": "USA",
            "mechanism": "adequacy",
            "mechanism_name": "Beslut av Europeiska kommissionen om adekvat skyddsnivå (artikel 45)",
            "decision": "EU–US Data Privacy Framework (kommissionens beslut (EU) 2023/1795)",
            "decision_url": DPF_URL,
            "copy_at": None,
        }
    ]
    meta = recipient(records["statistics"], "meta")
    assert meta["privacy_notice"] == "https://www.facebook.com/privacy/policy/" and meta["third_country"] is False


def test_ropa_json_joint_controller_only_in_its_activity(records: dict[str, Any]) -> None:
    joint = records["newsletter"]["controller"]["joint_controllers"]
    assert [(j["name"], j["responsibilities"], j["arrangement_url"]) for j in joint] == [
        ("Partner AB", ESSENCE_SV, "https://shop.example.se/gemensamt-ansvar")
    ]
    assert recipient(records["newsletter"], "club_partner")["joint_arrangement"] == JOINT_SV
    assert all(records[a]["controller"]["joint_controllers"] == [] for a in ("orders", "statistics", "accounts"))


def test_ropa_json_third_party_cookie_with_its_domain(files: dict[str, bytes]) -> None:
    document = json.loads(files["records/ropa.json"])
    fr = next(c for c in standalone_cookies(document) if c["name"] == "fr")
    assert (fr["party"], fr["domain"], provider_name(document, fr)) == (
        "third",
        ".facebook.com",
        "Facebook, från Meta Platforms Ireland Limited",
    )


def test_ropa_csv(files: dict[str, bytes]) -> None:
    rows = {r["Id"]: r for r in csv.DictReader(io.StringIO(files["records/ropa.csv"].decode("utf-8-sig")))}
    column = next(h for h in rows["statistics"] if h.startswith("De kategorier av mottagare"))
    transfers = next(h for h in rows["statistics"] if h.startswith("Överföringar av personuppgifter"))
    controller = next(h for h in rows["statistics"] if h.startswith("Namn och kontaktuppgifter"))
    lines = rows["statistics"][column].split("\n")
    assert (
        "Analysverktyg (Personuppgiftsbiträde; Google Analytics, från Google Ireland Limited; "
        f"etablerad i Irland, behandlar uppgifterna i Irland). {ONWARD_SV}"
    ) in lines
    assert (
        "Annonsplattform (Självständigt personuppgiftsansvarig; Facebook, från Meta Platforms Ireland Limited; "
        "etablerad i Irland, behandlar uppgifterna i Irland). Integritetspolicy: https://www.facebook.com/privacy/policy/."
    ) in lines
    assert rows["statistics"][transfers] == (
        "Google LLC: USA; Beslut av Europeiska kommissionen om adekvat skyddsnivå (artikel 45) "
        f"(EU–US Data Privacy Framework (kommissionens beslut (EU) 2023/1795); {DPF_URL})"
    )
    assert rows["newsletter"][controller].split("\n")[1] == (
        "Gemensamt personuppgiftsansvarig: Partner AB, https://partner.example.se/integritet, "
        f"arrangemang: {ESSENCE_SV}, https://shop.example.se/gemensamt-ansvar"
    )
    assert "Partner AB" not in rows["statistics"][controller]


def test_ropa_jsonld(files: dict[str, bytes]) -> None:
    graph = json.loads(files["records/ropa.jsonld"])["@graph"]
    nodes = {n["@id"]: n for n in graph if "@id" in n}
    analytics = nodes["ropa:recipient-analytics"]
    assert analytics["hasName"] == "Google Ireland Limited" and analytics["hasCountry"] == "loc:IE"
    statistics = nodes["ropa:activity-statistics"]
    onward = next(h for h in statistics["hasPersonalDataHandling"] if h["@id"].endswith("-onward-1"))
    assert (onward["hasThirdCountry"], onward["seeAlso"]) == ("loc:US", DPF_URL)
    assert onward["description"].startswith("Google LLC: ")
    assert nodes["ropa:recipient-meta"]["seeAlso"] == "https://www.facebook.com/privacy/policy/"
    newsletter = nodes["ropa:activity-newsletter"]
    assert newsletter["hasJointDataControllers"]["hasEntity"] == ["ropa:controller", "ropa:recipient-club_partner"]
    assert "hasJointDataControllers" not in statistics


def test_records_page(files: dict[str, bytes]) -> None:
    html = re.sub(r"</?bdi[^>]*>|<wbr>", "", files["records/index.html"].decode())  # read as words
    newsletter = html[html.index('id="activity-newsletter"') :]
    newsletter = newsletter[: newsletter.index("</section>")]
    arrangement = "https://shop.example.se/gemensamt-ansvar"
    assert f'<a href="{arrangement}">{arrangement}</a>' in newsletter
    assert '<a href="#recipient-club_partner">' in newsletter
    statistics = html[html.index('id="activity-statistics"') :]
    statistics = statistics[: statistics.index("</section>")]
    assert '<a href="#recipient-analytics">' in statistics
    # Each recipient is described once, in the page's list of recipients, which the records link to.
    recipients = html[html.index('id="recipients-title"') :]
    recipients = recipients[: recipients.index("</section>")]
    assert f"<br>{JOINT_SV}</li>" in recipients[recipients.index('id="recipient-club_partner"') :]
    assert f"<br>{ONWARD_SV}" in recipients[recipients.index('id="recipient-analytics"') :]
    assert "Analysverktyg → Google LLC: USA" in statistics
    assert f'<a href="{DPF_URL}">EU–US Data Privacy Framework (kommissionens beslut (EU) 2023/1795)</a>' in statistics
