"""`make bench`: how fast and how small policygen's outputs are, as one table.

Measured, not assumed (these are not timed tests):
- load + check time, in process, for the example and generated policies of growing size;
- whole-process `policygen build` time for the same policies;
- shipped banner size (consent.js + consent.css: raw, gzip -9, brotli 11);
- time from DOMContentLoaded to the banner being visible in Chromium (median of loads);
- `policygen scan` of 20 pages x 4 runs (bench/scan_bench.py).
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.large_policy import write_large_policy  # noqa: E402
from bench.scan_bench import benchmark_scan  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, EXAMPLE  # noqa: E402

SIZES = (10, 100, 1_000, 10_000)
TARGETS = {
    "load+check 1,000 activities": "< 1 s",
    "build example (whole process)": "< 0.4 s",
    "build 1,000 activities (whole process)": "< 1 s",
    "banner JS+CSS brotli": "< 5,000 B (aim 4,000)",
    "scan 20 pages x 4 runs": "< 30 s",
}


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load_and_check(folder: Path) -> None:
    from generator.checks.registry import check_policy
    from generator.sources.loading import load_policy

    check_policy(load_policy(folder).policy)


def build_process(folder: Path, out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "generator", "build", str(folder), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=REPO,
    )


def banner_sizes(dist: Path) -> list[tuple[str, int, int, int]]:
    import brotli

    rows = []
    total = b""
    for name in ("consent/consent.js", "consent/consent.css"):
        data = (dist / name).read_bytes()
        total += data
        rows.append((name, len(data), len(gzip.compress(data, 9, mtime=0)), len(brotli.compress(data, quality=11))))
    js_css = (dist / "consent/consent.js").read_bytes() + (dist / "consent/consent.css").read_bytes()
    rows.append(
        (
            "together",
            len(js_css),
            rows[0][2] + rows[1][2],
            rows[0][3] + rows[1][3],
        )
    )
    return rows


BANNER_TIMING = """
window.__bannerTiming = new Promise((resolve) => {
  document.addEventListener('DOMContentLoaded', () => {
    const start = performance.now();
    const visible = () => {
      const button = document.querySelector('[data-consent-action="reject-all"]');
      if (button && button.getClientRects().length && getComputedStyle(button).visibility !== 'hidden') {
        resolve(performance.now() - start);
      } else {
        requestAnimationFrame(visible);
      }
    };
    visible();
  });
});
"""


def time_to_banner(dist: Path, loads: int = 15) -> float:
    from playwright.sync_api import sync_playwright

    from tests.support.server import serve_directory

    with serve_directory(dist) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        times = []
        for _ in range(loads):
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(BANNER_TIMING)
            page.goto(server.url + "index.html")
            times.append(page.evaluate("window.__bannerTiming"))
            context.close()
        browser.close()
    return statistics.median(times)


def print_table(title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    line = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    print(line.format(*header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="policygen-bench-"))
    policies = {"example": EXAMPLE}
    for size in SIZES:
        policies[f"{size:,} activities x 10 cookies"] = write_large_policy(work / f"policy-{size}", size)

    rows: list[tuple[object, ...]] = []
    for name, folder in policies.items():
        repeats = 5 if "10,000" not in name else 1
        load_check = median_seconds(lambda folder=folder: load_and_check(folder), repeats)
        build = median_seconds(
            lambda folder=folder, name=name: build_process(folder, work / "out" / name.split()[0]), max(1, repeats // 2)
        )
        rows.append((name, f"{load_check * 1000:,.0f} ms", f"{build * 1000:,.0f} ms"))
    print_table("Time (median)", ("policy", "load + check", "policygen build (process)"), rows)

    dist = work / "out" / "example"
    sizes = banner_sizes(dist)
    print_table(
        "Banner as shipped (bytes)",
        ("file", "raw", "gzip -9", "brotli 11"),
        [(n, f"{r:,}", f"{g:,}", f"{b:,}") for n, r, g, b in sizes],
    )

    print_table(
        "Banner in Chromium",
        ("measure", "median"),
        [("DOMContentLoaded → banner visible", f"{time_to_banner(dist):.1f} ms")],
    )

    seconds = benchmark_scan(dist)
    print_table("Scan", ("measure", "time"), [("20 pages x 4 runs", f"{seconds:.1f} s")])

    print_table("Targets (reported, not enforced)", ("measure", "target"), list(TARGETS.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
