"""`policygen serve`: build, serve on 127.0.0.1, rebuild on change, keep the last good build."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.support.serve_process import Served


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Served, Path]]:
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    process = Served(source, str(tmp_path / "dist"))
    yield process, source
    process.stop()


def test_serve_builds_serves_and_rebuilds_on_change(served: tuple[Served, Path]) -> None:
    process, source = served
    assert "Jiji Boutique" in process.fetch("index.html")

    controller = source / "controller.yaml"
    controller.write_text(controller.read_text(encoding="utf-8").replace("name: Jiji Boutique", "name: Jiji Butik"))
    process.wait_for(r"Built \d+ files")
    assert "Jiji Butik" in process.fetch("index.html")


def test_an_invalid_change_keeps_the_last_good_build_online(served: tuple[Served, Path]) -> None:
    process, source = served
    good = process.fetch("index.html")

    site = source / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("consent_lifetime: P6M", "consent_lifetime: [P6M"))
    process.wait_for(r"site\.yaml:\d+:\d+: error")
    process.wait_for(r"still serving the last good build")
    assert process.fetch("index.html") == good
