"""Format 2 on the privacy page and in the banner: recipients as they really are, joint controllers per activity,
third-party cookies with their domain (docs/source-format.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import render_site
from generator.sources.loading import load_policy
from tests.support.config_file import read_config
from tests.support.format2 import format2_source, write_source

ANALYTICS_META = {  # listed under its role, with the country where it is established and handles the data
    "sv": "<li>Personuppgiftsbiträden:",
    "en": "<li>Processors:",
}
ANALYTICS_PLACE = {"sv": "; Irland):", "en": "; Ireland):"}
ANALYTICS_ONWARD = {  # said once, under "Does the data leave the EU/EEA?", with its safeguard as facts; the
    # recipient is named in full just above, in the same block, so here by its product
    "sv": "Google Analytics: uppgifterna kan överföras till Google LLC (USA).",
    "en": "Google Analytics: data may be transferred to Google LLC (United States).",
}
JOINT = {
    "sv": "För den här behandlingen är vi och Partner AB gemensamt personuppgiftsansvariga (artikel 26) för det som vi "
    "bestämmer om tillsammans. Du kan använda dina rättigheter hos var och en av oss. "
    "Det väsentliga i vårt arrangemang: Vi informerar dig och svarar på dina frågor; Partner AB sköter utskicken. "
    '<a href="https://shop.example.se/gemensamt-ansvar">Läs vad vi har kommit överens om</a>.',
    "en": "For this processing we and Partner AB are joint controllers (Article 26) for what we decide on together. "
    "You can exercise your rights with each of us. The essence of our arrangement: "
    "We inform you and answer your questions; Partner AB sends the mailings. "
    '<a href="https://shop.example.se/gemensamt-ansvar">Read the arrangement</a>.',
}
THIRD_PARTY = {
    "sv": "Vissa kakor sätts av andra företag på deras egna domäner, och dem kan vi inte radera. Om du återkallar ditt "
    "samtycke slutar vi att läsa in deras tjänster, så att inga nya uppgifter samlas in genom dem. Kakor som redan har "
    "sparats raderar du i webbläsarens inställningar för kakor och webbplatsdata.",
    "en": "Some cookies are set by other companies on their own domains, and we cannot delete them. If you withdraw "
    "your consent, we stop loading their services, so no new data is collected through them. To delete cookies that "
    "are already stored, use your browser’s settings for cookies and site data.",
}
PAGES = {"sv": "index.html", "en": "en/index.html"}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = write_source(tmp_path_factory.mktemp("format2"), format2_source())
    return render_site(load_policy(folder).policy)


def section(html: str, activity: str) -> str:
    """One activity's section, read as words: bidi isolation and break opportunities left out."""
    start = html.index(f'<section id="activity-{activity}"')
    return _plain(html[start : html.index("</section>", start)])


def _plain(html: str) -> str:
    return re.sub(r"</?bdi[^>]*>|<wbr>| data-label=\"[^\"]*\"", "", html)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_recipient_is_its_entity_and_product_where_it_is_and_where_the_data_goes_on(
    files: dict[str, bytes], language: str
) -> None:
    statistics = section(files[PAGES[language]].decode(), "statistics")
    by = {"sv": "Google Analytics, från Google Ireland Limited", "en": "Google Analytics, by Google Ireland Limited"}
    # who it is and where, in one bracket: no brackets inside brackets, no two in a row
    assert f"<strong>Analysverktyg</strong> ({by[language]}; " in statistics
    assert ANALYTICS_META[language] in statistics
    assert ANALYTICS_PLACE[language] in statistics
    assert ANALYTICS_ONWARD[language] in statistics


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_adequacy_decision_is_a_decision_with_its_link_never_a_copy(files: dict[str, bytes], language: str) -> None:
    statistics = section(files[PAGES[language]].decode(), "statistics")
    label = {"sv": "Beslut om adekvat skyddsnivå (artikel 45)", "en": "Adequacy decision (Article 45 GDPR)"}[language]
    decision = {
        "sv": "EU–US Data Privacy Framework (kommissionens beslut (EU) 2023/1795)",
        "en": "the EU–US Data Privacy Framework (Commission decision (EU) 2023/1795)",
    }[language]
    link = f'<a href="https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj">{decision}</a>'
    assert f"<dt>{label}</dt><dd>{link}</dd>" in statistics
    assert "Kopia" not in statistics and "copy" not in statistics.lower()


