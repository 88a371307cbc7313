"""The pages of a scan: the list the runs share, a page's own address, and when its network is quiet."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urldefrag, urlsplit

from playwright.async_api import Page, Request

from generator.scan.options import SETTLE_LIMIT, SETTLE_WINDOW


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


def page_url(url: str) -> str:
    """A page's address without its #fragment, and `/x/index.html` as `/x/`: one page, however it is linked."""
    page = urldefrag(url)[0]
    parts = urlsplit(page)
    if parts.path.endswith("/index.html"):
        page = parts._replace(path=parts.path.removesuffix("index.html")).geturl()
    return page
