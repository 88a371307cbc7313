"""ropa.json, format 3: each shared fact once, compact, and written in the order of the file's models."""

from __future__ import annotations

import json

from generator.records import ropa_writer
from generator.records.document import LegalBasisRecord
from generator.records.render import render_records
from generator.records.ropa_file import ActivityEntry, CookieEntry, CookieFacts, RopaFile
from generator.sources.loading import LoadedPolicy


def test_the_writer_keeps_the_key_order_of_the_models() -> None:
    """The writer does not import the models (a build would pay for building them); their orders must agree."""
    assert tuple(RopaFile.model_fields) == ropa_writer.DOCUMENT_KEYS
    assert tuple(ActivityEntry.model_fields) == ropa_writer.RECORD_KEYS
    assert tuple(CookieFacts.model_fields) == ropa_writer.COOKIE_FACT_KEYS
    assert tuple(CookieEntry.model_fields) == ropa_writer.COOKIE_KEYS


def test_each_shared_fact_is_written_once(example_loaded: LoadedPolicy) -> None:
    raw = render_records(example_loaded.policy)["records/ropa.json"]
    assert raw.endswith(b"}\n") and raw.count(b"\n") == 1  # compact: programs read it
    text = raw.decode()
    document = json.loads(text)
    assert list(document) == list(RopaFile.model_fields) and document["format_version"] == "3"
    assert text.count('"email":"info@jiji-boutique.se"') == 1  # the controller, at the top only
    assert text.count('"agreement":{"name":"Google Ads Data Processing Terms') == 1  # described in its recipient
    assert text.count("All information som den registrerade lämnar via webbplatsen") == 1  # a general measure
    recipients = [r["id"] for r in document["recipients"]]
    assert len(set(recipients)) == len(recipients)
    assert {id_ for record in document["records"] for id_ in record["recipients"]} <= set(recipients)
    assert len({json.dumps(b) for b in document["legal_bases"]}) == len(document["legal_bases"])
    assert [LegalBasisRecord.model_validate(b) for b in document["legal_bases"]]
    facts = [json.dumps(f, sort_keys=True) for f in document["cookie_facts"]]
    assert len(set(facts)) == len(facts)
    assert all(0 <= c["facts"] < len(facts) for c in document["cookies"])


def test_the_file_is_the_same_bytes_every_time(example_loaded: LoadedPolicy) -> None:
    first = render_records(example_loaded.policy)["records/ropa.json"]
    assert render_records(example_loaded.policy)["records/ropa.json"] == first


def test_a_necessary_item_carries_why_it_is_necessary(example_loaded: LoadedPolicy) -> None:
    """ePrivacy Art. 5(3): the exemption's reason, which L-CK-3 asks for, is in the register, in its words."""
    document = json.loads(render_records(example_loaded.policy)["records/ropa.json"])
    facts = {c["name"]: document["cookie_facts"][c["facts"]] for c in document["cookies"]}
    assert (
        facts["woocommerce_cart_hash"]["necessity_justification"] == "Behövs för att kundvagnen ska visa rätt innehåll."
    )
    assert facts["consent"]["necessity_justification"].startswith("Behövs för att respektera besökarens val")
    assert facts["_ga"]["necessity_justification"] is None
