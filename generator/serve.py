"""`policygen serve`: build, serve the output on 127.0.0.1, rebuild when a source changes.

The banner needs http:// (browsers keep no cookies for file://), so this is
how a site owner previews the page and tries the banner. A change that does
not load or check keeps the last good build online and prints what is wrong;
before the first good build every request gets an error page listing the errors.

Only the files of the last good build are served, from memory (never whatever
else lies in `--out`), only to requests whose Host is 127.0.0.1 or localhost
(DNS rebinding), and a connection that stays silent is closed after a while.

The HTML it serves (never the built files) gets one script tag, `/__policygen/reload.js`, which long-polls
`/__policygen/changes`: the browser reloads after each good rebuild and shows the errors of a bad one over
the last good page. A poll waits at most LONG_POLL seconds and at most MAX_WAITERS wait at once, so
closed or many tabs hold no thread for long.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import mimetypes
import re
import sys
import threading
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from generator.build import build
from generator.errors import PolicygenError, SourceErrors, display_path
from generator.output import OutputFiles
from generator.paths import resource_dir, running_from_checkout
from generator.sources.history_files import HISTORY_FOLDER

IDLE_TIMEOUT = 10.0
"""Seconds a connection may stay silent: a client that connects and never sends gives its thread back."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".csv": "text/csv; charset=utf-8",
}


LONG_POLL = 20.0
"""Seconds a browser's request for changes waits for a rebuild before it is answered "no change"."""
MAX_WAITERS = 16
"""Requests for changes that may wait at once; more are answered at once (their tab asks again later)."""
RELOAD_PREFIX = "/__policygen/"
"""serve's own addresses: no built file lives there (policygen writes no folder of that name)."""


class ServedSite:
    """What the server answers with: the files of the last good build, or the errors while there is none.

    The files are served from memory, never from `--out`: a folder that is not (yet) our output
    (`--out .`, a `.env` beside the build) is never exposed.
    """

    def __init__(self) -> None:
        self.files: OutputFiles | None = None
        self.errors: list[str] = ["The first build has not finished yet."]
        self.version = 0
        """Counts the builds, good or bad: what a browser's request for changes waits for."""
        self.build = ""
        """A fingerprint of the files served: a page of another build reloads (an unchanged rebuild does not)."""
        self.failing: list[str] = []
        """The errors of the latest build; empty when it succeeded."""
        self.changed = threading.Condition()
        self.waiters = 0
        self.closing = False

    def publish(self, errors: list[str]) -> None:
        """A build has finished (`errors` empty if it succeeded): wake every browser that waits for it."""
        build = fingerprint(self.files) if self.files is not None else ""
        with self.changed:
            self.version += 1
            self.build = build
            self.failing = errors
            self.changed.notify_all()

    def close(self) -> None:
        """Let every waiting request answer now: the server is stopping."""
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def wait_for_change(self, since: int, timeout: float = LONG_POLL) -> dict[str, object]:
        """The state once its version differs from `since`, or after `timeout`; at once if too many wait."""
        with self.changed:
            if self.version == since and self.waiters < MAX_WAITERS and not self.closing:
                self.waiters += 1
                try:
                    self.changed.wait_for(lambda: self.version != since or self.closing, timeout)
                finally:
                    self.waiters -= 1
            return {"version": self.version, "build": self.build, "errors": list(self.failing)}


