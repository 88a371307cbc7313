"""`policygen serve`: build, serve on 127.0.0.1, rebuild on change, keep the last good build."""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, REPO


class ServeProcess:
    def __init__(self, source: Path, out: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", str(source), "--port", "0", "--out", str(out)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        for stream in (self.process.stdout, self.process.stderr):
            threading.Thread(target=self._pump, args=(stream,), daemon=True).start()
        self.url = self.wait_for(r"at (http://127\.0\.0\.1:\d+/)").group(1)

    def _pump(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r} in {seen}")

    def fetch(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ServeProcess, Path]]:
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    process = ServeProcess(source, tmp_path / "dist")
    yield process, source
    process.stop()


def test_serve_builds_serves_and_rebuilds_on_change(served: tuple[ServeProcess, Path]) -> None:
    process, source = served
    assert "Jiji Boutique" in process.fetch("index.html")

    controller = source / "controller.yaml"
    controller.write_text(controller.read_text(encoding="utf-8").replace("name: Jiji Boutique", "name: Jiji Butik"))
    process.wait_for(r"Built \d+ files")
    assert "Jiji Butik" in process.fetch("index.html")


def test_an_invalid_change_keeps_the_last_good_build_online(served: tuple[ServeProcess, Path]) -> None:
    process, source = served
    good = process.fetch("index.html")

    site = source / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("consent_lifetime: P6M", "consent_lifetime: [P6M"))
    process.wait_for(r"site\.yaml:\d+:\d+: error")
    process.wait_for(r"still serving the last good build")
    assert process.fetch("index.html") == good
