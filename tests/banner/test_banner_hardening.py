"""The banner under attack, in real Chromium: races, Trusted Types, failing storage, double snippets.

Each test serves the banner test site (tests/fixtures/banner_site/) with the
banner as it ships, and asserts what the visitor and the page see: the banner,
the scripts that ran, the cookies left, the errors thrown to the page.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import brotli
import pytest

from generator.build import build
from generator.model import Policy
from generator.site.banner_config import build_banner_config, consent_head_tags
from tests.conftest import EXAMPLE
from tests.fixtures.banner_site.site import (
    BLOCKED_SCRIPTS_IN_ORDER,
    cookie_names,
    fixture_policy,
    ran_scripts,
    write_site,
)
from tests.support.server import StaticServer, serve_directory

SIZE_LIMIT = 4_000
"""The banner's shipped consent.js + consent.css, each brotli quality 11, summed, stay under this."""


def settle(page: Any) -> None:
    """Wait until nothing new runs, is stored or is loaded for 200 ms (a hang guard, not a timing)."""
    seen = None
    for _ in range(100):
        now = page.evaluate("[(window.ranScripts || []).length, document.cookie, performance.getEntries().length]")
        if now == seen:
            return
        seen = now
        page.wait_for_timeout(200)
    raise AssertionError("the page never settled")


def page_errors(page: Any) -> list[str]:
    """Collects what the page sees thrown: uncaught exceptions and console errors."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    return errors


def with_policy(**fields: Any) -> Policy:
    """The fixture policy with top-level fields replaced, validated again like a loaded source."""
    policy = fixture_policy()
    return Policy.model_validate({**policy.model_dump(), **fields})


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", fixture_policy())) as server:
        yield server


# --- size ---------------------------------------------------------------------------


def test_shipped_banner_stays_under_4000_bytes_brotli(tmp_path: Path) -> None:
    """The example as built: consent.js and consent.css, each brotli 11, together under 4,000 bytes."""
    out = tmp_path / "dist"
    build(EXAMPLE, out)
    sizes = {
        name: len(brotli.compress((out / "consent" / name).read_bytes(), quality=11))
        for name in ("consent.js", "consent.css")
    }
    print(f"banner size, brotli 11: {sizes} total {sum(sizes.values())}")
    assert sum(sizes.values()) < SIZE_LIMIT, sizes


# --- texts --------------------------------------------------------------------------


@pytest.mark.browser
def test_a_label_with_dollar_patterns_is_shown_exactly_as_written(page: Any, tmp_path: Path) -> None:
    """String.replace would read "$&" and "$1" in a label as patterns; the visitor must see them as written."""
    label = {"sv": "Annonser $& och $1 $$ $'", "en": "Ads $& and $1 $$ $'"}
    categories = [
        {"id": "necessary", "required": True},
        {"id": "preferences"},
        {"id": "statistics"},
        {"id": "marketing", "label": label},
    ]
    errors = page_errors(page)
    with serve_directory(write_site(tmp_path / "site", with_policy(consent_categories=categories))) as server:
        page.goto(server.url)
        settle(page)
        placeholder = page.locator(".consent-placeholder")
        assert placeholder.locator("p").inner_text() == (
            "Det här innehållet kräver ditt samtycke till kategorin ”Annonser $& och $1 $$ $'”."
        )
        assert placeholder.locator("button").inner_text() == "Tillåt ”Annonser $& och $1 $$ $'”"
        page.locator('[data-consent-action="customize"]').click()
        assert page.locator(".consent-dialog summary").first.inner_text() == "Visa kakor (1)"
    assert errors == []


# --- point 3: a refusal while a blocked script loads ------------------------------------

RACE_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Kapplöpning</title>
<script src="scripts/recorder.js"></script>
{head}
</head>
<body>
<main><h1>Kapplöpning</h1></main>
<script type="text/plain" data-consent="statistics" src="slow/library.js"></script>
<script type="text/plain" data-consent="statistics" src="scripts/stats.js"></script>
<script type="text/plain" data-consent="statistics">
  ran("statistics-inline"); document.cookie = "_stats_inline=1; path=/";
</script>
</body>
</html>
"""

SLOW_SCRIPT = 'ran("slow-library"); document.cookie = "_stats_slow=1; path=/; max-age=3600";\n'


@contextmanager
def held_server(root: Path) -> Iterator[tuple[str, threading.Event, tuple[list[str], list[str]]]]:
    """Serve `root` on 127.0.0.1; answers under /slow/ wait until the test sets the event (no timing)."""
    release = threading.Event()
    served: list[str] = []
    asked: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/slow/"):
                asked.append(self.path)
                release.wait(60)
            super().do_GET()
            served.append(self.path)

        def do_POST(self) -> None:  # receipts
            self.send_response(204)
            self.end_headers()

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", release, (asked, served)
    finally:
        release.set()
        server.shutdown()
        server.server_close()


