"""The banner in real Chromium: what a visitor refuses never runs and is cleared.

The test site (tests/fixtures/banner_site/) carries the real head tags and
consent files generated from a small policy. Its blocked scripts and iframe set
the cookies and storage items the policy declares, and record that they ran.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest

from generator.model import Policy
from generator.site.banner_config import build_consent_config
from tests.fixtures.banner_site.site import (
    BLOCKED_SCRIPTS_IN_ORDER,
    OWN_FILES,
    consent_cookie_value,
    cookie_names,
    fixture_policy,
    ran_scripts,
    storage_keys,
    write_site,
)
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

OPTIONAL_COOKIES = {"pref_lang", "_stats", "_stats_visit", "_ads", "embed_seen"}
OPTIONAL_STORAGE = {"local:theme", "local:ads_id", "session:stats_visit"}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    with serve_directory(write_site(tmp_path / "site", fixture_policy())) as server:
        yield server


@pytest.fixture
def page_errors(page: Any) -> list[str]:
    """Uncaught exceptions and console errors of the page; every test ends with none."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    return errors


def settle(page: Any) -> None:
    """Wait until the blocked scripts a choice released have run: nothing new for 200 ms."""
    seen = None
    while True:
        now = page.evaluate("[(window.ranScripts || []).length, document.cookie, performance.getEntries().length]")
        if now == seen:
            return
        seen = now
        page.wait_for_timeout(200)


def visit(page: Any, url: str) -> None:
    """Open a page and let whatever may run, run."""
    page.goto(url)
    settle(page)


def choose(page: Any, action: str) -> None:
    """Click a banner control by its hook and let the scripts it releases run."""
    page.locator(f'[data-consent-action="{action}"]:visible').first.click()
    settle(page)


def banner(page: Any) -> Any:
    return page.locator("section.consent-banner")


def stored_choice(context: Any) -> dict[str, Any]:
    value = next(c["value"] for c in context.cookies() if c["name"] == "consent")
    return json.loads(unquote(value))


# --- before any choice -----------------------------------------------------------


def test_a_blocked_script_of_the_necessary_category_runs_before_any_choice_and_only_once(
    page: Any, site: StaticServer, page_errors: list[str]
) -> None:
    """Necessary is always granted, so its marked scripts run at once, like its iframes."""
    index = site.root / "index.html"
    necessary = '<script type="text/plain" data-consent="necessary">ran("necessary-inline");</script>\n</body>'
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", necessary, 1), encoding="utf-8")

    visit(page, site.url)
    assert banner(page).is_visible()
    assert ran_scripts(page) == ["necessary-inline"]

    choose(page, "accept-all")
    assert ran_scripts(page).count("necessary-inline") == 1
    assert page_errors == []


def test_before_any_choice_nothing_optional_runs_is_stored_or_requested(
    page: Any, context: Any, site: StaticServer, page_errors: list[str]
) -> None:
    visit(page, site.url)

    assert banner(page).is_visible()
    assert ran_scripts(page) == []
    assert cookie_names(context) == set()
    assert storage_keys(page) == set()
    # Only the page's own files and the banner's three.
    assert set(site.requests) <= OWN_FILES | {"/consent/consent.css", "/consent/consent.js", "/consent/config.json"}
    assert site.requests.count("/consent/consent.js") == 1
    # The blocked iframe is not loaded; a placeholder says what it needs and offers to allow it.
    assert page.locator("iframe[data-consent]").get_attribute("src") is None
    placeholder = page.locator(".consent-placeholder")
    assert "kräver ditt samtycke till kategorin ”Marknadsföring”" in placeholder.inner_text()
    assert placeholder.get_by_role("button", name="Tillåt ”Marknadsföring”").is_visible()
    assert page_errors == []


