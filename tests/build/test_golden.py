"""Every file the example's build writes is pinned: generated files by golden files, static files by their sources.

A change to any output shows up here as a diff. Run `make golden` (pytest --update-golden) when the change is
intended, and commit the golden files with the change that caused them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rcssmin

from generator.output import MANIFEST
from tests.conftest import GOLDEN_ROOT, REPO
from tests.support.golden import assert_matches_golden

GOLDEN = GOLDEN_ROOT / "example"

GENERATED = [
    "index.html",
    "en/index.html",
    "fragment.html",
    "en/fragment.html",
    "snippet.html",
    "consent/config.json",
    "records/ropa.json",
    "records/ropa.csv",
    "records/ropa-changes.csv",
    "records/ropa.jsonld",
    "records/index.html",
]
"""The files rendered from the model."""


def _minified_css(path: Path) -> bytes:
    return rcssmin.cssmin(path.read_text(encoding="utf-8"), keep_bang_comments=True).encode() + b"\n"


STATIC = {
    "consent/consent.js": lambda: (REPO / "consent_js" / "consent.min.js").read_bytes().rstrip(b"\n") + b"\n",
    "consent/consent.css": lambda: _minified_css(REPO / "consent_js" / "consent.css"),
    "assets/page.css": lambda: (REPO / "site_templates" / "assets" / "page.css").read_bytes(),
    "assets/fragment.css": lambda: (REPO / "site_templates" / "assets" / "fragment.css").read_bytes(),
    "records/records.css": lambda: (REPO / "site_templates" / "records" / "records.css").read_bytes(),
    "records/records.js": lambda: (REPO / "site_templates" / "records" / "records.js").read_bytes(),
    "records/ropa.schema.json": lambda: (REPO / "generator" / "records" / "ropa.schema.json").read_bytes(),
}
"""Files copied (or minified) from the repository, named with what they must equal.

consent.min.js is terser's output of consent.js (tests/banner/test_minified_banner.py).
"""


def test_the_build_writes_exactly_the_pinned_files(built_example: Path) -> None:
    written = sorted(p.relative_to(built_example).as_posix() for p in built_example.rglob("*") if p.is_file())
    assert written == sorted([*GENERATED, *STATIC, MANIFEST])


@pytest.mark.parametrize("path", GENERATED)
def test_a_generated_file_matches_its_golden_file(built_example: Path, update_golden: bool, path: str) -> None:
    assert_matches_golden((built_example / path).read_bytes(), GOLDEN / path, update_golden, path)


@pytest.mark.parametrize("path", sorted(STATIC))
def test_a_static_file_equals_its_source(built_example: Path, path: str) -> None:
    assert (built_example / path).read_bytes() == STATIC[path]()
