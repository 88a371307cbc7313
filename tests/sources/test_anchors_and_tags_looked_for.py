"""Aliases and tags are looked for, node by node, only in a text that may hold them (an `&` or a `!`).

The walk from nodes to data skips those checks for every other text (most policies); a text that has the
characters for another reason ("Q&A", "Välkommen!") is checked and reads the same either way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import SourceErrors
from generator.sources.loading import load_policy
from generator.sources.yaml_reader import _may_share_or_tag
from tests.conftest import EXAMPLE


def _copy_of_the_example(folder: Path) -> Path:
    shutil.copytree(EXAMPLE, folder)
    return folder


@pytest.mark.parametrize(("text", "may"), [("a: b\n", False), ("a: Q&A\n", True), ("a: Hej!\n", True)])
def test_only_an_ampersand_or_an_exclamation_mark_needs_the_checks(text: str, may: bool) -> None:
    assert _may_share_or_tag(text) is may


def test_a_file_read_with_the_checks_gives_the_same_data(tmp_path: Path) -> None:
    plain = _copy_of_the_example(tmp_path / "plain")
    checked = _copy_of_the_example(tmp_path / "checked")
    for name in ("site.yaml", "cookies.yaml"):
        assert not _may_share_or_tag((plain / name).read_text(encoding="utf-8"))
        text = (checked / name).read_text(encoding="utf-8") + "# Q&A, välkommen!\n"
        (checked / name).write_text(text, encoding="utf-8")
    assert load_policy(checked).policy == load_policy(plain).policy


def test_an_alias_and_a_tag_are_still_refused_where_they_are(tmp_path: Path) -> None:
    source = _copy_of_the_example(tmp_path / "src")
    (source / "extra.yaml").write_text("x: &a [1]\ny: *a\nz: !!int 3\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as refused:
        load_policy(source)
    messages = [f"{e.position.line}:{e.position.column} {e.message}" for e in refused.value.errors if e.position]
    assert "2:4 YAML aliases (*a) are not allowed" in messages
    assert "3:4 the YAML tag !!int is not allowed" in messages
