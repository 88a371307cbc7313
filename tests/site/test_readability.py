"""The readability counts behind `make bench` and the build's warning about repeated sentences."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.readability import page_readability
from generator.site.readability import lix, main_text, repeated_sentences, sentences, words
from tests.conftest import EXAMPLE

PAGE = """<!DOCTYPE html><html><body><header><p>Not counted here.</p></header>
<main><h1>Integritetspolicy</h1>
<nav><h2>Innehåll</h2><ol><li><a href="#a">Vem ansvarar för dina uppgifter?</a></li></ol></nav>
<section><h2>Köp</h2><p>Vi sparar uppgifterna i tre år efter leveransen. Sedan raderar vi dem.</p>
<details><summary>Mer om köp</summary><p>Vi sparar uppgifterna i tre år efter leveransen.</p></details></section>
<section><h2>Konto</h2><p>Vi sparar uppgifterna i tre år efter leveransen.</p>
<table><tr><th>Namn</th><td>_ga</td></tr></table></section>
</main><footer><p>Also not counted.</p></footer></body></html>"""


def test_main_text_keeps_details_and_tables_and_leaves_out_the_rest() -> None:
    text = main_text(PAGE)
    assert "Mer om köp" in text and "_ga" in text
    assert "Not counted" not in text and "Also not counted" not in text


def test_word_count_counts_what_a_reader_reads() -> None:
    assert words("Vi sparar e-postadressen i 3 år (artikel 6.1 b) – skriv till info@example.se.") == [
        "Vi", "sparar", "e-postadressen", "i", "3", "år", "artikel", "6.1", "b", "skriv", "till", "info@example.se",
    ]  # fmt: skip
    assert words("Kakan _ga_* och wp_woocommerce_session_* (se ”Köp”).") == [
        "Kakan", "_ga_", "och", "wp_woocommerce_session_", "se", "Köp",
    ]  # fmt: skip
    assert page_readability(PAGE).words == len(words(main_text(PAGE)))


def test_a_sentence_said_three_times_is_reported_once_with_its_sections() -> None:
    repeated = repeated_sentences(PAGE)
    assert [(r.sentence, r.count, r.sections) for r in repeated] == [
        ("Vi sparar uppgifterna i tre år efter leveransen.", 3, ("Köp", "Konto")),
    ]
    assert page_readability(PAGE).repeated == 1


def test_short_sentences_headings_and_the_table_of_contents_are_not_repetitions() -> None:
    page = "<main><h2>Vem ansvarar för dina uppgifter nu?</h2><nav><p>Vem ansvarar för dina uppgifter nu?</p></nav>"
    page += "<p>Land: Sverige.</p><p>Land: Sverige.</p></main>"
    assert repeated_sentences(page) == []


def test_lix_is_words_per_sentence_plus_the_share_of_long_words() -> None:
    # 8 words, 2 sentences, 2 words over six letters ("uppgifter", "kontakta"): 4 + 25 = 29.
    text = "Vi sparar dina uppgifter. Du kan kontakta oss."
    assert sentences(text) == ["Vi sparar dina uppgifter.", "Du kan kontakta oss."]
    assert lix(text) == pytest.approx(29.0)
    assert lix("") == 0.0


def test_readability_of_the_built_example_page(tmp_path) -> None:
    command = [sys.executable, "-m", "generator", "build", str(EXAMPLE), "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    result = page_readability((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert result.words > 500 and 20 < result.lix < 80
