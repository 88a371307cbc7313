"""The W3C DPV 2.3 vocabulary, shipped with the package, so that a term in a source can be checked offline.

`dpv-2.3-terms.txt` (next to this module) lists every IRI that DPV 2.3 defines,
one a line; the source format writes terms as `dpv:Name` or `pd:Name`, so only
those two namespaces are read from it.
"""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

TERMS_FILE = Path(__file__).resolve().parent / "dpv-2.3-terms.txt"

_PREFIXES = {
    "https://w3id.org/dpv#": "dpv:",
    "https://w3id.org/dpv/pd#": "pd:",
}


@cache
def dpv_terms() -> frozenset[str]:
    """Every `dpv:` and `pd:` term of W3C DPV 2.3, in the source format's spelling."""
    terms = set()
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        for namespace, prefix in _PREFIXES.items():
            if line.startswith(namespace) and len(line) > len(namespace):
                terms.add(prefix + line[len(namespace) :])
    return frozenset(terms)


def closest_dpv_terms(term: str, prefix: str | None = None, count: int = 3) -> list[str]:
    """The known terms spelled most like `term` (in the same namespace when `prefix` is given), for a hint."""
    candidates = sorted(t for t in dpv_terms() if prefix is None or t.startswith(prefix))
    by_case = {t.lower(): t for t in candidates}
    if term.lower() in by_case:
        return [by_case[term.lower()]]
    return [by_case[m] for m in difflib.get_close_matches(term.lower(), list(by_case), n=count, cutoff=0.6)]
