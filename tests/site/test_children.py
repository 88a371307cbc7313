"""Point 5: children. Guardian consent below 13 (Art. 8, dataskyddslagen 2 kap. 4 §) and how it is obtained, or
data about a child given by a parent; a consent purpose for children without either is a finding (L-CHILD-1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
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

GUARDIAN_SV = (
    "Om du är under 13 år behöver vi samtycke från din vårdnadshavare (artikel 8 och 2 kap. 4 § dataskyddslagen "
    "(2018:218)). Din vårdnadshavare bekräftar prenumerationen med en länk i ett mejl."
)
# The records state the rule in the third person; the source's own "how" has no records: wording here.
GUARDIAN_RECORDS_SV = (
    "För ett barn under 13 år krävs samtycke från en förälder eller vårdnadshavare (artikel 8 och 2 kap. 4 § "
    "dataskyddslagen (2018:218)). Din vårdnadshavare bekräftar prenumerationen med en länk i ett mejl."
)


def _young_subscribers(sources: Sources) -> None:
    subscribers = next(s for s in sources["data"]["data_subjects"] if s["id"] == "subscribers")
    subscribers["children"] = True


def _with_guardian(sources: Sources) -> None:
    _young_subscribers(sources)
    purpose(sources, "email_marketing")["children"] = {
        "approach": "guardian_consent",
        "how": {
            "sv": "Din vårdnadshavare bekräftar prenumerationen med en länk i ett mejl.",
            "en": "Your parent or guardian confirms the subscription with a link in an e-mail.",
        },
    }


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return build_files(variant(tmp_path_factory.mktemp("children"), _with_guardian))


def test_both_pages_say_when_a_guardian_consents(files: dict[str, bytes]) -> None:
    assert GUARDIAN_SV in page_text(files)
    assert (
        "If you are under 13, we need the consent of your parent or guardian (Article 8 and Chapter 2, Section 4 of "
        "the Swedish Data Protection Act (2018:218)). Your parent or guardian confirms the subscription with a link "
        "in an e-mail."
    ) in page_text(files, "en")


def test_every_records_format_has_it(files: dict[str, bytes]) -> None:
    email = next(p for p in record(files, "direct_marketing")["purposes"] if p["id"] == "email_marketing")
    assert email["children"] == GUARDIAN_RECORDS_SV
    assert GUARDIAN_RECORDS_SV in csv_row(files, "direct_marketing")["Rättslig grund för varje ändamål (artikel 6.1)"]
    assert GUARDIAN_RECORDS_SV in records_page_text(files)
    assert GUARDIAN_RECORDS_SV in json.dumps(json.loads(files["records/ropa.jsonld"]), ensure_ascii=False)


def test_data_given_by_a_parent(tmp_path: Path) -> None:
    def by_parent(sources: Sources) -> None:
        _young_subscribers(sources)
        purpose(sources, "email_marketing")["children"] = {
            "approach": "given_by_guardian",
            "how": "Via medlemsansökan.",
        }

    text = page_text(build_files(variant(tmp_path, by_parent)))
    assert "Uppgifter om ett barn lämnas av barnets vårdnadshavare. Via medlemsansökan." in text


def test_consent_for_children_without_a_statement_is_a_finding(tmp_path: Path) -> None:
    assert "L-CHILD-1" in rule_ids(variant(tmp_path / "without", _young_subscribers))
    assert "L-CHILD-1" not in rule_ids(variant(tmp_path / "with", _with_guardian))


def test_an_age_over_16_is_a_source_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def eighteen(sources: Sources) -> None:
        _with_guardian(sources)
        purpose(sources, "email_marketing")["children"]["age"] = 18

    assert main(["check", str(variant(tmp_path, eighteen))]) == 2
    err = capsys.readouterr().err
    assert re.search(r"activities\.yaml:\d+:\d+: error", err)
    assert "age" in err
