"""The scan's report: readable text for a person, JSON for CI (its structure is documented in docs/scan.md)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from generator.checks.findings import Severity
from generator.model import Policy
from generator.scan.findings import ItemSummary, ScanFinding, summarize_items
from generator.scan.observations import Phase, Run, ScanRecord, Sighting, is_same_site
from generator.texts.cookies import declared_cookies

JSON_FORMAT_VERSION = 1
SIGHTINGS_SHOWN = 3
"""Places listed per finding in the text report; JSON lists them all."""

KIND_NAMES = {"cookie": "cookie", "local_storage": "localStorage", "session_storage": "sessionStorage"}


def format_text(
    record: ScanRecord, findings: list[ScanFinding], policy: Policy, source: str, suggestions: list[str] | None = None
) -> str:
    lines = [
        f"Scanned {record.start_url} against {source}: {_pages(len(record.pages))} × {_runs(record)} "
        f"({', '.join(run.label for run in record.runs)}) in {record.seconds:.1f} s.",
        "",
    ]
    for severity, title in ((Severity.error, "Errors"), (Severity.warning, "Warnings")):
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        lines.append(f"{title} ({len(group)}):")
        for finding in group:
            lines.append(f"  {severity.value}: [{finding.rule}] {finding.message}")
            for number, sighting in enumerate(finding.seen[:SIGHTINGS_SHOWN]):
                lines.append(f"      {'seen:' if number == 0 else '     '} {sighting.describe()}")
            if len(finding.seen) > SIGHTINGS_SHOWN:
                lines.append(f"            … and {len(finding.seen) - SIGHTINGS_SHOWN} more")
            lines.append(f"      rests on: {finding.rests_on}")
            lines.append(f"      fix: {finding.fix}")
        lines.append("")
    lines += _inventory_text(record, policy)
    lines += _not_reached_text(record)
    errors = sum(f.severity == Severity.error for f in findings)
    warnings = len(findings) - errors
    verdict = "the site does what its policy says." if errors == 0 else "the site differs from its policy."
    lines.append(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}: {verdict}")
    if suggestions is not None:
        lines += _suggestions_text(suggestions)
    return "\n".join(lines)


def _suggestions_text(suggestions: list[str]) -> list[str]:
    """`--suggest`: each snippet after the verdict, so the report above it reads as before."""
    if not suggestions:
        return ["", "Suggestions: none, the policy declares every item the browser held."]
    lines = [
        "",
        f"Suggestions ({len(suggestions)}): YAML for each undeclared item. Add it to the source (under an "
        "existing 'cookies:' or 'uses:', its entries only), fill in what the comments ask, run policygen check.",
    ]
    for snippet in suggestions:
        lines += ["", snippet]
    return lines


def _inventory_text(record: ScanRecord, policy: Policy) -> list[str]:
    """What the browser held, item by item, and in which phases: the evidence behind the findings."""
    summaries = summarize_items(record, declared_cookies(policy))
    lines = ["Seen in the browser:"]
    if not summaries:
        lines.append("  nothing")
    width = max((len(KIND_NAMES[s.item.kind.value]) + len(s.item.name) + 1 for s in summaries), default=0)
    for summary in summaries:
        label = f"{KIND_NAMES[summary.item.kind.value]} {summary.item.name}".ljust(width)
        category = summary.declaration.category if summary.declaration else "UNDECLARED"
        phases = ", ".join(p.label for p in summary.phases)
        lines.append(f"  {label}  {category:<12} {phases}")
    hosts = _requests_by_host(record, policy)
    lines += ["", "Requests to other hosts:"]
    if not hosts:
        lines.append("  none")
    width = max((len(host) for host in hosts), default=0)
    for host, phases in hosts.items():
        lines.append(f"  {host.ljust(width)}  {', '.join(p.label for p in phases)}")
    lines.append("")
    return lines


def _runs(record: ScanRecord) -> str:
    """'4 runs', or '1 run' with the reason: a policy without an optional category has no banner to use."""
    if len(record.runs) == 1:
        return "1 run (the policy offers no choice, so there is no banner to accept or reject)"
    return f"{len(record.runs)} runs"


def _not_reached_text(record: ScanRecord) -> list[str]:
    """The pages the scan owes: listed in full, so that nobody reads a partial scan as a clean one."""
    if not record.not_reached:
        return []
    lines = ["Pages not reached:"]
    for page, runs in _not_reached(record):
        which = "every run" if len(runs) == len(record.runs) else " · ".join(run.label for run in runs)
        lines.append(f"  {page}  ({which})")
    lines.append("")
    return lines


def _not_reached(record: ScanRecord) -> list[tuple[str, list[Run]]]:
    """In the order the scan would have visited them (found pages, then links), runs in their order."""
    return [(page, [run for run in Run if run in runs]) for page, runs in record.not_reached.items()]


def format_json(
    record: ScanRecord, findings: list[ScanFinding], policy: Policy, source: str, suggestions: list[str] | None = None
) -> str:
    summaries = summarize_items(record, declared_cookies(policy))
    errors = sum(f.severity == Severity.error for f in findings)
    document: dict[str, Any] = {
        "format": JSON_FORMAT_VERSION,
        "url": record.start_url,
        "source": source,
        "runs": [run.value for run in record.runs],
        "pages": record.pages,
        "findings": [_finding_json(f) for f in findings],
        "items": [_item_json(s) for s in summaries],
        "requests": [
            {"host": host, "phases": [p.value for p in phases]}
            for host, phases in _requests_by_host(record, policy).items()
        ],
        "not_reached": [{"page": page, "runs": [run.value for run in runs]} for page, runs in _not_reached(record)],
        "summary": {
            "pages": len(record.pages),
            "errors": errors,
            "warnings": len(findings) - errors,
            "seconds": round(record.seconds, 1),
            "deadline_reached": record.deadline is not None,
        },
    }
    if suggestions is not None:
        document["suggestions"] = suggestions
    return json.dumps(document, ensure_ascii=False, indent=2)


def _finding_json(finding: ScanFinding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": finding.fix,
        "rests_on": finding.rests_on,
        "seen": [_sighting_json(s) for s in finding.seen],
    }


def _sighting_json(sighting: Sighting) -> dict[str, str]:
    return {"run": sighting.run.value, "phase": sighting.phase.value, "page": sighting.page}


def _item_json(summary: ItemSummary) -> dict[str, Any]:
    item = summary.item
    return {
        "kind": item.kind.value,
        "name": item.name,
        "domain": item.domain,
        "path": item.path or None,
        "http_only": item.http_only,
        "third_party": item.third_party,
        "lifetime_seconds": summary.longest_lifetime,
        "declared_as": summary.declaration.name if summary.declaration else None,
        "category": summary.declaration.category if summary.declaration else None,
        "phases": [p.value for p in summary.phases],
    }


def _requests_by_host(record: ScanRecord, policy: Policy) -> dict[str, list[Phase]]:
    """Third-party hosts the pages called, sorted, with the phases in which they were called."""
    shared = (policy.site.cookie_domain,) if policy.site.cookie_domain else ()
    phases: dict[str, set[Phase]] = defaultdict(set)
    for request in record.requests:
        if not is_same_site(request.host, record.site_host, shared):
            phases[request.host].add(request.sighting.phase)
    return {host: [p for p in Phase if p in phases[host]] for host in sorted(phases)}


def _pages(count: int) -> str:
    return _count(count, "page")


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