def test_first_layer_names_purposes_offers_equal_choices_and_links_the_policy(page: Any, site: StaticServer) -> None:
    visit(page, site.url)

    layer = banner(page)
    text = layer.inner_text()
    assert "inställningar, statistik och marknadsföring" in text, "purposes named by category (PTS)"
    assert "när som helst ändra eller återkalla ditt samtycke" in text, "withdrawal stated where consent is asked"
    assert (
        layer.get_by_role("link", name="Läs mer i vår integritetspolicy").get_attribute("href") == "/integritetspolicy/"
    )
    buttons = layer.get_by_role("button")
    assert buttons.all_inner_texts() == ["Acceptera alla", "Avvisa alla", "Anpassa"], "no close button"
    assert layer.get_attribute("role") is None and page.locator("dialog[open]").count() == 0, "not modal"


def test_page_stays_usable_without_a_choice(page: Any, site: StaticServer) -> None:
    """No cookie wall: links work and ignoring the banner is not consent."""
    visit(page, site.url)
    page.get_by_role("link", name="En produkt").click()
    page.wait_for_url("**/shop/item.html")
    settle(page)

    assert page.url.endswith("/shop/item.html")
    assert banner(page).is_visible(), "still asking on the next page"
    assert ran_scripts(page) == []


def test_nothing_is_pre_ticked_and_necessary_is_locked_on(page: Any, site: StaticServer) -> None:
    visit(page, site.url)
    choose(page, "customize")

    dialog = page.locator("dialog.consent-dialog")
    assert dialog.is_visible()
    necessary = dialog.locator('input[data-consent-category="necessary"]')
    assert necessary.is_checked() and necessary.is_disabled()
    for category in ("preferences", "statistics", "marketing"):
        toggle = dialog.locator(f'input[data-consent-category="{category}"]')
        assert not toggle.is_checked() and toggle.is_enabled()
    # Each category lists its cookies: name, provider, duration, first or third party.
    dialog.get_by_text("Visa kakor (3)").last.click()
    marketing_items = dialog.locator(".consent-category").nth(3).locator("li").all_inner_texts()
    assert any(
        "_ads" in item and "Annonsbolaget AB" in item and "3 månader" in item and "Tredje part" in item
        for item in marketing_items
    ), marketing_items


# --- the choices -------------------------------------------------------------------


def test_accept_all_runs_each_blocked_script_once_in_document_order(
    page: Any, context: Any, site: StaticServer, page_errors: list[str]
) -> None:
    visit(page, site.url)
    choose(page, "accept-all")

    assert ran_scripts(page) == BLOCKED_SCRIPTS_IN_ORDER
    assert banner(page).is_hidden()
    assert cookie_names(context) >= OPTIONAL_COOKIES
    assert storage_keys(page) == OPTIONAL_STORAGE
    assert page.locator("iframe[data-consent]").get_attribute("src") == "embed/video.html"
    assert page.locator(".consent-placeholder").count() == 0
    assert stored_choice(context)["categories"] == ["necessary", "preferences", "statistics", "marketing"]

    # Choosing again does not run anything twice.
    page.evaluate("policygenConsent.set({statistics: true})")
    choose(page, "open")
    choose(page, "save")
    assert ran_scripts(page) == BLOCKED_SCRIPTS_IN_ORDER

    # The next page view: no banner, each script runs once again.
    visit(page, site.url)
    assert banner(page).count() == 0
    assert ran_scripts(page) == BLOCKED_SCRIPTS_IN_ORDER
    assert page_errors == []


def test_reject_all_runs_nothing_and_deletes_what_was_stored_before(
    page: Any, context: Any, site: StaticServer, page_errors: list[str]
) -> None:
    # What the tags left from an earlier visit (e.g. before the banner was installed).
    context.add_cookies(
        [{"name": name, "value": "old", "url": site.url} for name in ("_stats", "_stats_123", "_ads", "pref_lang")]
    )
    visit(page, site.url)
    page.evaluate("localStorage.setItem('ads_id', 'old'); localStorage.setItem('theme', 'old')")
    page.evaluate("sessionStorage.setItem('stats_visit', 'old'); localStorage.setItem('unrelated', 'kept')")

    choose(page, "reject-all")

    assert ran_scripts(page) == []
    assert cookie_names(context) == {"consent"}
    assert storage_keys(page) == {"local:unrelated"}, "only declared keys are removed"
    assert stored_choice(context)["categories"] == ["necessary"]
    assert page.locator(".consent-placeholder").is_visible()
    visit(page, site.url)
    assert banner(page).count() == 0, "a refusal is remembered too"
    assert ran_scripts(page) == []
    assert page_errors == []


