"""`policygen scan` in real Chromium against fixture sites on 127.0.0.1 (tests/fixtures/scan_sites/README.md).

The clean shop runs the built example's banner and does what the example policy
says: the scan exits 0. Each broken variant must exit 1 and name its fault.
The rules themselves are also specified on hand-made records, without a browser.
"""

from __future__ import annotations

import asyncio
import io
import json
import shlex
import shutil
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main
from generator.model import Policy, StorageType
from generator.scan.command import TerminalProgress
from generator.scan.findings import ScanFinding, judge
from generator.scan.observations import (
    ItemSighting,
    Phase,
    RequestSighting,
    Run,
    ScanRecord,
    Sighting,
    StoredItem,
    is_same_site,
)
from generator.scan.options import QUIET_CHROMIUM_ARGS, Progress
from generator.texts.cookies import declared_cookies
from tests.conftest import CHROMIUM_ARGS, EXAMPLE, FIXTURES, REPO
from tests.support.server import serve_directory

SITES = FIXTURES / "scan_sites"
PUBLISH_PATH = "integritetspolicy"
"""Where the example's site.publish_path puts the built files (and so the banner)."""

LOOPBACK_ONLY = [arg for arg in CHROMIUM_ARGS if arg.startswith("--host-resolver-rules")]


@pytest.fixture(autouse=True)
def chromium_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner's Chromium may reach 127.0.0.1 and localhost only (the scanner itself adds no such rule)."""
    monkeypatch.setenv("POLICYGEN_CHROMIUM_ARGS", shlex.join(LOOPBACK_ONLY))


def make_site(tmp_path: Path, built: Path, variant: str | None = None) -> Path:
    """The clean shop, the variant's files over it, the built example under /integritetspolicy/."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "shop", site)
    headers = json.loads((site / "headers.json").read_text())
    if variant is not None:
        shutil.copytree(SITES / variant, site, dirs_exist_ok=True)
        variant_headers = SITES / variant / "headers.json"
        if variant_headers.exists():
            headers.update(json.loads(variant_headers.read_text()))
    (site / "headers.json").write_text(json.dumps(headers))
    shutil.copytree(built, site / PUBLISH_PATH)
    return site


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve the site on 127.0.0.1 with its headers.json; fill in the head snippet and the other host."""
    headers: dict[str, dict[str, str]] = json.loads((site / "headers.json").read_text())

    def header_rule(path: str) -> dict[str, str]:
        merged: dict[str, str] = {}
        for pattern, values in headers.items():
            if fnmatch(urlsplit(path).path, pattern):
                merged.update(values)
        return merged

    snippet = (site / PUBLISH_PATH / "snippet.html").read_text()
    with serve_directory(site, header_rule) as server:
        other_host = server.url.replace("127.0.0.1", "localhost").rstrip("/")
        for page in site.glob("*.html"):
            html = page.read_text().replace("<!-- policygen:head -->", snippet).replace("{{other_host}}", other_host)
            page.write_text(html)
        yield server.url


def scan(url: str, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str, str]:
    code = main(["scan", url, "--source", str(EXAMPLE), "--max-pages", "10", *flags])
    out, err = capsys.readouterr()
    return code, out, err


