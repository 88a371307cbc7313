"""Visit a site in headless Chromium in four runs and record what each leaves in the browser.

Run 1 leaves the banner alone and finds the pages (same origin, breadth first,
in document order). Runs 2–4 start as soon as the first page is known and
follow the growing page list, each in a fresh browser profile, making their
choice on the first page through the banner's `data-consent-action` hooks
(the banner's controls, docs/banner.md). Nothing here judges: see `scanning_findings`.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Playwright, Request, async_playwright
from playwright.async_api import Error as PlaywrightError

from generator.errors import PolicygenError
from generator.model import StorageType
from generator.scan.banner import ACTION_TIMEOUT, BannerControls, error_gist
from generator.scan.observations import (
    ChoiceFailure,
    ItemSighting,
    PageVisit,
    Phase,
    RequestSighting,
    Run,
    ScanRecord,
    Sighting,
    StoredItem,
    is_same_site,
)

QUIET_CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
"""Flags that keep Chromium's own traffic out of the way (see tests/conftest.py). Unlike the tests, the
scanner does not confine the browser to one host: it must reach whatever site it is given."""

SETTLE_WINDOW = 0.4
"""Seconds without a request in flight after which a page counts as settled (scripts have run)."""
SETTLE_LIMIT = 3.0
"""At most this long is spent waiting for a page to settle (sites that poll never do)."""

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


@dataclass(frozen=True)
class ScanOptions:
    url: str
    max_pages: int = 20
    timeout: float = 15.0
    """Seconds for one page to load."""
    chromium: str = "/usr/bin/chromium"
    extra_args: tuple[str, ...] = ()
    """More Chromium flags, e.g. a proxy, or the tests' rule that keeps Chromium on 127.0.0.1."""
    shared_domains: tuple[str, ...] = ()
    """Domains that count as the site itself besides its host (the policy's cookie domain)."""


@dataclass(frozen=True)
class Progress:
    run: Run
    page_number: int
    pages_known: int
    discovery_done: bool


ProgressCallback = Callable[[Progress], None]


async def scan_site(options: ScanOptions, progress: ProgressCallback) -> ScanRecord:
    """Launch Chromium, load the first page, then run the four runs concurrently."""
    started = time.monotonic()
    async with async_playwright() as playwright:
        browser = await _launch(playwright, options)
        try:
            record = ScanRecord(start_url=options.url, site_host=urlsplit(options.url).hostname or "")
            pages = PageList()
            explorer, *followers = await asyncio.gather(
                *(RunInBrowser.open(browser, run, record, options) for run in Run)
            )
            await explorer.load_start_page()
            await asyncio.gather(
                explorer.discover(pages, progress),
                *(follower.follow(pages, progress) for follower in followers),
            )
            record.pages = list(pages.urls)
        finally:
            await browser.close()
    record.seconds = time.monotonic() - started
    return record


async def _launch(playwright: Playwright, options: ScanOptions) -> Browser:
    try:
        return await playwright.chromium.launch(
            executable_path=options.chromium,
            args=[*QUIET_CHROMIUM_ARGS, *options.extra_args],
            headless=True,
            timeout=30_000,
        )
    except PlaywrightError as error:
        raise BrowserUnavailable(error_gist(error)) from error


class PageList:
    """The pages run 1 has found, in order; the other runs follow it while it grows."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.complete = False
        self._changed = asyncio.Condition()

    async def add(self, url: str) -> None:
        async with self._changed:
            self.urls.append(url)
            self._changed.notify_all()

    async def finish(self) -> None:
        async with self._changed:
            self.complete = True
            self._changed.notify_all()

    async def get(self, index: int) -> str | None:
        """The page at `index`, waiting until it is found; None when there are no more."""
        async with self._changed:
            await self._changed.wait_for(lambda: index < len(self.urls) or self.complete)
            return self.urls[index] if index < len(self.urls) else None


WAIT_FOR_BODY = {"document", "script", "stylesheet"}
"""Resources that act only once loaded; for the others (beacons, fetches nobody reads, event
streams) the response's headers, which carry any Set-Cookie, are all that matters."""


