"""The walk over every text skips fields that can hold none, and still finds each text, in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.checks.base import TEXT_TYPE, walk_texts
from generator.sources.loading import load_policy
from tests.conftest import REPO

BUNDLED = sorted(p for p in (REPO / "policy_src").iterdir() if p.is_dir())


def every_text(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """The walk without shortcuts: every field of every model, every item of every list."""
    if isinstance(value, TEXT_TYPE):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, item in value.__dict__.items():
            yield from every_text(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from every_text(item, (*path, index))


@pytest.mark.parametrize("source", BUNDLED, ids=lambda p: p.name)
def test_every_text_of_each_bundled_policy_is_found_in_model_order(source: Path) -> None:
    policy = load_policy(source).policy
    expected = [(path, id(text)) for path, text in every_text(policy, ())]
    assert expected, "the policy has texts"
    assert [(path, id(text)) for path, text in walk_texts(policy, ())] == expected
