"""The banner's config, files and head tags, as the generator writes them from the model."""

from __future__ import annotations

import re

import pytest

from generator.model import Cookie, Policy, Text
from generator.model.durations import parse_duration
from generator.site.banner_config import (
    build_banner_config,
    build_consent_config,
    consent_head_tags,
    consent_revision,
    render_consent_files,
    render_snippet,
)
from tests.fixtures.banner_site.site import fixture_policy
from tests.support.config_file import read_config


def changed(original: Policy, **fields: object) -> Policy:
    """A copy of `original` with top-level fields replaced (validated again, like a loaded source)."""
    return Policy.model_validate({**original.model_dump(), **fields})


def changed_site(policy: Policy, **fields: object) -> Policy:
    return changed(policy, site={**policy.site.model_dump(), **fields})


def category(config: dict, id_: str) -> dict:
    return next(c for c in config["categories"] if c["id"] == id_)


# --- what the config says ------------------------------------------------------


def test_example_config_names_categories_cookies_and_texts_in_swedish(example: Policy) -> None:
    config = build_consent_config(example)

    # The example's own "Personliga rekommendationer" instead of the built-in preferences (L-CK-10).
    assert [c["id"] for c in config["categories"]] == ["necessary", "recommendations", "statistics"]
    necessary = category(config, "necessary")
    assert necessary["required"] is True
    assert necessary["label"] == {"sv": "Nödvändiga", "en": "Necessary"}
    assert necessary["items"][0]["name"] == "consent", "the banner's own cookie is declared first"
    statistics = category(config, "statistics")
    assert statistics["label"]["sv"] == "Statistik"
    ga, ga_star = statistics["items"]
    assert (ga["name"], ga["pattern"]) == ("_ga", None)
    assert (ga_star["name"], ga_star["pattern"]) == ("_ga_*", "^_ga_.*$")
    assert ga["details"]["sv"] == (
        "Leverantör: Google Analytics, från Google Ireland Limited · Lagringstid: 13 månader · Första part"
        " · Kaka (cookie) · Åtkomst för tredje part · Klickhistorik på webbplatsen raderas efter 14 månader. Det har"
        " vi själva ställt in i Google Analytics."
    )
    recommendations = category(config, "recommendations")
    assert recommendations["label"]["sv"] == "Personliga rekommendationer"
    assert recommendations["items"][0]["storage"] == "local_storage"

    texts = config["texts"]["sv"]
    assert (texts["accept_all"], texts["reject_all"], texts["customize"]) == (
        "Acceptera alla",
        "Avvisa alla",
        "Anpassa",
    )
    assert (texts["save"], texts["settings_title"]) == ("Spara mina val", "Inställningar för kakor")
    # The first layer names the purposes by category and says consent can be withdrawn (PTS, IMY/Warner).
    assert "rekommendationer och statistik" in texts["intro"]
    assert "när som helst ändra eller återkalla ditt samtycke" in texts["withdraw"]
    assert config["texts"]["en"]["accept_all"] == "Accept all"


def test_example_config_carries_site_settings(example: Policy) -> None:
    config = build_consent_config(example)

    assert config["cookie"] == {
        "name": "consent",
        "domain": ".jiji-boutique.se",
        "lifetime": parse_duration("P6M").seconds(),
    }
    assert config["policy_url"] == {
        "sv": "https://www.jiji-boutique.se/integritetspolicy/",
        "en": "https://www.jiji-boutique.se/integritetspolicy/en/",
    }
    assert config["policy_version"] == "2.0"
    assert config["receipt_endpoint"] is None, "receipts are off unless the source sets an endpoint"
    assert config["gpc_categories"] == [], "the example has no marketing category"
    assert config["consent_mode"]["analytics_storage"] == ["statistics"]
    assert config["consent_mode"]["ad_storage"] == []
    assert re.fullmatch(r"[0-9a-f]{16}", config["revision"])


