"""The bench's static server on 127.0.0.1: revalidation headers, and a log of the body bytes it sent."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    served: list[tuple[str, int, int]]
    _status = 0

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        # Every file revalidated on each use, as a site set up for a changing policy does: a repeat view
        # of an unchanged file is a 304 without a body (Last-Modified / If-Modified-Since).
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        self._sent = 0
        super().do_GET()
        self.served.append((self.path, self._status, self._sent))

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self._sent += len(data)
        outputfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    """(base URL, log of (path, status, body bytes)) of `root` served until the block ends."""
    served: list[tuple[str, int, int]] = []
    handler = type("Handler", (_Handler,), {"served": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()
