"""Banners in Debian's Chromium, measured the way a visitor meets them (`make bench`; not a timed test).

- **visible**: the first animation frame in which a button is inside the viewport (its whole box), opaque
  (the product of its and its ancestors' opacity is 1, visibility visible) and clickable (the element at its
  centre is the button or inside it), for accept and for reject; from navigation start and from
  DOMContentLoaded.
- **script time**: the union of `EvaluateScript`, `FunctionCall` and `RunMicrotasks` on the page's main thread in
  a Chromium trace (loads without the visibility probe, whose own calls would count, and without Playwright's
  injected script: the bench waits for the banner through plain CDP expressions, which it does not count).
- **TBT**: the main thread's tasks (`RunTask`) over 50 ms, their time beyond 50 ms, in the same trace.
- **CLS**: the sum of `layout-shift` entries without recent input, after the banner has settled.
- **heap**: JS heap used after a forced garbage collection, minus the same page without a banner.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.peers import Banner

PROBE = """
(() => {
  const selectors = %(selectors)s;
  const found = {};
  window.__bannerVisible = new Promise((resolve) => {
    const shown = (element) => {
      if (!element || !element.isConnected) return false;
      const box = element.getBoundingClientRect();
      if (box.width <= 0 || box.height <= 0) return false;
      if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) return false;
      let opacity = 1;
      for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.display === 'none') return false;
        opacity *= parseFloat(style.opacity);
      }
      if (opacity < 0.999 || getComputedStyle(element).visibility !== 'visible') return false;
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return !!hit && (hit === element || element.contains(hit));
    };
    const frame = () => {
      const now = performance.now();
      for (const [name, selector] of Object.entries(selectors)) {
        if (!(name in found) && shown(document.querySelector(selector))) found[name] = now;
      }
      if (Object.keys(found).length === Object.keys(selectors).length) {
        const navigation = performance.getEntriesByType('navigation')[0];
        resolve({found, dcl: navigation.domContentLoadedEventStart});
      } else {
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  });
})();
"""

LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push(e); })
  .observe({type: 'layout-shift', buffered: true});
"""
SCRIPT_EVENTS = ("EvaluateScript", "FunctionCall", "RunMicrotasks")
"""Main-thread script: scripts evaluated, callbacks called, and microtasks (the code after an `await`, promise
callbacks, MutationObserver callbacks), which the first two do not include."""
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"]


@dataclass
class BannerFigures:
    """Every load's figures for one banner at one CPU rate."""

    accept_from_navigation: list[float] = field(default_factory=list)
    reject_from_navigation: list[float] = field(default_factory=list)
    both_from_dcl: list[float] = field(default_factory=list)
    accept_from_dcl: list[float] = field(default_factory=list)
    reject_from_dcl: list[float] = field(default_factory=list)
    script_ms: list[float] = field(default_factory=list)
    tbt_ms: list[float] = field(default_factory=list)
    cls: list[float] = field(default_factory=list)
    heap_bytes: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _new_page(browser, rate: float):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return context, page, cdp


def measure_visible(browser, url: str, banner: Banner, rate: float, figures: BannerFigures) -> None:  # type: ignore[no-untyped-def]
    """One first view: when accept and reject become visible (see the module's docstring)."""
    context, page, _ = _new_page(browser, rate)
    try:
        selectors = json.dumps({"accept": banner.accept, "reject": banner.reject})
        page.add_init_script(PROBE % {"selectors": selectors})
        page.goto(url)
        result = page.evaluate("window.__bannerVisible")
        found, dcl = result["found"], result["dcl"]
        figures.accept_from_navigation.append(found["accept"])
        figures.reject_from_navigation.append(found["reject"])
        figures.accept_from_dcl.append(found["accept"] - dcl)
        figures.reject_from_dcl.append(found["reject"] - dcl)
        figures.both_from_dcl.append(max(found.values()) - dcl)
    except Exception as error:  # noqa: BLE001 - a peer that fails one load is reported, not fatal
        figures.failures.append(f"visible: {type(error).__name__}: {str(error).splitlines()[0][:120]}")
    finally:
        context.close()