def test_marketing_counts_as_sale_or_sharing_unless_the_source_says_otherwise() -> None:
    policy = fixture_policy()
    assert build_consent_config(policy)["gpc_categories"] == ["marketing"]

    categories = [c.model_dump() for c in policy.consent_categories]
    categories[2]["sale_or_sharing"] = True  # statistics
    categories[3]["sale_or_sharing"] = False  # marketing
    assert build_consent_config(changed(policy, consent_categories=categories))["gpc_categories"] == ["statistics"]
    assert build_consent_config(changed_site(policy, gpc=False))["gpc_categories"] == []


def test_the_gpc_notice_names_the_sale_or_sharing_categories_and_is_empty_without_them(example: Policy) -> None:
    with_marketing = build_consent_config(fixture_policy())["texts"]["sv"]["gpc"]
    assert "marknadsföring" in with_marketing and "Global Privacy Control" in with_marketing
    assert build_consent_config(example)["texts"]["sv"]["gpc"] == ""


def test_consent_mode_signals_default_per_category_and_are_off_unless_asked() -> None:
    policy = fixture_policy()
    signals = build_consent_config(policy)["consent_mode"]

    assert signals == {
        "ad_storage": ["marketing"],
        "ad_user_data": ["marketing"],
        "ad_personalization": ["marketing"],
        "analytics_storage": ["statistics"],
        "functionality_storage": ["preferences"],
        "personalization_storage": ["preferences"],
        "security_storage": ["necessary"],
    }
    assert build_consent_config(changed_site(policy, consent_mode=False))["consent_mode"] is None


@pytest.mark.parametrize(
    ("lifetime", "expected"),
    [("P6M", "P6M"), ("P30D", "P30D"), ("P13M", "P13M"), ("P2Y", "P13M"), ("P1Y6M", "P13M")],
)
def test_consent_lifetime_is_capped_at_13_months(lifetime: str, expected: str) -> None:
    config = build_consent_config(changed_site(fixture_policy(), consent_lifetime=lifetime))
    assert config["cookie"]["lifetime"] == parse_duration(expected).seconds()


def test_policy_url_defaults_to_the_published_folder() -> None:
    policy = changed_site(fixture_policy(), publish_path="/integritet/")
    assert build_consent_config(policy)["policy_url"] == {"sv": "/integritet/", "en": "/integritet/en/"}

    elsewhere = changed_site(policy, policy_url="https://example.se/om-oss/integritet")
    assert build_consent_config(elsewhere)["policy_url"]["en"] == "https://example.se/om-oss/integritet"


def test_only_the_sites_languages_are_carried() -> None:
    config = build_consent_config(changed_site(fixture_policy(), languages=["sv"]))
    assert config["languages"] == ["sv"]
    assert list(config["texts"]) == ["sv"]
    assert list(category(config, "marketing")["label"]) == ["sv"]


# --- the revision: what makes a visitor be asked again -----------------------


def _add_cookie(policy: Policy) -> Policy:
    extra = Cookie(name="_new", category="statistics", purpose="web_statistics", duration="P1D")
    return changed(policy, cookies=[*[c.model_dump() for c in policy.cookies], extra.model_dump()])


def _cookie_field(policy: Policy, **fields: object) -> Policy:
    cookies = [c.model_dump() for c in policy.cookies]
    cookies[2] = {**cookies[2], **fields}  # _stats
    return changed(policy, cookies=cookies)


def _category_label(policy: Policy) -> Policy:
    categories = [c.model_dump() for c in policy.consent_categories]
    categories[2]["label"] = Text(sv="Mätning").model_dump()
    return changed(policy, consent_categories=categories)


def _purpose_text(policy: Policy) -> Policy:
    activities = [a.model_dump() for a in policy.activities]
    activities[0]["purposes"][1]["description"] = {"sv": "Följa dig mellan webbplatser."}  # web_statistics
    return changed(policy, activities=activities)


def _provider_country(policy: Policy) -> Policy:
    recipients = [r.model_dump() for r in policy.recipients]
    recipients[0]["country"] = "US"  # analytics, the provider of _stats
    return changed(policy, recipients=recipients)


def _controller_email(policy: Policy) -> Policy:
    return changed(policy, controller={**policy.controller.model_dump(), "email": "ny@testbutiken.example"})


def _policy_version(policy: Policy) -> Policy:
    return changed(policy, policy={**policy.policy.model_dump(), "version": "4.0"})


