"""`policygen serve`: build, serve the output on 127.0.0.1, rebuild when a source changes.

The banner needs http:// (browsers keep no cookies for file://), so this is
how a site owner previews the page and tries the banner. A change that does
not load or check keeps the last good build online and prints what is wrong.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.build import build
from generator.errors import PolicygenError, display_path
from generator.paths import resource_dir, running_from_checkout


class _QuietHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # Always the newest build: a preview must never show a cached page.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def watched_paths(source: Path) -> list[Path]:
    """The source folder, and the templates and banner when running from a checkout."""
    paths = [source]
    if running_from_checkout():
        paths += [resource_dir("site_templates"), resource_dir("consent_js"), Path(__file__).parent / "locale"]
    return [p for p in paths if p.exists()]


def rebuild(source: Path, out: Path) -> bool:
    """Build once; print the result or the errors. Returns whether the build succeeded."""
    try:
        result = build(source, out)
    except PolicygenError as error:
        print(error.report(), file=sys.stderr, flush=True)
        print("Not published: still serving the last good build.", file=sys.stderr, flush=True)
        return False
    print(f"Built {len(result.files)} files into {display_path(out)}/", flush=True)
    return True


def serve(source: Path, out: Path, port: int) -> int:
    """Serve until interrupted; exit code 2 if the address is taken."""
    out = out.absolute()
    handler = functools.partial(_QuietHandler, directory=str(out))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        print(f"policygen: error: cannot listen on 127.0.0.1:{port}: {error.strerror}", file=sys.stderr)
        print("  hint: choose another port with --port", file=sys.stderr)
        return 2
    paths = watched_paths(source)
    before_build = _snapshot(paths)
    rebuild(source, out)
    out.mkdir(parents=True, exist_ok=True)
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
            rebuild(source, out)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


def _snapshot(paths: list[Path]) -> dict[Path, tuple[float, int]]:
    """Modification time and size of every watched file."""
    return {
        file: (file.stat().st_mtime, file.stat().st_size)
        for path in paths
        for file in sorted(path.rglob("*"))
        if file.is_file()
    }


def _watch(paths: list[Path]) -> Iterable[object]:
    from watchfiles import watch

    # Ignore editor swap files and our own staging folders.
    def interesting(change: object, path: str) -> bool:
        name = Path(path).name
        return not (name.startswith(".") or name.endswith(("~", ".swp", ".tmp")))

    # yield_on_timeout: the first (empty) yield tells that the watcher is live.
    return watch(
        *paths, watch_filter=interesting, debounce=300, rust_timeout=300, yield_on_timeout=True, raise_interrupt=False
    )
