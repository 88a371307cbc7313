"""A small format-2 source that uses what format 2 can say: a recipient named by entity and product, with its
establishment and an onward transfer; a joint controller of one activity; a third-party cookie on another domain."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import FIXTURES

BASE = FIXTURES / "checks" / "base.yaml"

DPF_DECISION = {
    "sv": "EU–US Data Privacy Framework (kommissionens beslut (EU) 2023/1795)",
    "en": "the EU–US Data Privacy Framework (Commission decision (EU) 2023/1795)",
}
DPF_URL = "https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj"


def format2_source() -> dict[str, Any]:
    source: dict[str, Any] = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    source = copy.deepcopy(source)
    source = {"format": 2, **source}
    source["site"]["languages"] = ["sv", "en"]
    recipients = source["recipients"]
    analytics = next(r for r in recipients if r["id"] == "analytics")
    analytics.update(
        {
            "product": "Google Analytics",
            "legal_entity": "Google Ireland Limited",
            "established_in": "IE",
            "country": "IE",
            "onward_transfers": [
                {
                    "to": "Google LLC",
                    "country": "US",
                    "mechanism": "adequacy",
                    "decision": DPF_DECISION,
                    "decision_url": DPF_URL,
                }
            ],
        }
    )
    recipients.append(
        {
            "id": "club_partner",
            "label": {"sv": "Vår partner för nyhetsbrevet", "en": "Our newsletter partner"},
            "role": "joint_controller",
            "legal_entity": "Partner AB",
            "country": "SE",
            "privacy_notice": "https://partner.example.se/integritet",
            "purpose": {"sv": "Skickar nyhetsbrevet.", "en": "Sends the newsletter."},
            "arrangement": {
                "essence": {
                    "sv": "Vi informerar dig och svarar på dina frågor; Partner AB sköter utskicken.",
                    "en": "We inform you and answer your questions; Partner AB sends the mailings.",
                    "records": {
                        "sv": "Vi informerar kunderna och svarar på deras frågor; Partner AB sköter utskicken.",
                        "en": "We inform the customers and answer their questions; Partner AB sends the mailings.",
                    },
                },
                "url": "https://shop.example.se/gemensamt-ansvar",
            },
        }
    )
    recipients.append(
        {
            "id": "meta",
            "label": {"sv": "Annonsplattform", "en": "Advertising platform"},
            "role": "controller",
            "product": "Facebook",
            "legal_entity": "Meta Platforms Ireland Limited",
            "established_in": "IE",
            "country": "IE",
            "privacy_notice": "https://www.facebook.com/privacy/policy/",
            "purpose": {"sv": "Visar våra annonser.", "en": "Shows our advertisements."},
        }
    )
    activities = {a["id"]: a for a in source["activities"]}
    activities["newsletter"]["recipients"].append("club_partner")
    statistics = activities["statistics"]
    statistics["recipients"].append("meta")
    statistics["purposes"].append(
        {
            "id": "ads",
            "description": {
                "sv": "Visa annonser för våra varor på Facebook, om du samtycker.",
                "records": "Visa annonser för våra varor på Facebook, om besökaren samtycker.",
            },
            "legal_basis": "consent",
            "dpv": "dpv:Advertising",
        }
    )
    source["cookies"].append(
        {
            "name": "fr",
            "category": "marketing",
            "purpose": "ads",
            "provider": "meta",
            "domain": ".facebook.com",
            "duration": "P3M",
            "third_party_access": True,
            "description": "Visar annonser för våra varor på Facebook.",
        }
    )
    return source


def write_source(folder: Path, source: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.yaml").write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
