"""The folded details of an activity say each thing once, in words that hold for any business: whether a source
is publicly accessible (once when none is), a voluntary answer before the owner's consequence, a transfer by the
recipient's short name (read by outsiders, fixed at the cause). Whether the data must be given is a fact at a
glance, and the fold's summary names what it holds."""

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
    assert "Required? No. Saying no to newsletters and catalogues" in page_text(files, "en")


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


def test_whether_the_data_must_be_given_is_a_fact_at_a_glance_not_folded() -> None:
    html = build_files(EXAMPLE)["index.html"].decode()
    section = html[html.index('<section id="activity-direct_marketing"') :]
    glance, folded = section.split('<details class="activity-details">', 1)
    assert "<dt>Måste du lämna uppgifterna?</dt><dd>Nej. <bdi>Att säga nej" in glance
    assert "Måste du lämna" not in folded.split("</section>", 1)[0]


def test_the_summary_of_the_fold_names_what_it_holds() -> None:
    html = build_files(EXAMPLE)["index.html"].decode()

    def summary(activity_id: str) -> str:
        section = html[html.index(f'<section id="activity-{activity_id}"') :]
        return section.split("<summary>", 1)[1].split("</summary>", 1)[0]

    assert summary("direct_marketing") == "Mottagare"  # its recipients, nothing else
    assert summary("online_purchase") == "Mottagare med mera"  # sources, a decision, storage periods too


def test_an_activity_with_nothing_to_fold_has_no_empty_fold(tmp_path: Path) -> None:
    def no_recipients(sources: Sources) -> None:
        activity(sources, "direct_marketing")["recipients"] = ["staff"]

    html = build_files(variant(tmp_path, no_recipients))["index.html"].decode()
    section = html[html.index('<section id="activity-direct_marketing"') :].split("</section>", 1)[0]
    assert "<details" not in section


def test_the_first_layer_says_nothing_is_sold_only_when_the_owner_says_so(tmp_path: Path) -> None:
    sold = "Vi varken säljer eller lämnar ut dina uppgifter till andra för deras egen marknadsföring."
    files = build_files(EXAMPLE)
    first_layer = files["index.html"].decode().split('<section id="summary"', 1)[1].split("</section>", 1)[0]
    assert sold in first_layer
    assert "We never sell or give your data to others for their own marketing." in page_text(files, "en")

    def unsure(sources: Sources) -> None:
        sources["controller"]["controller"].pop("sells_or_shares_for_marketing")

    text = page_text(build_files(variant(tmp_path, unsure)))
    assert "säljer" not in text


def test_the_general_limit_of_erasure_gives_way_to_the_owners_own_reasons(tmp_path: Path) -> None:
    general = "Vi får ändå spara det som krävs enligt lag eller för ett rättsligt anspråk."
    text = page_text(build_files(EXAMPLE))
    assert "Vi kan neka en begäran när:" in text
    assert general not in text

    def no_reasons(sources: Sources) -> None:
        for each in sources["activities"]["activities"]:
            each.pop("right_exceptions", None)

    assert general in page_text(build_files(variant(tmp_path, no_reasons)))


def test_a_transfer_outside_the_eu_is_said_once_and_a_catalogue_recipient_says_what_it_does(tmp_path: Path) -> None:
    """The recipient's line says what it does; the transfer is said under 'Förs uppgifterna utanför EU/EES?'."""

    def with_stripe(sources: Sources) -> None:
        sources["site"]["uses"] = [{"service": "stripe", "role": "controller", "purpose": "payment_handling"}]

    text = page_text(build_files(variant(tmp_path, with_stripe)))
    assert (
        "Betaltjänstleverantör (Stripe, från Stripe Payments Europe, Limited; Irland): tar emot kortbetalningar."
        in (text)
    )
    assert text.count("Stripe, Inc. (USA)") == 1


def test_a_pointer_to_an_earlier_block_is_no_sentence_to_repeat() -> None:
    html = build_files(EXAMPLE)["en/index.html"].decode()
    pointer = 'Website provider</bdi></strong>: see ‘<a href="#activity-online_purchase"><bdi>Purchases</bdi></a>’</li>'
    assert html.count(pointer) == 3  # no full stop: several blocks point to one without repeating a sentence