class _Handler(BaseHTTPRequestHandler):
    site: ServedSite
    timeout = IDLE_TIMEOUT  # the socket timeout of each connection (StreamRequestHandler)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, *, with_body: bool) -> None:
        if not self._host_allowed():
            # DNS rebinding: a page of another site that resolves its name to 127.0.0.1 must not read the preview.
            self._send(
                HTTPStatus.FORBIDDEN,
                b"Forbidden: use http://127.0.0.1 or http://localhost\n",
                "text/plain; charset=utf-8",
                with_body,
            )
            return
        if urlsplit(self.path).path.startswith(RELOAD_PREFIX):
            self._answer_reload(with_body)
            return
        files = self.site.files
        build = self.site.build
        if files is None:
            page = with_reload(error_page(self.site.errors), "", always=True)
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, page, CONTENT_TYPES[".html"], with_body)
            return
        path = unquote(urlsplit(self.path).path)
        name = path.lstrip("/")
        if name == "" or name.endswith("/"):
            name += "index.html"
        if name in files:
            content_type = CONTENT_TYPES.get(Path(name).suffix) or mimetypes.guess_type(name)[0]
            body = with_reload(files[name], build) if name.endswith(".html") else files[name]
            self._send(HTTPStatus.OK, body, content_type or "application/octet-stream", with_body)
        elif f"{name}/index.html" in files:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", f"{path}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8", with_body)

    def _answer_reload(self, with_body: bool) -> None:
        """The reload script, or the build state once it changes (a long poll, bounded: see LONG_POLL)."""
        parts = urlsplit(self.path)
        if parts.path == RELOAD_PREFIX + "reload.js":
            self._send(HTTPStatus.OK, RELOAD_SCRIPT.encode(), CONTENT_TYPES[".js"], with_body)
            return
        since = parse_qs(parts.query).get("since", [""])[0]
        if parts.path != RELOAD_PREFIX + "changes" or not re.fullmatch(r"-?\d{1,12}", since):
            self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8", with_body)
            return
        state = self.site.wait_for_change(int(since)) if with_body else {}
        with contextlib.suppress(OSError):  # the tab was closed while it waited
            self._send(HTTPStatus.OK, json.dumps(state).encode(), CONTENT_TYPES[".json"], with_body)

    def _host_allowed(self) -> bool:
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        return host in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        # Always the newest build: a preview must never show a cached page.
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def error_page(errors: list[str]) -> bytes:
    """The page served until a build succeeds: says why there is nothing to see, every text escaped."""
    items = "".join(f"<li><pre>{html.escape(error)}</pre></li>\n" for error in errors)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>policygen serve: the source has errors</title>\n</head>\n<body>\n"
        "<h1>The source has errors</h1>\n"
        "<p>Nothing is served until the policy builds. Fix these errors and save: "
        "policygen rebuilds on every change, and this page reloads itself.</p>\n"
        f"<ul>\n{items}</ul>\n</body>\n</html>\n"
    ).encode()


RELOAD_SCRIPT = """\
// policygen serve: reload after each good rebuild; show the errors of a bad one over the last good page.
(() => {
  "use strict";
  const tag = document.currentScript;
  const built = tag ? tag.dataset.build : ""; // the build this page belongs to
  const always = Boolean(tag && tag.hasAttribute("data-reload-always")); // the error page: reload on any change
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let overlay = null;

  function show(errors) {
    overlay?.remove();
    overlay = document.createElement("div");
    overlay.id = "policygen-serve-errors";
    overlay.setAttribute("role", "alert");
    Object.assign(overlay.style, {
      position: "fixed", inset: "auto 0 0 0", zIndex: "2147483647", maxHeight: "60vh", overflow: "auto",
      margin: "0", padding: "1em", background: "#fff4f4", color: "#600", borderTop: "4px solid #b00",
      font: "14px/1.4 system-ui, sans-serif"
    });
    const title = document.createElement("strong");
    title.textContent = "policygen serve: the source has errors. This is the last good build; fix and save.";
    const list = document.createElement("pre");
    list.style.whiteSpace = "pre-wrap";
    list.textContent = errors.join("\\n\\n");
    overlay.append(title, list);
    document.body.append(overlay);
  }

  let seen = null; // the version of the state this tab has acted on

  function handle(state) {
    if (state.version === seen) return;
    const first = seen === null;
    seen = state.version;
    if (state.build !== built || (always && !first)) {
      location.reload(); // another build, or the error page after any build
    } else if (state.errors.length && !always) {
      show(state.errors);
    } else {
      overlay?.remove();
    }
  }

  async function ask(since) {
    try {
      const response = await fetch("/__policygen/changes?since=" + since, { cache: "no-store" });
      return response.ok ? await response.json() : null;
    } catch (error) {
      return null; // serve is restarting or stopped
    }
  }

  // One tab polls and tells the others: a browser opens only a few connections to one host.
  const channel = "BroadcastChannel" in window ? new BroadcastChannel("policygen-serve") : null;
  if (channel) channel.onmessage = (event) => handle(event.data);

  async function poll() {
    let since = -1;
    for (;;) {
      const state = await ask(since);
      if (!state || state.version === since) {
        await pause(state ? 500 : 2000); // nothing new, too many waiting, or serve is gone: ask again later
        continue;
      }
      since = state.version;
      channel?.postMessage(state);
      handle(state);
    }
  }

  (async () => {
    const now = await ask(-1); // answered at once: the state as it is
    if (now) handle(now);
    if (navigator.locks && channel) navigator.locks.request("policygen-serve", poll);
    else poll();
  })();
})();
"""


