"""What a scan is asked to do and how long it may take: options, timing limits, the errors that stop it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from generator.errors import PolicygenError
from generator.scan.observations import Run

QUIET_CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
"""Flags that keep Chromium's own traffic off a closed network (the tests use them too). Unlike the tests, the
scanner does not confine the browser to one host: it must reach whatever site it is given."""

LEAN_CHROMIUM_ARGS = ("--renderer-process-limit=1",)
"""Flags that spare CPU without changing what a page does. The four runs are four profiles that navigate in
turn; Chromium keeps one spare renderer process ready for the profile that navigated last, so every
navigation threw the other profile's spare away and started a new one (some 60 processes a scan, a fifth
of its CPU). Past the process limit it keeps no spare. The limit is soft: each profile, and each site
within it, still gets a process of its own."""

QUIET_WINDOW = 0.1
"""Seconds a page must have had no request in flight and no change to its DOM to count as settled (with
its document loaded and no short timer pending, see QUIET_WATCH): what scripts do on load is done by then."""
SETTLE_POLL = 0.025
"""Seconds between two looks at a page that has not settled yet."""
SETTLE_LIMIT = 3.0
"""At most this long is spent waiting for a page to settle (sites that poll or animate never do)."""
READ_MINIMUM = 10.0
"""Seconds at least, after its load, to read a page: settle, banner, choice, storage, links. A page gets
`--timeout` to load and as long again (at least this) to be read; then it is stuck, a finding."""
CLOSE_LIMIT = 10.0
"""Seconds for closing or opening a page, a profile or the browser before the scan stops waiting."""
RESPONSIVE_LIMIT = 3.0
"""Seconds for a page to answer a trivial script after a failed load; a page that does not is stuck."""

NO_DIALOGS = """(() => {
  // policygen scan: every alert, confirm and prompt is dismissed at once, as a visitor who closes them would.
  window.alert = () => undefined;
  window.confirm = () => false;
  window.prompt = () => null;
})();"""
"""Installed in every frame before the site's scripts: dialogs then never block a page, and a page that
spams them behaves the same on every scan (native dialogs that slip through are dismissed in `_dialog`)."""

NOT_A_PAGE = re.compile(
    r"\.(pdf|zip|gz|jpe?g|png|gif|webp|avif|svg|ico|mp4|webm|mp3|wav|docx?|xlsx?|pptx?|csv|xml|json|ics|txt)$",
    re.IGNORECASE,
)

STORAGE_KEYS = """() => {
  const keys = (name) => { try { return Object.keys(window[name]); } catch (error) { return []; } };
  return { host: location.hostname, local: keys("localStorage"), session: keys("sessionStorage") };
}"""


class BrowserUnavailable(PolicygenError):
    """Chromium could not be started."""


class SiteUnreachable(PolicygenError):
    """The first page could not be loaded: bad input, not a finding."""


class NotAnHtmlPage(Exception):
    """The first address answers with something other than an HTML page (JSON, an image, a download)."""


class RunAbandoned(Exception):
    """The browser would not give a run a fresh page after a stuck one: the run stops there."""


T = TypeVar("T")


@dataclass(frozen=True)
class ScanOptions:
    url: str
    max_pages: int = 20
    timeout: float = 15.0
    """Seconds for one page to load (and as long again, at least READ_MINIMUM, to read it)."""
    deadline: float = 600.0
    """Seconds for the whole scan; then it stops and reports what it saw and the pages not reached."""
    chromium: str = "/usr/bin/chromium"
    extra_args: tuple[str, ...] = ()
    """More Chromium flags, e.g. a proxy, or the tests' rule that keeps Chromium on 127.0.0.1."""
    shared_domains: tuple[str, ...] = ()
    """Domains that count as the site itself besides its host (the policy's cookie domain)."""
    runs: tuple[Run, ...] = tuple(Run)
    """The runs to make: all four, or only the untouched one when the policy offers no choice to make."""


@dataclass(frozen=True)
class Progress:
    run: Run
    page_number: int
    pages_known: int
    discovery_done: bool


ProgressCallback = Callable[[Progress], None]
