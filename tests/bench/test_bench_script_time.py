"""What the bench counts as a banner's script time: the page's own script, microtasks included, never the
bench's or Playwright's evaluations, on the page's renderer only."""

from __future__ import annotations

from bench.browser import script_and_blocking_time


def _event(name: str, start_ms: float, ms: float, tid: int = 1, **args: object) -> dict[str, object]:
    return {"name": name, "ph": "X", "pid": 7, "tid": tid, "ts": start_ms * 1000, "dur": ms * 1000, "args": args}


def _main(tid: int) -> dict[str, object]:
    return {"name": "thread_name", "ph": "M", "pid": 7, "tid": tid, "args": {"name": "CrRendererMain"}}


def test_microtasks_count_and_evaluations_without_a_url_do_not() -> None:
    trace = [
        _main(1),
        _event("ParseHTML", 0, 1, beginData={"url": "http://127.0.0.1/index.html"}),
        _event("EvaluateScript", 1, 10, data={"url": "http://127.0.0.1/consent.js"}),
        _event("RunMicrotasks", 20, 5),  # the code after an await
        _event("EvaluateScript", 30, 40),  # Playwright's injected script or a CDP expression: no URL
    ]
    assert script_and_blocking_time(trace) == (15.0, 0.0)


def test_only_the_renderer_that_parsed_the_page_counts() -> None:
    trace = [
        _main(1),
        _main(2),
        _event("ParseHTML", 0, 1, tid=1, beginData={"url": "http://127.0.0.1/index.html"}),
        _event("EvaluateScript", 1, 3, tid=1, data={"url": "http://127.0.0.1/consent.js"}),
        _event("FunctionCall", 0, 50, tid=2, data={"url": "chrome://new-tab-page/app.js"}),  # the browser's own page
    ]
    assert script_and_blocking_time(trace) == (3.0, 0.0)
