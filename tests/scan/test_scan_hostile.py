"""`policygen scan` against hostile sites: it never hangs, and the same site gives the same verdict.

Each scan runs as a separate `policygen` process under a generous hang guard
(HANG_GUARD): a scan that hangs fails the test instead of the whole session.
The guard is not a timed assertion; the deadlines under test are far below it.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE, REPO
from tests.scan.test_scan import LOOPBACK_ONLY, SITES, make_site, serving
from tests.support.server import serve_directory

HANG_GUARD = 180
"""Seconds after which a scan process counts as hung and is killed (with its Chromium)."""


def run_scan(url: str, *flags: str) -> tuple[int, str, str]:
    """`policygen scan URL` in its own process group, killed as a whole if it outlives HANG_GUARD."""
    command = [sys.executable, "-m", "generator", "scan", url, "--source", str(EXAMPLE), *flags]
    env = {**os.environ, "POLICYGEN_CHROMIUM_ARGS": shlex.join(LOOPBACK_ONLY)}
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"the scan hung for {HANG_GUARD} s; it printed:\n{out}\n{err}")
    return process.returncode, out, err


def scan_json(url: str, *flags: str) -> tuple[int, dict, str]:
    code, out, err = run_scan(url, "--format", "json", *flags)
    assert "Traceback" not in err, err
    assert out, f"no report (exit {code}): {err}"
    return code, json.loads(out), err


def findings_of(report: dict, rule: str) -> list[dict]:
    return [finding for finding in report["findings"] if finding["rule"] == rule]


def paths(seen: list[dict]) -> set[str]:
    return {urlsplit(s["page"]).path for s in seen}


# --- a page whose script never lets go of the main thread ------------------------------------------


@pytest.mark.browser
def test_a_page_that_busy_loops_becomes_a_finding_and_the_scan_goes_on(tmp_path: Path, built_example: Path) -> None:
    with serving(make_site(tmp_path, built_example, "busy_loop")) as url:
        code, report, _ = scan_json(url, "--max-pages", "5", "--timeout", "3")
    assert code == 1
    # produkter.html loops 0.3 s after it loaded, kassa.html before it loads: stuck both, in every run.
    [stuck] = findings_of(report, "S-PAGE-STUCK")
    assert stuck["severity"] == "error"
    runs = {"untouched", "reject-all", "accept-all", "withdraw"}
    assert {(urlsplit(s["page"]).path, s["run"]) for s in stuck["seen"]} == {
        (page, run) for page in ("/produkter.html", "/kassa.html") for run in runs
    }
    # The runs went on in a fresh page: the pages after the stuck one were scanned, the choice held.
    assert {"/konto.html", "/integritetspolicy/"} <= {urlsplit(page).path for page in report["pages"]}
    items = {(item["kind"], item["name"]): item for item in report["items"]}
    assert items[("cookie", "_ga")]["phases"] == ["after-accept"]
    assert report["not_reached"] == []
    assert report["summary"]["deadline_reached"] is False
    other_errors = {f["rule"] for f in report["findings"] if f["severity"] == "error"} - {"S-PAGE-STUCK"}
    assert other_errors == set(), report["findings"]


@pytest.mark.browser
def test_a_start_page_that_busy_loops_is_reported_not_hung_on(tmp_path: Path, built_example: Path) -> None:
    with serving(make_site(tmp_path, built_example, "busy_loop")) as url:
        code, out, err = run_scan(url + "produkter.html", "--max-pages", "2", "--timeout", "2")
    assert code == 1
    assert "error: [S-PAGE-STUCK]" in out
    assert "Traceback" not in err
    assert out.rstrip().endswith("the site differs from its policy.")


# --- pages that never answer, and the overall deadline -----------------------------------------------


class _NeverAnswers(BaseHTTPRequestHandler):
    """`/` links to NEVER_PAGES pages that accept the connection and never send a byte back."""

    released: threading.Event

    def do_GET(self) -> None:
        if self.path == "/":
            links = "".join(f'<a href="/never/{n}.html">{n}</a> ' for n in range(NEVER_PAGES))
            body = f"<!doctype html><html lang=sv><head><title>Start</title></head><body>{links}</body></html>"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        else:
            self.released.wait()

    def log_message(self, format: str, *args: object) -> None:
        pass


NEVER_PAGES = 40


@contextmanager
def never_answering_site() -> Iterator[str]:
    released = threading.Event()
    handler = type("Handler", (_NeverAnswers,), {"released": released})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        released.set()
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_the_deadline_stops_a_scan_of_pages_that_never_answer_and_the_report_lists_them() -> None:
    # 40 pages × --timeout 3 would take two minutes and more; the deadline stops the scan after 20 s.
    with never_answering_site() as url:
        code, report, _ = scan_json(url, "--max-pages", "50", "--timeout", "3", "--deadline", "20")
    assert code == 1
    assert report["summary"]["deadline_reached"] is True
    [incomplete] = findings_of(report, "S-INCOMPLETE")
    assert incomplete["severity"] == "error"
    assert "deadline of 20 s" in incomplete["message"]
    not_reached = {urlsplit(entry["page"]).path for entry in report["not_reached"]}
    assert len(not_reached) >= NEVER_PAGES // 2
    assert not_reached <= {f"/never/{n}.html" for n in range(NEVER_PAGES)}
    # Each page that never answered cost about --timeout: several were tried before the deadline.
    timed_out = {p for f in findings_of(report, "S-PAGE-ERROR") for p in paths(f["seen"])}
    assert len(timed_out) >= 3
    assert not timed_out & not_reached


@pytest.mark.browser
def test_the_text_report_lists_the_pages_not_reached() -> None:
    with never_answering_site() as url:
        code, out, err = run_scan(url, "--timeout", "2", "--deadline", "8")
    assert code == 1
    assert "error: [S-INCOMPLETE] The scan stopped at its deadline of 8 s" in out
    assert "Pages not reached:" in out
    assert f"{url}never/10.html  (every run)" in out
    assert "Traceback" not in err


# --- dialogs ----------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_site_that_spams_dialogs_gets_the_same_verdict_on_every_scan(tmp_path: Path, built_example: Path) -> None:
    with serving(make_site(tmp_path, built_example, "dialogs")) as url:
        first_code, first, _ = scan_json(url, "--max-pages", "4", "--timeout", "5")
        second_code, second, _ = scan_json(url, "--max-pages", "4", "--timeout", "5")
    assert first["findings"] == second["findings"]
    assert first_code == second_code == 1
    # The dialogs were dismissed (confirm false, prompt empty): the cookie set behind them is seen and named.
    [undeclared] = findings_of(first, "S-UNDECLARED")
    assert 'cookie "jiji_popup"' in undeclared["message"]
    assert {s["run"] for s in undeclared["seen"]} == {"untouched", "reject-all", "accept-all", "withdraw"}
    # "Are you sure you want to leave?" did not keep the runs on the first page.
    assert {"/", "/produkter.html", "/konto.html", "/integritetspolicy/"} <= paths(
        [{"page": page} for page in first["pages"]]
    )
    assert findings_of(first, "S-PAGE-ERROR") == findings_of(first, "S-CHOICE-FAILED") == []
    items = {(item["kind"], item["name"]): item for item in first["items"]}
    assert items[("cookie", "_ga")]["phases"] == ["after-accept"]


# --- bad input: exit 2 with a message, never a finding ------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(("name", "media_type"), [("produkter.json", "application/json"), ("logo.png", "image/png")])
def test_a_start_url_that_is_not_an_html_page_exits_2(name: str, media_type: str) -> None:
    with serve_directory(SITES / "not_html") as server:
        code, out, err = run_scan(server.url + name)
    assert code == 2
    assert out == ""
    assert f"policygen: error: {server.url}{name} is not an HTML page (Content-Type: {media_type})" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0"])
def test_a_timeout_that_is_not_a_positive_number_of_seconds_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["scan", "http://127.0.0.1:9/", "--source", str(EXAMPLE), f"--timeout={value}"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "--timeout must be a number of seconds above 0" in err
    assert "e.g. --timeout 15" in err


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-5", "100000"])
def test_a_deadline_that_is_not_a_sensible_number_of_seconds_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["scan", "http://127.0.0.1:9/", "--source", str(EXAMPLE), f"--deadline={value}"])
    assert code == 2
    assert "--deadline must be a number of seconds above 0 and at most a day" in capsys.readouterr().err