def race_site(root: Path) -> Path:
    policy = fixture_policy()
    write_site(root, policy)
    (root / "race.html").write_text(
        RACE_PAGE.format(head=consent_head_tags(build_banner_config(policy), "")), encoding="utf-8"
    )
    (root / "slow").mkdir()
    (root / "slow" / "library.js").write_text(SLOW_SCRIPT, encoding="utf-8")
    return root


def rapid_clicks(page: Any, count: int) -> None:
    """`count` clicks on the banner's hooks in one go, alternating accept all and reject all, accept first."""
    page.evaluate(
        """(count) => {
            for (let i = 0; i < count; i++) {
                const action = i % 2 ? "reject-all" : "accept-all";
                document.querySelector(`[data-consent-action="${action}"]`).click();
            }
        }""",
        count,
    )


def finish_slow_loads(page: Any, release: threading.Event, log: tuple[list[str], list[str]]) -> None:
    """Let every held answer go out, then let whatever may run, run.

    Until now the server held every request for the slow script (it answers none before `release`),
    so all the clicks happened while it was loading.
    """
    asked, served = log
    assert "/slow/library.js" not in served
    release.set()
    for _ in range(300):
        page.wait_for_timeout(100)
        if served.count("/slow/library.js") == len(asked):
            break
    settle(page)


@pytest.mark.browser
def test_rapid_clicks_ending_in_reject_leave_no_script_of_the_category_run_and_no_cookie(
    page: Any, context: Any, tmp_path: Path
) -> None:
    errors = page_errors(page)
    with held_server(race_site(tmp_path / "site")) as (url, release, log):
        page.goto(url + "race.html")
        page.locator(".consent-banner").wait_for()  # once the config has arrived
        assert page.locator(".consent-banner").is_visible()

        rapid_clicks(page, 142)  # the last one is "reject all"
        finish_slow_loads(page, release, log)

        assert ran_scripts(page) == []
        assert not {name for name in cookie_names(context) if name.startswith("_stats")}
        assert page.evaluate("policygenConsent.get().categories.statistics") is False
        # The refused scripts wait, still blocked, for a later grant.
        assert page.locator('script[type="text/plain"][data-consent="statistics"]').count() == 3
    assert errors == []


@pytest.mark.browser
def test_rapid_clicks_ending_in_accept_run_each_script_once_in_order(page: Any, context: Any, tmp_path: Path) -> None:
    """The control: the same clicks ending in "accept all" run the held script and those behind it, once."""
    errors = page_errors(page)
    with held_server(race_site(tmp_path / "site")) as (url, release, log):
        page.goto(url + "race.html")
        page.locator(".consent-banner").wait_for()  # once the config has arrived
        rapid_clicks(page, 141)
        finish_slow_loads(page, release, log)

        assert ran_scripts(page) == ["slow-library", "statistics", "statistics-inline"]
        assert {"_stats_slow", "_stats", "_stats_inline"} <= cookie_names(context)
    assert errors == []


# --- point 4: Trusted Types ------------------------------------------------------------

