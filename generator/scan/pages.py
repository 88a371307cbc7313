"""The pages of a scan: the list the runs share, a page's own address, and when its network is quiet."""

from __future__ import annotations

import asyncio
import math
import time
from urllib.parse import urldefrag, urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Request

from generator.scan.options import QUIET_WINDOW, SETTLE_LIMIT, SETTLE_POLL


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


QUIET_WATCH = """(() => {
  // policygen scan: notes when the page last changed its DOM and which short timers it has pending, so that
  // the scan reads the page as soon as its scripts are done rather than after a fixed wait.
  if (window !== window.top || window.__policygenQuiet) return;
  const SHORT = 1000; // ms: a longer timer is a later event, not part of loading
  const CHAIN = 3; // a timer set by a timer set by a timer... is polling: not waited for
  const pending = new Set();
  let chain = 0;
  let changed = performance.now();
  const [set, clear, every, clearInterval, frame] = [
    setTimeout, clearTimeout, setInterval, window.clearInterval, requestAnimationFrame
  ].map((f) => f.bind(window));
  /** Run a callback at a link of the chain: what it sets up counts as that far from loading. */
  const at = (link, callback, args) => {
    const outer = chain;
    chain = link;
    try { return Reflect.apply(callback, window, args); } finally { chain = outer; }
  };
  window.setTimeout = function (handler, delay, ...rest) {
    if (typeof handler !== "function") return set(handler, delay, ...rest);
    const link = chain + 1;
    if ((Number(delay) || 0) > SHORT || chain >= CHAIN) return set(() => at(link, handler, rest), delay);
    const id = set(() => {
      pending.delete(id);
      return at(link, handler, rest);
    }, delay);
    pending.add(id);
    return id;
  };
  // What an interval or an animation frame loop sets up is polling or animation, not loading.
  window.setInterval = function (handler, delay, ...rest) {
    if (typeof handler !== "function") return every(handler, delay, ...rest);
    return every(() => at(CHAIN, handler, rest), delay);
  };
  window.requestAnimationFrame = function (callback) {
    const link = chain + 1;
    return typeof callback === "function" ? frame((time) => at(link, callback, [time])) : frame(callback);
  };
  window.clearTimeout = function (id) { pending.delete(id); return clear(id); };
  window.clearInterval = function (id) { pending.delete(id); return clearInterval(id); };
  new MutationObserver(() => { changed = performance.now(); })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  Object.defineProperty(window, "__policygenQuiet", {
    value: () => ({ since: performance.now() - changed, timers: pending.size, ready: document.readyState })
  });
})();"""
"""Installed in every page before the site's scripts (the top frame only): what `NetworkWatch.settle` asks."""

QUIET_PROBE = """() => {
  const quiet = window.__policygenQuiet;
  return quiet ? quiet() : { since: 1e9, timers: 0, ready: document.readyState };
}"""


class NetworkWatch:
    """The page's requests in flight and its scripts' activity, to read the page once they are done with it."""

    def __init__(self, page: Page) -> None:
        self.page = page
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
        """Return once the page is quiet, or after SETTLE_LIMIT: no request in flight and no DOM change for
        QUIET_WINDOW, the document loaded, no short timer pending (see QUIET_WATCH).

        Observed rather than a fixed wait: a quiet page is read at once, a busy one as late as it needs.
        Between two looks it sleeps until the quiet window could first have passed, so that a page is
        asked once or twice rather than every SETTLE_POLL (each look is a round trip to the renderer).
        """
        deadline = time.monotonic() + SETTLE_LIMIT
        while (left := deadline - time.monotonic()) > 0:
            wait = SETTLE_POLL
            if not self.in_flight:
                network_quiet_in = QUIET_WINDOW - (time.monotonic() - self.last_change)
                if network_quiet_in > 0:
                    wait = network_quiet_in
                else:
                    wait = await self._page_quiet_in(left)
                    if wait <= 0:
                        return
            await asyncio.sleep(min(max(wait, 0.001), left))

    async def _page_quiet_in(self, left: float) -> float:
        """Seconds until the page's scripts could be done (0: they are); a page too busy to answer is not
        (its deadline judges it), nor one with a timer pending or a document still loading."""
        try:
            state = await asyncio.wait_for(self.page.evaluate(QUIET_PROBE), left)
        except (TimeoutError, PlaywrightError):
            return SETTLE_POLL  # busy, or between two documents
        since = state["since"]
        if state["ready"] != "complete" or state["timers"] != 0 or not isinstance(since, int | float):
            return SETTLE_POLL
        # A page that replaced performance.now could make `since` NaN: it is then never quiet, as before.
        return QUIET_WINDOW - since / 1000 if math.isfinite(since) else SETTLE_POLL


def page_url(url: str) -> str:
    """A page's address without its #fragment, and `/x/index.html` as `/x/`: one page, however it is linked."""
    page = urldefrag(url)[0]
    parts = urlsplit(page)
    if parts.path.endswith("/index.html"):
        page = parts._replace(path=parts.path.removesuffix("index.html")).geturl()
    return page
