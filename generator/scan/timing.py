"""Where a scan's time goes: settling pages, waiting for run 1 (reported by `make bench`)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from typing import Literal, TypeVar

from generator.scan.observations import ScanTiming

T = TypeVar("T")


@contextmanager
def timed(timing: ScanTiming, part: Literal["runs", "settle", "discovery_wait"]) -> Iterator[None]:
    """Add the time the block takes to one part of `timing`."""
    started = time.monotonic()
    try:
        yield
    finally:
        setattr(timing, part, getattr(timing, part) + time.monotonic() - started)


async def timed_run(timing: ScanTiming, run: Awaitable[T]) -> T:
    """Await one run, adding its duration to `timing.runs` (the sum over the runs, which overlap)."""
    with timed(timing, "runs"):
        return await run
