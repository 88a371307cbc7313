"""Point 13: phone numbers in Swedish form on the Swedish page, +46 form on the English one, linked as E.164;
several channels for one right, all shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.support.variants import Sources, build_files, page_text, record, variant


def _with_phones(sources: Sources) -> None:
    controller = sources["controller"]
    controller["controller"]["phone"] = "031-123 45 67"
    controller["rights"]["access"]["channels"] = [
        {"email": "info@jiji-boutique.se"},
        {"phone": "+46 8 555 123 45"},
        {"url": "https://www.jiji-boutique.se/myaccount/", "label": {"sv": "Mitt konto", "en": "My account"}},
        {"post": True},
    ]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return build_files(variant(tmp_path_factory.mktemp("phones"), _with_phones))


def test_the_swedish_page_shows_swedish_numbers_linked_as_e164(files: dict[str, bytes]) -> None:
    html = files["index.html"].decode()
    assert '<a href="tel:+46311234567">031-123 45 67</a>' in html
    assert '<a href="tel:+46855512345"><bdi>08-555 123 45</bdi></a>' in html
    assert "Telefon 031-123 45 67" in page_text(files)


def test_the_english_page_shows_numbers_in_plus_46_form(files: dict[str, bytes]) -> None:
    html = files["en/index.html"].decode()
    assert '<a href="tel:+46311234567">+46 31 123 45 67</a>' in html
    assert '<a href="tel:+46855512345"><bdi>+46 8 555 123 45</bdi></a>' in html


def test_every_channel_of_a_right_is_shown(files: dict[str, bytes]) -> None:
    assert (
        "Du använder rättigheten via e-post till info@jiji-boutique.se, telefon 08-555 123 45, Mitt konto "
        "eller brev till Långängen 9, LGH 1001, 417 22 Göteborg."
    ) in page_text(files)
    assert (
        "You can use this right by e-mail to info@jiji-boutique.se, by phone on +46 8 555 123 45, through My "
        "account or by letter to Långängen 9, LGH 1001, 417 22 Göteborg, Sweden."
    ) in page_text(files, "en")


def test_the_records_show_the_controllers_number_in_swedish_form(files: dict[str, bytes]) -> None:
    assert record(files, "online_purchase")["controller"]["controller"]["phone"] == "031-123 45 67"


def test_a_phone_number_with_letters_is_a_source_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = variant(tmp_path, lambda s: s["controller"]["controller"].update(phone="031-JIJI"))
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"controller\.yaml:\d+:\d+: error", err)
    assert "'031-JIJI' is not valid for 'phone'" in err
    assert "+46 31 123 45 67" in err
    assert "Traceback" not in err