TRUSTED_TYPES = "default-src 'self'; require-trusted-types-for 'script'; trusted-types policygen"

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI + " " + event.sample));
"""


def add_necessary_script(page_file: Path, src: str = "scripts/necessary.js") -> None:
    """A blocked script of the required category at the end of the page; it records "necessary" when it runs."""
    (page_file.parent / src).write_text('ran("necessary");\n', encoding="utf-8")
    html = page_file.read_text(encoding="utf-8")
    tag = f'<script type="text/plain" data-consent="necessary" src="{src}"></script>\n</body>'
    page_file.write_text(html.replace("</body>", tag, 1), encoding="utf-8")


def wait_for_script(page: Any, name: str) -> None:
    for _ in range(100):
        if name in ran_scripts(page):
            settle(page)
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{name} did not run: {ran_scripts(page)}")


@pytest.mark.browser
def test_under_trusted_types_the_banner_appears_and_releases_scripts(page: Any, tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", fixture_policy())
    add_necessary_script(root / "strict.html")
    errors = page_errors(page)
    page.add_init_script(RECORD_VIOLATIONS)
    rule = lambda path: {"Content-Security-Policy": TRUSTED_TYPES} if path.startswith("/strict.html") else {}  # noqa: E731
    with serve_directory(root, rule) as server:
        response = page.goto(server.url + "strict.html")
        assert response.headers["content-security-policy"] == TRUSTED_TYPES

        wait_for_script(page, "necessary")
        assert page.locator(".consent-banner").is_visible()
        assert ran_scripts(page) == ["necessary"], "the required category runs before any choice"

        page.locator('[data-consent-action="accept-all"]').click()
        wait_for_script(page, "marketing:undefined")
        assert ran_scripts(page) == ["necessary", "gtag-library", "gtag-config", "statistics", "marketing:undefined"]
        assert page.evaluate("window.cspViolations") == []
        assert errors == []
        # The control: Trusted Types are enforced on this page, a plain script URL is refused.
        refused = "() => { try { document.createElement('script').src = 'x.js' } catch (e) { return e.name } }"
        assert page.evaluate(refused) == "TypeError"


@pytest.mark.browser
def test_without_trusted_types_plain_values_are_used(page: Any, site: StaticServer) -> None:
    errors = page_errors(page)
    page.add_init_script("delete window.trustedTypes")
    page.goto(site.url)
    assert page.evaluate("typeof window.trustedTypes") == "undefined"
    page.locator('[data-consent-action="accept-all"]').click()
    wait_for_script(page, "marketing:kept")
    assert ran_scripts(page)[:2] == ["gtag-library", "gtag-config"]
    assert errors == []


# --- point 5: storage that throws ----------------------------------------------------------

DENY_LOCAL_STORAGE = {
    "throws": """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); }, configurable: true })""",
    "null": 'Object.defineProperty(window, "localStorage", { value: null, configurable: true })',
}


@pytest.mark.browser
@pytest.mark.parametrize("script", DENY_LOCAL_STORAGE.values(), ids=DENY_LOCAL_STORAGE.keys())
def test_local_storage_denied_the_banner_still_clears_every_refused_cookie(
    page: Any, context: Any, tmp_path: Path, script: str
) -> None:
    """Preferences declares a local_storage item before its cookie: clearing one must not stop the next."""
    root = write_site(tmp_path / "site", fixture_policy())
    add_necessary_script(root / "index.html")
    errors = page_errors(page)
    page.add_init_script(script)
    with serve_directory(root) as server:
        context.add_cookies([{"name": n, "value": "old", "url": server.url} for n in ("pref_lang", "_stats", "_ads")])
        page.goto(server.url)
        wait_for_script(page, "necessary")
        assert page.locator(".consent-banner").is_visible()

        page.locator('[data-consent-action="reject-all"]').click()
        settle(page)

        assert cookie_names(context) == {"consent"}
        assert len(page.evaluate("consentEvents")) == 1
        assert ran_scripts(page) == ["necessary"]
    assert errors == []


@pytest.mark.browser
def test_with_cookies_disabled_the_choice_holds_for_the_page_view(page: Any, context: Any, tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", fixture_policy())
    add_necessary_script(root / "index.html")
    errors = page_errors(page)
    context.new_cdp_session(page).send("Emulation.setDocumentCookieDisabled", {"disabled": True})
    with serve_directory(root) as server:
        page.goto(server.url)
        wait_for_script(page, "necessary")
        assert page.locator(".consent-banner").is_visible()

        page.locator('[data-consent-action="customize"]').click()
        page.locator('input[data-consent-category="statistics"]').check()
        page.locator('[data-consent-action="save"]').click()
        wait_for_script(page, "statistics-inline:true")

        assert ran_scripts(page) == ["necessary", "gtag-library", "gtag-config", "statistics", "statistics-inline:true"]
        assert [event["categories"]["statistics"] for event in page.evaluate("consentEvents")] == [True]
        assert context.cookies() == [], "nothing could be stored"
    assert errors == []


SANDBOXED_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>I en sandlåda</title>
<script src="scripts/recorder.js"></script>
<script>
window.frameErrors = [];
window.addEventListener("error", (event) => window.frameErrors.push(String(event.message)));
</script>
{head}
</head>
<body>
<button type="button" data-consent-action="open">Inställningar för kakor</button>
<script type="text/plain" data-consent="necessary">ran("necessary");</script>
<script type="text/plain" data-consent="statistics">ran("statistics");</script>
</body>
</html>
"""


