"""Every bundled example's records speak of the person in the third person, in every format and both languages.

The page speaks to the visitor ("du", "you"); the register is for an auditor.
Each bundled example gives its texts that the records show a `records:` wording
where the page's words address the visitor (L-ROPA-1 asks for it), and the
built-in sentences of the records have third-person twins; what the auditor
reads (ropa.json with its change log, ropa.csv, ropa.jsonld, the page's text)
holds no "du", "dig", "din", "ditt", "dina", "you", "your" or "yours".
"""

from __future__ import annotations

import re

import pytest

from generator.records.render import export_records
from generator.sources.loading import load_policy
from tests.conftest import REPO

EXAMPLES = ("jiji-boutique", "butik-norrsken", "forening-skogsglantan", "salong-lunden")
FORMATS = ("json", "csv", "jsonld", "html")
SECOND_PERSON = {
    "sv": re.compile(r"\b(du|dig|din|ditt|dina)\b", re.IGNORECASE),
    "en": re.compile(r"\b(you|your|yours)\b", re.IGNORECASE),
}


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request: pytest.FixtureRequest) -> tuple[str, object]:
    name: str = request.param
    return name, load_policy(REPO / "policy_src" / name).policy


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("format_", FORMATS)
def test_no_record_of_a_bundled_example_addresses_the_reader(
    example: tuple[str, object], format_: str, language: str
) -> None:
    name, policy = example
    text = export_records(policy, format_, language).decode("utf-8-sig")  # type: ignore[arg-type]
    if format_ == "html":
        text = re.sub(r"<[^>]+>", " ", text)  # what the auditor reads, not the markup
    found = [text[max(0, m.start() - 60) : m.end() + 20] for m in SECOND_PERSON[language].finditer(text)]
    assert found == [], f"{name} {format_} {language}: {found[:5]}"


def test_the_records_wording_is_what_the_auditor_reads_and_the_page_keeps_its_own() -> None:
    policy = load_policy(REPO / "policy_src" / "salong-lunden").policy
    records = export_records(policy, "json", "sv").decode()
    assert "Ta emot kundens bokning på webbplatsen eller per telefon" in records
    assert "Ta emot din bokning" not in records
    booking = policy.activities[0].purposes[0].description
    assert booking.sv.startswith("Ta emot din bokning")  # the page still speaks to the visitor


def test_the_built_in_sentences_of_the_records_speak_of_the_data_subject() -> None:
    policy = load_policy(REPO / "policy_src" / "butik-norrsken").policy
    swedish = export_records(policy, "json", "sv").decode()
    english = export_records(policy, "json", "en").decode()
    assert "Åtgärder på den registrerades begäran innan ett avtal ingås – artikel 6.1 b" in swedish
    assert "Den registrerade kan använda sina rättigheter hos var och en av oss." in swedish
    assert "Steps taken at the data subject's request before entering into a contract" in english
    assert "The data subject can exercise their rights with each of us." in english