def test_standard_contractual_clauses_say_where_to_get_a_copy(tmp_path: Path) -> None:
    source = format2_source()
    hosting = next(r for r in source["recipients"] if r["id"] == "hosting")
    hosting.update({"country": "US", "transfer": {"mechanism": "scc", "copy_at": "info@example.se"}})
    html = render_site(load_policy(write_source(tmp_path, source)).policy)["index.html"].decode()
    assert (
        '<dt>Här kan du få en kopia av skyddsåtgärden</dt><dd><a href="mailto:info@example.se">info@example.se</a></dd>'
        in section(html, "orders")
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_independent_controller_links_its_own_privacy_notice(files: dict[str, bytes], language: str) -> None:
    statistics = section(files[PAGES[language]].decode(), "statistics")
    text = {"sv": "Deras integritetspolicy", "en": "Their privacy notice"}[language]
    assert f'<a href="https://www.facebook.com/privacy/policy/">{text}</a></li>' in statistics


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_joint_controller_shows_only_in_the_activities_that_list_it(files: dict[str, bytes], language: str) -> None:
    html = files[PAGES[language]].decode()
    assert f"<p>{JOINT[language]}</p>" in section(html, "newsletter")
    for other in ("orders", "statistics", "accounts"):
        assert "Partner AB" not in section(html, other)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_cookie_table_shows_the_domain_and_the_page_says_how_to_delete_third_party_cookies(
    files: dict[str, bytes], language: str
) -> None:
    html = files[PAGES[language]].decode()
    row = re.search(r"<code>fr</code></th>(.*?)</tr>", html, re.S)
    assert row is not None
    third = {"sv": "Tredje part", "en": "Third party"}[language]
    assert '<span class="domain">.facebook.com</span>' in row[1].replace("<wbr>", "")
    assert f'<span class="party">{third}</span>' in row[1]
    assert f"<p>{THIRD_PARTY[language]}</p>" in html


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_banner_says_withdrawal_stops_new_collection_and_shows_the_domain(
    files: dict[str, bytes], language: str
) -> None:
    config = read_config(files["consent/config.json"])
    # In the settings; the first layer names who else gets access, and stays short enough for a phone.
    assert config["texts"][language]["settings_intro"].endswith(" " + THIRD_PARTY[language])
    assert THIRD_PARTY[language] not in config["texts"][language]["withdraw"]
    fr = next(i for c in config["categories"] for i in c["items"] if i["name"] == "fr")
    assert fr["domain"] == ".facebook.com"  # the banner deletes it there; `details` names the party
    party = {"sv": "Tredje part (.facebook.com)", "en": "Third party (.facebook.com)"}[language]
    assert f" · {party} · " in fr["details"][language]


def test_without_third_party_cookies_nothing_is_said_about_them(tmp_path: Path) -> None:
    source = format2_source()
    source["cookies"] = [c for c in source["cookies"] if c["name"] != "fr"]
    files = render_site(load_policy(write_source(tmp_path, source)).policy)
    assert THIRD_PARTY["sv"] not in files["index.html"].decode()
    assert read_config(files["consent/config.json"])["texts"]["sv"]["withdraw"] == (
        "Du kan när som helst ändra eller återkalla ditt samtycke under ”Inställningar för kakor”."
    )
    assert read_config(files["consent/config.json"])["texts"]["sv"]["settings_intro"] == (
        "Välj vilka kakor vi får använda. Nödvändiga kakor är alltid aktiva."
    )


def test_a_direct_transfer_names_the_country_as_it_reads_after_in(tmp_path: Path) -> None:
    source = format2_source()
    hosting = next(r for r in source["recipients"] if r["id"] == "hosting")
    hosting.update({"country": "US", "transfer": {"mechanism": "scc", "copy_at": "info@example.se"}})
    files = render_site(load_policy(write_source(tmp_path, source)).policy)
    assert "handles the data in the United States." in section(files["en/index.html"].decode(), "orders")
    assert "behandlar uppgifterna i USA." in section(files["index.html"].decode(), "orders")
