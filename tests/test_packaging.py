"""After `pip install .`, policygen works from any directory: everything it needs is in the wheel."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
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
        "generator/model/dpv-2.3-terms.txt",  # the vocabulary of check L-DPV-1
    ]:
        assert any(name.startswith(expected) for name in names), expected


def _venv_seeing_our_dependencies(environment: Path) -> Path:
    """A fresh virtualenv whose imports fall back to the running interpreter's packages (jinja2, pydantic…).

    `system_site_packages=True` would show the *base* interpreter's packages, which inside an activated
    virtualenv are not the ones the tests run with. A `.pth` line adds the running interpreter's
    site-packages after the new environment's own, without processing their `.pth` files, so an
    editable install of policygen there stays invisible and the wheel is what runs.
    """
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    own = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    parents = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(own) / "running_interpreter_packages.pth").write_text("".join(f"{path}\n" for path in parents))
    return python


def test_installed_policygen_builds_the_bundled_example_only_when_asked(wheel: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    python = _venv_seeing_our_dependencies(environment)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    empty = tmp_path / "somewhere"
    empty.mkdir()
    policygen = environment / "bin" / "policygen"

    guessed = subprocess.run([policygen, "build"], cwd=empty, capture_output=True, text=True, check=False)
    assert guessed.returncode == 2
    assert "policygen init" in guessed.stderr and "Traceback" not in guessed.stderr
    assert list(empty.iterdir()) == [], "nothing is written when no policy is named"

    result = subprocess.run([policygen, "build", "--example"], cwd=empty, capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
    assert (empty / "dist" / "index.html").is_file()
    assert (empty / "dist" / "consent" / "consent.js").is_file()
    assert "dist/" in result.stdout
    assert "(Jiji Boutique)" in result.stderr
    check = subprocess.run([python, "-m", "generator", "check", "--example"], cwd=empty, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_checkout_names_its_policy_so_the_readme_command_builds_the_example(tmp_path: Path) -> None:
    """`pip install . && policygen build` in the checkout: the repository's policygen.toml names the example."""
    settings = (REPO / "policygen.toml").read_text(encoding="utf-8")
    assert 'source = "policy_src/jiji-boutique"' in settings
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=REPO / "docs", capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Checking" in result.stderr and "jiji-boutique (Jiji Boutique)" in result.stderr
