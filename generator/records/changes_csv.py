"""records/ropa-changes.csv: the policy's change log, one row per change (see `generator.records.changes`)."""

from __future__ import annotations

import csv
import io

from generator.i18n import N_, gettext_for
from generator.records.csv_file import BOM, spreadsheet_safe
from generator.records.document import RecordsDocument

CHANGES_CSV_PATH = "records/ropa-changes.csv"

CHANGE_COLUMNS = [N_("Policy version"), N_("Policy date"), N_("Section"), N_("Kind of change"), N_("Id"), N_("Change")]


def render_changes_csv(document: RecordsDocument) -> bytes:
    """ropa-changes.csv: one row per change, formulas neutralised like ropa.csv, UTF-8 with a BOM."""
    _ = gettext_for(document.language, "records")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_(column) for column in CHANGE_COLUMNS])
    for release in document.changes:
        for change in release.changes:
            cells = [release.version, release.date.isoformat(), change.section or "", change.kind, change.id or ""]
            writer.writerow([spreadsheet_safe(cell) for cell in [*cells, change.text]])
    return (BOM + buffer.getvalue()).encode("utf-8")
