"""The MkDocs plugin stops `mkdocs build` with a clear message when it cannot do its work."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES
from tests.integrations.support import SOURCE
from tests.integrations.test_mkdocs import plugin_entry_point

MKDOCS_YML = """\
site_name: Exempelbutiken
site_url: {site_url}
plugins:
  - policygen:
      source: {source}
"""


def mkdocs_build(tmp_path: Path, source: Path, site_url: str = "http://127.0.0.1/", extra: str = "") -> tuple[int, str]:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.format(site_url=site_url, source=source) + extra)
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Välkommen\n")
    env = {**os.environ, **plugin_entry_point(tmp_path / "entry-point")}
    command = [sys.executable, "-m", "mkdocs", "build", "-q"]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    return result.returncode, result.stdout + result.stderr


def test_a_policy_that_does_not_load_stops_the_build_with_its_place(tmp_path: Path) -> None:
    code, output = mkdocs_build(tmp_path, FIXTURES / "broken" / "bad_legal_basis")
    assert code != 0
    assert "policygen:" in output and "policy.yaml:" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_policy_with_errors_stops_the_build_with_the_check_report(tmp_path: Path) -> None:
    source = tmp_path / "policy"
    shutil.copytree(SOURCE, source)
    policy = source / "policy.yaml"
    policy.write_text(policy.read_text().replace("  org_number: 556000-0000\n", "", 1))
    code, output = mkdocs_build(tmp_path, source)
    assert code != 0
    assert "error: [" in output and "The policy has errors" in output
    assert "Traceback" not in output


def test_publish_path_outside_the_mkdocs_site_is_refused_with_the_fix(tmp_path: Path) -> None:
    code, output = mkdocs_build(tmp_path, SOURCE, site_url="https://example.se/docs/")
    assert code != 0
    assert "publish_path /integritetspolicy/ is not a folder inside this MkDocs site (/docs/)" in output
    assert "/docs/integritetspolicy/" in output


def test_a_page_of_the_owners_own_where_the_privacy_page_goes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "docs" / "integritetspolicy").mkdir(parents=True)
    (tmp_path / "docs" / "integritetspolicy" / "index.md").write_text("# Vår gamla policy\n")
    code, output = mkdocs_build(tmp_path, SOURCE)
    assert code != 0
    assert "integritetspolicy/index.md is a page of your own" in output


INLINE_BLOCKED = '<script type="text/plain" data-consent="statistics">window.ran = true;</script>\n'


def test_an_inline_blocked_script_under_instant_loading_is_refused_with_the_fix(tmp_path: Path) -> None:
    """Material's instant loading re-inserts an inline script without its type: it would run before consent."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "statistik.md").write_text("# Statistik\n\n" + INLINE_BLOCKED)
    theme = "theme:\n  name: material\n  font: false\n  features:\n    - navigation.instant\n"
    code, output = mkdocs_build(tmp_path, SOURCE, extra=theme)
    assert code != 0
    assert "statistik.md: an inline blocked script" in output
    assert 'load it with src="…"' in output


def test_an_inline_blocked_script_without_instant_loading_is_built(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "statistik.md").write_text("# Statistik\n\n" + INLINE_BLOCKED)
    code, output = mkdocs_build(tmp_path, SOURCE, extra="theme:\n  name: material\n  font: false\n")
    assert code == 0, output
    assert 'data-consent="statistics">window.ran' in (tmp_path / "site" / "statistik" / "index.html").read_text()
