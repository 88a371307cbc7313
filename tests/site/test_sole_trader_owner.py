"""A sole trader's controller is the owner, a natural person: the page names them in the controller section."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.variants import Sources, build_files, page_text, variant


def _owner_named(sources: Sources) -> None:
    sources["controller"]["controller"]["owner"] = "Lina Berg"


def _no_owner(sources: Sources) -> None:
    del sources["controller"]["controller"]["owner"]


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("sv", "Lina Berg, som driver Jiji Boutique, är personuppgiftsansvarig."),
        ("en", "Lina Berg, who runs Jiji Boutique, is the controller."),
    ],
)
def test_the_owner_of_a_sole_trader_is_shown_as_the_controller(tmp_path: Path, language: str, shown: str) -> None:
    files = build_files(variant(tmp_path, _owner_named))
    assert shown in page_text(files, language)


def test_without_an_owner_the_business_is_the_controller(tmp_path: Path) -> None:
    files = build_files(variant(tmp_path, _no_owner))
    assert "Jiji Boutique är personuppgiftsansvarig." in page_text(files, "sv")
    assert "Jiji Boutique is the controller." in page_text(files, "en")
