"""What `policygen check` (and `policygen scan`) report: findings with their rule and place."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator.errors import MAX_ERRORS_PER_FILE, SourcePosition, display_path
from generator.sources.source_map import Path_, SourceMap


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Finding:
    """One gap or inconsistency in a policy, tied to a rule and an article."""

    rule: str
    """Rule id, e.g. L-RET-1 (see docs/checks.md)."""
    severity: Severity
    article: str
    """What the rule rests on, e.g. 'GDPR Art. 13(2)(a)'."""
    message: str
    fix: str
    path: Path_ = ()
    """Where in the sources, as a path of keys and indexes."""


@dataclass(frozen=True)
class PlacedFinding:
    finding: Finding
    position: SourcePosition | None


def place(findings: list[Finding], source_map: SourceMap) -> list[PlacedFinding]:
    """Attach source positions and sort by severity, file and line."""
    placed = [PlacedFinding(f, source_map.position(f.path)) for f in findings]

    def order(p: PlacedFinding) -> tuple[Any, ...]:
        pos = p.position
        return (
            p.finding.severity != Severity.error,
            str(pos.file) if pos else "",
            pos.line if pos else 0,
            pos.column if pos else 0,
            p.finding.rule,
        )

    return sorted(placed, key=order)


def format_text(placed: list[PlacedFinding]) -> str:
    """Readable report, grouped by severity, one block per finding."""
    if not placed:
        return "No findings: the policy is complete and consistent."
    lines: list[str] = []
    for severity, title in ((Severity.error, "Errors"), (Severity.warning, "Warnings")):
        group = [p for p in placed if p.finding.severity == severity]
        if not group:
            continue
        lines.append(f"{title} ({len(group)}):")
        # At most MAX_ERRORS_PER_FILE per file, then their count: 20,000 findings are not read (JSON has them all).
        shown: Counter[str | None] = Counter()
        files: dict[Path, str] = {}
        for p in group:
            file = _displayed(p.position.file, files) if p.position else None
            shown[file] += 1
            if shown[file] > MAX_ERRORS_PER_FILE:
                continue
            f = p.finding
            where = f"{p.position}: " if p.position else ""
            lines.append(f"  {where}{severity.value}: [{f.rule}] {f.message}")
            lines.append(f"      rests on: {f.article}")
            lines.append(f"      fix: {f.fix}")
        for file, count in shown.items():
            if count > MAX_ERRORS_PER_FILE:
                where = f" in {file}" if file is not None else ""
                lines.append(f"  … and {count - MAX_ERRORS_PER_FILE:,} more {severity.value}s{where}")
        lines.append("")
    errors = sum(p.finding.severity == Severity.error for p in placed)
    warnings = len(placed) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s).")
    return "\n".join(lines)


def _displayed(file: Path, known: dict[Path, str]) -> str:
    """`display_path` once per file: a policy of 10,000 activities has 10,000 findings in a handful of files."""
    shown = known.get(file)
    if shown is None:
        shown = known[file] = display_path(file)
    return shown


def format_json(placed: list[PlacedFinding]) -> str:
    items = []
    for p in placed:
        f = p.finding
        items.append(
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "article": f.article,
                "message": f.message,
                "fix": f.fix,
                "path": ".".join(str(s) for s in f.path),
                "file": str(p.position.file) if p.position else None,
                "line": p.position.line if p.position else None,
                "column": p.position.column if p.position else None,
            }
        )
    errors = sum(p.finding.severity == Severity.error for p in placed)
    return json.dumps(
        {"findings": items, "summary": {"errors": errors, "warnings": len(placed) - errors}},
        ensure_ascii=False,
        indent=2,
    )
