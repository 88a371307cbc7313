"""The bundled examples of Swedish small businesses: each passes `check --strict`, builds, and shows its features.

Each example exists to show some features of the model (docs/examples.md), so a test reads the loaded
Policy and asserts that the example really contains them. The Swedish page and the records of each
example are pinned by golden files under tests/golden/<name>/ (`--update-golden` writes them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.model import Policy
from generator.model.vocabulary import EEA_COUNTRIES
from generator.sources.loading import load_policy
from tests.conftest import GOLDEN_ROOT, REPO
from tests.support.golden import assert_matches_golden

EXAMPLES = ["butik-norrsken", "forening-skogsglantan", "salong-lunden"]
PINNED = ["index.html", "records/ropa.json"]


def source(name: str) -> Path:
    return REPO / "policy_src" / name


def policy(name: str) -> Policy:
    return load_policy(source(name)).policy


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_passes_strict_check(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--strict", str(source(name))])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert "No findings" in out.out


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_builds_and_matches_its_golden_files(
    name: str, tmp_path: Path, update_golden: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(source(name)), "--out", str(out)]) == 0, capsys.readouterr().err
    for path in PINNED:
        assert_matches_golden((out / path).read_bytes(), GOLDEN_ROOT / name / path, update_golden, f"{name}/{path}")


def test_the_shop_shows_cameras_credit_checks_third_party_cookies_and_recruitment() -> None:
    shop = policy("butik-norrsken")
    activities = {a.id: a for a in shop.activities}
    camera = [a for a in shop.activities if a.camera_surveillance is not None]
    assert camera and all(a.observed for a in camera)
    for activity in camera:
        assert all(p.legal_basis == "legitimate_interests" and p.balancing_test for p in activity.purposes)
    decisions = [d for a in shop.activities for d in a.automated_decisions or []]
    assert any(d.decided_by and d.contest for d in decisions)
    assert any(c.national_identity_number is not None for c in shop.data_categories)
    cookies = {c.name: c for c in shop.cookies}
    assert cookies["fr"].domain == ".facebook.com" and cookies["fr"].category == "marketing"
    assert cookies["_fbp"].domain is None and cookies["_fbp"].category == "marketing"
    assert cookies["YSC"].domain == ".youtube.com"
    assert any(a.informed_elsewhere is not None for a in shop.activities)
    recruitment = activities["recruitment"].purposes
    assert any(p.pre_contractual and p.legal_basis == "contract" for p in recruitment)
    assert any(p.legal_basis == "consent" and p.withdrawal for p in recruitment)
    assert shop.site.languages == ["sv", "en"]


def test_the_association_has_child_members_whose_data_a_guardian_gives() -> None:
    association = policy("forening-skogsglantan")
    children = {s.id for s in association.data_subjects if s.children}
    assert children
    for_children = [a for a in association.activities if children & set(a.data_subjects)]
    assert for_children
    assert any(
        p.children is not None and p.children.approach == "given_by_guardian" for a in for_children for p in a.purposes
    )
    photos = [p for a in association.activities for p in a.purposes if p.legal_basis == "consent"]
    assert photos and all(p.withdrawal for p in photos)


def test_the_salon_sends_bookings_outside_the_eea_with_a_transfer_mechanism() -> None:
    salon = policy("salong-lunden")
    outside = [r for r in salon.recipients if r.country not in EEA_COUNTRIES]
    assert outside and all(r.transfer is not None and r.transfer.mechanism for r in outside)
    assert all(r.established_in for r in outside)
    assert any(t.mechanism for r in outside for t in r.onward_transfers)
    assert any(c.dpv == "pd:TelephoneNumber" for c in salon.data_categories)
    assert any(p.id == "sms_reminders" for a in salon.activities for p in a.purposes)
    assert any(a.id == "reviews" for a in salon.activities)
