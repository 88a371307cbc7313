"""Shared fixtures: Debian's Chromium for Playwright, a loopback-only network, golden files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from generator.model import Policy
from generator.scan.options import QUIET_CHROMIUM_ARGS
from generator.sources.loading import LoadedPolicy, load_policy

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
FIXTURES = TESTS / "fixtures"
GOLDEN_ROOT = TESTS / "golden"
EXAMPLE = REPO / "policy_src" / "jiji-boutique"
EXAMPLE_2019 = REPO / "policy_src" / "jiji-boutique-2019"
CHROMIUM = "/usr/bin/chromium"
VNU_JAR = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
"""The Nu Html Checker, installed by `make test-deps` (npm vnu-jar, run with the machine's Java)."""

# These flags keep Chromium off the closed network: no background traffic, no DNS but loopback.
CHROMIUM_ARGS = [
    *QUIET_CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium with the quiet flags."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def context(context: Any) -> Iterator[Any]:
    """Every test's browser context may reach 127.0.0.1 only; other requests fail the test."""
    blocked: list[str] = []

    def guard(route: Any) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield context
    assert not blocked, f"requests left the machine: {blocked}"


@pytest.fixture(scope="session")
def example_loaded() -> LoadedPolicy:
    """The bundled example, loaded once per test session, with the place of every value."""
    return load_policy(EXAMPLE)


@pytest.fixture(scope="session")
def example(example_loaded: LoadedPolicy) -> Policy:
    """The bundled example's policy (the one example fixture; tests change copies, never it)."""
    return example_loaded.policy


@pytest.fixture(scope="session")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example built once per session into a fresh folder."""
    from generator.build import build

    out = tmp_path_factory.mktemp("example") / "dist"
    build(EXAMPLE, out, fragments=True)  # every file the build can write, pinned by the golden files
    return out


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