def test_custom_choice_runs_only_the_chosen_category(page: Any, context: Any, site: StaticServer) -> None:
    visit(page, site.url)
    choose(page, "customize")
    page.locator('input[data-consent-category="statistics"]').check()
    choose(page, "save")

    assert ran_scripts(page) == ["gtag-library", "gtag-config", "statistics", "statistics-inline:true"]
    assert cookie_names(context) == {"consent", "_stats", "_stats_visit"}
    assert storage_keys(page) == {"session:stats_visit"}
    assert page.locator(".consent-placeholder").is_visible(), "the marketing embed stays blocked"
    assert page.evaluate("policygenConsent.get().categories") == {
        "necessary": True,
        "preferences": False,
        "statistics": True,
        "marketing": False,
    }


def test_placeholder_button_allows_only_that_embed_category(page: Any, context: Any, site: StaticServer) -> None:
    visit(page, site.url)
    page.get_by_role("button", name="Tillåt ”Marknadsföring”").click()
    settle(page)

    assert ran_scripts(page) == ["marketing:kept"]
    assert page.locator("iframe[data-consent]").get_attribute("src") == "embed/video.html"
    assert "embed_seen" in cookie_names(context), "the embed ran once allowed"
    assert stored_choice(context)["categories"] == ["necessary", "marketing"]


def test_withdrawal_after_accept_clears_cookies_storage_and_embeds(
    page: Any, context: Any, site: StaticServer, page_errors: list[str]
) -> None:
    visit(page, site.url)
    choose(page, "accept-all")
    assert cookie_names(context) >= OPTIONAL_COOKIES

    # The page's own "Inställningar för kakor" control: the same settings, the same number of clicks.
    page.get_by_role("button", name="Inställningar för kakor").click()
    for category in ("statistics", "marketing"):
        page.locator(f'input[data-consent-category="{category}"]').uncheck()
    choose(page, "save")

    assert cookie_names(context) == {"consent", "pref_lang"}
    assert storage_keys(page) == {"local:theme"}
    assert page.locator("iframe[data-consent]").get_attribute("src") == "about:blank", "the embed is unloaded"
    assert page.locator(".consent-placeholder").is_visible()
    assert page.evaluate("policygenConsent.get().categories.statistics") is False

    choose(page, "open")
    choose(page, "reject-all")
    assert cookie_names(context) == {"consent"}
    assert storage_keys(page) == set()
    assert page_errors == []


def test_withdrawal_deletes_cookies_on_the_folder_path_a_script_left_them(
    page: Any, context: Any, site: StaticServer
) -> None:
    """A script that sets a cookie without a path leaves it on its page's folder (/shop)."""
    visit(page, site.url + "shop/item.html")
    assert banner(page).get_by_role("button", name="Accept all").is_visible(), "the English page, in English"
    choose(page, "accept-all")
    assert [(c["name"], c["path"]) for c in context.cookies() if c["name"] == "_stats_path"] == [
        ("_stats_path", "/shop")
    ]

    page.evaluate("policygenConsent.rejectAll()")

    assert cookie_names(context) == {"consent"}


def test_refused_pattern_cookies_on_another_path_go_when_the_visitor_gets_there(
    page: Any, context: Any, site: StaticServer
) -> None:
    """JavaScript sees only the cookies of the page's own path, so `_stats_*` on /shop waits for a /shop page."""
    context.add_cookies([{"name": "_stats_abc", "value": "old", "domain": "127.0.0.1", "path": "/shop"}])
    visit(page, site.url)
    choose(page, "reject-all")
    assert cookie_names(context) == {"consent", "_stats_abc"}

    visit(page, site.url + "shop/item.html")

    assert cookie_names(context) == {"consent"}, "a stored refusal is enforced on every page view"


