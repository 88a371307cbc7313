"""The output folder: policygen never deletes or overwrites a file it did not write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.output import MANIFEST
from tests.build.test_build import tree_digest
from tests.conftest import EXAMPLE


def foreign_folder(folder: Path) -> dict[str, str]:
    """An MkDocs-like docs/ folder: what must survive any build."""
    (folder / "assets").mkdir(parents=True)
    (folder / "index.md").write_text("# Välkommen\n")
    (folder / "om-oss.md").write_text("# Om oss\n")
    (folder / "assets" / "logo.svg").write_text("<svg/>")
    return tree_digest(folder)


def test_a_folder_of_foreign_files_is_refused_and_every_file_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    before = foreign_folder(docs)
    assert main(["build", str(EXAMPLE), "--out", str(docs)]) == 2
    err = capsys.readouterr().err
    assert "did not write" in err and "index.md" in err and "--force" in err
    assert tree_digest(docs) == before


def test_with_force_foreign_files_stay_and_only_policygens_are_replaced(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    before = foreign_folder(docs)
    assert main(["build", str(EXAMPLE), "--out", str(docs), "--force"]) == 0
    after = tree_digest(docs)
    assert {name: after[name] for name in before} == before
    own = json.loads((docs / MANIFEST).read_text())["files"]
    assert "snippet.html" in own and "index.md" not in own
    assert (docs / "consent" / "consent.js").is_file()

    assert main(["build", str(EXAMPLE), "--out", str(docs), "--force"]) == 0
    assert tree_digest(docs) == after, "a rebuild beside foreign files changes nothing else"


def test_with_force_a_foreign_file_where_policygen_would_write_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    foreign_folder(site)
    (site / "index.html").write_text("<h1>The site's own home page</h1>")
    before = tree_digest(site)
    assert main(["build", str(EXAMPLE), "--out", str(site), "--force"]) == 2
    err = capsys.readouterr().err
    assert "index.html" in err and "where policygen would write" in err
    assert tree_digest(site) == before


def test_another_policys_source_folder_is_never_replaced(tmp_path: Path) -> None:
    other = shutil.copytree(EXAMPLE, tmp_path / "other-policy")
    before = tree_digest(other)
    assert main(["build", str(EXAMPLE), "--out", str(other)]) == 2
    assert tree_digest(other) == before


def test_an_earlier_output_without_a_manifest_is_still_rebuilt(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    (out / MANIFEST).unlink()  # as written before the manifest existed
    (out / "records" / "old-format.csv").write_text("from an older version")
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    assert (out / MANIFEST).is_file()
    assert not (out / "records" / "old-format.csv").exists()


def test_a_stale_file_of_policygens_own_disappears(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    listed = json.loads((out / MANIFEST).read_text())
    listed["files"].append("fr/index.html")  # a language the policy no longer has
    (out / MANIFEST).write_text(json.dumps(listed))
    (out / "fr").mkdir()
    (out / "fr" / "index.html").write_text("ancienne page")
    assert main(["build", str(EXAMPLE), "--out", str(out)]) == 0
    assert not (out / "fr" / "index.html").exists()


def test_a_stale_file_of_policygens_own_disappears_beside_foreign_files_too(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    before = foreign_folder(docs)
    assert main(["build", str(EXAMPLE), "--out", str(docs), "--force"]) == 0
    listed = json.loads((docs / MANIFEST).read_text())
    listed["files"].append("records/retired.csv")
    (docs / MANIFEST).write_text(json.dumps(listed))
    (docs / "records" / "retired.csv").write_text("old")
    assert main(["build", str(EXAMPLE), "--out", str(docs), "--force"]) == 0
    assert not (docs / "records" / "retired.csv").exists()
    after = tree_digest(docs)
    assert {name: after[name] for name in before} == before


def test_the_manifest_is_the_same_for_the_same_build(tmp_path: Path) -> None:
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path / "a")]) == 0
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path / "b")]) == 0
    assert (tmp_path / "a" / MANIFEST).read_bytes() == (tmp_path / "b" / MANIFEST).read_bytes()
