"""Settling asks the page as rarely as it can: once when it is quiet, again only when its quiet window can
have passed; a page that reports nonsense is never quiet, and the upper bound still ends the wait."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from generator.scan import pages
from generator.scan.observations import ScanTiming
from generator.scan.pages import NetworkWatch
from generator.scan.timing import timed, timed_run


class FakePage:
    """Answers the quiet probe from a list of states, counting the looks."""

    def __init__(self, *states: dict[str, Any]) -> None:
        self.states = list(states)
        self.looks = 0

    def on(self, event: str, handler: object) -> None:
        pass

    async def evaluate(self, script: str) -> dict[str, Any]:
        self.looks += 1
        return self.states[min(self.looks, len(self.states)) - 1]


T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """The coroutine on a loop of its own, in a thread of its own: a browser test before this one may have left
    Playwright's loop running in the main thread, where `asyncio.run` refuses to start."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def settle(page: FakePage) -> None:
    watch = NetworkWatch(page)  # type: ignore[arg-type]
    watch.last_change = time.monotonic() - 1  # the network has been idle for a second
    run(watch.settle())


def test_a_quiet_page_is_asked_once() -> None:
    page = FakePage({"since": 5_000, "timers": 0, "ready": "complete"})
    settle(page)
    assert page.looks == 1


def test_a_page_that_just_changed_is_asked_again_once_its_window_has_passed() -> None:
    page = FakePage({"since": 40, "timers": 0, "ready": "complete"}, {"since": 101, "timers": 0, "ready": "complete"})
    settle(page)
    assert page.looks == 2


@pytest.mark.parametrize("since", [math.nan, "soon", None])
def test_a_page_that_reports_nonsense_is_never_quiet_and_the_limit_ends_the_wait(
    since: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "SETTLE_LIMIT", 0.2)
    page = FakePage({"since": since, "timers": 0, "ready": "complete"})
    settle(page)
    assert page.looks > 1  # it kept looking until the limit


def test_timing_adds_up_even_when_the_step_fails() -> None:
    timing = ScanTiming()
    with pytest.raises(RuntimeError), timed(timing, "settle"):
        time.sleep(0.01)
        raise RuntimeError
    assert timing.settle > 0

    async def step() -> str:
        return "done"

    assert run(timed_run(timing, step())) == "done"
    assert timing.runs > 0
