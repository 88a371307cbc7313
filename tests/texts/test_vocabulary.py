"""One vocabulary: each fact of policygen is stated in one place, and every output reads it from there.

The facts: the `necessary` consent category, the `first_party` provider, "outside
the EU/EEA", the folder of each language's page, a duration parsed once, one
Jinja environment factory, one wording of a cookie and of a recipient, one
banner config per build. tests/test_consistency.py proves that the outputs
agree; these tests prove why they must.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jinja2 import StrictUndefined

import generator
import generator.model.durations as durations
import generator.site.banner_config as banner_config
from generator.build import render_site
from generator.checks.registry import check_policy
from generator.model import Policy
from generator.model.durations import Duration, duration_of
from generator.model.vocabulary import (
    FIRST_PARTY,
    MAIN_LANGUAGE,
    NECESSARY,
    language_folder,
    outside_eu_eea,
    page_path,
    root_from,
)
from generator.records.render import build_records
from generator.site.page import _environment
from generator.texts.cookies import declared_cookies, describe_cookie
from generator.texts.recipients import describe_recipient, onward_transfer_destination, onward_transfer_sentence
from generator.texts.templates import template_environment
from tests.support.config_file import read_config
from tests.support.ropa import provider_name, standalone_cookies

GENERATOR = Path(generator.__file__).parent
"""The package under test (not `REPO`, which may be another checkout's when `tests` resolves there)."""


def changed(policy: Policy, **fields: Any) -> Policy:
    """A copy with top-level fields replaced, validated again like a loaded source."""
    return Policy.model_validate({**policy.model_dump(), **fields})


# --- each fact lives in one place -------------------------------------------------------


def occurrences(pattern: str) -> dict[str, int]:
    """How often `pattern` (a regular expression) occurs in each module of generator/."""
    found = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        count = len(re.findall(pattern, path.read_text(encoding="utf-8")))
        if count:
            found[path.relative_to(GENERATOR).as_posix()] = count
    return found


@pytest.mark.parametrize(
    ("pattern", "where"),
    [
        (r'"necessary"', {"model/vocabulary.py": 1}),
        (r'"first_party"', {"model/vocabulary.py": 1}),
        (r"EEA_COUNTRIES\b", {"model/vocabulary.py": 2}),  # defined, and read by outside_eu_eea
        (r"\bEnvironment\(", {"texts/templates.py": 1}),
        (r'f"\{(language|lang|code)\}/', {"model/vocabulary.py": 1}),  # the folder of a language's page
        # parsed where the model validates a duration, and where the constant 13 months is defined
        (r"\bparse_duration\(", {"model/values.py": 1, "model/durations.py": 2, "model/vocabulary.py": 1}),
    ],
)
def test_each_fact_is_written_in_one_place(pattern: str, where: dict[str, int]) -> None:
    assert occurrences(pattern) == where


def test_the_necessary_category_and_the_first_party_are_what_the_model_defaults_to(example: Policy) -> None:
    necessary = [
        c for c in Policy.model_validate(example.model_dump(exclude={"consent_categories"})).consent_categories
    ]
    assert [c.id for c in necessary if c.required] == [NECESSARY]
    consent_cookie = declared_cookies(example)[0]
    assert (consent_cookie.category, consent_cookie.provider) == (NECESSARY, FIRST_PARTY)


# --- a duration is parsed once -------------------------------------------------------------


def test_a_validated_duration_carries_its_parsed_parts_and_serializes_as_written(example: Policy) -> None:
    lifetime = example.site.consent_lifetime
    assert isinstance(lifetime, Duration) and lifetime == "P6M" and lifetime.parts == (("months", 6),)
    assert duration_of(lifetime) is lifetime
    cookie = next(c for c in example.cookies if c.duration == "P13M")
    assert isinstance(cookie.duration, Duration)
    assert json.loads(cookie.model_dump_json())["duration"] == "P13M"
    assert type(cookie.model_dump(mode="json")["duration"]) is str


def test_nothing_parses_a_validated_duration_again_while_checking_and_rendering(
    example: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected_findings = [f.rule for f in check_policy(example)]
    expected_files = render_site(example)

    def parse_again(text: str) -> Duration:
        raise AssertionError(f"{text!r} was parsed again")

    monkeypatch.setattr(durations, "parse_duration", parse_again)
    assert [f.rule for f in check_policy(example)] == expected_findings
    assert render_site(example) == expected_files


# --- the banner config: made once per build, handed on -----------------------------------------


def test_a_build_makes_the_banner_config_once_and_config_json_holds_it(
    example: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    original = banner_config.build_consent_config

    def counted(policy: Policy) -> dict[str, Any]:
        calls.append(policy)
        return original(policy)

    monkeypatch.setattr(banner_config, "build_consent_config", counted)
    files = render_site(example)
    assert len(calls) == 1
    assert read_config(files["consent/config.json"]) == original(example)


def test_two_policies_rendered_in_turn_each_keep_their_own_banner_config(example: Policy) -> None:
    other = changed(example, site={**example.site.model_dump(), "consent_cookie_name": "val"})
    first, second, again = render_site(example), render_site(other), render_site(example)
    assert read_config(second["consent/config.json"])["cookie"]["name"] == "val"
    assert read_config(first["consent/config.json"])["cookie"]["name"] == "consent"
    assert again == first
    assert not [name for name in vars(banner_config) if name.startswith("_last")], "no module-global cache"


# --- where each language's page lives -----------------------------------------------------------


def test_each_language_page_is_where_the_banner_and_the_language_links_point(example: Policy) -> None:
    files = render_site(example)
    config = read_config(files["consent/config.json"])
    assert example.site.languages == [MAIN_LANGUAGE, "en"]
    for language in example.site.languages:
        assert page_path(language) in files
        assert config["policy_url"][language] == example.site.policy_url + language_folder(language)
    assert (page_path("sv"), page_path("en")) == ("index.html", "en/index.html")
    english = files["en/index.html"].decode()
    assert f'href="{root_from("en")}index.html" lang="sv"' in english and 'href="../en/index.html"' in english
    assert 'href="en/index.html" lang="en"' in files["index.html"].decode()
    assert f'src="{root_from("en")}consent/consent.js"' in english


# --- outside the EU/EEA --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "outside"), [("US", True), ("GB", True), ("IE", False), ("NO", False), (None, False)]
)
def test_outside_the_eu_eea(country: str | None, outside: bool) -> None:
    assert outside_eu_eea(country) is outside


def test_the_records_transfer_exactly_to_the_recipients_outside_the_eu_eea(example: Policy) -> None:
    document = build_records(example, "sv")
    for record in document.records:
        third = [r.id for r in record.recipients if r.third_country]
        assert [t.recipient for t in record.transfers] == third, record.id
    assert any(r.country == "IE" and r.third_country for rec in document.records for r in rec.recipients)


# --- one wording of a cookie and of a recipient --------------------------------------------------


def test_a_cookie_with_unstated_facts_reads_the_same_in_the_banner_the_page_and_the_records(example: Policy) -> None:
    bare = {"name": "bare_cookie", "category": "statistics"}  # no duration, no provider, no third-party access
    policy = changed(example, cookies=[*example.model_dump()["cookies"], bare])
    cookie = policy.cookies[-1]
    files = render_site(policy)
    words = describe_cookie(policy, cookie, "sv")
    assert (words.duration, words.duration_shown, words.third_party_access) == (None, "inte angivet", "inte angivet")
    assert words.provider == policy.controller.name

    details = next(
        item["details"]["sv"]
        for category in read_config(files["consent/config.json"])["categories"]
        for item in category["items"]
        if item["name"] == "bare_cookie"
    )
    assert details == f"Leverantör: {words.provider} · Lagringstid: inte angivet · {words.party} · {words.storage}"

    page = files["index.html"].decode().replace("<wbr>", "")
    row = re.search(r"<code>bare_cookie</code></th>(.*?)</tr>", page, re.S)
    assert row is not None
    # The cells: provider (with what differs from the usual: here the access), purpose, storage period; the
    # category heads the row's group.
    spans = dict(re.findall(r'<span class="(\w+)">(.*?)</span>', row[1], re.S))
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]
    assert cells[0] == words.provider + " " + spans["access"] and spans["access"].endswith(
        ": " + words.third_party_access
    )
    assert cells[2] == words.duration_shown
    assert "domain" not in spans and "party" not in spans and "storage" not in spans  # a cookie on our own domain
    group = page[: row.start()].rsplit("<tbody", 1)[1]
    assert f'<span class="category">{words.category}</span>' in group

    ropa = json.loads(files["records/ropa.json"])
    record = next(c for c in standalone_cookies(ropa) if c["name"] == "bare_cookie")
    category = next(c["label"] for c in ropa["consent_categories"] if c["id"] == record["category"])
    assert (provider_name(ropa, record), category, record["duration_in_words"]) == (
        words.provider,
        words.category,
        None,
    )


def test_a_recipient_reads_the_same_on_the_page_and_in_the_records(example: Policy) -> None:
    analytics = example.recipient("analytics")
    words = describe_recipient(analytics, "sv")
    assert words.country == "Irland" and not words.third_country  # processed in Ireland, passed on to the USA
    onward = onward_transfer_sentence(analytics.onward_transfers[0], "sv")
    record = next(r for rec in build_records(example, "sv").records for r in rec.recipients if r.id == "analytics")
    assert (record.role_name, record.country_name, record.onward_transfers) == (words.role, words.country, [onward])
    page = render_site(example)["index.html"].decode()
    # The page says where the data goes on once, its safeguard beside it as facts.
    assert words.role == "Personuppgiftsbiträde" and "<li>Personuppgiftsbiträden:" in page  # its role, in the plural
    assert f"; {words.country}):" in page
    destination = onward_transfer_destination(analytics.onward_transfers[0], "sv")
    assert f"Google Analytics: {destination[0].lower()}{destination[1:]}" in page  # it continues the name


# --- one Jinja environment factory ---------------------------------------------------------------


@pytest.mark.parametrize("domain", ["messages", "records"])
def test_every_template_environment_escapes_refuses_undefined_names_and_speaks_its_language(domain: str) -> None:
    environment = template_environment("sv", domain)
    assert environment.autoescape is True and environment.undefined is StrictUndefined
    assert environment.globals["_"]("Processing activities" if domain == "records" else "Privacy policy") in (
        "Behandlingar",
        "Integritetspolicy",
    )
    rendered = environment.from_string("{{ value }}").render(value="<script>")
    assert rendered == "&lt;script&gt;"
    assert _environment("sv") is template_environment("sv", "messages")
