"""Figures and tables of `make bench`: medians, p90, ratios, and the same table as text and as Markdown."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Table:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    note: str = ""

    def add(self, *cells: object) -> None:
        self.rows.append(tuple(str(cell) for cell in cells))


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def p90(values: Sequence[float]) -> float:
    """The 90th percentile, nearest rank (with 10 loads: the second slowest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def ratio(ours: float, theirs: float) -> str:
    """'0.29×'; '–' when either figure is missing or theirs is 0."""
    if math.isnan(ours) or math.isnan(theirs) or theirs == 0:
        return "–"
    return f"{ours / theirs:.2f}×"


def ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def seconds(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f} s"


def num_bytes(value: float) -> str:
    if math.isnan(value):
        return "–"
    if value >= 10_000_000:
        return f"{value / 1_000_000:,.1f} MB"
    return f"{value:,.0f} B"


def spread(values: Sequence[float], unit: str = "ms") -> str:
    """'median (p90)' of loads."""
    show = ms if unit == "ms" else num_bytes
    return f"{show(median(values))} ({show(p90(values))})"


def text_table(table: Table) -> str:
    """A table for the terminal: first column left, the others right-aligned."""
    columns = list(zip(table.header, *table.rows, strict=True))
    widths = [max(len(cell) for cell in column) for column in columns]
    line = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    out = [table.title, line.format(*table.header), "  ".join("-" * w for w in widths)]
    out += [line.format(*row) for row in table.rows]
    if table.note:
        out.append(table.note)
    return "\n".join(out)


def markdown_table(table: Table) -> str:
    """The same table in GitHub Markdown, '|' in cells escaped."""

    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    align = ["---"] + ["---:"] * (len(table.header) - 1)
    out = [f"## {table.title}", "", row(table.header), row(align), *(row(r) for r in table.rows)]
    if table.note:
        out += ["", table.note]
    return "\n".join(out)


def results_markdown(tables: Sequence[Table], preamble: str) -> str:
    """bench/results.md: the preamble (date, machine, rounds), then every table."""
    return "\n\n".join([f"# `make bench` results\n\n{preamble}", *(markdown_table(t) for t in tables)]) + "\n"