def test_revision_change_asks_again(page: Any, context: Any, site: StaticServer, tmp_path: Path) -> None:
    visit(page, site.url)
    choose(page, "accept-all")
    visit(page, site.url)
    assert banner(page).count() == 0

    policy = fixture_policy()
    cookies = [*[c.model_dump() for c in policy.cookies], {"name": "_new", "category": "marketing", "duration": "P1D"}]
    write_site(Path(site.root), Policy.model_validate({**policy.model_dump(), "cookies": cookies}))
    visit(page, site.url)

    assert banner(page).is_visible()
    assert ran_scripts(page) == []


# --- stored choices that cannot be trusted ------------------------------------------


def _corpus() -> dict[str, str]:
    policy = fixture_policy()
    now = int(time.time() * 1000)
    lifetime_ms = build_consent_config(policy)["cookie"]["lifetime"] * 1000
    valid = json.loads(unquote(consent_cookie_value(policy, ["statistics"])))

    def variant(**fields: Any) -> str:
        return quote(json.dumps({**valid, **fields}), safe="")

    return {
        "garbage": "%%%not-json",
        "plain text": "yes",
        "empty": "",
        "truncated": consent_cookie_value(policy, ["statistics"])[:40],
        "huge": "x" * 3900,
        "json array": "%5B1%2C2%5D",
        "json null": "null",
        "time as text": variant(time="yesterday"),
        "time as float": variant(time=now + 0.5),
        "categories as text": variant(categories="statistics"),
        "unknown category": variant(categories=["statistics", "everything"]),
        "id as number": variant(id=12345),
        "id too short": variant(id="abc"),
        "missing policy version": variant(policy_version=None),
        "other revision": consent_cookie_value(policy, ["statistics"], revision="0000000000000000"),
        "future date": consent_cookie_value(policy, ["statistics"], time_ms=now + 86_400_000),
        "expired": consent_cookie_value(policy, ["statistics"], time_ms=now - lifetime_ms - 60_000),
        "fields only in __proto__": quote(json.dumps({"__proto__": valid}), safe=""),
    }


CORPUS = _corpus()


@pytest.mark.parametrize("value", CORPUS.values(), ids=CORPUS.keys())
def test_tampered_consent_cookie_means_ask_again_without_error(
    page: Any, context: Any, site: StaticServer, page_errors: list[str], value: str
) -> None:
    context.add_cookies([{"name": "consent", "value": value, "url": site.url}])
    visit(page, site.url)

    assert banner(page).is_visible()
    assert ran_scripts(page) == []
    assert page.evaluate("policygenConsent.get()") is None
    assert page_errors == []


def test_a_valid_stored_choice_is_honoured_without_asking(page: Any, context: Any, site: StaticServer) -> None:
    """The control of the corpus above: the same cookie, untampered, is believed."""
    value = consent_cookie_value(fixture_policy(), ["necessary", "statistics"])
    context.add_cookies([{"name": "consent", "value": value, "url": site.url}])
    visit(page, site.url)

    assert banner(page).count() == 0
    assert ran_scripts(page) == ["gtag-library", "gtag-config", "statistics", "statistics-inline:true"]


# --- Global Privacy Control ----------------------------------------------------------


def test_gpc_keeps_marketing_off_under_accept_all_and_the_banner_says_why(
    page: Any, context: Any, site: StaticServer
) -> None:
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})")
    visit(page, site.url)

    notice = banner(page).locator(".consent-gpc")
    assert "Global Privacy Control" in notice.inner_text()
    assert "lämnar ”Acceptera alla” marknadsföring avstängt" in notice.inner_text()

    choose(page, "accept-all")
    assert page.evaluate("policygenConsent.get().categories") == {
        "necessary": True,
        "preferences": True,
        "statistics": True,
        "marketing": False,
    }
    assert not any(name.startswith("marketing") for name in ran_scripts(page))
    assert "_ads" not in cookie_names(context)
    receipt = json.loads(_wait_for_receipts(site, 1)[0].split(" ", 2)[2])
    assert receipt["gpc"] is True, "the receipt records that the browser sent GPC"

    # Only marketing's own toggle turns it on.
    choose(page, "open")
    page.locator('input[data-consent-category="marketing"]').check()
    choose(page, "save")
    assert ran_scripts(page)[-1] == "marketing:kept"


