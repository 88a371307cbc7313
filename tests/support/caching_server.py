"""A static file server on 127.0.0.1 that caches as real hosts do, for the config-delivery tests.

`recommended`: every answer has `Cache-Control: no-cache`, an ETag and Last-Modified
(what docs/banner.md asks owners to set). `last_modified`: only Last-Modified, as
a server left at its defaults (a browser may then keep a file for a tenth of its age
without asking). Both answer a matching If-None-Match or If-Modified-Since with 304
and no body. Every answer is logged as (path, status, body bytes).
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

Caching = Literal["recommended", "last_modified"]

TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json"}


@dataclass
class CachingServer:
    root: Path
    url: str
    log: list[tuple[str, int, int]] = field(default_factory=list)

    def answers(self, path: str) -> list[tuple[int, int]]:
        """(status, body bytes) of every answer for `path`, in order."""
        return [(status, size) for logged, status, size in self.log if logged == path]


def _handler(root: Path, caching: Caching, log: list[tuple[str, int, int]]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            file = (root / path.lstrip("/")).resolve()
            if file.is_dir():
                file = file / "index.html"
            if root.resolve() not in file.parents or not file.is_file():
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                log.append((path, 404, 0))
                return
            body = file.read_bytes()
            modified = int(file.stat().st_mtime)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if caching == "recommended" and self.headers.get("If-None-Match") is not None:
                fresh = self.headers["If-None-Match"] == etag
            else:
                since = self.headers.get("If-Modified-Since")
                fresh = since is not None and email.utils.parsedate_to_datetime(since).timestamp() >= modified
            self.send_response(304 if fresh else 200)
            self.send_header("Content-Type", TYPES.get(file.suffix, "application/octet-stream"))
            self.send_header("Last-Modified", email.utils.formatdate(modified, usegmt=True))
            if caching == "recommended":
                self.send_header("Cache-Control", "no-cache")
                self.send_header("ETag", etag)
            if not fresh:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not fresh:
                self.wfile.write(body)
            log.append((path, 304 if fresh else 200, 0 if fresh else len(body)))

        def do_POST(self) -> None:  # receipts
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve_with_caching(root: Path, caching: Caching) -> Iterator[CachingServer]:
    """Serve `root` on a free port of 127.0.0.1 with `caching` until the block ends."""
    log: list[tuple[str, int, int]] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(root, caching, log))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield CachingServer(root, f"http://127.0.0.1:{server.server_address[1]}/", log)
    finally:
        server.shutdown()
        server.server_close()
