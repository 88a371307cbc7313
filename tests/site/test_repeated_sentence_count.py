"""W-PAGE-1 counts every time the page says a sentence, also where a label leads it in ('Karttjänst: …')."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.site.readability import repeated_sentences
from tests.support.variants import Sources, activity, variant

TRANSFER = "Uppgifterna kan överföras till Google LLC (USA) med stöd av EU–US Data Privacy Framework."


def section(heading: str, recipient: str) -> str:
    """An activity as the page shows a third-country recipient: in the recipients' table, then in the transfers."""
    return (
        f"<h3>{heading}</h3>\n<table><tr><th>{recipient}</th><td>{TRANSFER}</td></tr></table>\n"
        "<h4>Lämnar uppgifterna EU/EES?</h4>\n"
        f"<ul><li><p>{recipient}, från Google Ireland Limited: {TRANSFER}</p></li></ul>\n"
    )


def test_a_sentence_said_twice_in_each_of_two_sections_counts_four_times() -> None:
    page = f"<main>{section('Besöksstatistik', 'Google Analytics')}{section('Karta', 'Google Maps')}</main>"
    [repeated] = repeated_sentences(page)
    assert (repeated.sentence, repeated.count, repeated.sections) == (TRANSFER, 4, ("Besöksstatistik", "Karta"))


def test_a_colon_before_a_small_letter_stays_inside_the_sentence() -> None:
    """'Vi sparar två saker: ditt namn och …' is one sentence; only a capital after the colon starts another."""
    said = "Vi sparar två saker: ditt namn och din adress i tre år."
    page = f"<main><p>{said}</p><p>Kort: {said}</p></main>"
    [repeated] = repeated_sentences(page)
    assert (repeated.sentence, repeated.count) == (said, 2)


def test_build_reports_the_count_a_reader_sees(tmp_path: Path) -> None:
    """The warning of `policygen build` names the true count (it said 2 for the 4 of a hair salon's page)."""

    def same_text_with_a_lead_in(sources: Sources) -> None:
        activity(sources, "online_purchase")["description"] = {"sv": TRANSFER, "en": "We sell things online."}
        activity(sources, "customer_service")["description"] = {
            "sv": f"Kundservice: {TRANSFER}",
            "en": "We answer your questions.",
        }

    source = variant(tmp_path, same_text_with_a_lead_in)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(source), "--out", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if TRANSFER in line)
    assert f"says “{TRANSFER}” 2 times" in line
