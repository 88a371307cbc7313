"""`policygen diff OLD NEW`: each kind of change in words and JSON, exit 0 for none, 1 for changes, 2 on bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.conftest import EXAMPLE

Sources = dict[str, Any]
"""The example's YAML files by name, as data."""


def edited(tmp_path: Path, name: str, change: Callable[[Sources], None]) -> Path:
    """A copy of the example with `change` applied to its YAML (history/ left out: only the facts count)."""
    target = tmp_path / name
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("history"))
    files = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in target.glob("*.yaml")}
    change(files)
    for file_name, data in files.items():
        (target / file_name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def diff(capsys: pytest.CaptureFixture[str], old: Path | str, new: Path | str, *options: str) -> tuple[int, str]:
    code = main(["diff", str(old), str(new), *options])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def activity(files: Sources, activity_id: str) -> dict[str, Any]:
    return next(a for a in files["activities.yaml"]["activities"] if a["id"] == activity_id)


def recipient(files: Sources, recipient_id: str) -> dict[str, Any]:
    return next(r for r in files["data.yaml"]["recipients"] if r["id"] == recipient_id)


def add_purpose(files: Sources) -> None:
    activity(files, "customer_service")["purposes"].append(
        {
            "id": "satisfaction_survey",
            "description": {"sv": "Fråga dig vad du tyckte om vår service.", "en": "Ask you what you thought."},
            "legal_basis": "legitimate_interests",
            "legitimate_interest": {"sv": "Att förbättra vår kundservice."},
        }
    )


def add_recipient(files: Sources) -> None:
    files["data.yaml"]["recipients"].append(
        {"id": "survey_tool", "label": {"sv": "Enkätverktyg", "en": "Survey tool"}, "role": "processor"}
    )


def add_data_category(files: Sources) -> None:
    files["data.yaml"]["data_categories"].append({"id": "shoe_size", "label": {"sv": "Skostorlek", "en": "Shoe size"}})


def add_cookie(files: Sources) -> None:
    files["cookies.yaml"]["cookies"].append(
        {
            "name": "jiji_wishlist",
            "storage": "local_storage",
            "category": "recommendations",
            "duration": "until_cleared",
        }
    )


def add_consent_category(files: Sources) -> None:
    files["cookies.yaml"]["consent_categories"].append({"id": "marketing"})


def add_transfer(files: Sources) -> None:
    recipient(files, "logistics")["onward_transfers"] = [{"to": "Parcel Inc.", "country": "US", "mechanism": "scc"}]


CASES: list[tuple[str, Callable[[Sources], None], str, str, str]] = [
    (
        "purpose",
        add_purpose,
        "purposes",
        "Nytt ändamål, med berättigat intresse som rättslig grund: Fråga dig",
        "We no longer process personal data for this purpose: Ask you",
    ),
    (
        "recipient",
        add_recipient,
        "recipients",
        "Ny mottagare av personuppgifter: Enkätverktyg.",
        "This recipient no longer receives personal data: Survey tool.",
    ),
    (
        "data category",
        add_data_category,
        "data_categories",
        "Vi behandlar nu en ny kategori av personuppgifter: Skostorlek.",
        "We no longer process this category of personal data: Shoe size.",
    ),
    (
        "cookie",
        add_cookie,
        "cookies",
        "Ny kaka eller annan lagrad uppgift: jiji_wishlist.",
        "We no longer use jiji_wishlist.",
    ),
    (
        "consent category",
        add_consent_category,
        "consent_categories",
        "Ny kategori av kakor: Marknadsföring.",
        "The cookie category “Marketing” has been removed.",
    ),
    (
        "transfer",
        add_transfer,
        "transfers",
        "Ny överföring till ett land utanför EU/EES: till Parcel Inc. i USA – "
        "standardavtalsklausuler som Europeiska kommissionen har antagit",
        "Personal data is no longer transferred to Parcel Inc. in the United States.",
    ),
]


@pytest.mark.parametrize(("what", "change", "section", "added_sv", "removed_en"), CASES, ids=[c[0] for c in CASES])
def test_an_added_and_a_removed_item_are_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str, change: Callable[[Sources], None], section: str,
    added_sv: str, removed_en: str,
) -> None:  # fmt: skip
    old, new = edited(tmp_path, "old", lambda files: None), edited(tmp_path, "new", change)

    code, out = diff(capsys, old, new)
    assert code == 1
    assert f"- {added_sv}" in out, out
    assert out.count("\n- ") == 1, f"only the {what}: {out}"

    code, out = diff(capsys, new, old, "--lang", "en")
    assert code == 1
    assert f"- {removed_en}" in out, out

    code, out = diff(capsys, old, new, "--format", "json")
    changes = json.loads(out[out.index("{") :])["changes"]
    assert [(c["section"], c["kind"]) for c in changes] == [(section, "added")]


