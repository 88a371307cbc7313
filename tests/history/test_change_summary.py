"""The page's change log names the parts of the page a version changed; the records keep each change."""

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


def _version_texts(html: str, version: str) -> list[str]:
    start = html.index('id="changes"')
    section = html[start : html.index("</section>", start)]
    block = section[section.index(f"Version {version},") :]
    block = block[: block.index("<h3", 1) if "<h3" in block[1:] else len(block)]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", block, re.S)]


def test_the_page_names_the_parts_a_version_changed_in_one_sentence(built_example: Path) -> None:
    texts = _version_texts((built_example / "index.html").read_text(encoding="utf-8"), "2.0")
    assert texts == [
        "Vi har ändrat det vi säger om kakor, ändamål, personuppgifter, mottagare, "
        "överföringar utanför EU/EES och lagringstider."
    ]


def test_the_english_page_names_the_same_parts(built_example: Path) -> None:
    texts = _version_texts((built_example / "en" / "index.html").read_text(encoding="utf-8"), "2.0")
    assert texts == [
        "We have changed what we say about cookies, purposes, personal data, recipients, "
        "transfers outside the EU/EEA and retention periods."
    ]


def test_a_version_that_changed_only_what_the_page_leaves_out_names_only_the_rest(tmp_path: Path) -> None:
    """A change marked records_only (the bank that pays the staff) does not make the page name its part."""
    source = shutil.copytree(EXAMPLE, tmp_path / "policy")
    release = source / "history" / "2.0.json"
    snapshot = json.loads(release.read_text(encoding="utf-8"))
    snapshot["changes"] = [c for c in snapshot["changes"] if c.get("section") != "cookies"]
    snapshot["changes"] = [
        c | {"records_only": True} if c.get("section") != "retention" else c for c in snapshot["changes"]
    ]
    release.write_text(json.dumps(snapshot), encoding="utf-8")

    build(source, tmp_path / "dist")

    texts = _version_texts((tmp_path / "dist" / "index.html").read_text(encoding="utf-8"), "2.0")
    assert texts == ["Vi har ändrat det vi säger om lagringstider."]


def test_the_page_names_no_activity_it_does_not_describe(built_example: Path) -> None:
    page = (built_example / "index.html").read_text(encoding="utf-8")
    assert "Personaladministration" not in page and "Leverantörer och affärskontakter" not in page


def test_the_records_keep_one_sentence_per_change(built_example: Path) -> None:
    records = json.loads((built_example / "records" / "ropa.json").read_text(encoding="utf-8"))
    texts = [c["text"] for c in records["changes"][1]["changes"]]
    assert "Ny mottagare av personuppgifter: Bank." in texts
    assert "Ny mottagare av personuppgifter: Fakturaleverantör." in texts
    assert any("arbetsgivardeklarationen" in t or "employer_tax_reporting" in t for t in texts)


def test_a_release_from_a_newer_policygen_shows_its_changes_as_released(tmp_path: Path) -> None:
    """A section this version cannot name: the page shows the release's own sentences, grouped or one per change."""
    source = shutil.copytree(EXAMPLE, tmp_path / "policy")
    release = source / "history" / "2.0.json"
    snapshot = json.loads(release.read_text(encoding="utf-8"))
    snapshot["changes"][0]["section"] = "a_section_from_the_future"
    del snapshot["summary"]
    release.write_text(json.dumps(snapshot), encoding="utf-8")

    build(source, tmp_path / "dist")

    texts = _version_texts((tmp_path / "dist" / "index.html").read_text(encoding="utf-8"), "2.0")
    assert "Ny mottagare av personuppgifter: Fakturaleverantör." in texts
    assert "Ny mottagare av personuppgifter: Bank." not in texts  # records only