class NetworkWatch:
    """The page's requests in flight, to wait until its scripts have done what they do on load."""

    def __init__(self, page: Page) -> None:
        self.in_flight: set[Request] = set()
        self.last_change = time.monotonic()
        page.on("request", self._started)
        page.on("response", lambda response: self._responded(response.request))
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _responded(self, request: Request) -> None:
        if request.resource_type not in WAIT_FOR_BODY:
            self._ended(request)

    def _started(self, request: Request) -> None:
        self.in_flight.add(request)
        self.last_change = time.monotonic()

    def _ended(self, request: Request) -> None:
        self.in_flight.discard(request)
        self.last_change = time.monotonic()

    def reset(self) -> None:
        self.in_flight.clear()
        self.last_change = time.monotonic()

    async def settle(self) -> None:
        """Return once no request has been in flight for SETTLE_WINDOW seconds, or after SETTLE_LIMIT."""
        deadline = time.monotonic() + SETTLE_LIMIT
        while time.monotonic() < deadline:
            if not self.in_flight and time.monotonic() - self.last_change >= SETTLE_WINDOW:
                return
            await asyncio.sleep(0.05)


class RunInBrowser:
    """One run: a fresh browser profile, the visitor's phase of choice, and what the run saw."""

    def __init__(self, run: Run, context: BrowserContext, page: Page, record: ScanRecord, options: ScanOptions):
        self.run = run
        self.context = context
        self.page = page
        self.record = record
        self.options = options
        self.phase = Phase.before_choice
        self.current_page = options.url
        self.counting_requests = True
        self.watch = NetworkWatch(page)
        self.banner = BannerControls(page)
        page.on("request", self._on_request)

    @classmethod
    async def open(cls, browser: Browser, run: Run, record: ScanRecord, options: ScanOptions) -> RunInBrowser:
        # Service workers are blocked so that every request of the page passes the recorder.
        context = await browser.new_context(locale="sv-SE", service_workers="block", accept_downloads=False)
        context.set_default_timeout(ACTION_TIMEOUT * 1000)
        page = await context.new_page()
        return cls(run, context, page, record, options)

    # --- the runs -------------------------------------------------------------

    async def load_start_page(self) -> None:
        """Load the URL the user gave; failing that, the scan cannot start."""
        url = self.options.url
        try:
            response = await self.page.goto(url, wait_until="load", timeout=self.options.timeout * 1000)
        except PlaywrightError as error:
            raise SiteUnreachable(f"cannot load {url}: {error_gist(error).removesuffix(f' at {url}')}") from error
        if response is not None and response.status >= 400:
            raise SiteUnreachable(f"cannot load {url}: the server answered HTTP {response.status}")
        self.record.start_url = _page_url(self.page.url)
        self.record.site_host = urlsplit(self.page.url).hostname or ""
        self.current_page = self.record.start_url
        await self.watch.settle()

    async def discover(self, pages: PageList, progress: ProgressCallback) -> None:
        """Run 1: walk the site's links breadth first, recording every page with the banner untouched."""
        try:
            start = self.record.start_url
            frontier = deque([start])
            known = {start}
            attempts = 0
            while frontier and len(pages.urls) < self.options.max_pages and attempts < 3 * self.options.max_pages:
                url = frontier.popleft()
                attempts += 1
                final = start if url == start else await self.visit(url)
                if final is None or final in pages.urls or not self._same_origin(final):
                    continue
                await pages.add(final)
                progress(Progress(self.run, len(pages.urls), len(pages.urls), False))
                await self.look_around()
                for link in await self._links():
                    if link not in known:
                        known.add(link)
                        frontier.append(link)
        finally:
            await pages.finish()
            await self.context.close()

    async def follow(self, pages: PageList, progress: ProgressCallback) -> None:
        """Runs 2–4: make the run's choice on the first page, then visit the pages run 1 found."""
        try:
            index = 0
            while (url := await pages.get(index)) is not None:
                progress(Progress(self.run, index + 1, len(pages.urls), pages.complete))
                if await self.visit(url) is not None:
                    if index == 0:
                        await self.choose()
                    await self.look_around()
                elif index == 0:
                    self._fail("the first page did not load, so no choice could be made")
                index += 1
        finally:
            await self.context.close()

    async def visit(self, url: str) -> str | None:
        """Load a page; its URL if it is an HTML page that loaded, else None (errors are recorded)."""
        self.current_page = url
        self.counting_requests = True
        self.watch.reset()
        try:
            response = await self.page.goto(url, wait_until="load", timeout=self.options.timeout * 1000)
        except PlaywrightError as error:
            self.record.visits.append(PageVisit(self.run, url, error=error_gist(error)))
            return None
        if response is not None and response.status >= 400:
            self.record.visits.append(PageVisit(self.run, url, error=f"HTTP {response.status}"))
            return None
        if response is not None and "html" not in (await response.header_value("content-type") or "text/html"):
            return None
        self.current_page = _page_url(self.page.url)
        await self.watch.settle()
        return self.current_page

    async def look_around(self) -> None:
        """Record what a visitor could see of the banner and what the browser holds now."""
        try:
            visit = PageVisit(self.run, self.current_page, banner=await self.banner.probe())
        except PlaywrightError as error:  # a page that sends itself elsewhere by script while being read
            visit = PageVisit(self.run, self.current_page, error=f"the page changed while read: {error_gist(error)}")
        self.record.visits.append(visit)
        await self._record_storage()

    # --- the choice -------------------------------------------------------------

    async def choose(self) -> None:
        """Make the run's choice on the current page, as a visitor would, and let it take effect."""
        steps = {
            Run.reject_all: [(Phase.after_reject, self.banner.reject_all)],
            Run.accept_all: [(Phase.after_accept, self.banner.accept_all)],
            Run.withdraw: [
                (Phase.after_accept, self.banner.accept_all),
                (Phase.after_withdrawal, self.banner.withdraw),
            ],
        }[self.run]
        for number, (phase, action) in enumerate(steps):
            if number > 0:
                await self.watch.settle()
                await self._record_storage()
                # Scripts already running may send a request or two after a withdrawal: only the next pages count.
                self.counting_requests = False
            before, self.phase = self.phase, phase  # what the click sets off belongs to the new state
            try:
                failure = await action()
            except PlaywrightError as error:  # e.g. the page reloaded itself in the middle
                failure = error_gist(error)
            if failure is not None:
                self.phase = before  # nothing was chosen
                self._fail(failure)
                break
        await self.watch.settle()

    def _fail(self, reason: str) -> None:
        self.record.choice_failures.append(ChoiceFailure(self.run, self.current_page, reason))

    # --- recording ---------------------------------------------------------------

    def _sighting(self) -> Sighting:
        return Sighting(self.run, self.phase, self.current_page)

    def _on_request(self, request: Request) -> None:
        if not self.counting_requests:
            return
        parts = urlsplit(request.url)
        host = parts.hostname or ""
        if parts.scheme not in ("http", "https", "ws", "wss") or self._is_site(host):
            return
        self.record.requests.append(RequestSighting(request.url, host, request.resource_type, self._sighting()))

    async def _record_storage(self) -> None:
        sighting = self._sighting()
        now = time.time()
        for cookie in await self.context.cookies():
            expires = cookie.get("expires", -1)
            item = StoredItem(
                kind=StorageType.cookie,
                name=cookie["name"],
                domain=cookie["domain"],
                path=cookie["path"],
                lifetime=round(expires - now) if expires > 0 else None,
                http_only=cookie["httpOnly"],
                third_party=not self._is_site(cookie["domain"]),
            )
            self.record.items.append(ItemSighting(item, sighting))
        seen: set[tuple[StorageType, str, str]] = set()
        for frame in self.page.frames:
            try:
                keys = await frame.evaluate(STORAGE_KEYS)
            except PlaywrightError:
                continue  # a frame that went away, or one without an origin
            host = keys["host"]
            if not host:
                continue
            for kind, names in (
                (StorageType.local_storage, keys["local"]),
                (StorageType.session_storage, keys["session"]),
            ):
                for name in names:
                    if (kind, name, host) not in seen:
                        seen.add((kind, name, host))
                        item = StoredItem(kind, name, host, third_party=not self._is_site(host))
                        self.record.items.append(ItemSighting(item, sighting))

    async def _links(self) -> list[str]:
        try:
            hrefs = await self.page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        except PlaywrightError:
            return []  # the page went elsewhere by itself; its target is found by its own links
        pages = []
        for href in hrefs:
            url = _page_url(href)
            if self._same_origin(url) and not NOT_A_PAGE.search(urlsplit(url).path):
                pages.append(url)
        return pages

    def _same_origin(self, url: str) -> bool:
        a, b = urlsplit(url), urlsplit(self.record.start_url)
        return (a.scheme, a.netloc.lower()) == (b.scheme, b.netloc.lower())

    def _is_site(self, host: str) -> bool:
        return is_same_site(host, self.record.site_host, self.options.shared_domains)


def _page_url(url: str) -> str:
    """A page's address without its #fragment: one page, however it is linked."""
    return urldefrag(url)[0]