def test_a_changed_legal_basis_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(files: Sources) -> None:
        purpose = next(p for p in activity(files, "customer_service")["purposes"] if p["id"] == "service_for_questions")
        purpose["legal_basis"] = "consent"
        purpose.pop("legitimate_interest", None)
        purpose.pop("balancing_test", None)

    code, out = diff(capsys, edited(tmp_path, "old", lambda files: None), edited(tmp_path, "new", change))
    assert code == 1
    assert "- Den rättsliga grunden är nu samtycke i stället för berättigat intresse för det här ändamålet: " in out


def test_a_changed_retention_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(files: Sources) -> None:
        activity(files, "customer_service")["retention"]["period"] = "P2Y"

    code, out = diff(
        capsys, edited(tmp_path, "old", lambda files: None), edited(tmp_path, "new", change), "--lang", "en"
    )
    assert code == 1
    assert "- New retention for “Customer service”: 2 years from " in out, out
    assert "Before: 1 year from " in out


def test_a_changed_transfer_mechanism_is_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(files: Sources) -> None:
        onward = recipient(files, "analytics")["onward_transfers"][0]
        onward["mechanism"] = "scc"
        onward.pop("decision", None)

    code, out = diff(capsys, edited(tmp_path, "old", lambda files: None), edited(tmp_path, "new", change))
    assert code == 1
    told = "- Överföringen till Google LLC i USA grundar sig nu på standardavtalsklausuler som Europeiska kommissionen"
    assert told in out, out


def test_changed_controller_details_are_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(files: Sources) -> None:
        files["controller.yaml"]["controller"]["email"] = "integritet@jiji-boutique.se"

    code, out = diff(capsys, edited(tmp_path, "old", lambda files: None), edited(tmp_path, "new", change))
    assert code == 1
    assert (
        "- Vår uppgift om e-postadress har ändrats till integritet@jiji-boutique.se (tidigare info@jiji-boutique.se)."
        in out
    )


def test_identical_sources_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = diff(capsys, EXAMPLE, edited(tmp_path, "copy", lambda files: None))
    assert code == 0
    assert "Inga ändringar från version 2.0 (2025-01-15) till version 2.0 (2025-01-15)." in out


def test_a_text_edit_is_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(files: Sources) -> None:
        files["cookies.yaml"]["cookies"][0]["description"] = {"sv": "Samma kaka, andra ord."}

    code, _ = diff(capsys, EXAMPLE, edited(tmp_path, "copy", change))
    assert code == 0


def test_a_release_file_is_one_side(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = diff(capsys, EXAMPLE / "history" / "1.0.json", EXAMPLE)
    assert code == 1
    assert out.startswith("Ändringar från version 1.0 (2019-11-10) till version 2.0 (2025-01-15):")
    assert "- Ny kaka eller annan lagrad uppgift: _ga." in out


def test_a_source_in_git(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    repository = tmp_path / "repo"
    source = edited(repository, "policy", lambda files: None)

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.se", *args], cwd=repository, check=True,
                       capture_output=True)  # fmt: skip

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "v2.0")
    (source / "controller.yaml").write_text(
        (source / "controller.yaml").read_text(encoding="utf-8").replace("info@", "hej@"), encoding="utf-8"
    )
    monkeypatch.chdir(repository)

    code, out = diff(capsys, "git:HEAD:policy", "policy")
    assert code == 1
    assert "ändrats till hej@jiji-boutique.se (tidigare info@jiji-boutique.se)" in out

    code, out = diff(capsys, "git:HEAD:policy", "git:HEAD:policy")
    assert code == 0


@pytest.mark.parametrize(
    ("side", "message"),
    [
        ("git:--upload-pack=evil:policy", "is not git:REV:path"),
        ("git:HEAD", "is not git:REV:path"),
        ("git:HEAD:../outside", "the path must lie inside the repository"),
        ("git:no-such-branch:policy", "git knows no commit 'no-such-branch'"),
    ],
)
def test_a_bad_git_side_exits_2(capsys: pytest.CaptureFixture[str], side: str, message: str) -> None:
    code, out = diff(capsys, side, EXAMPLE)
    assert code == 2
    assert message in out
    assert "Traceback" not in out


def test_a_broken_source_exits_2_with_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = edited(tmp_path, "broken", lambda files: None)
    site = broken / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("version: '2.0'", "version: [2.0"), encoding="utf-8")

    code, out = diff(capsys, EXAMPLE, broken)
    assert code == 2
    assert "site.yaml:" in out and "error" in out


def test_a_longer_cookie_life_is_told_with_both_durations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(files: Sources) -> None:
        next(c for c in files["cookies.yaml"]["cookies"] if c["name"] == "_ga")["duration"] = "P2Y"

    code, out = diff(capsys, edited(tmp_path, "old", lambda files: None), edited(tmp_path, "new", change))
    assert code == 1
    assert "- _ga sparas nu i 2 år (tidigare 13 månader)." in out, out
