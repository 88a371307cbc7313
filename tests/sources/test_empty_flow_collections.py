"""Empty `[]` and `{}` open no nesting level: thousands of them keep the loader on its fast path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.sources.loading import load_policy
from generator.sources.yaml_reader import _may_nest_deeply
from tests.conftest import EXAMPLE


def test_thousands_of_empty_lists_do_not_count_as_deep_nesting() -> None:
    # A generated policy of 10,000 activities writes `automated_decisions: []` 10,000 times.
    assert not _may_nest_deeply("a:\n" + "- x: []\n  y: {}\n" * 10_000)


@pytest.mark.parametrize("text", ["x: " + "[" * 5_000 + "]" * 5_000, "x: " + "[[]" * 5_000 + "]" * 5_000])
def test_brackets_that_stay_open_still_do(text: str) -> None:
    assert _may_nest_deeply(text)


def test_a_policy_with_many_empty_lists_loads(tmp_path: Path) -> None:
    for file in EXAMPLE.iterdir():
        if file.is_file():
            (tmp_path / file.name).write_bytes(file.read_bytes())
    data = tmp_path / "data.yaml"
    # 5,000 empty flow lists (here in comments): more than the 4,000 openers that once forced the slow path.
    data.write_text(data.read_text(encoding="utf-8") + "# []\n" * 5_000, encoding="utf-8")
    assert load_policy(tmp_path).policy.site.base_url
