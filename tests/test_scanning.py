"""`policygen scan` in real Chromium against fixture sites on 127.0.0.1 (tests/fixtures/scan_sites/README.md).

The clean shop runs the built example's banner and does what the example policy
says: the scan exits 0. Each broken variant must exit 1 and name its fault.
"""

from __future__ import annotations

import json
import shlex
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main
from tests.conftest import CHROMIUM_ARGS, EXAMPLE
from tests.support.server import serve_directory

SITES = Path(__file__).parent / "fixtures" / "scan_sites"
PUBLISH_PATH = "integritetspolicy"
"""Where the example's site.publish_path puts the built files (and so the banner)."""

LOOPBACK_ONLY = [arg for arg in CHROMIUM_ARGS if arg.startswith("--host-resolver-rules")]

pytestmark = pytest.mark.browser


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
    assert items[("local_storage", "jiji_recently_viewed")]["phases"] == ["after-accept"]
    assert items[("cookie", "woocommerce_cart_hash")]["phases"] == [
        "before-choice",
        "after-reject",
        "after-accept",
        "after-withdrawal",
    ]
    assert items[("cookie", "wp_woocommerce_session_1a2b3c")]["http_only"] is True
    assert items[("cookie", "consent")]["phases"] == ["after-reject", "after-accept", "after-withdrawal"]
    assert report["requests"] == []


def test_the_text_report_ends_with_a_summary_line(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(make_site(tmp_path, built_example)) as url:
        code, out, err = scan(url, capsys)
    assert code == 0
    assert out.startswith(f"Scanned {url} against ")
    assert "cookie _ga" in out and "statistics" in out
    assert out.rstrip().splitlines()[-1] == "0 errors, 0 warnings: the site does what its policy says."
    assert err == ""  # progress only on a terminal


# --- each fault named ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "rule", "words"),
    [
        ("undeclared_cookie", "S-UNDECLARED", 'cookie "jiji_ab_test"'),
        ("script_not_blocked", "S-BEFORE-CHOICE", 'cookie "_ga"'),
        ("not_cleared", "S-NOT-CLEARED", 'cookie "_ga_SERVER"'),
        ("no_reject", "S-NO-REJECT", '"reject all"'),
        ("too_long", "S-DURATION", 'cookie "woocommerce_cart_hash"'),
        ("third_party_request", "S-REQUEST-BEFORE-CHOICE", "localhost"),
        ("no_banner", "S-NO-BANNER", "without the cookie banner"),
    ],
)
def test_a_broken_site_exits_1_and_names_its_fault(
    variant: str, rule: str, words: str, tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(make_site(tmp_path, built_example, variant)) as url:
        code, out, _ = scan(url, capsys)
    assert code == 1
    named = [line for line in out.splitlines() if f"error: [{rule}]" in line]
    assert named, out
    assert words in named[0], out


# --- bad input -------------------------------------------------------------------------


def test_an_unreachable_url_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free now, and nothing listens on it
    code, out, err = scan(f"http://127.0.0.1:{port}/", capsys)
    assert code == 2
    assert out == ""
    assert f"cannot load http://127.0.0.1:{port}/" in err
    assert "ERR_CONNECTION_REFUSED" in err
    assert "Traceback" not in err


def test_a_url_without_scheme_exits_2_and_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = scan("www.jiji-boutique.se", capsys)
    assert code == 2
    assert "Did you mean https://www.jiji-boutique.se?" in err


def test_a_missing_browser_exits_2_saying_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLAYWRIGHT_CHROMIUM_EXECUTABLE", str(tmp_path / "no-chromium"))
    code, _, err = scan("http://127.0.0.1:9/", capsys)
    assert code == 2
    assert "PLAYWRIGHT_CHROMIUM_EXECUTABLE" in err
