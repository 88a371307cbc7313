"""`mkdocs build` shows policygen's build warnings as MkDocs warnings, as `policygen build` prints them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.integrations.support import SOURCE
from tests.integrations.test_mkdocs import plugin_entry_point

SAID_TWICE = "Allt du skickar till oss överförs krypterat med TLS."


def mkdocs_build(project: Path, source: Path, pages: dict[str, str]) -> tuple[int, str]:
    """`mkdocs build` (not quiet: warnings shown) of a site with `pages` and the policy in `source`."""
    (project / "mkdocs.yml").write_text(
        f"site_name: Exempelbutiken\nsite_url: http://127.0.0.1/\nplugins:\n  - policygen:\n      source: {source}\n"
    )
    (project / "docs").mkdir()
    for name, text in pages.items():
        (project / "docs" / name).write_text(text)
    env = {**os.environ, **plugin_entry_point(project / "entry-point"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    return result.returncode, result.stdout + result.stderr


def test_an_element_held_for_a_category_the_policy_lacks_is_a_warning_naming_its_page(tmp_path: Path) -> None:
    """The docs' old example: a Google Maps iframe held for "preferences", a default category the banner leaves
    out when no cookie of the policy is in it (this policy's only cookie is statistics)."""
    karta = (
        '# Hitta hit\n\n<iframe data-consent="preferences" data-src="https://www.google.com/maps/embed?pb=x" '
        'title="Karta"></iframe>\n<script type="text/plain" data-consent="statistics" src="/js/s.js"></script>\n'
    )
    code, output = mkdocs_build(tmp_path, SOURCE, {"index.md": "# Välkommen\n", "karta.md": karta})
    assert code == 0, output
    [line] = [line for line in output.splitlines() if "data-consent=" in line]
    assert line.startswith('WARNING -  policygen: karta.md: <iframe data-consent="preferences">: the banner offers no')
    assert "(only necessary, statistics), so it never releases it" in line


def test_a_sentence_the_page_says_twice_is_a_warning_of_mkdocs_build(tmp_path: Path) -> None:
    """W-PAGE-1 is found on the rendered page, after the check: the plugin reports it too, and the site is built."""
    source = tmp_path / "policy"
    shutil.copytree(SOURCE, source)
    policy = source / "policy.yaml"
    measure = f"    - {SAID_TWICE}\n"
    policy.write_text(policy.read_text().replace(measure, measure * 2, 1))
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Exempelbutiken\nsite_url: http://127.0.0.1/\nplugins:\n  - policygen:\n      source: {source}\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Välkommen\n")
    env = {**os.environ, **plugin_entry_point(tmp_path / "entry-point"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.startswith("WARNING -  policygen: Warnings (")  # MkDocs' logger, at warning level
    assert f"[W-PAGE-1] index.html says “{SAID_TWICE}” 2 times" in output
    assert "Say it once" in output  # the fix, as `policygen build` prints it
    assert (tmp_path / "site" / "integritetspolicy" / "index.html").exists()
