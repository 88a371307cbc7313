"""A static file server on 127.0.0.1 for browser tests, with headers per request."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HeaderRule = Callable[[str], dict[str, str]]
"""Given the request path, the extra response headers to send."""


class _Handler(SimpleHTTPRequestHandler):
    header_rule: HeaderRule = staticmethod(lambda path: {})  # type: ignore[assignment]
    requests: list[str]

    def end_headers(self) -> None:
        for name, value in self.header_rule(self.path).items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.requests.append(f"POST {self.path} {body.decode('utf-8', 'replace')}")
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    def __init__(self, root: Path, url: str, requests: list[str]) -> None:
        self.root = root
        self.url = url
        self.requests = requests


@contextmanager
def serve_directory(root: Path, header_rule: HeaderRule | None = None) -> Iterator[StaticServer]:
    """Serve `root` on a free port of 127.0.0.1 until the block ends."""
    requests: list[str] = []
    handler = type(
        "Handler",
        (_Handler,),
        {"header_rule": staticmethod(header_rule or (lambda path: {})), "requests": requests},
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield StaticServer(root, f"http://127.0.0.1:{server.server_address[1]}/", requests)
    finally:
        server.shutdown()
        server.server_close()
