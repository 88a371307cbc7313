"""Golden files: long outputs pinned byte for byte, rewritten with `pytest --update-golden` (`make golden`)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest


def assert_matches_golden(content: bytes, golden: Path, update: bool, label: str) -> None:
    """`content` equals the file `golden`; with `update`, the file is rewritten first."""
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(content)
    assert golden.is_file(), f"no golden file {golden}: run `make golden`"
    expected = golden.read_bytes()
    if content != expected:
        diff = difflib.unified_diff(
            expected.decode().splitlines(True), content.decode().splitlines(True), str(golden), "built"
        )
        pytest.fail(f"{label} differs from its golden file (run `make golden` if intended):\n{''.join(diff)[:6000]}")
