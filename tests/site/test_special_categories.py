"""Data of Art. 9(1) says so on the page, with the point of Art. 9(2) that allows it: the legal basis of
Art. 6 alone does not (found by an outsider writing a hair salon's notes on allergies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.variants import Sources, build_files, page_text, variant


def _allergies(sources: Sources) -> None:
    sources["data"]["data_categories"].append(
        {
            "id": "allergies",
            "label": {"sv": "Allergier", "en": "Allergies"},
            "special_category": True,
            "special_category_condition": "9.2 a",
        }
    )
    account = next(a for a in sources["activities"]["activities"] if a["id"] == "account")
    account["data_categories"].append("allergies")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("sv", "Känsliga personuppgifter Allergier: bara med ditt uttryckliga samtycke (artikel 9.2 a)"),
        ("en", "Special category data Allergies: only with your explicit consent (Article 9(2)(a) GDPR)"),
    ],
)
def test_special_category_data_is_named_with_its_article_9_ground(tmp_path: Path, language: str, said: str) -> None:
    assert said in page_text(build_files(variant(tmp_path, _allergies)), language)


def test_a_page_without_special_category_data_says_nothing_of_it(tmp_path: Path) -> None:
    assert "Känsliga personuppgifter" not in page_text(build_files(variant(tmp_path, lambda s: None)))


def test_the_ground_is_read_from_any_way_check_accepts_of_writing_the_point(tmp_path: Path) -> None:
    def health_care(sources: Sources) -> None:
        _allergies(sources)
        sources["data"]["data_categories"][-1]["special_category_condition"] = "Art. 9(2)(h)"

    text = page_text(build_files(variant(tmp_path, health_care)))
    assert "Allergier: för hälso- och sjukvård eller social omsorg, som lagen tillåter (artikel 9.2 h)" in text
