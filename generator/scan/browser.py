"""Visit a site in headless Chromium in four runs and record what each leaves in the browser.

Run 1 leaves the banner alone and finds the pages (same origin, breadth first,
in document order). Runs 2–4 start as soon as the first page is known and
follow the growing page list, each in a fresh browser profile, making their
choice on the first page through the banner's `data-consent-action` hooks
(the banner's controls, docs/banner.md). Nothing here judges: see `scanning_findings`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Awaitable
from urllib.parse import urlsplit

from playwright.async_api import (
    Browser,
    BrowserContext,
    Cookie,
    Dialog,
    Page,
    Playwright,
    Request,
    Response,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError

from generator.model import StorageType
from generator.scan import dom
from generator.scan.banner import ACTION_TIMEOUT, BannerControls, error_gist
from generator.scan.held import HELD_ELEMENTS_SCRIPT, held_elements
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
from generator.scan.options import (
    CLOSE_LIMIT,
    LEAN_CHROMIUM_ARGS,
    NO_DIALOGS,
    NOT_A_PAGE,
    QUIET_CHROMIUM_ARGS,
    READ_MINIMUM,
    RESPONSIVE_LIMIT,
    STORAGE_KEYS,
    BrowserUnavailable,
    NotAnHtmlPage,
    Progress,
    ProgressCallback,
    RunAbandoned,
    ScanOptions,
    SiteUnreachable,
    T,
)
from generator.scan.pages import QUIET_WATCH, NetworkWatch, PageList, page_url
from generator.scan.timing import timed, timed_run

LINKS = dom.script("return queryAll(arg).map((link) => link.href);")
"""The links of a page (`href` resolved), in document order, as Playwright's CSS locators find them."""


async def scan_site(options: ScanOptions, progress: ProgressCallback) -> ScanRecord:
    """Launch Chromium, load the first page, then make the runs concurrently, all within the deadline."""
    started = time.monotonic()
    record = ScanRecord(start_url=options.url, site_host=urlsplit(options.url).hostname or "", runs=options.runs)
    pages = PageList()
    runs: list[RunInBrowser] = []
    async with async_playwright() as playwright:
        browser = await _launch(playwright, options)
        try:
            async with asyncio.timeout(max(0.0, options.deadline - (time.monotonic() - started))):
                opening = (RunInBrowser.open(browser, run, record, options) for run in options.runs)
                runs += await asyncio.gather(*opening)
                explorer, *followers = runs
                await explorer.load_start_page()
                await asyncio.gather(
                    timed_run(record.timing, explorer.discover(pages, progress)),
                    *(timed_run(record.timing, follower.follow(pages, progress)) for follower in followers),
                )
        except TimeoutError:
            record.deadline = options.deadline
        finally:
            await _bounded(browser.close())
    record.pages = list(pages.urls)
    record.not_reached = _not_reached(options, pages, runs, stopped=record.deadline is not None)
    record.seconds = time.monotonic() - started
    return record


async def _bounded(closing: Awaitable[object]) -> None:
    """Close something of the browser's, but never wait on it for long: a stuck renderer must not hang the scan."""
    with contextlib.suppress(TimeoutError, PlaywrightError):
        await asyncio.wait_for(closing, CLOSE_LIMIT)


def _not_reached(options: ScanOptions, pages: PageList, runs: list[RunInBrowser], stopped: bool) -> dict[str, set[Run]]:
    """The pages each run would still have visited: those found, then (if it was stopped) the links run 1
    had yet to follow."""
    missing: dict[str, set[Run]] = {}
    if len(runs) < len(options.runs) or not runs[0].visited:
        return {options.url: set(options.runs)}  # the deadline came before the first page was read
    explorer = runs[0]
    for url in pages.urls:
        left = {run.run for run in runs if url not in run.visited}
        if left:
            missing[url] = left
    if explorer.abandoned or stopped:
        room = max(0, options.max_pages - len(pages.urls))
        for url in [u for u in explorer.frontier if u not in explorer.visited][:room]:
            missing.setdefault(url, set()).update(options.runs)
    return missing


