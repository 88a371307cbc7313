"""The folded details of an activity say each thing once, in words that hold for any business: whether a source
is publicly accessible (once when none is), a voluntary answer before the owner's consequence, a transfer by the
recipient's short name (read by outsiders, fixed at the cause)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLE
from tests.support.variants import Sources, activity, build_files, page_text, variant


def test_a_source_that_is_not_public_is_said_once_for_all_of_them() -> None:
    text = page_text(build_files(EXAMPLE))
    assert "Vilka uppgifter får vi från andra? Företag som validerar adresser: kontaktuppgifter" in text
    assert text.count("Ingen av dem är en allmänt tillgänglig källa.") == 1
    assert "(inte en allmänt tillgänglig källa)" not in text


def test_a_public_source_beside_others_is_marked_per_source(tmp_path: Path) -> None:
    def one_public(sources: Sources) -> None:
        activity(sources, "online_purchase")["sources"][0]["publicly_accessible"] = True

    text = page_text(build_files(variant(tmp_path, one_public)))
    assert "Företag som validerar adresser: kontaktuppgifter (en allmänt tillgänglig källa)" in text
    assert "Fakturaleverantören: kreditbeslut (inte en allmänt tillgänglig källa)" in text
    assert "Ingen av dem är en allmänt tillgänglig källa." not in text


def test_a_voluntary_answer_is_no_before_the_owners_consequence() -> None:
    files = build_files(EXAMPLE)
    assert "Måste du lämna uppgifterna? Nej. Att säga nej till nyhetsbrev och kataloger påverkar inte dina köp." in (
        page_text(files)
    )
    assert "Nej, det är frivilligt. Att säga nej" not in page_text(files)
    assert "Is the data required? No. Saying no to newsletters and catalogues" in page_text(files, "en")


def test_purposes_on_a_second_basis_continue_the_sentence() -> None:
    text = page_text(build_files(EXAMPLE))
    assert (
        "Vi använder uppgifterna med stöd av avtal (artikel 6.1 b) för att: hantera ditt köp" in text
        and "och med stöd av berättigat intresse (artikel 6.1 f) för att: driva in obetalda fordringar" in text
    )


def test_a_recipient_whose_name_is_its_label_is_named_once(tmp_path: Path) -> None:
    def named_as_labelled(sources: Sources) -> None:
        authority = next(r for r in sources["data"]["recipients"] if r["id"] == "authorities")
        authority["label"] = {"sv": "Skatteverket", "en": "The Swedish Tax Agency"}
        authority["legal_entity"] = "Skatteverket"

    text = page_text(build_files(variant(tmp_path, named_as_labelled)))
    assert "Andra mottagare: Skatteverket: kan begära uppgifter." in text
    assert "Skatteverket (Skatteverket)" not in text
