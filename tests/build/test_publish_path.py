"""The default `publish_path` can never be the site's home page; `/` is allowed but `check` warns (L-PUB-1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE


def example_with_publish_path(tmp_path: Path, line: str) -> Path:
    source = tmp_path / "policy"
    shutil.copytree(EXAMPLE, source)
    site = source / "site.yaml"
    site.write_text(site.read_text().replace("  publish_path: /integritetspolicy/\n", line))
    return source


def test_without_publish_path_the_snippet_links_the_banner_from_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = example_with_publish_path(tmp_path, "")
    assert main(["build", str(source), "--out", str(tmp_path / "dist"), "--fragments"]) == 0
    snippet = (tmp_path / "dist" / "snippet.html").read_text()
    assert 'src="/integritetspolicy/consent/consent.js"' in snippet
    assert 'href="/integritetspolicy/assets/fragment.css"' in (tmp_path / "dist" / "fragment.html").read_text()


def test_publish_path_at_the_root_gets_a_warning_with_its_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = example_with_publish_path(tmp_path, "  publish_path: /\n")
    capsys.readouterr()
    assert main(["check", str(source), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "site.yaml:" in out and "[L-PUB-1]" in out
    assert "would replace the site's home page" in out
    assert "set site.publish_path: /integritetspolicy/" in out
    assert main(["check", str(source)]) == 0  # a warning: the build is not refused