def fingerprint(files: OutputFiles) -> str:
    """Names and contents of a build's files in 16 hex digits: the same files, the same fingerprint."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{len(name)}:{name}:{len(files[name])}:".encode())
        digest.update(files[name])
    return digest.hexdigest()[:16]


def with_reload(page: bytes, build: str, always: bool = False) -> bytes:
    """An HTML page as serve sends it: with the reload script before `</head>` (else at the end); the built
    file itself is never changed, and an unchanged build is served byte for byte as before."""
    extra = " data-reload-always" if always else ""
    tag = f'<script src="{RELOAD_PREFIX}reload.js" data-build="{build}"{extra} defer></script>\n'.encode()
    match = re.search(rb"</head\s*>", page, re.IGNORECASE)
    at = match.start() if match else len(page)
    return page[:at] + tag + page[at:]


def watched_paths(source: Path) -> list[Path]:
    """The source folder, and the templates and banner when running from a checkout."""
    paths = [source]
    if running_from_checkout():
        paths += [resource_dir("site_templates"), resource_dir("consent_js"), Path(__file__).parent / "locale"]
    return [p for p in paths if p.exists()]


def rebuild(source: Path, out: Path, site: ServedSite | None = None) -> bool:
    """Build once; print the result or the errors, and serve the new build. Returns whether it succeeded.

    Never raises (short of Ctrl+C): whatever goes wrong, the server keeps the last good build online.
    The browsers showing it reload, or show the errors (`ServedSite.publish`).
    """
    site = site if site is not None else ServedSite()
    succeeded = _build_into(source, out, site)
    site.publish([] if succeeded else site.errors)
    return succeeded


def _build_into(source: Path, out: Path, site: ServedSite) -> bool:
    """`rebuild` without telling the browsers. The errors are served before they are printed: whoever reads the
    message (a user, a test) finds the page already saying it."""
    keeping = "still serving the last good build." if site.files is not None else "serving an error page."
    try:
        result = build(source, out)
    except SourceErrors as errors:
        site.errors = [error.format(show_source=False) for error in errors.errors]
        print(errors.report(), file=sys.stderr, flush=True)
        print(f"The sources have errors: {keeping}", file=sys.stderr, flush=True)
        return False
    except PolicygenError as error:
        site.errors = [error.report()]
        print(error.report(), file=sys.stderr, flush=True)
        print(f"Not published: {keeping}", file=sys.stderr, flush=True)
        return False
    except Exception as error:  # noqa: BLE001 - a bug, not the user's mistake: report it, keep serving
        summary = f"{type(error).__name__}: {error}"
        site.errors = [f"The build failed unexpectedly: {summary}"]
        print(f"policygen: error: the build failed unexpectedly: {summary}", file=sys.stderr, flush=True)
        print(f"  hint: run `policygen build` to see where; {keeping}", file=sys.stderr, flush=True)
        return False
    site.files = dict(result.files)
    print(f"Built {len(result.files)} files into {display_path(out)}/", flush=True)
    return True


def serve(source: Path, out: Path, port: int) -> int:
    """Serve until interrupted; exit code 2 if the address is taken."""
    out = out.absolute()
    site = ServedSite()
    handler = type("Handler", (_Handler,), {"site": site})
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        print(f"policygen: error: cannot listen on 127.0.0.1:{port}: {error.strerror}", file=sys.stderr)
        print("  hint: choose another port with --port", file=sys.stderr)
        return 2
    server.daemon_threads = True
    paths = watched_paths(source)
    before_build = _snapshot(paths)
    rebuild(source, out, site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    announced = False
    try:
        for changes in _watch(paths):
            if not announced:
                # The watcher is now live: a change made before it started is caught here.
                announced = True
                address = f"http://127.0.0.1:{server.server_address[1]}/"
                print(f"Serving {display_path(out)}/ at {address} (Ctrl+C to stop)", flush=True)
                if _snapshot(paths) == before_build and not changes:
                    continue
            elif not changes:
                continue
            print("Change detected, rebuilding…", flush=True)
            rebuild(source, out, site)
    except KeyboardInterrupt:
        pass
    finally:
        site.close()
        server.shutdown()
        server.server_close()
    return 0


def _snapshot(paths: list[Path]) -> dict[Path, tuple[float, int]]:
    """Modification time and size of every watched file."""
    snapshot = {}
    for path in paths:
        for file in sorted(path.rglob("*")):
            try:
                status = file.stat()
            except OSError:  # deleted or unreadable while we looked: the watcher reports it
                continue
            if file.is_file() and not in_history(file):
                snapshot[file] = (status.st_mtime, status.st_size)
    return snapshot


def in_history(path: Path) -> bool:
    """A release in the source's history/ (or the folder itself): `policygen release` writes there, no rebuild."""
    return path.name == HISTORY_FOLDER or path.parent.name == HISTORY_FOLDER


def _watch(paths: list[Path]) -> Iterable[object]:
    from watchfiles import watch

    # Ignore editor swap files and our own staging folders.
    def interesting(change: object, path: str) -> bool:
        name = Path(path).name
        return not (name.startswith(".") or name.endswith(("~", ".swp", ".tmp")) or in_history(Path(path)))

    # yield_on_timeout: the first (empty) yield tells that the watcher is live.
    return watch(
        *paths, watch_filter=interesting, debounce=300, rust_timeout=300, yield_on_timeout=True, raise_interrupt=False
    )
