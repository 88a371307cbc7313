"""L-ROPA-1: a text the records show that speaks to the visitor needs the register's own wording.

The rule must be true for every business: it looks at exactly the texts the
records of processing show, no more (nothing is asked that the register would
not use) and no fewer. The first test checks that against the records as built,
by giving every text of a source a marker of its own.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from generator.checks.base import TEXT_TYPE
from generator.checks.records_wording import records_texts
from generator.cli import main
from generator.model import Policy
from generator.records.render import export_records
from generator.sources.loading import load_policy
from tests.conftest import FIXTURES, REPO

BASE = FIXTURES / "checks" / "base.yaml"
SOURCES = [*sorted(p.name for p in (REPO / "policy_src").iterdir() if p.is_dir()), "base.yaml", "rich"]


def _rich(source: dict[str, Any]) -> None:
    """The base with the texts no bundled example has, and some the records leave out."""
    orders, _newsletter, statistics, accounts = source["activities"]
    source["controller"]["joint_controllers"] = [{"name": "Partnern AB", "responsibilities": "Partnern svarar."}]
    source["controller"]["representative"] = {"name": "Ombudet", "email": "ombud@example.se"}
    source["supervisory_authority"] = {"name": "Tillsynsmyndigheten", "website": "https://www.imy.se/"}
    source["recipients"].append({"id": "unused", "label": "Oanvänd mottagare", "role": "internal"})
    source["recipients"].append(
        {
            "id": "partner",
            "label": "Partner",
            "role": "joint_controller",
            "country": "SE",
            "arrangement": {"essence": "Vi svarar för informationen."},
        }
    )
    orders["recipients"].append("partner")
    orders["description"] = "Köp i webbutiken."
    orders["impact_assessment"] = {"title": "Konsekvensbedömning", "date": "2024-01-15", "kept_at": "pärmen"}
    orders["purposes"][1]["withdrawal"] = "Ingen återkallelse, grunden är inte samtycke."
    orders["retention"]["by_category"] = [{"data_categories": ["credit"], "until": "tills fakturan är betald"}]
    statistics["retention"] = {"legal_rule": {"reference": "Lag (2000:1)", "description": "tio år"}}
    accounts["provision"]["duty"] = "Lagen (2000:2) 1 §"
    source["consent_categories"] = [
        {"id": "necessary", "required": True},
        {"id": "statistics", "label": "Statistik", "description": "Räknar besöken."},
        {"id": "marketing", "label": "Reklam", "description": "Visar annonser."},
    ]
    source["cookies"].append(
        {
            "name": "consent",
            "category": "necessary",
            "duration": "P6M",
            "third_party_access": False,
            "description": "Sparar ditt val.",
            "necessity_justification": "Bannern minns ditt val.",
        }
    )


def _source(name: str, tmp_path: Path) -> Path:
    if name not in ("base.yaml", "rich"):
        return REPO / "policy_src" / name
    if name == "rich":
        return _policy_with(tmp_path, _rich)
    folder = tmp_path / "base"
    folder.mkdir()
    shutil.copy(BASE, folder / "policy.yaml")
    return folder


def _marked(value: Any, path: tuple[Any, ...], markers: dict[tuple[Any, ...], str]) -> Any:
    """`value` with every text replaced by a marker of its own (the same in both languages, no records wording)."""
    if isinstance(value, TEXT_TYPE):
        markers[path] = marker = f"zq{len(markers)}qz"
        return TEXT_TYPE(sv=marker, en=marker if value.en is not None else None)
    if isinstance(value, BaseModel):
        update = {name: _marked(getattr(value, name), (*path, name), markers) for name in type(value).model_fields}
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [_marked(item, (*path, i), markers) for i, item in enumerate(value)]
    return value


@pytest.mark.parametrize("name", SOURCES)
def test_the_rule_looks_at_exactly_the_texts_the_records_show(name: str, tmp_path: Path) -> None:
    markers: dict[tuple[Any, ...], str] = {}
    policy: Policy = _marked(load_policy(_source(name, tmp_path)).policy, (), markers)
    records = "".join(
        export_records(policy, format_, language).decode("utf-8-sig").lower()
        for language, format_ in itertools.product(("sv", "en"), ("json", "csv", "jsonld", "html"))
    )
    shown = {path for path, marker in markers.items() if re.search(rf"\b{marker}\b", records)}
    looked_at = {path for path, _ in records_texts(policy)}
    assert sorted(looked_at - shown, key=str) == [], "the rule looks at texts the records do not show"
    assert sorted(shown - looked_at, key=str) == [], "the records show texts the rule does not look at"


def _policy_with(tmp_path: Path, edit: Any) -> Path:
    source = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    edit(source)
    folder = tmp_path / "policy"
    folder.mkdir()
    text = yaml.safe_dump(source, allow_unicode=True, sort_keys=False, width=10_000)
    (folder / "policy.yaml").write_text(text, encoding="utf-8")
    return folder


def _second_person_purpose(source: dict[str, Any]) -> None:
    source["activities"][0]["purposes"][0]["description"] = {
        "sv": "Hantera och leverera din beställning.",
        "en": "Handle and deliver your order.",
    }


def test_check_warns_about_a_record_text_that_says_du_with_its_place_and_the_form_to_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _policy_with(tmp_path, _second_person_purpose)
    assert main(["check", str(folder)]) == 0  # a warning: the policy is still lawful
    assert main(["check", str(folder), "--strict"]) == 1
    out = capsys.readouterr().out
    found = re.search(
        r"policy\.yaml:(\d+):(\d+): warning: \[L-ROPA-1\] description 'Hantera och leverera din "
        r"beställning\.' is also in the records of processing, and it speaks to the visitor "
        r"\('din', 'your'\)",
        out,
    )
    assert found, out
    line = (folder / "policy.yaml").read_text(encoding="utf-8").splitlines()[int(found.group(1)) - 1]
    assert "Hantera och leverera din beställning." in line  # the place is the Swedish text itself
    assert "fix: add records: {sv: …, en: …} to description, next to its sv and en" in out


def test_the_records_wording_clears_the_warning_and_a_page_only_text_is_never_asked_for_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def edit(source: dict[str, Any]) -> None:
        _second_person_purpose(source)
        source["activities"][0]["purposes"][0]["description"]["records"] = {
            "sv": "Hantera och leverera kundens beställning.",
            "en": "Handle and deliver the customer's order.",
        }
        source["rights"]["object"]["note"] = {"sv": "Du avregistrerar dig i varje utskick.", "en": "You can opt out."}

    assert main(["check", str(_policy_with(tmp_path, edit)), "--strict"]) == 0
    assert "L-ROPA-1" not in capsys.readouterr().out


def test_a_records_wording_without_english_is_asked_for_its_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def edit(source: dict[str, Any]) -> None:
        _second_person_purpose(source)
        source["activities"][0]["purposes"][0]["description"]["records"] = "Hantera och leverera kundens beställning."

    assert main(["check", str(_policy_with(tmp_path, edit)), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "[L-ROPA-1] description 'Hantera och leverera din beställning.'" in out and "('your')" in out
    assert "fix: add en to the records: wording of description" in out
