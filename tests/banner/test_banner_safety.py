"""The banner under a strict CSP, with a nonce, across subdomains, and its source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from generator.model import Policy
from generator.paths import resource_dir
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.fixtures.banner_site.site import cookie_names, fixture_policy, ran_scripts, write_site
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

STRICT = "default-src 'self'"
NONCE = "default-src 'self'; script-src 'self' 'nonce-r4nd0mN0nce'"

# Collects every CSP violation from the start of each document (an init script is not subject to the page's CSP).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI + " " + event.sourceFile));
"""


def csp_headers(path: str) -> dict[str, str]:
    if path.startswith("/strict.html"):
        return {"Content-Security-Policy": STRICT}
    if path.startswith("/nonce.html"):
        return {"Content-Security-Policy": NONCE}
    return {}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", fixture_policy()), csp_headers) as server:
        yield server


@pytest.fixture
def problems(page: Any) -> list[str]:
    found: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("pageerror", lambda error: found.append(f"pageerror: {error}"))
    page.on("console", lambda message: found.append(f"console: {message.text}") if message.type == "error" else None)
    return found


def settle(page: Any, expected: str) -> None:
    """Wait until `expected` has run (polling from outside: wait_for_function would need 'unsafe-eval')."""
    for _ in range(50):
        if expected in ran_scripts(page):
            page.wait_for_timeout(200)
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{expected} did not run: {ran_scripts(page)}")


def test_strict_csp_page_works_without_a_violation(
    page: Any, context: Any, site: StaticServer, problems: list[str]
) -> None:
    response = page.goto(site.url + "strict.html")
    assert response.headers["content-security-policy"] == STRICT

    banner = page.locator(".consent-banner")
    banner.wait_for()  # once the config has arrived
    assert banner.is_visible()
    assert banner.evaluate("e => getComputedStyle(e).position") == "fixed", "the stylesheet applies"
    assert page.locator(".consent-placeholder").is_visible()
    page.locator('[data-consent-action="customize"]').click()
    page.locator('input[data-consent-category="statistics"]').check()
    page.locator('input[data-consent-category="marketing"]').check()
    page.locator('[data-consent-action="save"]').click()
    settle(page, "marketing:undefined")

    assert ran_scripts(page) == ["gtag-library", "gtag-config", "statistics", "marketing:undefined"]
    assert page.frame_locator("iframe[data-consent]").locator("p").inner_text() == "En inbäddad video."
    assert "embed_seen" in cookie_names(context)
    assert page.evaluate("window.cspViolations") == []
    assert problems == []


def test_blocked_inline_script_keeps_the_pages_nonce(page: Any, site: StaticServer, problems: list[str]) -> None:
    page.goto(site.url + "nonce.html")
    page.locator('[data-consent-action="accept-all"]').click()
    settle(page, "preferences-nonce")

    assert "preferences-nonce" in ran_scripts(page)
    assert page.evaluate("window.cspViolations") == []
    assert problems == []


def test_inline_script_without_the_nonce_stays_refused_by_the_csp(
    page: Any, site: StaticServer, problems: list[str]
) -> None:
    """The control of the test above: the CSP is really enforced, the banner does not get around it."""
    page.goto(site.url + "nonce.html")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.type = "text/plain";
            script.dataset.consent = "preferences";
            script.text = 'ran("no-nonce")';
            document.body.append(script);
        }"""
    )
    page.locator('[data-consent-action="accept-all"]').click()
    settle(page, "preferences-nonce")
    page.wait_for_timeout(200)

    assert "no-nonce" not in ran_scripts(page)
    assert any(v.startswith("script-src") for v in page.evaluate("window.cspViolations"))
    assert any("Content Security Policy" in problem for problem in problems)


def test_banner_source_never_builds_html_from_text_or_evaluates_code() -> None:
    """No innerHTML with config text, no eval, no inline style or script."""
    source = (resource_dir("consent_js") / "consent.js").read_text(encoding="utf-8")
    forbidden = [
        r"innerHTML",
        r"outerHTML",
        r"insertAdjacentHTML",
        r"document\.write",
        r"\beval\s*\(",
        r"new\s+Function",
        r"setTimeout\s*\(\s*['\"]",
        r"setAttribute\(\s*['\"]style",
        r"createElement\(\s*['\"]style",
    ]
    for pattern in forbidden:
        assert not re.search(pattern, source), pattern


# --- one choice for the whole site, cleared on every subdomain --------------------------------

SUBDOMAIN_RULES = "--host-resolver-rules=MAP *.shop.test 127.0.0.1 , MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


@pytest.fixture
def subdomain_context(playwright: Any) -> Iterator[Any]:
    """A browser in which www.shop.test and blog.shop.test are this machine; nothing else is reachable."""
    args = [arg for arg in CHROMIUM_ARGS if not arg.startswith("--host-resolver-rules")] + [SUBDOMAIN_RULES]
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    context = browser.new_context()
    left: list[str] = []

    def local_only(route: Any) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host.endswith(".shop.test") or host == "127.0.0.1":
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    yield context
    browser.close()
    assert not left, f"requests left the machine: {left}"


def test_choice_is_shared_and_refused_cookies_go_from_the_parent_domain_too(
    subdomain_context: Any, tmp_path: Path
) -> None:
    policy = fixture_policy()
    site_fields = {**policy.site.model_dump(), "cookie_domain": ".shop.test"}
    policy = Policy.model_validate({**policy.model_dump(), "site": site_fields})
    with serve_directory(write_site(tmp_path / "site", policy)) as server:
        port = urlparse(server.url).port
        www, blog = f"http://www.shop.test:{port}/", f"http://blog.shop.test:{port}/"
        # What tags left: on the parent domain (shared by every subdomain) and on this host only.
        subdomain_context.add_cookies(
            [
                {"name": "_ads", "value": "1", "domain": ".shop.test", "path": "/"},
                {"name": "_stats_abc", "value": "1", "domain": ".shop.test", "path": "/"},
                {"name": "_stats", "value": "1", "domain": "www.shop.test", "path": "/"},
            ]
        )
        page = subdomain_context.new_page()
        page.goto(www)
        assert cookie_names(subdomain_context) == {"_ads", "_stats_abc", "_stats"}
        page.locator('[data-consent-action="reject-all"]').click()

        cookies = {(c["name"], c["domain"]) for c in subdomain_context.cookies()}
        assert cookies == {("consent", ".shop.test")}, "deleted on the host and on the parent domain"

        page.goto(blog)
        page.wait_for_function("window.policygenConsent")  # once the config has arrived
        assert page.locator(".consent-banner").count() == 0, "the choice holds on the other subdomain"
        assert page.evaluate("policygenConsent.get().categories.marketing") is False
