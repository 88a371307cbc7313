"""`policygen scan URL`: prove on a live site, in real Chromium, that it does what its policy says.

The steps read as the data flow: find Chromium → crawl the site in four runs
(`scanning_browser`) → compare with the policy (`scanning_findings`) → report
(`scanning_report`). Only `run_scan_command` prints; exit codes follow
Exit codes: 0 clean, 1 a violation, 2 bad input (unreachable URL, bad source,
no browser).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shlex
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from generator.checks.findings import Severity
from generator.errors import EXIT_FINDINGS, EXIT_OK, UsageError, display_path
from generator.scan.browser import scan_site
from generator.scan.findings import judge, summarize_items
from generator.scan.observations import Run, ScanRecord
from generator.scan.options import (
    BrowserUnavailable,
    NotAnHtmlPage,
    Progress,
    ProgressCallback,
    ScanOptions,
    SiteUnreachable,
)
from generator.scan.report import format_json, format_text
from generator.scan.suggest import suggestions
from generator.sources.loading import load_policy
from generator.texts.cookies import declared_cookies, offers_choice

CHROMIUM_ENV = "PLAYWRIGHT_CHROMIUM_EXECUTABLE"
"""Path of the Chromium (or Chrome) binary to use instead of the one found on the machine."""
CHROMIUM_ARGS_ENV = "POLICYGEN_CHROMIUM_ARGS"
"""Extra Chromium flags, shell-quoted (a proxy; the tests' rule that keeps Chromium on 127.0.0.1)."""
DEFAULT_DEADLINE = 600.0
"""Seconds for the whole scan (`--deadline`): then it stops and reports, listing the pages not reached."""
MAX_DEADLINE = 86400.0
"""A day: longer waits are a typo, and the browser driver's timers overflow far beyond it."""
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def run_scan_command(args: argparse.Namespace, source_path: Path) -> int:
    """Scan `args.url` against the policy in `source_path`; print the report; return the exit code."""
    url = _checked_url(args.url)
    if args.max_pages < 1:
        raise UsageError("--max-pages must be at least 1")
    deadline = getattr(args, "deadline", DEFAULT_DEADLINE)
    _check_seconds("--deadline", deadline, MAX_DEADLINE, "a day")
    _check_seconds("--timeout", args.timeout, deadline, "the --deadline")
    loaded = load_policy(source_path)  # SourceErrors: the CLI reports them with file:line:col, exit 2
    cookie_domain = loaded.policy.site.cookie_domain
    options = ScanOptions(
        url=url,
        max_pages=args.max_pages,
        timeout=args.timeout,
        deadline=deadline,
        chromium=find_chromium(),
        extra_args=chromium_args_from_environment(),
        shared_domains=(cookie_domain,) if cookie_domain else (),
        runs=tuple(Run) if offers_choice(loaded.policy) else (Run.untouched,),
    )
    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    try:
        record = run_scan(options, progress.update if progress else _quiet)
    except BrowserUnavailable as error:
        if options.extra_args:
            raise UsageError(
                f"Chromium ({options.chromium}) would not start with the flags of {CHROMIUM_ARGS_ENV} "
                f"({' '.join(options.extra_args)}): {error}. Check those flags, or unset {CHROMIUM_ARGS_ENV}."
            ) from error
        raise UsageError(
            f"Chromium would not start ({options.chromium}): {error}. Install it with `apt-get install chromium`, "
            f"or set {CHROMIUM_ENV} to a working Chromium or Chrome."
        ) from error
    except SiteUnreachable as error:
        raise UsageError(f"{error}. Check the address and that the site is up.") from error
    except NotAnHtmlPage as error:
        raise UsageError(f"{error}. Give the address of a page of the site, e.g. its home page.") from error
    finally:
        if progress:
            progress.clear()
    findings = judge(record, loaded.policy)
    source = display_path(source_path)
    formatter = format_json if args.format == "json" else format_text
    suggested = (
        suggestions(summarize_items(record, declared_cookies(loaded.policy)), loaded.policy)
        if getattr(args, "suggest", False)
        else None
    )
    print(formatter(record, findings, loaded.policy, source, suggested))
    return EXIT_FINDINGS if any(f.severity == Severity.error for f in findings) else EXIT_OK


def run_scan(options: ScanOptions, progress: ProgressCallback) -> ScanRecord:
    """Run the asynchronous scan to the end from synchronous code."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(scan_site(options, progress))
    # Called where an event loop already runs (a notebook, a test session driving Playwright):
    # the scan gets a thread and a loop of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scan_site(options, progress)).result()


def chromium_args_from_environment() -> tuple[str, ...]:
    """Extra Chromium flags from $POLICYGEN_CHROMIUM_ARGS, shell-quoted; a quoting mistake is named as such."""
    text = os.environ.get(CHROMIUM_ARGS_ENV, "")
    try:
        flags = tuple(shlex.split(text))
    except ValueError as error:
        raise UsageError(
            f"{CHROMIUM_ARGS_ENV} is not valid shell quoting ({error}): {text!r}. "
            "Quote each flag that holds spaces, e.g. '--proxy-server=http://127.0.0.1:3128'."
        ) from error
    not_flags = [flag for flag in flags if not flag.startswith("-")]
    if not_flags:
        raise UsageError(
            f"{CHROMIUM_ARGS_ENV} holds {', '.join(map(repr, not_flags))}, which is not a Chromium flag: "
            "each flag starts with '--', e.g. --proxy-server=http://127.0.0.1:3128."
        )
    return flags


def find_chromium() -> str:
    """The Chromium binary: $PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's, else one on the PATH."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        if not Path(configured).is_file():
            raise UsageError(
                f"{CHROMIUM_ENV} is set to {configured}, which is not a file: point it to Chromium or Chrome, "
                "or unset it and install Chromium with `apt-get install chromium`."
            )
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    raise UsageError(
        "Chromium was not found. The scan runs the site in a real browser: install it with "
        f"`apt-get install chromium` (Debian, Ubuntu), or set {CHROMIUM_ENV} to the path of Chromium or Chrome."
    )


def _check_seconds(flag: str, value: float, limit: float, limit_name: str) -> None:
    """A number of seconds from the command line: finite, positive, and within `limit` (NaN compares false)."""
    if not (math.isfinite(value) and 0 < value <= limit):
        raise UsageError(
            f"{flag} must be a number of seconds above 0 and at most {limit_name} ({limit:g}), not {value:g}; "
            f"e.g. {flag} {15 if flag == '--timeout' else 600}"
        )


def _checked_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        hint = f" Did you mean https://{url}?" if "://" not in url else ""
        raise UsageError(f"'{url}' is not an http(s) address to scan.{hint}")
    return url


def _quiet(progress: Progress) -> None:
    pass


class TerminalProgress:
    """One line on a terminal, rewritten as the runs advance: pages found, and page n of m per run."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.done: dict[Run, int] = {}
        self.known = 0
        self.complete = False

    def update(self, progress: Progress) -> None:
        self.done[progress.run] = progress.page_number
        self.known = max(self.known, progress.pages_known)
        self.complete = self.complete or progress.discovery_done
        total = f"{self.known}" if self.complete else f"{self.known}+"
        runs = " · ".join(f"{run.label} {self.done[run]}" for run in Run if run in self.done)
        self.stream.write(f"\r\x1b[Kscanning, page n of {total}: {runs}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()
