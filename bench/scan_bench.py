"""`make bench`: time `policygen scan` on a generated site of N pages served on 127.0.0.1.

Target: 20 pages × 4 runs, whole process, within 12 s on this project's 2-core machine, same findings.
`python bench/scan_bench.py [RUNS]` measures it alone: wall and CPU of each whole process (Chromium's
processes included), the findings, and the share of the runs' time spent waiting for pages to settle.
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/scan_bench.py` from anywhere

from bench.tables import Table, median, seconds, text_table
from generator.project import bundled_example
from generator.scan.command import find_chromium, run_scan
from generator.scan.observations import ScanRecord, ScanTiming
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


EXPECTED_FINDINGS = [
    'S-NEVER-SEEN: Declared cookie "_ga_*" was never seen on the pages scanned.',
    'S-NEVER-SEEN: Declared cookie "woocommerce_items_in_cart" was never seen on the pages scanned.',
    'S-NEVER-SEEN: Declared cookie "wordpress_logged_in_*" was never seen on the pages scanned.',
    'S-NEVER-SEEN: Declared cookie "wp_woocommerce_session_*" was never seen on the pages scanned.',
    'S-NEVER-SEEN: Declared localStorage key "jiji_recently_viewed" was never seen on the pages scanned.',
]
"""What a scan of the bench's site around the bundled example finds (`make bench` of 2026-11-30, before the
scan was made faster): a faster scan must find exactly this, in every run."""


def benchmark_scan(dist: Path, pages: int = 20, source: Path | None = None) -> float:
    """Seconds for a whole scan (launch included) of `pages` pages built around `dist`'s banner, in process."""
    return scan_in_process(dist, pages, source).seconds


def scan_in_process(dist: Path, pages: int = 20, source: Path | None = None) -> ScanRecord:
    """One scan in this process, for what only the record holds: where the runs' time went."""
    with tempfile.TemporaryDirectory() as folder:
        write_scan_site(dist, Path(folder), pages, source)
        with _served(Path(folder)) as url:
            options = ScanOptions(url=url, max_pages=pages, chromium=find_chromium(), extra_args=(LOOPBACK_ONLY,))
            return run_scan(options, _ignore)


@dataclass
class ScanFigures:
    """Whole-process scans of the same site: wall and CPU seconds of each, their findings, the load."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system seconds of the scan and every process it started (Chromium's renderers included)."""
    findings: list[list[str]] = field(default_factory=list)
    """Each run's findings as sorted 'RULE: message' lines."""
    load: list[float] = field(default_factory=list)
    """The one-minute load average after each run: other work on the machine stretches the wall time."""
    timing: ScanTiming | None = None
    """Where the time of one more scan, in process, went (settle, waiting for run 1)."""

    @property
    def same_findings(self) -> bool:
        """Every run found exactly EXPECTED_FINDINGS."""
        return bool(self.findings) and all(found == EXPECTED_FINDINGS for found in self.findings)


def benchmark_scan_process(dist: Path, pages: int = 20, runs: int = 1) -> tuple[list[float], list[str]]:
    """Whole-process `policygen scan` of the same site, `runs` times: (seconds of each, the findings of the
    last as 'RULE page' lines, so that two versions can be compared for the same findings)."""
    figures = scan_figures(dist, pages, runs, settle_share=False)
    return figures.wall, figures.findings[-1] if figures.findings else []


def scan_figures(dist: Path, pages: int = 20, runs: int = 3, settle_share: bool = True) -> ScanFigures:
    """`runs` whole-process scans of one site, then (`settle_share`) one in process for its timing."""
    figures = ScanFigures()
    with tempfile.TemporaryDirectory() as folder:
        write_scan_site(dist, Path(folder), pages)
        with _served(Path(folder)) as url, _reaping_orphans() as reap:
            command = [sys.executable, "-m", "generator", "scan", url, "--example", "--format", "json"]
            command += ["--max-pages", str(pages)]
            for _ in range(runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                result = subprocess.run(command, capture_output=True, check=False)
                figures.wall.append(time.perf_counter() - start)
                reap()
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                figures.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                figures.load.append(os.getloadavg()[0])
                if result.returncode not in (0, 1):
                    raise RuntimeError(f"policygen scan failed ({result.returncode}): {result.stderr.decode()[-1500:]}")
                report = json.loads(result.stdout)
                figures.findings.append(sorted(_finding_line(f) for f in report["findings"]))
    if settle_share:
        figures.timing = scan_in_process(dist, pages).timing
    return figures


@contextmanager
def _reaping_orphans() -> Iterator[Callable[[], None]]:
    """Count every process a scan starts: Chromium's zygote and renderers are orphaned on purpose, and
    their CPU time would be lost unless this process adopts them (Linux's child subreaper) and waits for
    them. Yields the function that waits for those that have ended (elsewhere it does nothing)."""
    adopting = _set_subreaper(True)
    try:
        yield _reap if adopting else (lambda: None)
    finally:
        if adopting:
            _reap()
            _set_subreaper(False)


def _set_subreaper(on: bool) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, int(on), 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _reap(patience: float = 5.0) -> None:
    """Wait for adopted processes that are ending (Chromium's close its renderers just after the scan)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # no child left
        if pid == 0:
            time.sleep(0.02)  # children still running: Chromium's last processes are exiting


def _finding_line(finding: dict[str, object]) -> str:
    return f"{finding['rule']}: {finding['message']}"


def _ignore(progress: Progress) -> None:
    pass


def scan_table(figures: ScanFigures, pages: int = 20) -> Table:
    """The scan's figures for bench/results.md: wall and CPU of the whole process, findings, where time went."""
    table = Table(f"policygen scan, {pages} pages × 4 runs (whole process)", ("measure", "value"))
    table.add("wall (median of runs; fastest)", f"{seconds(median(figures.wall))}; {seconds(min(figures.wall))}")
    table.add("CPU, user + system, Chromium included (median)", seconds(median(figures.cpu)))
    table.add("load average after the runs", ", ".join(f"{load:.1f}" for load in figures.load))
    table.add("runs", len(figures.wall))
    verdict = "the same in every run, as expected" if figures.same_findings else "**not the expected ones**"
    table.add("findings", f"{len(figures.findings[-1]) if figures.findings else 0}, {verdict}")
    if figures.timing is not None and figures.timing.runs > 0:
        timing = figures.timing
        table.add("waiting for pages to settle (share of the four runs' time)", _share(timing.settle, timing.runs))
        table.add("runs 2–4 waiting for run 1 to find pages (share)", _share(timing.discovery_wait, timing.runs))
    unexpected = sorted({line for found in figures.findings for line in found} ^ set(EXPECTED_FINDINGS))
    table.note = "Findings: " + "; ".join(figures.findings[-1]) if figures.findings else ""
    if unexpected:
        table.note += " Differing from the expected: " + "; ".join(unexpected)
    return table


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%} ({part:.1f} s of {whole:.1f} s, summed over the runs)"


def main() -> int:
    """`python bench/scan_bench.py [RUNS]`: the scan's figures alone, on the bundled example (RUNS default 3)."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as folder:
        dist = Path(folder) / "dist"
        built = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--example", "--out", str(dist)], capture_output=True
        )
        if built.returncode != 0:
            print(built.stderr.decode(), file=sys.stderr)
            return 2
        figures = scan_figures(dist, 20, runs)
    print(text_table(scan_table(figures)))
    return 0 if figures.same_findings else 1


if __name__ == "__main__":
    raise SystemExit(main())
