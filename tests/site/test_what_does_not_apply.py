"""A page says only what applies to the business: a salon with only necessary cookies and nothing on
legitimate interest is not offered a cookie choice or told it may object (read by an outsider, fixed at the cause).
With nothing to ask, the banner stores no choice: no consent cookie is declared and no settings control shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.variants import Sources, activity, build_files, page_text, records_json, rule_ids, variant

SALON = Path(__file__).resolve().parents[2] / "policy_src" / "salong-lunden"


@pytest.fixture(scope="module")
def text() -> str:
    return page_text(build_files(SALON))


def test_a_site_without_cookies_says_so_and_lists_none(text: str) -> None:
    assert "Hur använder vi kakor? Vi använder inga kakor eller liknande tekniker." in text
    assert "Andra kakor än de nödvändiga använder vi bara om du samtycker" not in text
    html = build_files(SALON)["index.html"].decode()
    assert "cookie-table" not in html and 'data-consent-action="open"' not in html


def _one_necessary_cookie(sources: Sources) -> None:
    sources["site"]["cookies"] = [
        {
            "name": "PHPSESSID",
            "category": "necessary",
            "provider": "first_party",
            "duration": "session",
            "description": {"sv": "Håller ihop ditt besök.", "en": "Keeps your visit together."},
            "necessity_justification": {"sv": "Bokningen fungerar inte utan den.", "en": "Booking needs it."},
        }
    ]


def test_only_necessary_cookies_are_listed_without_a_consent_cookie_or_settings(tmp_path: Path) -> None:
    files = build_files(variant(tmp_path, _one_necessary_cookie, base=SALON))
    text = page_text(files)
    assert "Vi använder bara de kakor som webbplatsen behöver för att fungera." in text
    assert "Nödvändiga (alltid aktiva). Behövs för att webbplatsen ska fungera. PHPSESSID" in text
    assert "komma ihåg ditt val" not in text  # there is no choice to remember
    html = files["index.html"].decode()
    assert "<code>consent</code>" not in html and 'data-consent-action="open"' not in html
    assert [c["name"] for c in records_json(files)["cookies"]] == ["PHPSESSID"]


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


def test_an_owner_who_checked_that_no_one_outside_gets_the_data_says_so(tmp_path: Path) -> None:
    """Nobody outside the business: said truthfully, instead of a recipient invented to pass L-REC-1."""

    def logs_kept_in_house(sources: Sources) -> None:
        logs = activity(sources, "logs")
        logs["recipients"] = ["staff"]
        logs["no_outside_recipients"] = True

    source = variant(tmp_path, logs_kept_in_house)
    assert "L-REC-1" not in rule_ids(source)
    html = build_files(source)["index.html"].decode()
    section = html[html.index('<section id="activity-logs"') :].split("</section>", 1)[0]
    assert "<dt>Mottagare</dt><dd>Ingen utanför vår verksamhet</dd>" in section
    assert "<details" not in section  # nothing left to fold


def test_an_authority_label_that_names_no_authority_reads_in_lower_case(tmp_path: Path) -> None:
    def generic_authority(sources: Sources) -> None:
        for recipient in sources["data"]["recipients"]:
            if recipient.get("role") == "authority":
                recipient["label"] = {"sv": "Myndigheter", "en": "Authorities"}

    text = page_text(build_files(variant(tmp_path, generic_authority, base=SALON)))
    assert "och myndigheter." in text and "och Myndigheter" not in text


def test_with_no_choice_the_banner_config_stores_nothing_and_adds_no_button(tmp_path: Path) -> None:
    """The banner's cookie lives 0 seconds (nothing is kept, whatever opens the settings) and no floating button."""
    import json

    def floating(sources: Sources) -> None:
        sources["site"]["site"]["banner"] = {"settings_button": "floating"}

    config = json.loads(build_files(variant(tmp_path, floating, base=SALON))["consent/config.json"])
    assert config["cookie"]["lifetime"] == 0
    assert config["settings_button"] == "none"
