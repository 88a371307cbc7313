"""`policygen serve` live reload: the browser reloads after a rebuild, shows a broken source's errors over the
last good page, and none of it reaches the built files; waiting browsers hold no thread for long."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve import MAX_WAITERS, ServedSite
from tests.conftest import EXAMPLE
from tests.support.serve_process import Served

HANG_GUARD = 60_000
"""Milliseconds a browser expectation may wait (a guard against hanging, not a timing assertion)."""
MARKUP = '<img src="x" id="injected">'
"""A key whose name is markup: the error message repeats it, and it must stay text."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Served, Path]]:
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    process = Served(source, str(tmp_path / "dist"))
    yield process, source
    process.stop()


def replace_in(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.browser
def test_the_page_reloads_with_the_new_text_after_a_change(served: tuple[Served, Path], page: Any) -> None:
    process, source = served
    page.goto(f"http://127.0.0.1:{process.port}/")
    page.wait_for_function("document.body.textContent.includes('Jiji Boutique')", timeout=HANG_GUARD)
    page.evaluate("window.beforeTheChange = true")  # gone once the page has reloaded

    replace_in(source / "controller.yaml", "name: Jiji Boutique", "name: Jiji Butik")

    page.wait_for_function(
        "!window.beforeTheChange && document.body.textContent.includes('Jiji Butik')", timeout=HANG_GUARD
    )


@pytest.mark.browser
def test_every_open_tab_reloads_though_only_one_waits_for_changes(served: tuple[Served, Path], context: Any) -> None:
    """Tabs share one long poll (a browser opens only a few connections to a host): all of them reload."""
    process, source = served
    tabs = [context.new_page() for _ in range(3)]
    for tab, path in zip(tabs, ("", "en/", "records/"), strict=True):
        tab.goto(f"http://127.0.0.1:{process.port}/{path}")
        tab.evaluate("window.beforeTheChange = true")

    replace_in(source / "controller.yaml", "name: Jiji Boutique", "name: Jiji Butik")

    for tab in tabs:
        tab.wait_for_function(
            "!window.beforeTheChange && document.body.textContent.includes('Jiji Butik')", timeout=HANG_GUARD
        )


@pytest.mark.browser
def test_a_broken_source_shows_its_error_in_the_page_and_the_last_good_build_stays(
    served: tuple[Served, Path], page: Any
) -> None:
    process, source = served
    good = process.fetch("index.html")
    page.goto(f"http://127.0.0.1:{process.port}/")
    page.wait_for_function("document.body.textContent.includes('Jiji Boutique')", timeout=HANG_GUARD)

    site = source / "site.yaml"
    original = site.read_text(encoding="utf-8")
    site.write_text(original + f"'{MARKUP}': x\n", encoding="utf-8")

    overlay = page.locator("#policygen-serve-errors")
    overlay.wait_for(state="visible", timeout=HANG_GUARD)
    text = overlay.inner_text()
    assert re.search(r"site\.yaml:\d+:\d+: error", text), text
    assert MARKUP in text  # shown as text ...
    assert page.locator("#injected").count() == 0  # ... never as markup
    # The last good build stays, in the page and on the server.
    assert "Jiji Boutique" in page.locator("body").inner_text()
    assert process.fetch("index.html") == good

    # Fixed: the page reloads and the errors go.
    site.write_text(original, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=HANG_GUARD)
    assert "Jiji Boutique" in page.locator("body").inner_text()


@pytest.mark.browser
def test_the_error_page_before_the_first_good_build_reloads_into_the_site(tmp_path: Path, page: Any) -> None:
    source = shutil.copytree(EXAMPLE, tmp_path / "source")
    site = source / "site.yaml"
    replace_in(site, "consent_lifetime: P6M", "consent_lifetime: [P6M")
    process = Served(source, str(tmp_path / "dist"))
    try:
        page.goto(f"http://127.0.0.1:{process.port}/")
        assert "The source has errors" in page.locator("h1").inner_text()
        replace_in(site, "consent_lifetime: [P6M", "consent_lifetime: P6M")
        page.wait_for_function("document.body.textContent.includes('Jiji Boutique')", timeout=HANG_GUARD)
    finally:
        process.stop()


def test_the_built_files_carry_no_reload_script(served: tuple[Served, Path], tmp_path: Path) -> None:
    process, _ = served
    served_page = process.fetch("index.html")
    assert '<script src="/__policygen/reload.js"' in served_page
    assert "Jiji Boutique" in served_page
    built = list((tmp_path / "dist").rglob("*.html"))
    assert built
    for file in built:
        assert "__policygen" not in file.read_text(encoding="utf-8"), file
    # Only the pages get it: the banner's files are served as built.
    assert process.fetch("consent/consent.js").encode() == (tmp_path / "dist/consent/consent.js").read_bytes()


def test_the_change_feed_answers_loopback_hosts_only_and_knows_its_addresses(served: tuple[Served, Path]) -> None:
    process, _ = served
    status, body = process.request("/__policygen/changes?since=-1")
    assert status == 200
    state = json.loads(body)
    assert state["errors"] == [] and state["version"] >= 1
    status, body = process.request("/__policygen/reload.js")
    assert status == 200 and "location.reload()" in body
    assert process.request("/__policygen/changes?since=-1", host=f"attacker.example:{process.port}")[0] == 403
    assert process.request("/__policygen/reload.js", host="attacker.example")[0] == 403
    for path in ("/__policygen/changes", "/__policygen/changes?since=x", "/__policygen/other", "/__policygen/"):
        assert process.request(path)[0] == 404, path


def test_waiting_browsers_are_bounded_and_woken_by_a_build() -> None:
    """At most MAX_WAITERS requests wait; another is answered at once; a build or stopping wakes them all."""
    site = ServedSite()
    answers: list[dict[str, object]] = []

    def wait() -> None:
        answers.append(site.wait_for_change(0, timeout=600))

    waiting = [threading.Thread(target=wait) for _ in range(MAX_WAITERS)]
    for thread in waiting:
        thread.start()
    with site.changed:
        assert site.changed.wait_for(lambda: site.waiters == MAX_WAITERS, timeout=60)
    # One more: answered at once with the state as it is (600 s would hang the test otherwise).
    assert site.wait_for_change(0, timeout=600) == {"version": 0, "build": "", "errors": []}
    assert not answers

    site.publish(["site.yaml:3:1: error: something"])
    for thread in waiting:
        thread.join(timeout=60)
        assert not thread.is_alive()
    assert answers == [{"version": 1, "build": "", "errors": ["site.yaml:3:1: error: something"]}] * MAX_WAITERS
    assert site.waiters == 0

    stopping = threading.Thread(target=lambda: answers.append(site.wait_for_change(1, timeout=600)))
    stopping.start()
    with site.changed:
        assert site.changed.wait_for(lambda: site.waiters == 1, timeout=60)
    site.close()
    stopping.join(timeout=60)
    assert not stopping.is_alive()
