"""ropa.json, format 3, written: the records document with each shared fact lifted out of the records once.

The file's models are in `generator.records.ropa_file` (its schema is generated from them); they are not
imported here, since a build needs only their key orders, and building the models costs more than a small
build's records (tests/records/test_ropa_file.py keeps the orders and the models the same).
"""

from __future__ import annotations

from typing import Any

from generator.output import json_file
from generator.records.document import RecordsDocument

FILE_FORMAT_VERSION = "3"
"""3: the controller, its measures, legal bases, recipients, data subjects, data categories and the facts cookies
share once, records and cookies refer to them; no indentation. 2: a record names its cookies; each is described
once, in the document's `cookies`."""

DOCUMENT_KEYS = (
    "format",
    "format_version",
    "language",
    "title",
    "policy",
    "site",
    "controller",
    "records_register",
    "supervisory_authority",
    "security_measures",
    "legal_bases",
    "data_subjects",
    "data_categories",
    "recipients",
    "consent_categories",
    "records",
    "cookie_facts",
    "cookies",
    "changes",
)
RECORD_KEYS = (
    "id",
    "name",
    "description",
    "joint_controllers",
    "purposes",
    "data_subjects",
    "data_categories",
    "recipients",
    "transfers",
    "retention",
    "security_measures",
    "legal_bases",
    "sources",
    "provision",
    "automated_decisions",
    "cookies",
    "right_exceptions",
    "observed",
    "camera_surveillance",
    "informed_elsewhere",
    "impact_assessment",
)
COOKIE_FACT_KEYS = (
    "storage",
    "category",
    "provider",
    "duration",
    "duration_in_words",
    "party",
    "domain",
    "path",
    "http_only",
    "third_party_access",
    "necessity_justification",
)
COOKIE_KEYS = ("name", "purpose", "description", "facts")


def ropa_file_data(document: RecordsDocument) -> dict[str, Any]:
    """The document as format 3 in plain data: shared facts lifted out of the records, in the models' key order."""
    # The cookies are read from the records, not dumped: 10,000 items hold only strings, flags and None, and
    # dumping each into a dict of its own only to take its facts apart again was a third of the file's time.
    data = document.model_dump(mode="json", exclude={"cookies"})
    subjects: dict[str, Any] = {}
    categories: dict[str, Any] = {}
    bases: dict[tuple[Any, ...], tuple[int, dict[str, Any]]] = {}

    def basis(legal_basis: dict[str, Any] | None) -> int | None:
        if legal_basis is None:
            return None
        return bases.setdefault(tuple(legal_basis.values()), (len(bases), legal_basis))[0]

    shared_joint = len(data["controller"]["joint_controllers"])
    records = []
    for record in data["records"]:
        for subject in record["data_subjects"]:
            subjects.setdefault(subject["id"], subject)
        uses = []
        for category in record["data_categories"]:
            uses.append({"id": category["id"], "condition": category.pop("condition")})
            categories.setdefault(category["id"], category)
        entry = {
            **record,
            # The document's controller holds for every record; a record adds the joint controllers of its own.
            "joint_controllers": record["controller"]["joint_controllers"][shared_joint:],
            "data_subjects": [s["id"] for s in record["data_subjects"]],
            "data_categories": uses,
            "recipients": [r["id"] for r in record["recipients"]],
            "security_measures": record["security"]["activity_measures"],
            "purposes": [{**purpose, "legal_basis": basis(purpose["legal_basis"])} for purpose in record["purposes"]],
            "legal_bases": [basis(b) for b in record["legal_bases"]],
        }
        records.append({key: entry[key] for key in RECORD_KEYS})
    consent_categories: dict[str, Any] = {}
    facts: dict[tuple[Any, ...], int] = {}
    cookies = []
    for cookie in document.cookies:
        consent_categories.setdefault(cookie.category, {"id": cookie.category, "label": cookie.category_label})
        shared = tuple(getattr(cookie, key) for key in COOKIE_FACT_KEYS)
        entry = (cookie.name, cookie.purpose, cookie.description, facts.setdefault(shared, len(facts)))
        cookies.append(dict(zip(COOKIE_KEYS, entry, strict=True)))
    lifted = {
        "format_version": FILE_FORMAT_VERSION,
        "security_measures": data["records"][0]["security"]["general_measures"] if data["records"] else [],
        "legal_bases": [legal_basis for _, legal_basis in bases.values()],
        "data_subjects": list(subjects.values()),
        "data_categories": list(categories.values()),
        "consent_categories": list(consent_categories.values()),
        "records": records,
        "cookie_facts": [dict(zip(COOKIE_FACT_KEYS, shared, strict=True)) for shared in facts],
        "cookies": cookies,
    }
    return {key: lifted[key] if key in lifted else data[key] for key in DOCUMENT_KEYS}


def ropa_file_json(document: RecordsDocument) -> bytes:
    """ropa.json: compact, keys in the models' order (Art. 30 order), a final newline; deterministic."""
    return json_file(ropa_file_data(document), indent=None)