def measure_trace(browser, url: str, banner: Banner, rate: float, figures: BannerFigures, heap: bool) -> None:  # type: ignore[no-untyped-def]
    """One first view under a Chromium trace: script time and TBT; then CLS and (if `heap`) the JS heap."""
    context, page, cdp = _new_page(browser, rate)
    try:
        page.add_init_script(LAYOUT_SHIFTS)
        browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="load")
        if banner.accept:
            _wait_for(cdp, banner.accept)
        page.wait_for_timeout(600)  # any work after the banner shows
        trace = json.loads(browser.stop_tracing())
        script, tbt = script_and_blocking_time(trace)
        figures.script_ms.append(script)
        figures.tbt_ms.append(tbt)
        figures.cls.append(page.evaluate("window.__shifts.reduce((s, e) => s + (e.hadRecentInput ? 0 : e.value), 0)"))
        if heap:
            cdp.send("HeapProfiler.enable")
            cdp.send("HeapProfiler.collectGarbage")
            figures.heap_bytes.append(cdp.send("Runtime.getHeapUsage")["usedSize"])
    except Exception as error:  # noqa: BLE001
        figures.failures.append(f"trace: {type(error).__name__}: {str(error).splitlines()[0][:120]}")
    finally:
        context.close()


def _wait_for(cdp, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until `selector` matches a rendered element, asking through CDP with a plain expression:
    Playwright's own waits evaluate its injected script (about 100 kB) on the page's main thread, which the
    trace would count as the banner's script time."""
    expression = f"!!document.querySelector({json.dumps(selector)})?.getClientRects().length"
    for _ in range(300):  # a hang guard of 30 s, not a timing
        if cdp.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"].get("value"):
            return
        time.sleep(0.1)
    raise TimeoutError(f"{selector} never appeared")


def script_and_blocking_time(trace: dict | list) -> tuple[float, float]:
    """(script ms, TBT ms) of the page's main thread: the busiest `CrRendererMain` of the trace that parsed a
    page from http (the browser's own pages, such as a new tab's, run in renderers of their own)."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    main_threads = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    pages = {(e.get("pid"), e.get("tid")) for e in events if _parsed_page(e)} & main_threads
    main_threads = pages or main_threads
    spans: dict[tuple[int, int], list[tuple[float, float]]] = {}
    tasks: dict[tuple[int, int], list[float]] = {}
    for event in events:
        thread = (event.get("pid"), event.get("tid"))
        if thread not in main_threads or event.get("ph") != "X":
            continue
        duration = event.get("dur", 0) / 1000
        if event["name"] in SCRIPT_EVENTS and _page_script(event):
            start = event["ts"] / 1000
            spans.setdefault(thread, []).append((start, start + duration))
        elif event["name"] == "RunTask":
            tasks.setdefault(thread, []).append(duration)
    if not spans:
        return 0.0, 0.0
    thread = max(spans, key=lambda t: _union(spans[t]))
    blocking = sum(max(0.0, d - 50) for d in tasks.get(thread, []))
    return _union(spans[thread]), blocking


def _page_script(event: dict) -> bool:
    """Not a script evaluated without a URL: the page's own scripts, inline ones included, carry the page's URL;
    expressions sent through CDP (the bench's own waits, Playwright's injected script) carry none."""
    if event["name"] != "EvaluateScript":
        return True
    return bool(event.get("args", {}).get("data", {}).get("url"))


def _parsed_page(event: dict) -> bool:
    """A `ParseHTML` of a page served over http."""
    if event.get("name") != "ParseHTML":
        return False
    return str(event.get("args", {}).get("beginData", {}).get("url", "")).startswith("http")


def _union(intervals: list[tuple[float, float]]) -> float:
    """Total length of possibly nested or overlapping intervals."""
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def config_bytes_per_view(browser, root_url: str, root: Path, served: list[tuple[str, int, int]]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Config body bytes of a first and a repeat page view of the same site, as the build delivers it:
    embedded (the `consent-config` script's bytes in each HTML page the server sent) plus any fetched
    `config.json`'s body bytes as the server sent them (a cache hit or a 304 sends none)."""
    context = browser.new_context()
    page = context.new_page()
    views = []
    try:
        for name in ("index.html", "sida-2.html"):
            before = len(served)
            page.goto(root_url + "policygen/" + name, wait_until="load")
            page.wait_for_timeout(300)  # a config fetched after load
            total = 0
            for path, _status, size in served[before:]:
                path = path.split("?")[0]
                if path.endswith("config.json"):
                    total += size
                elif path.endswith(".html") and size:
                    total += embedded_config_bytes((root / path.lstrip("/")).read_text(encoding="utf-8"))
            views.append(total)
    finally:
        context.close()
    return views[0], views[1]


def embedded_config_bytes(html: str) -> int:
    """Bytes of the config a page carries inline (the snippet's `consent-config` script); 0 if none."""
    marker = 'id="consent-config">'
    start = html.find(marker)
    if start < 0:
        return 0
    start += len(marker)
    return len(html[start : html.find("</script>", start)].encode())