def test_without_gpc_there_is_no_notice(page: Any, site: StaticServer) -> None:
    visit(page, site.url)
    assert banner(page).locator(".consent-gpc").count() == 0


# --- Consent Mode, events and receipts -------------------------------------------------


def _data_layer(page: Any) -> list[list[Any]]:
    return page.evaluate("dataLayer.map(entry => Array.from(entry))")


def test_consent_mode_default_comes_first_and_updates_follow_each_choice(page: Any, site: StaticServer) -> None:
    visit(page, site.url)
    denied = {
        "ad_storage": "denied",
        "ad_user_data": "denied",
        "ad_personalization": "denied",
        "analytics_storage": "denied",
        "functionality_storage": "denied",
        "personalization_storage": "denied",
        "security_storage": "granted",  # granted by the always-on necessary category
    }
    assert _data_layer(page) == [["consent", "default", denied]]

    choose(page, "customize")
    page.locator('input[data-consent-category="statistics"]').check()
    choose(page, "save")
    layer = _data_layer(page)
    assert layer[0] == ["consent", "default", denied]
    assert layer[1] == ["consent", "update", {**denied, "analytics_storage": "granted"}]
    assert [entry[0] for entry in layer[2:]] == ["js", "config"], "the Google tag runs after default and update"

    page.evaluate("policygenConsent.rejectAll()")
    assert _data_layer(page)[-1] == ["consent", "update", denied]


def test_without_consent_mode_the_banner_leaves_gtag_alone(page: Any, tmp_path: Path) -> None:
    policy = fixture_policy()
    site_fields = {**policy.site.model_dump(), "consent_mode": False}
    policy = Policy.model_validate({**policy.model_dump(), "site": site_fields})
    with serve_directory(write_site(tmp_path / "site", policy)) as server:
        visit(page, server.url)
        assert page.evaluate("typeof window.dataLayer") == "undefined"
        choose(page, "reject-all")
        assert page.evaluate("typeof window.gtag") == "undefined"


def test_consent_change_event_and_api(page: Any, site: StaticServer) -> None:
    visit(page, site.url)
    assert page.evaluate("policygenConsent.get()") is None

    page.evaluate("policygenConsent.acceptAll()")
    page.evaluate("policygenConsent.set({marketing: false, nonsense: true})")
    events = page.evaluate("consentEvents")

    assert [event["categories"]["marketing"] for event in events] == [True, False]
    assert "nonsense" not in events[-1]["categories"]
    assert events[-1]["id"] == events[0]["id"], "one record id across changes"
    config = build_consent_config(fixture_policy())
    assert events[-1]["revision"] == "".join(c["revision"] for c in config["categories"] if c["id"] != "marketing")
    page.evaluate("policygenConsent.open()")
    assert page.locator("dialog.consent-dialog").is_visible()


def test_each_choice_sends_a_receipt(page: Any, site: StaticServer) -> None:
    visit(page, site.url)
    choose(page, "accept-all")
    choose(page, "open")
    choose(page, "reject-all")

    receipts = _wait_for_receipts(site, 2)
    config = build_consent_config(fixture_policy())
    first, second = (json.loads(r.split(" ", 2)[2]) for r in receipts)
    assert first["categories"] == ["necessary", "preferences", "statistics", "marketing"]
    assert second["categories"] == ["necessary"]
    revisions = [category["revision"] for category in config["categories"]]
    assert first["revision"] == "".join(revisions), "the revisions of what was granted"
    assert second["revision"] == revisions[0]
    for receipt in (first, second):
        assert receipt["policy_version"] == "3.2"
        assert len(receipt["id"]) == 32 and abs(receipt["time"] / 1000 - time.time()) < 120
        assert receipt["gpc"] is False
    assert first["id"] == second["id"], "a withdrawal can be matched to its consent"


