"""After `pip install .`, policygen works from any directory: everything it needs is in the wheel."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
    )
    return next(out.glob("policygen-*.whl"))


def test_the_wheel_carries_templates_banner_catalogs_and_example(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for expected in [
        "generator/_bundled/site_templates/",
        "generator/_bundled/consent_js/consent.js",
        "generator/_bundled/policy_src/jiji-boutique/site.yaml",
        "generator/_bundled/policy_src/policy.schema.json",
        "generator/locale/sv/LC_MESSAGES/messages.mo",
    ]:
        assert any(name.startswith(expected) for name in names), expected


def test_installed_policygen_builds_the_bundled_example_from_an_empty_directory(wheel: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, system_site_packages=True, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    empty = tmp_path / "somewhere"
    empty.mkdir()

    result = subprocess.run(
        [environment / "bin" / "policygen", "build"], cwd=empty, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert (empty / "dist" / "index.html").is_file()
    assert (empty / "dist" / "consent" / "consent.js").is_file()
    assert "dist/" in result.stdout
    check = subprocess.run([python, "-m", "generator", "check"], cwd=empty, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
