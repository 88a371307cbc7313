"""Setting up `policygen scan`: each mistake is named for what it is, and the browser is an extra."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE, REPO
from tests.scan.test_scan import make_site, serving


@pytest.mark.parametrize("flags", ["--proxy-server='http://127.0.0.1:1", "no-dashes"])
def test_malformed_chromium_args_are_named_not_blamed_on_a_missing_chromium(
    flags: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POLICYGEN_CHROMIUM_ARGS", flags)
    assert main(["scan", "http://127.0.0.1:9/", "--source", str(EXAMPLE)]) == 2
    err = capsys.readouterr().err
    assert "POLICYGEN_CHROMIUM_ARGS" in err
    assert "apt-get install chromium" not in err and "Traceback" not in err


def test_scan_without_playwright_says_which_extra_to_install(tmp_path: Path) -> None:
    """Building and checking need no browser; only `scan` does, and it says how to get one."""
    blocked = (
        "import sys; sys.modules['playwright'] = None; from generator.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked, "scan", "http://127.0.0.1:9/", "--source", str(EXAMPLE)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "pip install 'policygen[scan]'" in result.stderr
    assert "Traceback" not in result.stderr
    build = subprocess.run(
        [sys.executable, "-c", blocked, "build", "--example", "--out", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr


def test_playwright_is_an_extra_not_a_dependency() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(dependency.startswith("playwright") for dependency in project["dependencies"])
    assert any(dependency.startswith("playwright") for dependency in project["optional-dependencies"]["scan"])


@pytest.mark.browser
def test_a_folder_and_its_index_html_are_one_page(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path, built_example)
    (site / "index.html").write_text(
        (site / "index.html").read_text().replace("</body>", '<a href="/index.html">Hem</a><a href="./">Hem</a></body>')
    )
    with serving(site) as url:
        assert main(["scan", url, "--source", str(EXAMPLE), "--max-pages", "10", "--format", "json"]) in (0, 1)
    pages = json.loads(capsys.readouterr().out)["pages"]
    assert url in pages
    assert not any(page.endswith("/index.html") for page in pages), pages
