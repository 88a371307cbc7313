"""A page says only what applies to the business: a salon with only necessary cookies and nothing on
legitimate interest is not offered a cookie choice or told it may object (read by an outsider, fixed at the cause)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.variants import build_files, page_text

SALON = Path(__file__).resolve().parents[2] / "policy_src" / "salong-lunden"


@pytest.fixture(scope="module")
def text() -> str:
    return page_text(build_files(SALON))


def test_only_necessary_cookies_are_said_to_be_only_necessary(text: str) -> None:
    assert "Vi använder bara de kakor som webbplatsen behöver för att fungera." in text
    assert "Andra kakor än de nödvändiga använder vi bara om du samtycker" not in text


def test_the_right_to_object_is_named_but_not_promised_where_nothing_rests_on_those_grounds(text: str) -> None:
    assert "Du har rätt att få veta vilka uppgifter vi har om dig och att få dem rättade eller raderade." in text
    assert "invända mot hur vi använder dem" not in text
    assert "Vi använder inte dina uppgifter på någon av de grunderna." in text  # under the right to object


def test_an_authority_keeps_its_name_in_the_first_layer(text: str) -> None:
    assert "och Skatteverket, när lag kräver det." in text


def test_the_banners_words_offer_no_purposes_when_there_are_none() -> None:
    """With only necessary cookies the banner is not shown, and its words name no empty list of purposes."""
    import json

    config = json.loads(build_files(SALON)["consent/config.json"])
    intro = config["texts"]["sv"]["intro"]
    assert intro.startswith("Nödvändiga kakor behövs för att webbplatsen ska fungera.")
    assert "kakor för ." not in intro and "Med ditt samtycke" not in intro
