"""The page's change log groups a version's changes into one sentence per kind; the records keep each change."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build import build
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("summary") / "dist"
    build(EXAMPLE, out)
    return out


def _version_items(html: str, version: str) -> list[str]:
    start = html.index('id="changes"')
    section = html[start : html.index("</section>", start)]
    block = section[section.index(f"Version {version},") :]
    block = block[: block.index("</ul>")]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_the_page_says_each_kind_of_change_once(built_example: Path) -> None:
    items = _version_items((built_example / "index.html").read_text(encoding="utf-8"), "2.0")
    recipients = [i for i in items if i.startswith("Nya mottagare: ")]
    assert len(recipients) == 1
    assert "fakturaleverantör" in recipients[0] and "inkassobolag" in recipients[0]  # labels read in the sentence
    assert "Bank" not in recipients[0]  # the bank pays the staff: a records-only change
    assert "Nya kakor eller andra lagrade uppgifter: _ga och _ga_*." in items
    assert not any(i.startswith("Ny mottagare av personuppgifter") for i in items)
    assert len(items) <= 12


def test_the_english_page_groups_the_same_way(built_example: Path) -> None:
    items = _version_items((built_example / "en" / "index.html").read_text(encoding="utf-8"), "2.0")
    assert "New cookie categories: personal recommendations and statistics." in items
    assert sum(i.startswith("New recipients: ") for i in items) == 1


def test_the_page_names_no_activity_it_does_not_describe(built_example: Path) -> None:
    page = (built_example / "index.html").read_text(encoding="utf-8")
    assert "Personaladministration" not in page and "Leverantörer och affärskontakter" not in page


def test_the_records_keep_one_sentence_per_change(built_example: Path) -> None:
    records = json.loads((built_example / "records" / "ropa.json").read_text(encoding="utf-8"))
    texts = [c["text"] for c in records["changes"][1]["changes"]]
    assert "Ny mottagare av personuppgifter: Bank." in texts
    assert "Ny mottagare av personuppgifter: Fakturaleverantör." in texts
    assert any("arbetsgivardeklarationen" in t or "employer_tax_reporting" in t for t in texts)


def test_a_release_without_a_summary_shows_each_change(tmp_path: Path) -> None:
    """Releases written before the grouping keep their words as released: one sentence per change."""
    source = shutil.copytree(EXAMPLE, tmp_path / "policy")
    release = source / "history" / "2.0.json"
    snapshot = json.loads(release.read_text(encoding="utf-8"))
    del snapshot["summary"]
    release.write_text(json.dumps(snapshot), encoding="utf-8")

    build(source, tmp_path / "dist")

    items = _version_items((tmp_path / "dist" / "index.html").read_text(encoding="utf-8"), "2.0")
    assert "Ny mottagare av personuppgifter: Fakturaleverantör." in items
    assert "Ny mottagare av personuppgifter: Bank." not in items  # records only
