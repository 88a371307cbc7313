"""The shipped script is terser's output of the readable source, committed so a build needs no Node."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TERSER = ROOT / ".tools" / "node_modules" / "terser" / "bin" / "terser"


def test_committed_minified_banner_is_terser_output_of_the_source() -> None:
    """consent.min.js is current: if this fails, run `make banner` and commit consent_js/consent.min.js."""
    source = ROOT / "consent_js"
    minified = subprocess.run(
        ["node", str(TERSER), str(source / "consent.js"), "--config-file", str(source / "terser.json")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    committed = (source / "consent.min.js").read_text(encoding="utf-8")
    assert committed.rstrip("\n") == minified.rstrip("\n"), "consent.min.js is stale: run `make banner`"