@pytest.mark.browser
def test_in_a_sandboxed_frame_where_cookies_throw_the_banner_works(page: Any, tmp_path: Path) -> None:
    """Without allow-same-origin, document.cookie, localStorage and sessionStorage all throw SecurityError."""
    policy = fixture_policy()
    root = write_site(tmp_path / "site", policy)
    (root / "sandboxed.html").write_text(
        SANDBOXED_PAGE.format(head=consent_head_tags(build_banner_config(policy), "")), encoding="utf-8"
    )
    (root / "outer.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Ram</title></head><body>'
        '<iframe sandbox="allow-scripts" src="sandboxed.html" title="Ram" width="800" height="600"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    errors = page_errors(page)
    # The frame's origin is opaque, so its fetch of the config is cross-origin (docs/banner.md).
    cors = {"Access-Control-Allow-Origin": "*"}
    with serve_directory(root, lambda path: cors if path.endswith("config.json") else {}) as server:
        page.goto(server.url + "outer.html")
        frame = page.frame_locator("iframe")
        inner = next(f for f in page.frames if f.url.endswith("/sandboxed.html"))
        frame.locator(".consent-banner").wait_for()
        assert inner.evaluate("() => { try { document.cookie; return 'read' } catch (e) { return e.name } }") == (
            "SecurityError"
        ), "the control: cookies really throw in this frame"
        assert inner.evaluate("window.ranScripts") == ["necessary"]

        frame.locator('[data-consent-action="reject-all"]').click()
        assert [event["categories"]["statistics"] for event in inner.evaluate("consentEvents")] == [False]
        frame.get_by_role("button", name="Inställningar för kakor").click()
        frame.locator('.consent-dialog [data-consent-action="accept-all"]').click()
        assert inner.evaluate("window.ranScripts") == ["necessary", "statistics"]
        assert len(inner.evaluate("consentEvents")) == 2
        assert inner.evaluate("window.frameErrors") == []
    assert errors == []


# --- point 6: the page's folder with a trailing slash ------------------------------------------


@pytest.mark.browser
def test_withdrawal_deletes_cookies_on_each_folder_with_and_without_its_slash(
    page: Any, context: Any, site: StaticServer
) -> None:
    """On /shop/item.html, a cookie on /shop/ is a different cookie from one on /shop: both must go."""
    old = [
        {"name": name, "value": "old", "domain": "127.0.0.1", "path": path}
        for name in ("_stats", "_stats_abc", "pref_lang")
        for path in ("/shop/", "/shop", "/shop/item.html")
    ]
    context.add_cookies(old)
    page.goto(site.url + "shop/item.html")
    settle(page)
    assert len(cookie_names(context)) == 3

    page.locator('[data-consent-action="reject-all"]').click()
    settle(page)

    assert [(c["name"], c["path"]) for c in context.cookies()] == [("consent", "/")]


# --- point 13: two snippets on one page ---------------------------------------------------------


@pytest.mark.browser
def test_two_snippets_on_one_page_make_one_banner_and_one_dialog(page: Any, context: Any, tmp_path: Path) -> None:
    policy = fixture_policy()
    root = write_site(tmp_path / "site", policy)
    index = root / "index.html"
    tags = str(consent_head_tags(build_banner_config(policy), ""))
    html = index.read_text(encoding="utf-8").replace("</head>", tags + "\n</head>", 1)
    # An element named like the API (DOM clobbering) does not stop the first copy.
    index.write_text(html.replace("<main>", '<main><a id="policygenConsent" href="#">x</a>', 1), encoding="utf-8")
    errors = page_errors(page)
    with serve_directory(root) as server:
        page.goto(server.url)
        settle(page)
        assert page.evaluate("document.querySelectorAll('script[src=\"consent/consent.js\"]').length") == 2
        assert page.locator(".consent-banner").count() == 1
        assert page.locator(".consent-placeholder").count() == 1

        page.locator('[data-consent-action="customize"]').click()
        assert page.locator("dialog.consent-dialog").count() == 1
        assert page.locator("dialog[open]").count() == 1
        page.locator('.consent-dialog [data-consent-action="accept-all"]').click()
        settle(page)

        assert ran_scripts(page) == BLOCKED_SCRIPTS_IN_ORDER, "each script once"
        assert len(page.evaluate("consentEvents")) == 1
    assert errors == []


# --- point 19: own properties only --------------------------------------------------------------

INHERITED = {
    "Object.create": "Object.create({ statistics: true })",
    "JSON __proto__": 'JSON.parse(\'{"__proto__": {"statistics": true}}\')',
    "class instance": "new (class { get statistics() { return true } })()",
}


@pytest.mark.browser
@pytest.mark.parametrize("changes", INHERITED.values(), ids=INHERITED.keys())
def test_set_reads_own_properties_only(page: Any, context: Any, site: StaticServer, changes: str) -> None:
    errors = page_errors(page)
    page.goto(site.url)
    page.wait_for_function("window.policygenConsent")  # once the config has arrived
    page.evaluate(f"policygenConsent.set({changes})")
    settle(page)

    assert page.evaluate("policygenConsent.get().categories.statistics") is False
    assert ran_scripts(page) == []
    assert not {name for name in cookie_names(context) if name.startswith("_stats")}

    page.evaluate("policygenConsent.set({ statistics: true })")  # the control: an own property grants
    settle(page)
    assert page.evaluate("policygenConsent.get().categories.statistics") is True
    assert "statistics" in ran_scripts(page)
    assert errors == []
