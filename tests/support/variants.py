"""Variants of the bundled example for tests: copy it, change its YAML, build it in memory, read the outputs."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import yaml

from generator.build import render_site
from generator.checks.registry import check_policy
from generator.output import OutputFiles
from generator.sources.loading import load_policy
from tests.conftest import EXAMPLE
from tests.support.ropa import standalone_record

Sources = dict[str, Any]
"""The example's YAML files by name ('activities', 'controller', 'data', ...), as plain data."""


def variant(tmp_path: Path, edit: Callable[[Sources], None], base: Path = EXAMPLE) -> Path:
    """A copy of the example in `tmp_path/source`, with `edit` applied to its YAML files."""
    source = tmp_path / "source"
    shutil.copytree(base, source)
    files = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(source.glob("*.yaml"))}
    edit(files)
    for name, data in files.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        (source / f"{name}.yaml").write_text(text, encoding="utf-8")
    return source


def activity(sources: Sources, id_: str) -> dict[str, Any]:
    return next(a for a in sources["activities"]["activities"] if a["id"] == id_)


def purpose(sources: Sources, id_: str) -> dict[str, Any]:
    return next(p for a in sources["activities"]["activities"] for p in a.get("purposes", []) if p["id"] == id_)


def build_files(source: Path) -> OutputFiles:
    return render_site(load_policy(source).policy)


def rule_ids(source: Path) -> list[str]:
    return [f.rule for f in check_policy(load_policy(source).policy)]


def page_text(files: OutputFiles, language: str = "sv") -> str:
    """The visible text of the page, whitespace collapsed."""
    html = files["index.html" if language == "sv" else f"{language}/index.html"].decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", lambda m: "" if _inline(m.group(0)) else " ", html))
    return re.sub(r"\s+", " ", text)


def _inline(tag: str) -> bool:
    return re.match(r"</?(a|span|strong|em|code|time|abbr|small|b|i|bdi|wbr)\b", tag) is not None


def records_json(files: OutputFiles) -> dict[str, Any]:
    return json.loads(files["records/ropa.json"])


def record(files: OutputFiles, id_: str) -> dict[str, Any]:
    """A record of ropa.json with the shared facts it refers to (its controller, recipients …) resolved."""
    return standalone_record(records_json(files), id_)


def csv_rows(files: OutputFiles) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files["records/ropa.csv"].decode("utf-8-sig"))))


def csv_row(files: OutputFiles, id_: str) -> dict[str, str]:
    return next(r for r in csv_rows(files) if r["Id"] == id_)


def records_page_text(files: OutputFiles) -> str:
    html = files["records/index.html"].decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(bdi|wbr)\b[^>]*>", "", html)  # bidi isolation and break opportunities are not words
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\u2068", "").replace("\u2069", "")


def jsonld_text(files: OutputFiles) -> str:
    return files["records/ropa.jsonld"].decode()
