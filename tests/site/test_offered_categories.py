"""The banner asks only about what the site does: a default category without items is not offered.

A source that leaves `consent_categories` out gets `necessary` and those default
categories that hold an item; a source that declares its categories gets them
all, and `policygen check` warns about an empty one (L-CK-9).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checks.registry import check_policy
from generator.model import Policy
from generator.site.banner_config import build_banner_config, build_consent_config, consent_mode_signals
from generator.site.page import render_privacy_pages
from generator.sources.loading import load_policy
from tests.conftest import FIXTURES
from tests.fixtures.banner_site.site import ran_scripts, write_site
from tests.support.server import StaticServer, serve_directory

BASE = FIXTURES / "checks" / "base.yaml"
BANNER_POLICY = FIXTURES / "banner_site" / "policy" / "policy.yaml"


def load_changed(tmp_path: Path, original: Path, change: Any = None) -> Policy:
    """Load a copy of a YAML source after `change(source)`, the way the CLI loads it."""
    source = yaml.safe_load(original.read_text(encoding="utf-8"))
    if change is not None:
        change(source)
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "policy.yaml").write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_policy(folder).policy


def category_ids(policy: Policy) -> list[str]:
    return [category["id"] for category in build_consent_config(policy)["categories"]]


def test_default_categories_without_items_are_not_offered(tmp_path: Path) -> None:
    policy = load_changed(tmp_path, BASE)  # a necessary cart cookie and a statistics cookie, no categories declared
    config = build_consent_config(policy)
    assert category_ids(policy) == ["necessary", "statistics"]
    assert config["gpc_categories"] == []  # marketing is not there to be kept off
    assert consent_mode_signals(policy)["ad_storage"] == []  # no marketing category grants Google's ad signals
    page = render_privacy_pages(policy, build_banner_config(policy))["index.html"].decode()
    categories = page[
        page.index('<section id="cookies">') : page.index("</section>", page.index('<section id="cookies">'))
    ]
    assert '<span class="category">Statistik</span>' in categories
    assert '<span class="category">Marknadsföring' not in categories
    assert '<span class="category">Inställningar' not in categories


def test_declared_categories_are_all_offered_and_an_empty_one_is_warned_about(tmp_path: Path) -> None:
    def declare_marketing(source: dict[str, Any]) -> None:
        source["consent_categories"] = [
            {"id": "necessary", "required": True},
            {"id": "statistics"},
            {"id": "marketing"},
        ]

    policy = load_changed(tmp_path, BASE, declare_marketing)
    assert category_ids(policy) == ["necessary", "statistics", "marketing"]
    findings = check_policy(policy)
    assert [(f.rule, f.severity.value, f.path) for f in findings] == [("L-CK-9", "warning", ("consent_categories", 2))]
    assert "remove 'marketing' from consent_categories" in findings[0].fix


@pytest.fixture
def statistics_only_site(tmp_path: Path) -> Iterator[StaticServer]:
    """The banner test site, for a policy whose cookies are necessary or statistics only."""

    def keep_statistics(source: dict[str, Any]) -> None:
        source["cookies"] = [c for c in source["cookies"] if c["category"] in ("necessary", "statistics")]

    policy = load_changed(tmp_path, BANNER_POLICY, keep_statistics)
    assert "consent_categories" not in policy.model_fields_set
    with serve_directory(write_site(tmp_path / "site", policy)) as server:
        yield server


@pytest.mark.browser
def test_the_banner_asks_only_about_categories_with_items(page: Any, statistics_only_site: StaticServer) -> None:
    page.goto(statistics_only_site.url)
    page.locator('[data-consent-action="customize"]:visible').first.click()
    dialog = page.locator("dialog.consent-dialog")
    assert dialog.is_visible()
    toggles = dialog.locator("input[data-consent-category]")
    assert [toggles.nth(i).get_attribute("data-consent-category") for i in range(toggles.count())] == [
        "necessary",
        "statistics",
    ]
    text = dialog.inner_text()  # its title is "Inställningar för kakor"; no category is named "Inställningar"
    assert "Marknadsföring" not in text and not re.search(r"^Inställningar\b(?! för kakor)", text, re.M)

    # "Accept all" accepts what was asked: statistics runs, marketing (never offered) stays blocked.
    dialog.locator('[data-consent-action="accept-all"]').click()
    page.wait_for_function("(window.ranScripts || []).some(s => s.startsWith('statistics'))")
    ran = ran_scripts(page)
    assert not any(script.startswith(("marketing", "preferences", "ads")) for script in ran), ran
