"""`make bench`: time `policygen scan` on a generated site of N pages served on 127.0.0.1.

Target: 20 pages × 4 runs, whole process, within 12 s on this project's 2-core machine, same findings.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.project import bundled_example
from generator.scan.command import find_chromium, run_scan
from generator.scan.options import Progress, ScanOptions
from generator.sources.loading import load_policy

LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"

PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Sida {number}</title>
{snippet}
<script src="/cart.js"></script>
<script type="text/plain" data-consent="statistics" src="/statistics.js"></script>
</head>
<body>
<h1>Sida {number}</h1>
<nav>{links}</nav>
<footer><a href="#" data-consent-action="open">Cookieinställningar</a></footer>
</body>
</html>
"""

SCRIPTS = {
    "cart.js": 'document.cookie = "woocommerce_cart_hash=1; path=/";\n',
    "statistics.js": 'document.cookie = "_ga=GA1.1.1; path=/; max-age=86400";\n',
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def write_scan_site(dist: Path, site: Path, pages: int = 20, source: Path | None = None) -> None:
    """`pages` linked pages around `dist`'s banner, with a first-party script and a blocked statistics one."""
    policy = load_policy(source or bundled_example()).policy
    shutil.copytree(dist, site / policy.site.publish_path.strip("/"), dirs_exist_ok=True)
    snippet = (dist / "snippet.html").read_text(encoding="utf-8")
    names = ["index.html", *(f"sida-{n}.html" for n in range(2, pages + 1))]
    links = " ".join(f'<a href="/{name}">{n}</a>' for n, name in enumerate(names, start=1))
    for number, name in enumerate(names, start=1):
        (site / name).write_text(PAGE.format(number=number, snippet=snippet, links=links), encoding="utf-8")
    for name, script in SCRIPTS.items():
        (site / name).write_text(script, encoding="utf-8")


@contextmanager
def _served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def benchmark_scan(dist: Path, pages: int = 20, source: Path | None = None) -> float:
    """Seconds for a whole scan (launch included) of `pages` pages built around `dist`'s banner, in process."""
    with tempfile.TemporaryDirectory() as folder:
        write_scan_site(dist, Path(folder), pages, source)
        with _served(Path(folder)) as url:
            options = ScanOptions(url=url, max_pages=pages, chromium=find_chromium(), extra_args=(LOOPBACK_ONLY,))
            record = run_scan(options, _ignore)
    return record.seconds


def benchmark_scan_process(dist: Path, pages: int = 20, runs: int = 1) -> tuple[list[float], list[str]]:
    """Whole-process `policygen scan` of the same site, `runs` times: (seconds of each, the findings of the
    last as 'RULE page' lines, so that two versions can be compared for the same findings)."""
    times: list[float] = []
    findings: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        write_scan_site(dist, Path(folder), pages)
        with _served(Path(folder)) as url:
            command = [sys.executable, "-m", "generator", "scan", url, "--example", "--format", "json"]
            command += ["--max-pages", str(pages)]
            for _ in range(runs):
                start = time.perf_counter()
                result = subprocess.run(command, capture_output=True, check=False)
                times.append(time.perf_counter() - start)
                if result.returncode not in (0, 1):
                    raise RuntimeError(f"policygen scan failed ({result.returncode}): {result.stderr.decode()[-1500:]}")
                report = json.loads(result.stdout)
                findings = sorted(_finding_line(f) for f in report["findings"])
    return times, findings


def _finding_line(finding: dict[str, object]) -> str:
    return f"{finding['rule']}: {finding['message']}"


def _ignore(progress: Progress) -> None:
    pass
