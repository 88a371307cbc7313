"""`policygen build` warns about a sentence the built page says twice, naming where.

The warning is found on the rendered page, so it catches a repetition whether it
comes from the owner's texts or from policygen's own; it is a warning like the
check's, printed with the others, and the exit code stays 0.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.variants import Sources, activity, variant

SENTENCE = {
    "sv": "Vi hjälper dig gärna med allt som rör din beställning.",
    "en": "We are glad to help with your order.",
}


def _same_description_twice(sources: Sources) -> None:
    for id_ in ("online_purchase", "customer_service"):
        records = {"sv": "Vi hjälper gärna kunden med allt som rör beställningen.", "en": "We help with the order."}
        activity(sources, id_)["description"] = {**SENTENCE, "records": records}  # the register's own (L-ROPA-1)


def test_a_sentence_said_in_two_activities_is_a_warning_naming_both(tmp_path: Path) -> None:
    source = variant(tmp_path, _same_description_twice)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(source), "--out", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    line = next(line for line in output.splitlines() if SENTENCE["sv"] in line)
    assert "warning: [W-PAGE-1] index.html says" in line and "2 times" in line
    assert "“Köp i webbutiken”" in line and "“Kundservice”" in line
    assert (tmp_path / "dist" / "index.html").exists()


def test_policygens_own_statements_are_never_the_repeated_ones(tmp_path: Path) -> None:
    """Staff access and 'no automated decisions' are said once for the page, not once per activity."""
    source = variant(tmp_path, lambda s: None)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(source), "--out", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    warnings = [line for line in result.stdout.splitlines() if "[W-PAGE-1]" in line]
    for own in ("Bara de anställda", "Vi fattar inga beslut", "Only staff who need", "We make no decisions"):
        assert not any(f"says “{own}" in line for line in warnings), own
