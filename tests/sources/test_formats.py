"""Source format versions: `format: 2`, format 1 still loading, `policygen migrate`, and bad input in the fields
format 2 adds, each refused with file:line:col, a hint and exit 2 (docs/source-format.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.sources.loading import load_policy
from tests.conftest import REPO
from tests.support.format2 import format2_source, write_source

EXAMPLE_2019 = REPO / "policy_src" / "jiji-boutique-2019"
MINIMAL = """\
site:
  base_url: https://shop.example.se/
policy:
  version: "1"
  last_updated: 2024-01-15
controller:
  name: Exempelbutiken
"""
JOINT_V1 = """\
  joint_controllers:
    - name: Partner AB
      email: info@partner.se
      responsibilities: Vi svarar på frågor.
"""


def source(tmp_path: Path, text: str) -> Path:
    (tmp_path / "policy.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Exit 2 and no traceback: the report the owner sees."""
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_a_source_without_format_is_format_1_and_format_2_is_read(tmp_path: Path) -> None:
    assert load_policy(source(tmp_path, MINIMAL)).policy.format == 1
    assert load_policy(source(tmp_path, "format: 2\n" + MINIMAL)).policy.format == 2


def test_the_bundled_example_is_format_2_and_the_2019_example_format_1() -> None:
    assert load_policy(REPO / "policy_src" / "jiji-boutique").policy.format == 2
    assert load_policy(EXAMPLE_2019).policy.format == 1


def test_the_2019_example_still_loads_and_fails_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE_2019)]) == 1
    assert "error(s)" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["3", "two", "1.5"])
def test_an_unknown_format_is_refused_with_its_place(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(source(tmp_path, f"format: {value}\n" + MINIMAL), capsys)
    assert f"policy.yaml:1:9: error: '{value}' is not a source format this version of policygen reads" in err
    assert "write 'format: 2'" in err


def test_format_1_joint_controllers_still_load(tmp_path: Path) -> None:
    policy = load_policy(source(tmp_path, MINIMAL + JOINT_V1)).policy
    assert [p.name for p in policy.controller.joint_controllers] == ["Partner AB"]


def test_format_2_refuses_joint_controllers_and_says_how_to_migrate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(source(tmp_path, "format: 2\n" + MINIMAL + JOINT_V1), capsys)
    assert "policy.yaml:10:5: error: 'joint_controllers' is format 1" in err
    assert "'role: joint_controller' and 'arrangement: {essence: …, url: …}'" in err


def test_format_2_refuses_a_recipient_name_and_says_how_to_split_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "format: 2\n"
        + MINIMAL
        + (
            "recipients:\n  - id: analytics\n    label: Analys\n    role: processor\n"
            "    name: Google Ireland Limited (Google Analytics)\n"
        )
    )
    err = refused(source(tmp_path, text), capsys)
    assert "policy.yaml:13:11: error: recipient 'analytics': 'name' is format 1" in err
    assert "'legal_entity: …'" in err and "'product: …'" in err


# --- policygen migrate ---------------------------------------------------------------------------


def test_migrate_adds_the_format_keeping_comments_and_the_2019_example_fails_check_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "jiji-2019"
    shutil.copytree(EXAMPLE_2019, folder)
    assert main(["check", str(folder), "--format", "json"]) == 1
    before = capsys.readouterr().out
    original = (folder / "site.yaml").read_text(encoding="utf-8")

    assert main(["migrate", str(folder)]) == 0
    migrated = (folder / "site.yaml").read_text(encoding="utf-8")
    assert migrated.startswith(original.split("site:")[0])  # the comments above stay
    assert "\nformat: 2\n\nsite:\n" in migrated
    assert migrated.replace("# The version of the source format (docs/source-format.md).\nformat: 2\n\n", "") == (
        original
    )
    assert load_policy(folder).policy.format == 2
    capsys.readouterr()
    assert main(["check", str(folder), "--format", "json"]) == 1
    assert capsys.readouterr().out == before.replace(str(EXAMPLE_2019), str(folder))

    assert main(["migrate", str(folder)]) == 0
    assert "already format 2" in capsys.readouterr().out


def test_migrate_lists_what_to_rewrite_by_hand_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = source(tmp_path, MINIMAL + JOINT_V1)
    before = (folder / "policy.yaml").read_text(encoding="utf-8")
    assert main(["migrate", str(folder)]) == 2
    assert "policy.yaml:9:5: error: 'joint_controllers' is format 1" in capsys.readouterr().err
    assert (folder / "policy.yaml").read_text(encoding="utf-8") == before


# --- bad input in the new fields -----------------------------------------------------------------


def _with(change: dict[str, object], target: str = "analytics") -> dict[str, object]:
    data = format2_source()
    recipient = next(r for r in data["recipients"] if r["id"] == target)
    recipient.update(change)
    return data


BAD = [
    ("established_in", _with({"established_in": "Irland"}), "'Irland' is not valid for 'established_in'"),
    (
        "onward country",
        _with({"onward_transfers": [{"to": "Google LLC", "country": "USA"}]}),
        "'USA' is not valid for 'country'",
    ),
    ("onward without to", _with({"onward_transfers": [{"country": "US"}]}), "missing required field 'to'"),
    (
        "onward mechanism",
        _with({"onward_transfers": [{"to": "Google LLC", "country": "US", "mechanism": "dpf"}]}),
        "'dpf' is not a valid value for 'mechanism'",
    ),
    (
        "decision_url",
        _with({"onward_transfers": [{"to": "Google LLC", "country": "US", "decision_url": "eur-lex.europa.eu"}]}),
        "'eur-lex.europa.eu' is not valid for 'decision_url'",
    ),
    ("privacy_notice", _with({"privacy_notice": "www.google.com"}), "'www.google.com' is not valid for 'privacy_"),
    (
        "arrangement without essence",
        _with({"arrangement": {"url": "https://x.se/a"}}, "club_partner"),
        "missing required field 'essence'",
    ),
    ("arrangement key", _with({"arrangement": {"essense": "x"}}, "club_partner"), "did you mean 'essence'?"),
]


@pytest.mark.parametrize(("name", "data", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_in_a_new_field_has_its_place_and_a_hint(
    name: str, data: dict[str, object], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(write_source(tmp_path, data), capsys)
    assert words in err
    assert f"{tmp_path.name}/policy.yaml:" in err or "policy.yaml:" in err
    line = next(line for line in err.splitlines() if words in line)
    assert line.split(": error: ")[0].count(":") >= 2  # file:line:col


def test_a_bad_cookie_domain_has_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = format2_source()
    data["cookies"][-1]["domain"] = "Facebook.com/x"
    err = refused(write_source(tmp_path, data), capsys)
    assert "'Facebook.com/x' is not valid for 'domain'" in err and "e.g. .facebook.com" in err
