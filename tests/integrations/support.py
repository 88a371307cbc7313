"""What every integration test shares: a tiny site's pages, a server with the recommended cache headers,
`policygen scan` run as a user runs it, and the banner's behaviour checked in Chromium.

Each test builds a site with the real tool (MkDocs, Hugo, Eleventy, or by hand), serves it here and
calls `scan_finds_nothing` and `assert_the_banner_works` on it.
"""

from __future__ import annotations

import email.utils
import functools
import json
import os
import shlex
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.conftest import CHROMIUM_ARGS, FIXTURES, REPO

SOURCE = FIXTURES / "integrations" / "policy"
"""The policy of every integration site: one statistics cookie, publish_path /integritetspolicy/."""
PUBLISH_PATH = "/integritetspolicy/"
SETTINGS_CONTROL = '<button type="button" data-consent-action="open">Inställningar för kakor</button>'
"""The footer control of the hand-made themes (the MkDocs plugin adds its own)."""

STATISTICS_SCRIPT = (
    "// Statistics, released by the banner after consent: what Google Analytics would store (declared _ga).\n"
    'document.cookie = "_ga=GA1.1.123456789.1700000000; path=/; max-age=3600; samesite=lax";\n'
    "document.documentElement.dataset.statisticsRan = document.currentScript.dataset.page;\n"
)
EMBED_PAGE = "<!doctype html><html lang=sv><title>Karta</title><p>Kartan</p></html>\n"


def blocked_script(page: str) -> str:
    """A script the banner must hold until statistics are accepted; it records the page it ran on."""
    return f'<script type="text/plain" data-consent="statistics" data-page="{page}" src="/js/statistics.js"></script>'


BLOCKED_IFRAME = (
    '<iframe data-consent="statistics" data-src="/embed/karta.html" title="Karta över butiken" '
    'width="300" height="150"></iframe>'
)


def write_shared_files(root: Path) -> None:
    """The statistics script and the embedded page, at the paths the pages use."""
    (root / "js").mkdir(parents=True, exist_ok=True)
    (root / "js" / "statistics.js").write_text(STATISTICS_SCRIPT)
    (root / "embed").mkdir(parents=True, exist_ok=True)
    (root / "embed" / "karta.html").write_text(EMBED_PAGE)


def policygen_build(out: Path, *flags: str) -> None:
    """`policygen build` of the example into `out`, as the owner runs it."""
    run([sys.executable, "-m", "generator", "build", str(SOURCE), "--out", str(out), *flags], cwd=REPO)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a tool; its output is shown when it fails. The timeout is a hang guard only."""
    result = subprocess.run(
        command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (
        f"{shlex.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


# --- the server: Cache-Control: no-cache with ETag and Last-Modified, as docs/integrations/ recommend ---------


class RevalidatingHandler(SimpleHTTPRequestHandler):
    """Static files with `Cache-Control: no-cache`, an ETag and Last-Modified; a matching revalidation gets 304."""

    requests: list[str]

    def send_head(self) -> Any:
        self.requests.append(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        self.etag = None
        if path.is_file():
            stat = path.stat()
            self.etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'
            if self.headers.get("If-None-Match") == self.etag:
                self.send_response(304)
                self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
                self.end_headers()
                return None
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        if getattr(self, "etag", None):
            self.send_header("ETag", self.etag)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    """A port of 127.0.0.1 that is free now, for a tool that must know the site's address before it is served."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(root: Path, port: int = 0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (a free port unless given) with the recommended cache headers; yields its URL."""
    handler = type("Handler", (RevalidatingHandler,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- policygen scan, as a user runs it ------------------------------------------------------------------------

LOOPBACK_ONLY = [arg for arg in CHROMIUM_ARGS if arg.startswith("--host-resolver-rules")]


def scan_report(url: str, max_pages: int = 8) -> tuple[int, dict[str, Any], str]:
    """`policygen scan URL --source … --format json`: its exit code, report and error output."""
    command = [sys.executable, "-m", "generator", "scan", url, "--source", str(SOURCE), "--format", "json"]
    command += ["--max-pages", str(max_pages)]
    env = {**os.environ, "POLICYGEN_CHROMIUM_ARGS": shlex.join(LOOPBACK_ONLY)}
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    report = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.returncode, report, result.stdout + result.stderr


def assert_scan_finds_nothing(url: str, pages: set[str]) -> None:
    """Exit 0, no finding, every page of the site visited, and the statistics cookie only after accepting."""
    code, report, output = scan_report(url)
    assert report, output
    assert report["findings"] == [], json.dumps(report["findings"], indent=1, ensure_ascii=False)
    assert code == 0, output
    from urllib.parse import urlsplit

    visited = {urlsplit(page).path for page in report["pages"]}
    assert pages <= visited, visited
    items = {(item["kind"], item["name"]): item for item in report["items"]}
    assert items[("cookie", "_ga")]["phases"] == ["after-accept"]


# --- the banner in Chromium -----------------------------------------------------------------------------------


def assert_the_banner_works(page: Any, context: Any, site: str, script_page: str, embed_page: str) -> None:
    """Before a choice nothing optional runs and the iframe shows a placeholder; after accepting both run;
    withdrawing through the site's own settings control clears the cookie and holds the script again."""
    page.goto(site + script_page.lstrip("/"))
    assert page.locator("section.consent-banner").is_visible()
    assert page.evaluate("document.documentElement.dataset.statisticsRan") is None
    assert "_ga" not in cookie_names(context)

    page.goto(site + embed_page.lstrip("/"))
    frame = page.locator("iframe[data-consent]")
    assert frame.get_attribute("src") is None
    assert page.locator(".consent-placeholder").first.is_visible()

    page.locator('section.consent-banner [data-consent-action="accept-all"]').click()
    page.wait_for_function("document.querySelector('iframe[data-consent]').src.endsWith('/embed/karta.html')")
    assert page.locator(".consent-placeholder").count() == 0

    page.goto(site + script_page.lstrip("/"))
    page.wait_for_function("document.documentElement.dataset.statisticsRan !== undefined")
    assert "_ga" in cookie_names(context)
    assert not page.locator("section.consent-banner").is_visible()

    # Withdrawal through the control the site itself shows on every page.
    page.locator('[data-consent-action="open"]:not(.consent-ui *)').first.click()
    page.locator('dialog.consent-dialog [data-consent-action="reject-all"]').click()
    page.wait_for_function("!document.cookie.split('; ').some((c) => c.startsWith('_ga='))")
    page.goto(site + script_page.lstrip("/"))
    assert page.evaluate("document.documentElement.dataset.statisticsRan") is None


def cookie_names(context: Any) -> set[str]:
    return {cookie["name"] for cookie in context.cookies()}


def assert_policy_page_fits_a_phone(page: Any, url: str, theme_marker: str, content: str = ".policygen-page") -> None:
    """The privacy page in the site's frame (`theme_marker`), its content (the fragment, or the whole page's
    main), and no sideways scrolling at 390 px."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    assert page.locator(theme_marker).count() >= 1, f"the theme's {theme_marker} is missing"
    assert page.locator(f"{content} h1").inner_text() == "Integritetspolicy"
    assert page.locator(f"{content} #cookies").count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the screen"
