"""The data-flow picture of the records page: data categories → activities → recipients.

Laid out at build time into plain numbers (boxes and curves), so the page
carries a static inline SVG: no script draws it, and the same records give the
same picture byte for byte. Three columns; each column's boxes are spread over
the height of the tallest column; a long label wraps onto several lines.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generator.records.document import RecordsDocument

COLUMN_WIDTH = 230
COLUMN_GAP = 110
LINE_HEIGHT = 16
PADDING = 8
BOX_GAP = 10
CHARACTERS_PER_LINE = 30
MARGIN = 2


@dataclass(frozen=True)
class FlowBox:
    key: str
    kind: str  # "category", "activity" or "recipient"
    lines: tuple[str, ...]
    x: int
    y: int
    width: int
    height: int

    def line_positions(self) -> list[tuple[int, str]]:
        """(baseline y, text) of each label line."""
        top = self.y + PADDING + LINE_HEIGHT - 4
        return [(top + i * LINE_HEIGHT, line) for i, line in enumerate(self.lines)]


@dataclass(frozen=True)
class FlowEdge:
    path: str  # the SVG path data: a cubic curve from one box's right side to the next box's left side
    kind: str  # "collects" (category → activity) or "discloses" (activity → recipient)


@dataclass(frozen=True)
class FlowDiagram:
    width: int
    height: int
    boxes: tuple[FlowBox, ...]
    edges: tuple[FlowEdge, ...]
    column_titles: tuple[tuple[int, str], ...]  # (x of the column's centre, title)


def layout_flow(document: RecordsDocument, titles: tuple[str, str, str]) -> FlowDiagram:
    """Boxes for every data category, activity and recipient of the records, in order of first appearance."""
    categories: dict[str, str] = {}
    recipients: dict[str, str] = {}
    for record in document.records:
        for category in record.data_categories:
            categories.setdefault(category.id, category.label)
        for recipient in record.recipients:
            recipients.setdefault(recipient.id, recipient.label)
    activities = {record.id: record.name for record in document.records}

    top = MARGIN + 2 * LINE_HEIGHT
    columns = [("category", categories), ("activity", activities), ("recipient", recipients)]
    wrapped = [[(key, _wrap(label)) for key, label in items.items()] for _, items in columns]
    heights = [sum(_box_height(lines) for _, lines in column) + BOX_GAP * (len(column) - 1) for column in wrapped]
    inner_height = max([*heights, LINE_HEIGHT])

    boxes: dict[tuple[str, str], FlowBox] = {}
    for index, ((kind, _items), column) in enumerate(zip(columns, wrapped, strict=True)):
        x = MARGIN + index * (COLUMN_WIDTH + COLUMN_GAP)
        # Spread the column's spare height evenly between its boxes (and above and below them).
        spare = inner_height - heights[index]
        gap = BOX_GAP + spare / (len(column) + 1) if column else 0
        y = top + (spare / (len(column) + 1) if column else 0)
        for key, lines in column:
            height = _box_height(lines)
            boxes[(kind, key)] = FlowBox(key, kind, lines, x, round(y), COLUMN_WIDTH, height)
            y += height + gap

    edges: list[FlowEdge] = []
    for record in document.records:
        activity = boxes[("activity", record.id)]
        for category in dict.fromkeys(c.id for c in record.data_categories):
            edges.append(FlowEdge(_curve(boxes[("category", category)], activity), "collects"))
        for recipient in dict.fromkeys(r.id for r in record.recipients):
            edges.append(FlowEdge(_curve(activity, boxes[("recipient", recipient)]), "discloses"))

    width = 2 * MARGIN + 3 * COLUMN_WIDTH + 2 * COLUMN_GAP
    column_titles = tuple(
        (MARGIN + i * (COLUMN_WIDTH + COLUMN_GAP) + COLUMN_WIDTH // 2, title) for i, title in enumerate(titles)
    )
    return FlowDiagram(
        width=width,
        height=top + inner_height + MARGIN,
        boxes=tuple(boxes.values()),
        edges=tuple(edges),
        column_titles=column_titles,
    )


def _wrap(label: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(label, CHARACTERS_PER_LINE, break_on_hyphens=False)) or ("",)


def _box_height(lines: tuple[str, ...]) -> int:
    return 2 * PADDING + LINE_HEIGHT * len(lines)


def _curve(source: FlowBox, target: FlowBox) -> str:
    x1, y1 = source.x + source.width, source.y + source.height // 2
    x2, y2 = target.x, target.y + target.height // 2
    middle = (x1 + x2) // 2
    return f"M{x1} {y1}C{middle} {y1} {middle} {y2} {x2} {y2}"
