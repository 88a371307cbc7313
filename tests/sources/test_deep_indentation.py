"""A line that opens with 200 spaces or indicators sends the loader to the event stream, wherever it is."""

from __future__ import annotations

import pytest

from generator.sources.yaml_reader import _may_nest_deeply

DEEP = "- " * 100 + "x\n"


@pytest.mark.parametrize(
    "text", [DEEP, "a: 1\n" + DEEP, "a: 1\n" * 1_000 + " " * 200 + "b: 2\n", "a: 1\n" + "? " * 100 + "k\n"]
)
def test_a_deeply_indented_line_counts_first_or_later(text: str) -> None:
    assert _may_nest_deeply(text)


@pytest.mark.parametrize(
    "text", ["a: " + " " * 300 + "x\n", "a: 1\n" + " " * 199 + "b: 2\n", "a:\n" + "  - x\n" * 5_000]
)
def test_spaces_inside_a_line_or_a_shallow_indent_do_not(text: str) -> None:
    assert not _may_nest_deeply(text)