async def _launch(playwright: Playwright, options: ScanOptions) -> Browser:
    try:
        return await playwright.chromium.launch(
            executable_path=options.chromium,
            args=[*QUIET_CHROMIUM_ARGS, *LEAN_CHROMIUM_ARGS, *options.extra_args],
            headless=True,
            timeout=30_000,
        )
    except PlaywrightError as error:
        raise BrowserUnavailable(error_gist(error)) from error


class RunInBrowser:
    """One run: a fresh browser profile, the visitor's phase of choice, and what the run saw."""

    def __init__(self, run: Run, context: BrowserContext, page: Page, record: ScanRecord, options: ScanOptions):
        self.run = run
        self.context = context
        self.record = record
        self.options = options
        self.phase = Phase.before_choice
        self.current_page = options.url
        self.counting_requests = True
        self.visited: set[str] = set()
        """Pages this run is done with, read or not (a failure is a finding too)."""
        self.frontier: deque[str] = deque()
        """Run 1: links found and not yet followed."""
        self.abandoned = False
        self.last_stuck: str | None = None
        """The last page found stuck, so that run 1 lists it for the other runs even if it never loaded."""
        self.page_deadline = options.timeout + max(options.timeout, READ_MINIMUM)
        self._attach(page)

    def _attach(self, page: Page) -> None:
        self.page = page
        self.watch = NetworkWatch(page)
        self.banner = BannerControls(page)
        page.on("request", self._on_request)
        page.on("dialog", _dialog)

    @classmethod
    async def open(cls, browser: Browser, run: Run, record: ScanRecord, options: ScanOptions) -> RunInBrowser:
        # Service workers are blocked so that every request of the page passes the recorder.
        context = await browser.new_context(locale="sv-SE", service_workers="block", accept_downloads=False)
        context.set_default_timeout(ACTION_TIMEOUT * 1000)
        await context.add_init_script(NO_DIALOGS)
        await context.add_init_script(QUIET_WATCH)
        page = await context.new_page()
        return cls(run, context, page, record, options)

    # --- deadlines --------------------------------------------------------------

    async def _within_deadline(self, url: str, step: Awaitable[T]) -> T | None:
        """Do one page's work within the page's deadline; past it, the page is stuck: a finding, and a fresh page.

        Playwright's calls into a page whose main thread never yields (a script in an endless loop)
        never return: the deadline abandons them, and closing the page ends its renderer.
        """
        try:
            async with asyncio.timeout(self.page_deadline):
                return await step
        except TimeoutError:
            pass
        await self._stuck(self.current_page or url, f"it was not loaded and read within {self.page_deadline:g} s")
        return None

    async def _stuck(self, url: str, reason: str) -> None:
        """Record a page whose scripts keep it busy, what the browser holds, and go on in a fresh page."""
        self.record.visits.append(PageVisit(self.run, url, error=reason, stuck=True))
        self.last_stuck = url
        await self._record_cookies()  # the browser holds them, not the stuck page: still evidence
        await self._replace_page()

    async def _replace_page(self) -> None:
        """Close a page that no longer answers and go on in a fresh one of the same profile (cookies kept)."""
        await _bounded(self.page.close(run_before_unload=False))
        try:
            page = await asyncio.wait_for(self.context.new_page(), CLOSE_LIMIT)
        except (TimeoutError, PlaywrightError) as error:
            raise RunAbandoned(error_gist(error) if isinstance(error, PlaywrightError) else "no new page") from error
        self._attach(page)

    async def _responsive(self) -> bool:
        """After a failed load: does the page still run scripts? One whose scripts hang would block the next."""
        try:
            await asyncio.wait_for(self.page.evaluate("0"), RESPONSIVE_LIMIT)
        except TimeoutError:
            return False
        except PlaywrightError:
            pass  # an answer all the same (e.g. the document went away)
        return True

    # --- the runs -------------------------------------------------------------

    async def load_start_page(self) -> None:
        """Load the URL the user gave; failing that, the scan cannot start."""
        url = self.options.url
        try:
            response = await self.page.goto(url, wait_until="load", timeout=self.options.timeout * 1000)
        except PlaywrightError as error:
            gist = error_gist(error).removesuffix(f" at {url}")
            if gist.startswith("Download is starting"):
                raise NotAnHtmlPage(f"{url} is not an HTML page: the browser downloads it") from error
            raise SiteUnreachable(f"cannot load {url}: {gist}") from error
        if response is not None and response.status >= 400:
            raise SiteUnreachable(f"cannot load {url}: the server answered HTTP {response.status}")
        content_type = await self._content_type(response)
        if "html" not in content_type:
            raise NotAnHtmlPage(f"{url} is not an HTML page (Content-Type: {content_type})")
        self.record.start_url = page_url(self.page.url)
        self.record.site_host = urlsplit(self.page.url).hostname or ""
        self.current_page = self.record.start_url

    async def _content_type(self, response: Response | None) -> str:
        """The response's media type; without a header, the one the browser settled on for the document."""
        # The headers of the response event: no round trip to the browser, as header_value() would make.
        header = response.headers.get("content-type") if response is not None else None
        if header:
            return header.split(";")[0].strip().lower()
        try:
            return str(await asyncio.wait_for(self.page.evaluate("document.contentType"), self.page_deadline))
        except (TimeoutError, PlaywrightError):
            return "text/html"  # a page too busy to answer is still a page: its deadline makes it a finding

    async def discover(self, pages: PageList, progress: ProgressCallback) -> None:
        """Run 1: walk the site's links breadth first, recording every page with the banner untouched."""
        try:
            start = self.record.start_url
            self.frontier.append(start)
            known = {start}
            attempts = 0
            while self.frontier and len(pages.urls) < self.options.max_pages and attempts < 3 * self.options.max_pages:
                url = self.frontier[0]
                attempts += 1
                links = await self._within_deadline(url, self._discover_page(url, pages, progress))
                self.frontier.popleft()
                self.visited.add(url)
                for link in links or []:
                    if link not in known:
                        known.add(link)
                        self.frontier.append(link)
        except RunAbandoned as error:
            self._abandon(error)
        finally:
            await pages.finish()
            await _bounded(self.context.close())

    async def _discover_page(self, url: str, pages: PageList, progress: ProgressCallback) -> list[str]:
        """One page of run 1: load it (the start page is loaded already), record it, return its links."""
        # Listed as soon as it has loaded: the other runs need not wait until this run has read it.
        final = self.record.start_url if url == self.record.start_url else await self.visit(url, settle=False)
        if final is None and self.last_stuck == url and url not in pages.urls:
            # A page of the site that hangs before "load": every run must meet it, as a visitor would.
            await pages.add(url)
            progress(Progress(self.run, len(pages.urls), len(pages.urls), False))
            return []
        if final is None or final in pages.urls or not self._same_origin(final):
            return []
        await pages.add(final)
        progress(Progress(self.run, len(pages.urls), len(pages.urls), False))
        await self._settle()
        await self.look_around()
        return await self._links()

    async def follow(self, pages: PageList, progress: ProgressCallback) -> None:
        """Runs 2–4: make the run's choice on the first page, then visit the pages run 1 found."""
        try:
            index = 0
            while (url := await self._next_page(pages, index)) is not None:
                progress(Progress(self.run, index + 1, len(pages.urls), pages.complete))
                done = await self._within_deadline(url, self._follow_page(url, index == 0))
                if index == 0 and not done:
                    self._fail("the first page did not load or respond, so no choice could be made")
                self.visited.add(url)
                index += 1
        except RunAbandoned as error:
            self._abandon(error)
        finally:
            await _bounded(self.context.close())

    async def _next_page(self, pages: PageList, index: int) -> str | None:
        with timed(self.record.timing, "discovery_wait"):
            return await pages.get(index)

    async def _settle(self) -> None:
        with timed(self.record.timing, "settle"):
            await self.watch.settle()

    async def _follow_page(self, url: str, first: bool) -> bool:
        """One page of runs 2–4 (the choice on the first); whether it loaded."""
        if await self.visit(url) is None:
            return False
        if first:
            await self.choose()
        await self.look_around()
        return True

    def _abandon(self, error: RunAbandoned) -> None:
        self.abandoned = True
        reason = f"the browser gave the run no new page after a stuck one ({error}); the run stopped there"
        self.record.visits.append(PageVisit(self.run, self.current_page, error=reason))

    async def visit(self, url: str, settle: bool = True) -> str | None:
        """Load a page (and let it settle); its URL if it is an HTML page that loaded, else None (errors recorded)."""
        self.current_page = url
        self.counting_requests = True
        self.watch.reset()
        before = self.page.url
        try:
            response = await self.page.goto(url, wait_until="load", timeout=self.options.timeout * 1000)
        except PlaywrightError as error:
            # A page that never answered leaves the previous document in place: a plain failure. One
            # that arrived but whose scripts hang before "load" has taken the tab: it is stuck.
            if self.page.url == before or await self._responsive():
                self.record.visits.append(PageVisit(self.run, url, error=error_gist(error)))
            else:  # its scripts hung before it fired "load": stuck, the same finding as hanging after it
                await self._stuck(url, f"it did not load within {self.options.timeout:g} s and stopped responding")
            return None
        if response is not None and response.status >= 400:
            self.record.visits.append(PageVisit(self.run, url, error=f"HTTP {response.status}"))
            return None
        if "html" not in await self._content_type(response):
            return None
        self.current_page = page_url(self.page.url)
        if settle:
            await self._settle()
        return self.current_page

    async def look_around(self) -> None:
        """Record what a visitor could see of the banner and what the browser holds now."""
        try:
            visit = PageVisit(self.run, self.current_page, banner=await self.banner.probe())
        except PlaywrightError as error:  # a page that sends itself elsewhere by script while being read
            visit = PageVisit(self.run, self.current_page, error=f"the page changed while read: {error_gist(error)}")
        self.record.visits.append(visit)
        if self.run == Run.untouched and visit.error is None:
            await self._record_held_elements()
        await self._record_storage()

    async def _record_held_elements(self) -> None:
        """The page's `data-consent` scripts and iframes as it loaded: S-UNKNOWN-CATEGORY checks their category."""
        try:
            pairs = await self.page.evaluate(HELD_ELEMENTS_SCRIPT)
        except PlaywrightError:  # the page navigated away while read: its banner probe says so
            return
        self.record.held += held_elements(pairs, self._sighting())

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
                await self._settle()
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
        await self._settle()

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

    async def _record_cookies(self) -> None:
        """The profile's cookies: the browser answers for them even when the page's scripts hang."""
        try:
            cookies = await asyncio.wait_for(self.context.cookies(), CLOSE_LIMIT)
        except (TimeoutError, PlaywrightError):
            return
        self._add_cookies(cookies)

    async def _record_storage(self) -> None:
        self._add_cookies(await self.context.cookies())
        await self._record_web_storage()

    def _add_cookies(self, cookies: list[Cookie]) -> None:
        sighting = self._sighting()
        now = time.time()
        for cookie in cookies:
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

    async def _record_web_storage(self) -> None:
        sighting = self._sighting()
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
            # Not the link of a blocked embed's placeholder: it opens the embed, not a page of the site.
            hrefs = dom.strings(await self.page.evaluate(LINKS, "a[href]:not(.consent-placeholder a)"))
        except PlaywrightError:
            return []  # the page went elsewhere by itself; its target is found by its own links
        pages = []
        for href in hrefs:
            url = page_url(href)
            if self._same_origin(url) and not NOT_A_PAGE.search(urlsplit(url).path):
                pages.append(url)
        return pages

    def _same_origin(self, url: str) -> bool:
        a, b = urlsplit(url), urlsplit(self.record.start_url)
        return (a.scheme, a.netloc.lower()) == (b.scheme, b.netloc.lower())

    def _is_site(self, host: str) -> bool:
        return is_same_site(host, self.record.site_host, self.options.shared_domains)


async def _dialog(dialog: Dialog) -> None:
    """A native dialog that got past NO_DIALOGS: leave the page when asked ("beforeunload"), else dismiss."""
    try:
        if dialog.type == "beforeunload":
            await dialog.accept()
        else:
            await dialog.dismiss()
    except PlaywrightError:
        pass  # the page went away with its dialog