def scan_json(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code, out, _ = scan(url, capsys, "--format", "json")
    return code, json.loads(out)


def rules(report: dict) -> set[str]:
    return {finding["rule"] for finding in report["findings"]}


# --- the clean shop ------------------------------------------------------------


@pytest.mark.browser
def test_the_built_example_on_a_shop_that_keeps_its_policy_exits_0(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(make_site(tmp_path, built_example)) as url:
        code, report = scan_json(url, capsys)
    assert report["findings"] == [], report["findings"]
    assert code == 0
    pages = {urlsplit(page).path for page in report["pages"]}
    assert {"/", "/produkter.html", "/konto.html", f"/{PUBLISH_PATH}/"} <= pages
    items = {(item["kind"], item["name"]): item for item in report["items"]}
    # Before any choice only necessary items; after accepting, the blocked scripts ran; after
    # rejecting or withdrawing, what they stored is gone.
    assert items[("cookie", "_ga")]["phases"] == ["after-accept"]
    assert items[("cookie", "_ga")]["category"] == "statistics"
    assert items[("local_storage", "jiji_recently_viewed")]["phases"] == ["after-accept"]
    assert items[("cookie", "woocommerce_cart_hash")]["phases"] == [
        "before-choice",
        "after-reject",
        "after-accept",
        "after-withdrawal",
    ]
    assert items[("cookie", "wp_woocommerce_session_1a2b3c")]["http_only"] is True
    assert items[("cookie", "wp_woocommerce_session_1a2b3c")]["declared_as"] == "wp_woocommerce_session_*"
    assert items[("cookie", "consent")]["phases"] == ["after-reject", "after-accept", "after-withdrawal"]
    assert report["requests"] == []
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0


@pytest.mark.browser
def test_the_text_report_ends_with_a_summary_line(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(make_site(tmp_path, built_example)) as url:
        code, out, err = scan(url, capsys, "--max-pages", "4")
    assert code == 0
    assert out.startswith(f"Scanned {url} against ")
    assert "4 pages × 4 runs" in out.splitlines()[0]
    assert "localStorage jiji_recently_viewed" in out
    assert out.rstrip().splitlines()[-1] == "0 errors, 0 warnings: the site does what its policy says."
    assert err == ""  # progress goes to a terminal only


# --- a site that offers no choice ------------------------------------------------------


@pytest.mark.browser
def test_a_site_with_only_necessary_cookies_is_scanned_once_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No optional category: the banner asks nothing and stores no choice, so one run (untouched) says it all."""
    salon = REPO / "policy_src" / "salong-lunden"
    site = tmp_path / "site"
    site.mkdir()
    main(["build", str(salon), "--out", str(site / "integritet")])
    capsys.readouterr()
    snippet = (site / "integritet" / "snippet.html").read_text()
    (site / "index.html").write_text(
        f"<!doctype html><html lang='sv'><head><title>Salong</title>{snippet}</head>"
        "<body><h1>Salong Lunden</h1><a href='/integritet/'>Integritetspolicy</a></body></html>"
    )
    with serve_directory(site) as server:
        code = main(["scan", server.url, "--source", str(salon), "--max-pages", "3", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["runs"] == ["untouched"]
    assert report["findings"] == [] and code == 0
    assert not any(item["name"] == "consent" for item in report["items"])


# --- each fault named ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("variant", "rule", "words"),
    [
        ("undeclared_cookie", "S-UNDECLARED", 'cookie "jiji_ab_test"'),
        ("script_not_blocked", "S-BEFORE-CHOICE", 'cookie "_ga"'),
        ("not_cleared", "S-NOT-CLEARED", 'cookie "_ga_SERVER"'),
        ("too_long", "S-DURATION", 'cookie "woocommerce_cart_hash"'),
        ("third_party_request", "S-REQUEST-BEFORE-CHOICE", "localhost"),
        ("no_banner", "S-NO-BANNER", "konto.html"),
    ],
)
def test_a_broken_site_exits_1_and_names_its_fault(
    variant: str, rule: str, words: str, tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(make_site(tmp_path, built_example, variant)) as url:
        # The first four pages (/, produkter, konto, the policy page) hold every fault.
        code, out, _ = scan(url, capsys, "--max-pages", "4")
    assert code == 1
    assert f"error: [{rule}]" in out
    finding = out[out.index(f"error: [{rule}]") :].split("\n  error:")[0].split("\nWarnings")[0]
    assert words in finding, out
    assert "seen:" in finding and url in finding  # the page and run where it was seen
    assert "fix:" in finding


@pytest.mark.browser
def test_withdrawal_through_the_settings_works_when_reject_is_hidden(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a first-layer reject, the runs still refuse through "Anpassa" and the toggles."""
    with serving(make_site(tmp_path, built_example, "no_reject")) as url:
        code, report = scan_json(url, capsys)
    assert code == 1
    assert rules(report) == {"S-NO-REJECT"}
    [finding] = report["findings"]
    assert '"reject all"' in finding["message"]
    # Every page of the shop (its CSS hides the button), none of the built privacy pages.
    assert {urlsplit(s["page"]).path for s in finding["seen"]} == {"/", "/produkter.html", "/konto.html"}
    items = {(item["kind"], item["name"]): item for item in report["items"]}
    assert items[("cookie", "_ga")]["phases"] == ["after-accept"]


# --- bad input -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free now, and nothing listens on it


@pytest.mark.browser
def test_an_unreachable_url_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/"
    code, out, err = scan(url, capsys)
    assert code == 2
    assert out == ""
    assert f"cannot load {url}: net::ERR_CONNECTION_REFUSED" in err
    assert "Check the address and that the site is up." in err
    assert "Traceback" not in err


@pytest.mark.browser
def test_the_scan_runs_where_an_event_loop_already_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """A notebook, or a test session that drives Playwright: the scan takes a thread of its own."""

    async def from_a_coroutine() -> int:
        return main(["scan", f"http://127.0.0.1:{free_port()}/", "--source", str(EXAMPLE)])

    # A thread of our own, so that the test also works when this thread already runs a loop
    # (pytest-playwright's sync fixtures leave one running for the rest of the session).
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, from_a_coroutine()).result() == 2
    assert "ERR_CONNECTION_REFUSED" in capsys.readouterr().err


def test_a_url_without_scheme_exits_2_and_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = scan("www.jiji-boutique.se", capsys)
    assert code == 2
    assert "Did you mean https://www.jiji-boutique.se?" in err


def test_an_invalid_source_exits_2_naming_the_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken"
    shutil.copytree(EXAMPLE, source)
    (source / "site.yaml").write_text("site:\n  base_url: [not, a, url]\n", encoding="utf-8")
    code = main(["scan", "http://127.0.0.1:9/", "--source", str(source)])
    err = capsys.readouterr().err
    assert code == 2
    assert "site.yaml:2:" in err


def test_a_missing_browser_exits_2_saying_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAYWRIGHT_CHROMIUM_EXECUTABLE", str(tmp_path / "no-chromium"))
    code, _, err = scan("http://127.0.0.1:9/", capsys)
    assert code == 2
    assert "PLAYWRIGHT_CHROMIUM_EXECUTABLE" in err
    assert "apt-get install chromium" in err


def test_the_scanner_itself_does_not_confine_chromium() -> None:
    """It must reach whatever site it is given; only the tests keep Chromium on 127.0.0.1."""
    assert not any(arg.startswith("--host-resolver-rules") for arg in QUIET_CHROMIUM_ARGS)


# --- the rules, on hand-made records ----------------------------------------------------

SITE = "http://127.0.0.1:8000/"
DAY = 86400


def record_of(*items: tuple[StoredItem, Phase], requests: tuple[tuple[str, Phase], ...] = ()) -> ScanRecord:
    record = ScanRecord(start_url=SITE, site_host="127.0.0.1", pages=[SITE])
    run_of = {
        Phase.before_choice: Run.untouched,
        Phase.after_reject: Run.reject_all,
        Phase.after_accept: Run.accept_all,
        Phase.after_withdrawal: Run.withdraw,
    }
    for item, phase in items:
        record.items.append(ItemSighting(item, Sighting(run_of[phase], phase, SITE)))
    for host, phase in requests:
        sighting = Sighting(run_of[phase], phase, SITE)
        record.requests.append(RequestSighting(f"https://{host}/x.js", host, "script", sighting))
    return record


def cookie(name: str, lifetime: int | None = None, **attributes: object) -> StoredItem:
    return StoredItem(StorageType.cookie, name, "127.0.0.1", "/", lifetime, **attributes)  # type: ignore[arg-type]


def errors(findings: list[ScanFinding]) -> list[str]:
    return [f.rule for f in findings if f.severity == "error"]


def test_a_cookie_that_matches_a_declared_pattern_is_declared(example: Policy) -> None:
    findings = judge(record_of((cookie("_ga_JIJI2019", 300 * DAY), Phase.after_accept)), example)
    assert errors(findings) == []


def test_the_storage_kind_must_match_the_declaration(example: Policy) -> None:
    item = StoredItem(StorageType.local_storage, "_ga", "127.0.0.1")
    [finding] = [f for f in judge(record_of((item, Phase.after_accept)), example) if f.severity == "error"]
    assert finding.rule == "S-UNDECLARED"
    assert 'localStorage key "_ga"' in finding.message


@pytest.mark.parametrize(
    ("name", "lifetime", "too_long"),
    [
        ("_ga", 395 * DAY, False),  # P13M, as a script counts thirteen months
        ("_ga", 400 * DAY, False),  # Chromium's cap, within the 3 % of calendar months
        ("_ga", 420 * DAY, True),
        ("woocommerce_cart_hash", None, False),  # session, as declared
        ("woocommerce_cart_hash", 3600, True),  # declared for the session, kept for an hour
        ("consent", 183 * DAY, False),  # P6M
    ],
)
def test_a_cookie_may_not_outlive_its_declared_duration(
    example: Policy, name: str, lifetime: int | None, too_long: bool
) -> None:
    findings = judge(record_of((cookie(name, lifetime), Phase.after_accept)), example)
    assert ("S-DURATION" in errors(findings)) is too_long


def test_non_necessary_items_are_judged_by_the_visitors_choice(example: Policy) -> None:
    ga = cookie("_ga", 300 * DAY)
    recent = StoredItem(StorageType.local_storage, "jiji_recently_viewed", "127.0.0.1")
    record = record_of(
        (ga, Phase.before_choice),
        (recent, Phase.after_reject),
        (ga, Phase.after_accept),
        (ga, Phase.after_withdrawal),
        (cookie("woocommerce_cart_hash"), Phase.before_choice),  # necessary: always allowed
    )
    by_rule = {f.rule: f for f in judge(record, example) if f.severity == "error"}
    assert set(by_rule) == {"S-BEFORE-CHOICE", "S-AFTER-REJECT", "S-NOT-CLEARED"}
    assert by_rule["S-BEFORE-CHOICE"].message.startswith('cookie "_ga"')
    assert 'category "statistics"' in by_rule["S-BEFORE-CHOICE"].message
    assert "jiji_recently_viewed" in by_rule["S-AFTER-REJECT"].message
    assert [s.run for s in by_rule["S-NOT-CLEARED"].seen] == [Run.withdraw]


def test_requests_to_other_hosts_count_before_a_choice_and_after_a_refusal(example: Policy) -> None:
    record = record_of(
        requests=(
            ("fonts.example.net", Phase.before_choice),
            ("tracker.example.org", Phase.after_reject),
            ("www.google-analytics.com", Phase.after_accept),  # consented: fine
            ("static.jiji-boutique.se", Phase.before_choice),  # the site's own domain (site.cookie_domain)
        )
    )
    findings = [f for f in judge(record, example) if f.severity == "error"]
    assert [(f.rule, f.message.split(" ")[5]) for f in findings] == [
        ("S-REQUEST-AFTER-REJECT", "tracker.example.org"),
        ("S-REQUEST-BEFORE-CHOICE", "fonts.example.net"),
    ]


def test_declared_items_never_seen_are_warnings_only(example: Policy) -> None:
    findings = judge(record_of(), example)
    assert errors(findings) == []
    never_seen = [f.message for f in findings if f.rule == "S-NEVER-SEEN"]
    assert len(never_seen) == len(declared_cookies(example))  # the consent cookie included
    assert 'Declared cookie "wordpress_logged_in_*" was never seen on the pages scanned.' in never_seen


@pytest.mark.parametrize(
    ("host", "same"),
    [
        ("127.0.0.1", True),
        ("www.jiji-boutique.se", False),
        (".jiji-boutique.se", True),  # with the policy's shared cookie domain
        ("jiji-boutique.se.evil.example", False),
    ],
)
def test_what_counts_as_the_site_itself(host: str, same: bool) -> None:
    shared = (".jiji-boutique.se",) if host.startswith(".") else ()
    assert is_same_site(host, "127.0.0.1", shared) is same


def test_is_same_site_knows_parent_and_child_domains() -> None:
    assert is_same_site(".jiji-boutique.se", "www.jiji-boutique.se")
    assert is_same_site("cdn.www.jiji-boutique.se", "www.jiji-boutique.se")
    assert not is_same_site("shop.example.se", "www.jiji-boutique.se")


# --- progress -----------------------------------------------------------------------------


def test_progress_says_page_n_of_m_for_each_run() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress.update(Progress(Run.untouched, 3, 3, False))
    assert stream.getvalue().endswith("scanning, page n of 3+: banner untouched 3")
    progress.update(Progress(Run.reject_all, 2, 5, True))
    assert stream.getvalue().endswith("scanning, page n of 5: banner untouched 3 · reject all 2")
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
