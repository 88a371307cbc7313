"""Point 10: steps before a contract at the person's request (Art. 6(1)(b), second half), and e-mail marketing to
existing customers under marknadsföringslagen 19 § second paragraph next to consent for everyone else, each tied
to its group of people; L-MKT-1 accepts the structured permission."""

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
    purpose,
    record,
    records_page_text,
    rule_ids,
    variant,
)

EXISTING_SV = (
    "Eftersom du redan är kund hos oss skickar vi dig marknadsföring för våra egna liknande produkter via e-post "
    "utan att först be om ditt samtycke, vilket 19 § andra stycket marknadsföringslagen (2008:486) tillåter. Du "
    "kunde tacka nej när du lämnade din adress, och du kan tacka nej kostnadsfritt i varje utskick (artikel 21.2)."
)
EXISTING_EN = (
    "As you are already our customer, we send you marketing for our own similar products by e-mail without asking "
    "for your consent first, as Section 19, second paragraph, of the Swedish Marketing Act (2008:486) allows. You "
    "could say no when you gave us your address, and you can say no, free of charge, in every message (Article 21.2)."
)
# The records state the exception in the third person (generator/records/words.py).
EXISTING_RECORDS_SV = (
    "Marknadsföring av egna liknande produkter skickas via e-post till befintliga kunder utan föregående samtycke, "
    "som 19 § andra stycket marknadsföringslagen (2008:486) tillåter; kunden kunde tacka nej när adressen lämnades "
    "och kan tacka nej, utan kostnad, i varje meddelande (artikel 21.2)."
)


def _shop_like_most(sources: Sources) -> None:
    """A quote before a purchase, and offers by e-mail to customers next to the newsletter on consent."""
    order = purpose(sources, "order_handling")
    order["pre_contractual"] = True
    marketing = activity(sources, "direct_marketing")
    marketing["purposes"].append(
        {
            "id": "customer_email_offers",
            "description": {
                "sv": "Skicka erbjudanden om liknande produkter via e-post till dig som har handlat hos oss.",
                "en": "Send offers for similar products by e-mail to you if you have bought from us.",
            },
            "legal_basis": "legitimate_interests",
            "legitimate_interest": {"sv": "Att marknadsföra liknande produkter.", "en": "Marketing similar products."},
            "balancing_test": "Intresseavvägning e-post till kunder",
            "direct_marketing": True,
            "data_subjects": ["customers"],
            "channel_permission": {"channel": "email", "ground": "existing_customer"},
        }
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return build_files(variant(tmp_path_factory.mktemp("bases"), _shop_like_most))


def test_steps_before_a_contract_are_worded_as_such(files: dict[str, bytes]) -> None:
    assert "med stöd av åtgärder före ett avtal (artikel 6.1 b) för att:" in page_text(files)
    assert "based on steps before a contract (Article 6(1)(b) GDPR) to:" in page_text(files, "en")
    order = next(p for p in record(files, "online_purchase")["purposes"] if p["id"] == "order_handling")
    assert order["pre_contractual"] is True
    assert order["legal_basis"]["dpv"] == "eu-gdpr:A6-1-b-enter-into-contract"
    # the records speak of the data subject, not to them (docs/records.md)
    assert order["legal_basis"]["text"].startswith("Åtgärder på den registrerades begäran innan ett avtal ingås")
    cell = csv_row(files, "online_purchase")["Rättslig grund för varje ändamål (artikel 6.1)"]
    assert cell.split("\n")[0] == (
        "Åtgärder på den registrerades begäran innan ett avtal ingås – artikel 6.1 b i dataskyddsförordningen"
    )
    assert "eu-gdpr:A6-1-b-enter-into-contract" in files["records/ropa.jsonld"].decode()


def test_each_basis_is_tied_to_its_group(files: dict[str, bytes]) -> None:
    text = page_text(files)
    assert "Det gäller prenumeranter på nyhetsbrevet." in text
    # Consent is said by the legal basis ("Med stöd av samtycke"); the page does not say it again with the statute.
    assert "Marknadsföring via e-post kräver ditt samtycke" not in text
    assert "Det gäller kunder." in text
    assert EXISTING_SV in text
    assert EXISTING_EN in page_text(files, "en")
    assert "This applies to newsletter subscribers." in page_text(files, "en")


def test_every_records_format_has_the_permission_and_the_group(files: dict[str, bytes]) -> None:
    offers = next(p for p in record(files, "direct_marketing")["purposes"] if p["id"] == "customer_email_offers")
    assert offers["data_subjects"] == ["customers"]
    assert offers["channel_permission"] == {
        "channel": "email",
        "ground": "existing_customer",
        "text": EXISTING_RECORDS_SV,
    }
    cell = csv_row(files, "direct_marketing")["Rättslig grund för varje ändamål (artikel 6.1)"]
    assert "gäller: Kunder – " + EXISTING_RECORDS_SV in cell
    assert "Gäller: Kunder" in records_page_text(files)
    assert EXISTING_RECORDS_SV in records_page_text(files)
    graph = json.dumps(json.loads(files["records/ropa.jsonld"]), ensure_ascii=False)
    assert EXISTING_RECORDS_SV in graph


def test_l_mkt_1_accepts_the_structured_permission_without_words(tmp_path: Path) -> None:
    assert "L-MKT-1" not in rule_ids(variant(tmp_path / "with", _shop_like_most))

    def without(sources: Sources) -> None:
        _shop_like_most(sources)
        del purpose(sources, "customer_email_offers")["channel_permission"]

    assert "L-MKT-1" in rule_ids(variant(tmp_path / "without", without))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"legal_basis": "consent"}, "the existing-customer exception (marknadsföringslagen 19 § second paragraph)"),
        ({"direct_marketing": False}, "belongs to a direct_marketing: true purpose"),
        ({"channel_permission": {"channel": "email", "ground": "consent"}}, "ground: consent belongs to"),
        ({"channel_permission": {"channel": "fax", "ground": "consent"}}, "'fax' is not a valid value for 'channel'"),
        ({"data_subjects": ["kunder"]}, "unknown data subject category of this activity 'kunder'"),
    ],
)
def test_a_permission_that_does_not_fit_is_a_source_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict, message: str
) -> None:
    def edit(sources: Sources) -> None:
        _shop_like_most(sources)
        purpose(sources, "customer_email_offers").update(change)

    assert main(["check", str(variant(tmp_path, edit))]) == 2
    err = capsys.readouterr().err
    assert re.search(r"activities\.yaml:\d+:\d+: error", err)
    assert message in err


def test_pre_contractual_needs_the_contract_basis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = variant(tmp_path, lambda s: purpose(s, "debt_collection").update(pre_contractual=True))
    assert main(["check", str(source)]) == 2
    assert "pre_contractual: true belongs to legal_basis: contract" in capsys.readouterr().err
