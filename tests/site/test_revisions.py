"""What changes a consent category's revision (generator/site/revisions.py), and so whom the banner asks again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.model import Policy
from generator.model.history import Release
from generator.site.banner_config import build_consent_config
from tests.fixtures.banner_site.site import fixture_policy


def revisions(policy: Policy) -> dict[str, str]:
    return {category["id"]: category["revision"] for category in build_consent_config(policy)["categories"]}


def changed(**fields: Any) -> Policy:
    return Policy.model_validate({**fixture_policy().model_dump(), **fields})


def with_cookie(cookie_name: str, **fields: Any) -> Policy:
    cookies = [c.model_dump() for c in fixture_policy().cookies]
    for cookie in cookies:
        if cookie["name"] == cookie_name:
            cookie.update(fields)
    return changed(cookies=cookies)


def with_recipient(recipient_id: str, **fields: Any) -> Policy:
    recipients = [r.model_dump() for r in fixture_policy().recipients]
    for recipient in recipients:
        if recipient["id"] == recipient_id:
            recipient.update(fields)
    return changed(recipients=recipients)


def with_purpose(purpose_id: str, **fields: Any) -> Policy:
    activities = [a.model_dump() for a in fixture_policy().activities]
    for activity in activities:
        for purpose in activity["purposes"]:
            if purpose["id"] == purpose_id:
                purpose.update(fields)
    return changed(activities=activities)


def released(policy: Policy) -> Policy:
    """`policy` with the fixture's own version released (a snapshot of its cookies as they are now)."""
    cookies = {c.name: {"storage": c.storage.value, "duration": c.duration} for c in fixture_policy().cookies}
    release = Release(version="3.2", date="2025-01-01", snapshot={"cookies": cookies})
    return Policy.model_validate({**policy.model_dump(), "history": [release.model_dump()]})


def which_changed(policy: Policy) -> list[str]:
    before, after = revisions(fixture_policy()), revisions(policy)
    return [category for category in before if before[category] != after.get(category)]


CHANGES: list[tuple[str, Callable[[], Policy], list[str]]] = [
    ("a new marketing cookie", lambda: changed(cookies=[*[c.model_dump() for c in fixture_policy().cookies],
        {"name": "_ads_new", "category": "marketing", "duration": "P30D"}]), ["marketing"]),
    ("an item's name", lambda: with_cookie("_ads", name="_ads2"), ["marketing"]),
    ("an item's storage", lambda: with_cookie("theme", storage="session_storage", duration="session"), ["preferences"]),
    ("an item's domain", lambda: with_cookie("_stats", domain=".elsewhere.example"), ["statistics"]),
    ("an item's party", lambda: with_cookie("_stats", party="third"), ["statistics"]),
    ("a longer duration", lambda: with_cookie("_stats", duration="P2Y"), ["statistics"]),
    ("third-party access", lambda: with_cookie("_stats", third_party_access=False), ["statistics"]),
    ("the provider's country", lambda: with_recipient("analytics", country="US"), ["statistics"]),
    ("the provider's entity", lambda: with_recipient("analytics", legal_entity="Other AB"), ["statistics"]),
    ("the purpose's legal basis", lambda: with_purpose("advertising", legal_basis="legitimate_interests",
        legitimate_interest={"sv": "Annonser."}), ["marketing"]),
    ("the purpose's DPV term", lambda: with_purpose("web_statistics", dpv="dpv:ServiceOptimisation"), ["statistics"]),
    ("a new category", lambda: changed(consent_categories=[*[c.model_dump() for c in
        fixture_policy().consent_categories], {"id": "social"}]), ["necessary"]),
    ("reconsent", lambda: changed(reconsent="2026-03-01"), ["necessary", "preferences", "statistics", "marketing"]),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change", "affected"), CHANGES, ids=[c[0] for c in CHANGES])
def test_a_consent_relevant_change_changes_only_its_categorys_revision(
    what: str, change: Callable[[], Policy], affected: list[str]
) -> None:
    assert which_changed(change()) == affected


KEPT: list[tuple[str, Callable[[], Policy]]] = [
    ("an item's description", lambda: with_cookie("_ads", description={"sv": "Andra ord."})),
    ("a purpose's text", lambda: with_purpose("advertising", description={"sv": "Visa annonser, sagt på nytt."})),
    ("a category's label", lambda: changed(consent_categories=[{**c.model_dump(), "label": {"sv": "Mätning"}}
        if c.id == "statistics" else c.model_dump() for c in fixture_policy().consent_categories])),
    ("a shorter duration than released", lambda: released(with_cookie("_stats", duration="P6M"))),
    ("the controller's e-mail", lambda: changed(controller={**fixture_policy().controller.model_dump(),
        "email": "ny@testbutiken.example"})),
    ("the policy's version", lambda: changed(policy={**fixture_policy().policy.model_dump(), "version": "9.9"})),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change"), KEPT, ids=[k[0] for k in KEPT])
def test_a_text_edit_or_a_shorter_life_keeps_every_revision(what: str, change: Callable[[], Policy]) -> None:
    assert which_changed(change()) == []


def test_a_duration_shortened_then_lengthened_again_asks_no_one_when_it_stays_within_a_release() -> None:
    """Visitors consented to 13 months (the released duration): 6 months, then 12, needs no new consent."""
    released = Release(version="3.1", date="2025-01-01", snapshot={"cookies": {"_stats": {"storage": "cookie",
        "duration": "P13M"}}})  # fmt: skip
    twelve = with_cookie("_stats", duration="P12M")
    twelve_with_history = Policy.model_validate({**twelve.model_dump(), "history": [released.model_dump()]})
    assert which_changed(twelve) == ["statistics"], "without the release, 12 months is not 13"
    assert which_changed(twelve_with_history) == []