def _unrelated_purpose(policy: Policy) -> Policy:
    activities = [a.model_dump() for a in policy.activities]
    activities[0]["name"] = {"sv": "Butiken"}
    return changed(policy, activities=activities)


@pytest.mark.parametrize(
    "change",
    [
        _add_cookie,
        lambda p: _cookie_field(p, duration="P2Y"),
        lambda p: _cookie_field(p, category="marketing"),
        lambda p: _cookie_field(p, party="third"),
        _provider_country,
    ],
    ids=["cookie added", "cookie duration longer", "cookie category", "cookie party", "provider's country"],
)
def test_revision_changes_with_anything_consent_relevant(change) -> None:  # type: ignore[no-untyped-def]
    policy = fixture_policy()
    assert consent_revision(change(policy)) != consent_revision(policy)


@pytest.mark.parametrize(
    "change",
    [
        _controller_email,
        _policy_version,
        _unrelated_purpose,
        lambda p: changed_site(p, receipt_endpoint="/elsewhere"),
        lambda p: changed_site(p, base_url="https://testbutiken.example/"),
        # Texts and the banner's behaviour: nothing a visitor consented to (tests/site/test_revisions.py)
        lambda p: _cookie_field(p, description={"sv": "Något annat."}),
        _category_label,
        _purpose_text,
        lambda p: changed_site(p, gpc=False),
        lambda p: changed_site(p, consent_mode=False),
    ],
    ids=[
        "controller email",
        "policy version",
        "activity name",
        "receipt endpoint",
        "base url",
        "cookie description",
        "category label",
        "purpose text",
        "gpc off",
        "consent mode off",
    ],
)
def test_revision_stays_when_nothing_consent_relevant_changes(change) -> None:  # type: ignore[no-untyped-def]
    policy = fixture_policy()
    assert consent_revision(change(policy)) == consent_revision(policy)


def test_revision_is_stable_across_runs() -> None:
    assert consent_revision(fixture_policy()) == consent_revision(fixture_policy())


# --- files and tags ---------------------------------------------------------------


def test_consent_files_are_the_minified_banner_and_the_config(example: Policy) -> None:
    files = render_consent_files(build_banner_config(example))

    assert sorted(files) == ["consent/config.json", "consent/consent.css", "consent/consent.js"]
    assert read_config(files["consent/config.json"]) == build_consent_config(example)
    assert b"\n  " not in files["consent/consent.js"], "the shipped script is minified"
    assert files == render_consent_files(build_banner_config(example)), "same input, same bytes"


def test_head_tags_load_css_config_and_deferred_script_relative_to_base(example: Policy) -> None:
    tags = str(consent_head_tags(build_banner_config(example), "../"))

    assert '<link rel="stylesheet" href="../consent/consent.css">' in tags
    assert '<link rel="preload" href="../consent/config.json" as="fetch" crossorigin>' in tags
    assert '<script src="../consent/consent.js" defer></script>' in tags
    assert "<style" not in tags and " style=" not in tags, "no inline style (strict CSP)"
    assert len(re.findall(r"<script\b", tags)) == 1, "the only code is consent.js; the config is fetched"


def test_snippet_links_from_the_published_folder(example: Policy) -> None:
    snippet = render_snippet(build_banner_config(example), example.site.publish_path).decode()
    assert 'href="/integritetspolicy/consent/consent.css"' in snippet
    assert 'src="/integritetspolicy/consent/consent.js"' in snippet


def test_model_text_cannot_reach_the_head_tags() -> None:
    hostile = "</script><script>alert(1)</script><!--"
    policy = fixture_policy()
    categories = [c.model_dump() for c in policy.consent_categories]
    categories[3]["label"] = {"sv": hostile, "en": "'&\"<b>"}
    policy = changed(policy, consent_categories=categories)

    tags = str(consent_head_tags(build_banner_config(policy), '"><script>'))

    assert "alert" not in tags and "<!--" not in tags, "the tags carry no text of the model"
    assert '"><script>' not in tags, "the base is escaped"
    assert category(build_consent_config(policy), "marketing")["label"]["sv"] == hostile
