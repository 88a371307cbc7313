"""`policygen serve` run as a user runs it, in its own process, for the serve tests."""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO


class Served:
    """`policygen serve` as a subprocess on a free port; its output lines are collected as they come."""

    def __init__(self, source: Path, out: str, cwd: Path = REPO) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", str(source), "--port", "0", "--out", out],
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(REPO)},  # this checkout's generator, whatever the cwd
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        for stream in (self.process.stdout, self.process.stderr):
            threading.Thread(target=self._pump, args=(stream,), daemon=True).start()
        self.seen: list[str] = []
        self.port = int(self.wait_for(r"at http://127\.0\.0\.1:(\d+)/").group(1))
        self.startup = "".join(self.seen)
        """Everything printed before the server announced itself: the first build's result."""

    def _pump(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        seen = self.seen = []
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

    def request(self, path: str, host: str | None = "default") -> tuple[int, str]:
        """A raw HTTP/1.0 GET: status code and body. `host=None` sends no Host header."""
        if host == "default":
            host = f"127.0.0.1:{self.port}"
        lines = [f"GET {path} HTTP/1.0"] + ([f"Host: {host}"] if host is not None else [])
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as connection:
            connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            answer = read_all(connection)
        head, _, body = answer.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        return status, body.decode("utf-8")

    def fetch(self, path: str) -> str:
        """A page as a browser on this machine would get it."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def read_all(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)
