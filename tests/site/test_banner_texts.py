"""The banner's texts: a first layer short enough for a phone that still says who else gets access."""

from __future__ import annotations

from generator.model import Policy
from generator.site.banner_config import banner_texts
from tests.fixtures.banner_site.site import fixture_policy


def changed_cookies(policy: Policy, change: dict[str, dict[str, object]]) -> Policy:
    """`policy` with some cookies' fields replaced, validated again like a loaded source."""
    data = policy.model_dump()
    for cookie in data["cookies"]:
        cookie.update(change.get(cookie["name"], {}))
    return Policy.model_validate(data)


def test_the_first_layer_names_the_companies_that_get_access(example: Policy) -> None:
    sv, en = banner_texts(example, "sv"), banner_texts(example, "en")
    assert sv["intro"] == (
        "Nödvändiga kakor behövs för att webbplatsen ska fungera. Med ditt samtycke använder vi även kakor för"
        " personliga rekommendationer och statistik. Google Analytics kan läsa en del av dem."
    )
    assert en["intro"].endswith(" Google Analytics can read some of them.")
    assert sv["withdraw"] == "Du kan när som helst ändra eller återkalla ditt samtycke under ”Inställningar för kakor”."


def test_each_company_is_named_once_and_in_source_order() -> None:
    intro = banner_texts(fixture_policy(), "sv")["intro"]
    assert intro.endswith(" Statistikbolaget AB och Annonsbolaget AB kan läsa en del av dem.")


def test_without_access_by_others_nothing_is_said_and_unnamed_access_is_said_plainly() -> None:
    policy = fixture_policy()
    own = {"provider": "first_party", "third_party_access": False, "domain": None}
    by_name = {c.name: own for c in policy.cookies if c.category != "necessary"}
    nobody = banner_texts(changed_cookies(policy, by_name), "sv")["intro"]
    assert nobody.endswith("kakor för inställningar, statistik och marknadsföring.")

    someone = changed_cookies(policy, {**by_name, "pref_lang": {**own, "third_party_access": True}})
    assert banner_texts(someone, "sv")["intro"].endswith(" Andra företag kan läsa en del av dem.")


def test_the_settings_label_and_words_are_the_same_everywhere(example: Policy) -> None:
    sv = banner_texts(example, "sv")
    assert sv["settings_title"] == "Inställningar för kakor"
    assert sv["always_on"] == "alltid aktiva"
    assert sv["settings_intro"] == "Välj vilka kakor vi får använda. Nödvändiga kakor är alltid aktiva."
    assert (sv["save"], sv["show_items"], banner_texts(example, "en")["customize"]) == (
        "Spara mina val",
        "Visa kakor ({count})",
        "Customise",
    )


def test_the_sites_own_category_labels_read_mid_sentence_but_names_keep_their_capitals(example: Policy) -> None:
    """'Personliga rekommendationer' is lower-cased inside the sentence; 'YouTube-videor' and 'SMS-utskick' are not."""
    data = example.model_dump()
    labels = {"recommendations": "YouTube-videor", "statistics": "SMS-utskick"}
    for category in data["consent_categories"]:
        if category["id"] in labels:
            category["label"] = {"sv": labels[category["id"]], "en": labels[category["id"]]}
    intro = banner_texts(Policy.model_validate(data), "sv")["intro"]
    assert "kakor för YouTube-videor och SMS-utskick." in intro
    assert "kakor för personliga rekommendationer och statistik." in banner_texts(example, "sv")["intro"]
