"""The repository documents itself: the architecture page names every package, and nothing points outside."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import REPO

ARCHITECTURE = REPO / "docs" / "architecture.md"

# Documents that are not in the repository: a starting design, shared references, an issue tracker.
OUTSIDE_REFERENCES = re.compile(
    r"DESIGN\.md|\blegal\.md|\bpeers\.md|\bstyle\.md|\btoolchain\.md|review-sv-page|\.\./shared|shared/reference"
    r"|\b[Ii]ssue\s+#?\d+|\btask\s+#?\d+",
)


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    files = []
    for name in names.splitlines():
        path = REPO / name
        if (
            path.suffix in {".py", ".md", ".html", ".js", ".css", ".toml", ".yaml", ".yml", ".txt", ""}
            and path.is_file()
        ):
            files.append(path)
    return files


def test_nothing_in_the_repository_points_at_documents_outside_it() -> None:
    this_file = Path(__file__).resolve()
    hits = []
    for path in _tracked_text_files():
        if path.resolve() == this_file:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE_REFERENCES.search(line):
                hits.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:120]}")
    assert hits == []


def test_every_package_of_the_generator_is_described_in_the_architecture_page() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    packages = sorted(path.parent.relative_to(REPO).as_posix() for path in (REPO / "generator").rglob("__init__.py"))
    missing = [package for package in packages if f"`{package}/`" not in text and package != "generator"]
    assert missing == []


def test_every_path_the_architecture_page_names_exists() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:generator|consent_js|site_templates|policy_src|bench|tests|docs)/[^`*<> ]*)`", text))
    assert named, "the architecture page names no path"
    missing = sorted(path for path in named if not (REPO / path.rstrip("/")).exists())
    assert missing == []


def test_every_repository_path_named_in_the_readme_and_docs_exists() -> None:
    """A path in backticks (`generator/…`, `tests/…`, `docs/…` …) must name a file or folder that is there."""
    prefixes = "generator|consent_js|site_templates|policy_src|bench|tests|docs"
    missing = []
    for document in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = document.read_text(encoding="utf-8")
        for path in set(re.findall(rf"`((?:{prefixes})/[^`*<>{{}} ]*)`", text)):
            if not (REPO / path.split(":")[0].rstrip("/")).exists():
                missing.append(f"{document.relative_to(REPO)}: {path}")
    assert sorted(missing) == []
