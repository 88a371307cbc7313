"""The change log as readers see it: "Ändringar i policyn" on the page, and the records' log in every format."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html import unescape
from pathlib import Path

from generator.build import build
from tests.conftest import EXAMPLE


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def test_the_page_lists_each_release_newest_first_with_its_changes(built_example: Path) -> None:
    changes = _section((built_example / "index.html").read_text(encoding="utf-8"), "changes")
    text = _text(changes)

    assert "Ändringar i policyn" in text
    assert text.index("Version 2.0, 15 januari 2025") < text.index("Version 1.0, 10 november 2019")
    assert (  # the parts of the page to read again; the records keep each change
        "Vi har ändrat det vi säger om kakor, ändamål, personuppgifter, mottagare, "
        "överföringar utanför EU/EES och lagringstider." in text
    )
    assert "Den första publicerade versionen." in text


def test_the_english_page_tells_the_same_changes_in_english(built_example: Path) -> None:
    text = _text(_section((built_example / "en" / "index.html").read_text(encoding="utf-8"), "changes"))

    assert "Changes to the policy" in text
    assert "We have changed what we say about cookies, purposes," in text
    assert "The first published version." in text


def test_the_records_carry_the_same_log(built_example: Path) -> None:
    records = json.loads((built_example / "records" / "ropa.json").read_text(encoding="utf-8"))
    assert [(r["version"], r["date"]) for r in records["changes"]] == [("1.0", "2019-11-10"), ("2.0", "2025-01-15")]
    assert "Ny kaka eller annan lagrad uppgift: _ga." in [c["text"] for c in records["changes"][1]["changes"]]

    page = _text(_section((built_example / "records" / "index.html").read_text(encoding="utf-8"), "changes-title"))
    assert "Version 2.0 (2025-01-15)" in page
    assert "Ny mottagare av personuppgifter: Inkassobolag och köpare av obetalda fordringar." in page

    rows = list(csv.reader(io.StringIO((built_example / "records" / "ropa-changes.csv").read_text("utf-8-sig"))))
    assert rows[0] == ["Policyversion", "Policyns datum", "Avsnitt", "Typ av ändring", "Id", "Ändring"]
    assert ["2.0", "2025-01-15", "cookies", "added", "_ga", "Ny kaka eller annan lagrad uppgift: _ga."] in rows


def test_a_formula_in_the_change_log_is_neutralised(tmp_path: Path) -> None:
    source = shutil.copytree(EXAMPLE, tmp_path / "policy")
    release = source / "history" / "2.0.json"
    snapshot = json.loads(release.read_text(encoding="utf-8"))
    formula = {"sv": '=HYPERLINK("https://evil.example")', "en": "=1+1"}
    snapshot["changes"][0]["text"] = snapshot["changes"][0]["record_text"] = formula
    release.write_text(json.dumps(snapshot), encoding="utf-8")

    build(source, tmp_path / "dist")

    content = (tmp_path / "dist" / "records" / "ropa-changes.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in content


def test_a_text_in_a_release_is_escaped_on_the_page(tmp_path: Path) -> None:
    source = shutil.copytree(EXAMPLE, tmp_path / "policy")
    release = source / "history" / "2.0.json"
    snapshot = json.loads(release.read_text(encoding="utf-8"))
    snapshot["changes"] = [c | {"section": "unknown"} for c in snapshot["changes"]]  # told as released
    snapshot["summary"]["sv"][0] = "<script>alert(1)</script>"
    release.write_text(json.dumps(snapshot), encoding="utf-8")

    build(source, tmp_path / "dist")

    page = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_without_releases_there_is_no_change_log(tmp_path: Path) -> None:
    source = shutil.copytree(EXAMPLE, tmp_path / "policy", ignore=shutil.ignore_patterns("history"))
    build(source, tmp_path / "dist")

    assert 'id="changes"' not in (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "dist" / "records" / "ropa.json").read_text(encoding="utf-8"))["changes"] == []


def test_the_records_log_does_not_address_the_reader(built_example: Path) -> None:
    """The page's log quotes texts written to the visitor; the records' log names activities and ids instead."""
    records = json.loads((built_example / "records" / "ropa.json").read_text(encoding="utf-8"))
    texts = [change["text"] for release in records["changes"] for change in release["changes"]]
    texts.append((built_example / "records" / "ropa-changes.csv").read_text(encoding="utf-8-sig"))
    texts.append(_text(_section((built_example / "records" / "index.html").read_text("utf-8"), "changes-title")))
    for text in texts:
        assert not re.search(r"\b(du|dig|din|ditt|dina)\b", text, re.IGNORECASE), text
    assert "Nytt ändamål i ”Utveckling och förbättring”, med samtycke som rättslig grund: web_analytics." in texts
