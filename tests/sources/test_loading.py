"""Loading a site's sources: positions kept, and every broken source refused with its place and how to fix it.

The corpus `fixtures/broken/<case>/` holds one broken source per case. The
broken file says in its first line what the owner must see:
`# expect: 7:5 words` (or `<!-- expect: … -->` in Markdown) means exit code 2 and
`<file>:7:5: error:` followed, somewhere in the report, by `words`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import SourceErrors, display_path
from generator.sources.loading import load_policy
from tests.conftest import FIXTURES, REPO

BROKEN = FIXTURES / "broken"
EXAMPLE = REPO / "policy_src" / "jiji-boutique"
EXPECT = re.compile(rb"expect: (\d+):(\d+) (.+?)\s*(?:-->)?\s*$", re.MULTILINE)
MINIMAL = """\
site:
  base_url: https://shop.example.se/
policy:
  version: "1"
  last_updated: 2024-01-15
controller:
  name: Exempelbutiken
"""


def expectation(case: Path) -> tuple[Path, int, int, str]:
    """The broken file of a case and what it expects: line, column, words."""
    for path in sorted(case.iterdir()):
        match = EXPECT.search(path.read_bytes())
        if match:
            return path, int(match[1]), int(match[2]), match[3].decode("utf-8")
    raise AssertionError(f"no '# expect: line:col words' line in {case}")


CASES = sorted(p for p in BROKEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_broken_source_is_refused_with_its_place(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, line, column, words = expectation(case)
    assert main(["check", str(case)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{display_path(path)}:{line}:{column}: error: " in captured.err
    assert words in captured.err
    assert "Traceback" not in captured.err

    assert main(["build", str(case), "--out", str(tmp_path / "dist")]) == 2
    assert "nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "dist").exists()


def test_the_corpus_covers_every_kind_of_broken_source() -> None:
    names = {case.name for case in CASES}
    for kind in (
        "yaml_syntax",
        "tab_indentation",
        "unknown_key",
        "wrong_type",
        "missing_field",
        "duplicate_id",
        "duplicate_key",
        "top_level_key_twice",
        "dangling_recipient",
        "dangling_data_category",
        "dangling_purpose",
        "dangling_consent_category",
        "dangling_data_subject",
        "bad_duration",
        "bad_language",
        "empty_file",
        "non_utf8",
        "unknown_fragment",
        "two_documents",
    ):
        assert kind in names


def test_example_loads_with_positions() -> None:
    loaded = load_policy(EXAMPLE)
    assert [a.id for a in loaded.policy.activities][:2] == ["online_purchase", "direct_marketing"]
    position = loaded.source_map.position(("activities", 0, "purposes", 0, "legal_basis"))
    assert position is not None and position.file.name == "activities.yaml"
    assert position.source_line() is not None and "legal_basis: contract" in position.source_line()
    key = loaded.source_map.key_position(("controller",))
    assert key is not None and (key.file.name, key.column) == ("controller.yaml", 1)
    assert loaded.policy.prose.introduction is not None and loaded.policy.prose.introduction.en is not None


def test_scalars_stay_text_until_the_model_converts_them(tmp_path: Path) -> None:
    """YAML 1.1 would read `no` as false and 556000-0000 oddly; the loader leaves them to the model."""
    (tmp_path / "policy.yaml").write_text(
        MINIMAL.replace("  name: Exempelbutiken", "  name: no\n  org_number: 556000-0000\n  phone: 08-123 45 67"),
        encoding="utf-8",
    )
    controller = load_policy(tmp_path).policy.controller
    assert (controller.name, controller.org_number, controller.phone) == ("no", "556000-0000", "08-123 45 67")


def test_all_errors_are_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL.replace("last_updated: 2024-01-15", "last_updated: 15/1/2024"))
    (tmp_path / "b.yaml").write_text("cookies:\n  - name: cart\n    category: necessary\n    lifetime: P1D\n")
    (tmp_path / "c.yaml").write_text("data_categories: [\n")
    with pytest.raises(SourceErrors) as raised:
        load_policy(tmp_path)
    places = sorted((e.position.file.name, e.position.line) for e in raised.value.errors if e.position)
    assert places == [("a.yaml", 5), ("b.yaml", 4), ("c.yaml", 2)]


def test_a_zero_byte_file_is_empty(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(MINIMAL)
    (tmp_path / "extra.yaml").write_bytes(b"")
    with pytest.raises(SourceErrors) as raised:
        load_policy(tmp_path)
    [error] = raised.value.errors
    assert error.message == "the file is empty" and error.position is not None
    assert error.position.file.name == "extra.yaml"


def test_a_missing_folder_or_no_yaml_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert "no policy source folder" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2
    assert "no YAML files" in capsys.readouterr().err


def test_the_offending_line_is_shown_with_a_caret(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(BROKEN / "bad_legal_basis")])
    err = capsys.readouterr().err
    line = "            legal_basis: samtycke"  # indented by 4 under the message
    assert f"\n{line}\n" + " " * line.index("samtycke") + "^\n" in err


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_policy(tmp_path).policy.controller.name == "Exempelbutiken"


def test_a_comma_in_a_text_with_its_records_wording_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`{sv: Inte tillfällig, så registret förs., en: …}`: the comma ends the text, where `records:` is allowed too."""
    (tmp_path / "policy.yaml").write_text(
        MINIMAL + "  owner: {sv: Innehavaren, som driver butiken, en: The owner}\n", encoding="utf-8"
    )
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'som driver butiken'" in err and "put the text in quotes" in err
