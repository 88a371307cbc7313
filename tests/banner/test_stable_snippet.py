"""The tags to paste stay byte-identical when the policy changes: the config travels in consent/config.json."""

from __future__ import annotations

import json
import re

from generator.build import render_site
from generator.model import Policy
from generator.site.banner_config import build_banner_config, build_consent_config, consent_head_tags, embed_providers
from tests.fixtures.banner_site.site import fixture_policy

HEAD_TAGS = re.compile(r'<link rel="stylesheet" href="[^"]*consent/consent\.css">.*?consent\.js" defer></script>', re.S)


def with_changes(policy: Policy) -> Policy:
    """A policy change of every kind the config carries: a new cookie, a new version, other texts and languages."""
    data = policy.model_dump()
    optional = next(c for c in data["cookies"] if c["category"] != "necessary")  # one that consent depends on
    data["cookies"].append({**optional, "name": "ny_kaka", "description": {"sv": "En ny kaka."}})
    data["policy"]["version"] = "9.9"
    data["site"]["consent_cookie_name"] = "samtycke"
    data["site"]["gpc"] = False
    data["site"]["banner"] = {"settings_button": "floating"}
    return Policy.model_validate(data)


def test_a_policy_change_leaves_the_snippet_and_the_pages_head_tags_byte_identical(example: Policy) -> None:
    before, after = render_site(example), render_site(with_changes(example))

    assert json.loads(before["consent/config.json"])["revision"] != json.loads(after["consent/config.json"])["revision"]
    assert after["snippet.html"] == before["snippet.html"]
    for page in ("index.html", "en/index.html"):
        tags = HEAD_TAGS.findall(after[page].decode())
        assert tags == HEAD_TAGS.findall(before[page].decode()) and len(tags) == 1, page
    assert before["snippet.html"].decode() == (
        '<link rel="stylesheet" href="/integritetspolicy/consent/consent.css">\n'
        '<link rel="preload" href="/integritetspolicy/consent/config.json" as="fetch" crossorigin>\n'
        '<script src="/integritetspolicy/consent/consent.js" defer></script>\n'
    ), "the stylesheet, the config's preload (mode and credentials as the banner's fetch) and the script"


def test_the_head_tags_do_not_depend_on_the_policy() -> None:
    policy = fixture_policy()
    assert consent_head_tags(build_banner_config(policy), "../") == consent_head_tags(
        build_banner_config(with_changes(policy)), "../"
    )


def test_embed_providers_come_from_third_party_cookies_with_a_domain() -> None:
    data = fixture_policy().model_dump()
    for cookie in data["cookies"]:
        if cookie["name"] == "embed_seen":
            cookie.update(domain=".video.example", party="third")
        if cookie["name"] == "pref_lang":  # provided by the site itself: never named as an embed's provider
            cookie.update(domain=".127.0.0.1.example")
    policy = Policy.model_validate(data)

    provider = {"sv": "Annonsbolaget AB", "en": "Annonsbolaget AB"}
    assert embed_providers(policy, ["sv", "en"]) == {"video.example": provider}
    assert build_consent_config(policy)["providers"] == embed_providers(policy, ["sv", "en"])
    assert build_consent_config(fixture_policy())["providers"] == {}
