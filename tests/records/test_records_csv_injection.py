"""ropa.csv: a model text that a spreadsheet would read as a formula stays text, whatever hides its start."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from generator.records.render import export_records
from generator.sources.loading import load_policy
from tests.conftest import EXAMPLE

VARIANTS = [
    "=1+1",
    " =1+1",
    "  +1+1",
    "\t-1+1",
    " \t@SUM(A1)",
    "\u3000=1+1",  # ideographic space
    "\uff1d1+1",  # ＝
    "\uff0b1+1",  # ＋
    "\uff0d1+1",  # －
    "\uff20SUM(A1)",  # ＠
    " \uff1dHYPERLINK(1)",
]


@pytest.mark.parametrize("name", VARIANTS, ids=[repr(v) for v in VARIANTS])
def test_a_formula_like_activity_name_is_written_as_text(name: str, tmp_path: Path) -> None:
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    activities = source / "activities.yaml"
    text = activities.read_text(encoding="utf-8")
    quoted = '"' + name.replace("\\", "\\\\").replace("\t", "\\t").replace('"', '\\"') + '"'
    activities.write_text(text.replace("sv: Köp i webbutiken", f"sv: {quoted}", 1), encoding="utf-8")

    csv_bytes = export_records(load_policy(source).policy, "csv", "sv")

    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    cell = next(row[1] for row in rows if row[0] == "online_purchase")
    assert cell == "'" + name  # shown as the text it is, apostrophe hidden by the spreadsheet


def test_ordinary_texts_are_left_as_they_are(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(export_records(load_policy(EXAMPLE).policy, "csv", "sv").decode("utf-8-sig"))))
    assert not any(cell.startswith("'") for row in rows for cell in row)
