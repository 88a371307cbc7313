"""A privacy page people read: short, said once, with a first layer, in both languages.

Measured on the built pages of the example and of the bundled examples, so
that the fix is not shaped after one policy: all the text in `<main>` (tables
and `<details>` included), the first layer, sentences of six or more words
said twice, and the statements that hold for every activity.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.readability import page_readability
from generator.build import build
from generator.site.readability import main_text, repeated_sentences, words
from tests.conftest import EXAMPLE, REPO

EXAMPLES = ["jiji-boutique", "butik-norrsken", "forening-skogsglantan", "salong-lunden"]
PAGES = {"sv": "index.html", "en": "en/index.html"}
MAX_WORDS = 2_500
MAX_FIRST_LAYER = 200
MAX_REPEATED = 2

NO_AUTOMATED_DECISIONS = {
    "sv": r"[Ff]attar (?:vi )?inga beslut om dig som enbart bygger på automatiserad behandling",
    "en": r"make no decisions about you based solely on automated processing",
}
STAFF = {
    "sv": "Bara de anställda som behöver uppgifterna i sitt arbete kommer åt dem.",
    "en": "Only staff who need the data for their work can access it.",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folders = {}
    for name in EXAMPLES:
        source = EXAMPLE if name == "jiji-boutique" else REPO / "policy_src" / name
        out = tmp_path_factory.mktemp(name) / "dist"
        build(source, out)
        folders[name] = out
    return folders


def page(built: dict[str, Path], example: str, language: str) -> str:
    return (built[example] / PAGES[language]).read_text(encoding="utf-8")


def cases() -> list[object]:
    """Every bundled example's page in each language."""
    return [pytest.param(example, language, id=f"{example}-{language}") for example in EXAMPLES for language in PAGES]


@pytest.mark.parametrize(("example", "language"), cases())
def test_all_text_in_main_is_at_most_2500_words(built: dict[str, Path], example: str, language: str) -> None:
    assert page_readability(page(built, example, language)).words <= MAX_WORDS


@pytest.mark.parametrize(("example", "language"), cases())
def test_the_first_layer_comes_first_and_is_at_most_200_words(
    built: dict[str, Path], example: str, language: str
) -> None:
    html = page(built, example, language)
    first = re.search(r'<section id="summary".*?</section>', html, re.S)
    assert first is not None
    heading = {"sv": "Kort om hur vi hanterar dina personuppgifter", "en": "In brief: how we handle your personal data"}
    assert f'<h2 id="summary-title">{heading[language]}</h2>' in first.group(0)
    assert html.index('id="summary"') < html.index('id="controller"') < html.index('id="processing"')
    assert len(words(main_text(first.group(0)))) <= MAX_FIRST_LAYER
    links = re.findall(r'href="#([^"]+)"', first.group(0))
    assert {"controller", "rights", "complaint"} <= set(links)
    assert any(link.startswith("activity-") for link in links)


@pytest.mark.parametrize(("example", "language"), cases())
def test_at_most_two_sentences_of_six_words_are_said_twice(built: dict[str, Path], example: str, language: str) -> None:
    repeated = repeated_sentences(page(built, example, language))
    assert len(repeated) <= MAX_REPEATED, [r.sentence for r in repeated]


@pytest.mark.parametrize(("example", "language"), cases())
def test_what_holds_for_every_activity_is_said_once(built: dict[str, Path], example: str, language: str) -> None:
    text = main_text(page(built, example, language))
    decisions = len(re.findall(NO_AUTOMATED_DECISIONS[language], text))
    assert decisions <= 1 and text.count(STAFF[language]) <= 1
    if example == "jiji-boutique":  # it has staff as recipients, and activities without Art. 22 decisions
        assert decisions == 1 and text.count(STAFF[language]) == 1
