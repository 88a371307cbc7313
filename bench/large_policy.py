"""Generate valid policies of any size, for the benchmark (growth with size)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import EXAMPLE


def write_large_policy(folder: Path, activities: int, cookies_per_activity: int = 10) -> Path:
    """A copy of the example with `activities` generated activities, each with its own cookies."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("site.yaml", "controller.yaml", "data.yaml"):
        (folder / name).write_bytes((EXAMPLE / name).read_bytes())
    for fragment in EXAMPLE.glob("*.md"):
        (folder / fragment.name).write_bytes(fragment.read_bytes())

    generated: list[dict[str, Any]] = []
    cookies: list[dict[str, Any]] = []
    for i in range(activities):
        generated.append(
            {
                "id": f"activity-{i}",
                "name": {"sv": f"Behandling {i}", "en": f"Processing {i}"},
                "purposes": [
                    {
                        "id": f"purpose-{i}",
                        "description": {"sv": f"Ändamål nummer {i}.", "en": f"Purpose number {i}."},
                        "legal_basis": "consent",
                        "dpv": "dpv:ServiceUsageAnalytics",
                    }
                ],
                "data_subjects": ["visitors"],
                "data_categories": ["click_history", "country"],
                "recipients": ["staff", "web_platform"],
                "provision": {
                    "requirement": "voluntary",
                    "obligatory": "false",
                    "consequence": {"sv": "Inga följder.", "en": "No consequences."},
                },
                "automated_decisions": [],
                "retention": {"period": "P13M"},
            }
        )
        for j in range(cookies_per_activity):
            cookies.append(
                {
                    "name": f"stat_{i}_{j}",
                    "category": "statistics",
                    "purpose": f"purpose-{i}",
                    "description": {"sv": "Statistik.", "en": "Statistics."},
                    "duration": "P13M",
                    "third_party_access": "false",
                }
            )
    header = "# yaml-language-server: $schema=../policy.schema.json\n"
    (folder / "activities.yaml").write_text(
        header + yaml.safe_dump({"activities": generated}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    categories = yaml.safe_load((EXAMPLE / "cookies.yaml").read_text(encoding="utf-8"))["consent_categories"]
    (folder / "cookies.yaml").write_text(
        header
        + yaml.safe_dump({"consent_categories": categories, "cookies": cookies}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return folder
