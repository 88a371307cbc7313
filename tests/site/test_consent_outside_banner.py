"""Point 11: a consent given outside the banner says how to withdraw *that* consent; for direct marketing,
withdrawing and objecting are one action; the page offers objection to a consent purpose only then."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.support.variants import (
    Sources,
    build_files,
    csv_row,
    page_text,
    purpose,
    record,
    records_page_text,
    rule_ids,
    variant,
)

HOW_SV = "Avregistrera dig med länken i varje nyhetsbrev, under Mitt konto eller genom att mejla info@jiji-boutique.se."
# The records' own wording of the same text (the example's `records:`), in the third person.
HOW_RECORDS_SV = (
    "Prenumeranten avregistrerar sig med länken i varje nyhetsbrev, under Mitt konto eller genom att mejla "
    "info@jiji-boutique.se."
)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return build_files(EXAMPLE)


def test_the_newsletter_says_that_unsubscribing_is_withdrawing_and_objecting(files: dict[str, bytes]) -> None:
    assert (
        "Du kan när som helst återkalla ditt samtycke, vilket också är en invändning: " + HOW_SV[0].lower() + HOW_SV[1:]
    ) in page_text(files)
    assert (  # the owner's text continues the sentence after the colon, in lower case
        "You can withdraw your consent at any time, which also counts as objecting: "
        "use the unsubscribe link in each newsletter or My account, or e-mail "
        "info@jiji-boutique.se."
    ) in page_text(files, "en")


def test_every_records_format_says_how_to_withdraw(files: dict[str, bytes]) -> None:
    email = next(p for p in record(files, "direct_marketing")["purposes"] if p["id"] == "email_marketing")
    assert email["withdrawal"] == HOW_RECORDS_SV
    cell = csv_row(files, "direct_marketing")["Rättslig grund för varje ändamål (artikel 6.1)"]
    assert "– Så återkallar den registrerade samtycket: " + HOW_RECORDS_SV in cell
    assert "Så återkallar den registrerade samtycket: " + HOW_RECORDS_SV in records_page_text(files)
    graph = json.loads(files["records/ropa.jsonld"])["@graph"]
    assert HOW_RECORDS_SV in json.dumps(graph, ensure_ascii=False)


def test_a_consent_purpose_that_is_not_marketing_offers_withdrawal_not_objection(tmp_path: Path) -> None:
    def birthday(sources: Sources) -> None:
        offer = purpose(sources, "email_marketing")
        offer["direct_marketing"] = False
        offer["withdrawal"] = {"sv": "Mejla info@jiji-boutique.se.", "en": "E-mail info@jiji-boutique.se."}

    files = build_files(variant(tmp_path, birthday))
    text = page_text(files)
    assert "Du kan när som helst återkalla ditt samtycke till detta: mejla info@jiji-boutique.se." in text
    assert "You can withdraw your consent to this at any time: e-mail info@jiji-boutique.se." in page_text(files, "en")
    html = files["index.html"].decode()
    section = html[html.index('<section id="activity-direct_marketing"') :]
    section = section[: section.index("</section>")]
    assert 'class="object-note"' not in section  # objection is explained once, in its own section
    assert section.count('class="withdrawal-note"') == 1


def test_a_consent_outside_the_banner_without_withdrawal_is_a_finding(tmp_path: Path) -> None:
    assert "L-CONS-3" not in rule_ids(EXAMPLE)
    source = variant(tmp_path, lambda s: purpose(s, "email_marketing").pop("withdrawal"))
    assert rule_ids(source).count("L-CONS-3") == 1
