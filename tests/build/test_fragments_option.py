"""`policygen build` writes the fragments (the page's content alone, for Hugo and Eleventy) only with --fragments.

A fragment is a second copy of its page: for a policy of 10,000 cookies, 15 MB that a site by hand never
uses (docs/decisions.md). The MkDocs plugin renders them itself (tests/integrations/test_mkdocs*.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE

FRAGMENT_FILES = {"fragment.html", "en/fragment.html", "assets/fragment.css"}


def written(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_a_plain_build_writes_no_fragment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    files = written(out)
    assert {"index.html", "en/index.html", "snippet.html", "consent/config.json"} <= files
    assert not files & FRAGMENT_FILES
    assert "fragment.html" not in capsys.readouterr().out  # the summary lists what was written


def test_fragments_are_written_when_asked_and_removed_when_no_longer_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out), "--fragments"]) == 0
    assert written(out) >= FRAGMENT_FILES
    fragment = (out / "fragment.html").read_text(encoding="utf-8")
    assert 'class="policygen-page"' in fragment and "<html" not in fragment
    assert "fragment.html" in capsys.readouterr().out

    # policygen's own files that a build no longer writes are removed; the page stays.
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    assert not written(out) & FRAGMENT_FILES
    assert (out / "index.html").is_file()
