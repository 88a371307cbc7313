"""The example with every kind of retention per data category and every kind of storage lifetime added.

Shared by the page, banner, records and source tests of retention per data
category (a date of birth deleted straight after the check, a retention set in
a processor's settings, one decided by an independent controller) and of
storage without an expiry (localStorage, IndexedDB, sessionStorage).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import EXAMPLE

BIRTH_DATE = {"id": "birth_date", "label": {"sv": "Födelsedatum", "en": "Date of birth"}}

BY_CATEGORY: list[dict[str, Any]] = [
    {"data_categories": ["birth_date"], "deleted": {"sv": "direkt efter kontrollen", "en": "straight after the check"}},
    {
        "data_categories": ["order_details"],
        "until": {"sv": "tills reklamationstiden har gått ut", "en": "until the period for complaints has ended"},
    },
    {
        "data_categories": ["credit_information"],
        "decided_by": "invoice_provider",
        "policy_url": "https://uc.example/integritetspolicy",
    },
    {
        "data_categories": ["payment_details"],
        "period": "P5Y",
        "counted_from": {"sv": "betalningen", "en": "the payment"},
        "decided_by": "payment_providers",
        "policy_url": "https://pay.example/privacy",
    },
]

STORAGE_ITEMS: list[dict[str, Any]] = [
    {
        "name": "/.__palette",
        "storage": "local_storage",
        "category": "recommendations",
        "purpose": "product_recommendations",
        "description": {"sv": "Sparar den färgpalett som har valts.", "en": "Stores the colour palette chosen."},
        "duration": "until_deleted",
        "third_party_access": False,
    },
    {
        "name": "jiji-offline",
        "storage": "indexed_db",
        "category": "recommendations",
        "purpose": "product_recommendations",
        "description": {"sv": "Sparar produktbilder för läsning utan nät.", "en": "Stores product images offline."},
        "duration": "until_cleared",
        "third_party_access": False,
    },
    {
        "name": "jiji_checkout_step",
        "storage": "session_storage",
        "category": "necessary",
        "purpose": "order_handling",
        "description": {"sv": "Kommer ihåg steget i kassan.", "en": "Remembers the step of the checkout."},
        "duration": "session",
        "third_party_access": False,
        "necessity_justification": {
            "sv": "Utan den börjar kassan om vid varje sida.",
            "en": "Without it the checkout starts again on every page.",
        },
    },
]


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_variant(folder: Path) -> Path:
    """A copy of the example in `folder` with the retentions per data category and storage items above."""
    source = folder / "source"
    shutil.copytree(EXAMPLE, source)

    def data(d: dict[str, Any]) -> None:
        d["data_categories"].append(BIRTH_DATE)

    def activities(d: dict[str, Any]) -> None:
        purchase = next(a for a in d["activities"] if a["id"] == "online_purchase")
        purchase["data_categories"].append("birth_date")
        purchase["retention"]["by_category"] = BY_CATEGORY

    def cookies(d: dict[str, Any]) -> None:
        d["cookies"] += STORAGE_ITEMS

    _edit(source / "data.yaml", data)
    _edit(source / "activities.yaml", activities)
    _edit(source / "cookies.yaml", cookies)
    return source