def _wait_for_receipts(site: StaticServer, count: int) -> list[str]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        receipts = [r for r in site.requests if r.startswith("POST /consent-receipts ")]
        if len(receipts) >= count:
            return receipts
        time.sleep(0.05)
    raise AssertionError(f"expected {count} receipts, server saw {site.requests}")


def test_no_receipt_is_sent_when_no_endpoint_is_set(page: Any, tmp_path: Path) -> None:
    policy = fixture_policy()
    policy = Policy.model_validate(
        {**policy.model_dump(), "site": {**policy.site.model_dump(), "receipt_endpoint": None}}
    )
    with serve_directory(write_site(tmp_path / "site", policy)) as server:
        visit(page, server.url)
        choose(page, "accept-all")
        time.sleep(0.3)
        assert not [r for r in server.requests if r.startswith("POST")]


# --- fair design and no layout shift ----------------------------------------------------

EQUAL_STYLE = [
    "font-family",
    "font-size",
    "font-weight",
    "color",
    "background-color",
    "border-top-width",
    "border-top-color",
    "border-radius",
    "padding-top",
    "padding-left",
    "text-decoration-line",
]


@pytest.mark.parametrize(
    ("color_scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 320)], ids=["light", "dark", "320 px"]
)
def test_accept_reject_and_customize_look_the_same(
    page: Any, site: StaticServer, color_scheme: str, width: int
) -> None:
    page.emulate_media(color_scheme=color_scheme)
    page.set_viewport_size({"width": width, "height": 640})
    visit(page, site.url)

    def looks(action: str) -> dict[str, Any]:
        control = page.locator(f'.consent-banner [data-consent-action="{action}"]')
        box = control.bounding_box()
        style = control.evaluate(f"e => {{ const s = getComputedStyle(e); return {EQUAL_STYLE!r}.map(p => s[p]) }}")
        return {
            "tag": control.evaluate("e => e.tagName"),
            "style": style,
            "size": (round(box["width"]), round(box["height"])),
        }

    accept = looks("accept-all")
    assert looks("reject-all") == accept
    assert looks("customize") == accept


def test_banner_causes_no_layout_shift(page: Any, site: StaticServer) -> None:
    visit(page, site.url)
    assert banner(page).is_visible()
    measure = """() => new Promise(resolve => {
        let total = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value })
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => resolve(total), 300);
    })"""
    assert page.evaluate(measure) == 0

    # The measurement does see a shift: content pushed down by an in-flow element.
    page.evaluate(
        "document.querySelector('main').prepend(Object.assign(document.createElement('p'), {textContent: 'x'}))"
    )
    assert page.evaluate(measure) > 0


# --- the built example ------------------------------------------------------------------


def test_built_example_meets_the_visitor_with_a_fair_swedish_banner(
    page: Any, context: Any, built_example: Path, page_errors: list[str]
) -> None:
    """The example's privacy page, as built, asks in Swedish with equal choices."""
    with serve_directory(built_example) as server:
        visit(page, server.url)
        buttons = banner(page).get_by_role("button")
        assert buttons.all_inner_texts() == ["Acceptera alla", "Avvisa alla", "Anpassa"]
        sizes = {(round(b["width"]), round(b["height"])) for b in (x.bounding_box() for x in buttons.all())}
        assert len(sizes) == 1, sizes
        assert cookie_names(context) == set()

        choose(page, "reject-all")
        assert stored_choice(context)["categories"] == ["necessary"]
        page.get_by_role("button", name="Inställningar för kakor").first.click()
        assert page.get_by_role("dialog", name="Inställningar för kakor").is_visible()
        assert page_errors == []
