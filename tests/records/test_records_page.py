"""records/index.html, the auditor's page: valid, accessible, escaped, usable without and with JavaScript, on A4.

Browser tests run in real Chromium on 127.0.0.1, under `Content-Security-Policy:
default-src 'self'` (the page has no inline script or style).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from generator.cli import main
from generator.model import Policy
from generator.records.page import render_page
from generator.records.render import build_records, export_records, render_records
from generator.sources.loading import LoadedPolicy
from tests.conftest import EXAMPLE, REPO, VNU_JAR
from tests.support.server import StaticServer, serve_directory

CSP = {"Content-Security-Policy": "default-src 'self'"}
ACTIVITIES = [
    "online_purchase",
    "direct_marketing",
    "account",
    "customer_service",
    "development",
    "legal_obligations",
    "logs",
    "staff",
    "supplier_contacts",
]


@pytest.fixture(scope="module")
def site(example_loaded: LoadedPolicy, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The records of the example written out as the build writes them."""
    root = tmp_path_factory.mktemp("records-site")
    for name, content in render_records(example_loaded.policy).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[StaticServer]:
    with serve_directory(site, lambda path: CSP) as running:
        yield running


def open_records(page: Any, server: StaticServer) -> list[str]:
    """Open the page; return the console errors (a CSP violation is one)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server.url}/records/index.html")
    return errors


def visible_records(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-record]", "nodes => nodes.filter(n => !n.hidden).map(n => n.id)")


# --- validity and escaping (no browser) -----------------------------------------


def test_the_page_is_valid_html_in_the_nu_checker(site: Path, example_loaded: LoadedPolicy, tmp_path: Path) -> None:
    english = tmp_path / "en.html"
    english.write_bytes(export_records(example_loaded.policy, "html", "en"))
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--skip-non-html",
            str(site / "records" / "index.html"),
            str(english),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_page_loads_nothing_from_elsewhere_and_has_no_inline_script_or_style(site: Path) -> None:
    html = (site / "records" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<link[^>]* href="([^"]+)"', html) + re.findall(r' src="([^"]+)"', html)
    assert linked == ["records.css", "records.js"]
    links = set(re.findall(r'<a[^>]* href="([^"#][^"]*)"', html))
    decision = "https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj"  # the adequacy decision, a link, not a load
    assert links == {
        "ropa.json",
        "ropa.schema.json",
        "ropa.csv",
        "ropa-changes.csv",
        "ropa.jsonld",
        "mailto:info@jiji-boutique.se",
        decision,
        "https://business.safety.google/adsprocessorterms/",  # Google's processor terms, a link
        "https://www.jiji-boutique.se/integritetspolicy/#cookies",  # the cookie table, listed once
    }
    assert "<style" not in html and " style=" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="records.js" defer>']
    script = (site / "records" / "records.js").read_text(encoding="utf-8")
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function"):
        assert unsafe not in script


def hostile(policy: Policy) -> Policy:
    """The example with markup in the texts a site owner writes."""
    activity = policy.activities[0]
    name = activity.name.model_copy(update={"sv": "<script>alert(1)</script> & Co"})
    recipient = policy.recipients[1]
    label = recipient.label.model_copy(update={"sv": '<img src=x onerror="alert(2)">'})
    return policy.model_copy(
        update={
            "activities": [activity.model_copy(update={"name": name}), *policy.activities[1:]],
            "recipients": [policy.recipients[0], recipient.model_copy(update={"label": label}), *policy.recipients[2:]],
        }
    )


def test_every_model_string_is_escaped_in_the_tables_the_indexes_and_the_picture(example_loaded: LoadedPolicy) -> None:
    html = render_page(build_records(hostile(example_loaded.policy), "sv")).decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co") >= 4  # contents, flow, index, record
    assert "&lt;img src=x onerror=" in html


def test_the_data_flow_picture_has_a_box_for_every_category_activity_and_recipient(
    site: Path, example_loaded: LoadedPolicy
) -> None:
    html = (site / "records" / "index.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    svg = svg.replace("\u2068", "").replace("\u2069", "")  # the bidi isolates around each model text
    document = build_records(example_loaded.policy, "sv")
    categories = {c.id for r in document.records for c in r.data_categories}
    recipients = {x.id for r in document.records for x in r.recipients}
    assert svg.count("<rect") == len(categories) + len(document.records) + len(recipients)
    edges = sum(len(r.data_categories) + len(r.recipients) for r in document.records)
    assert svg.count("<path") == edges
    assert 'role="img"' in svg and '<title id="flow-title">Dataflöde' in svg
    assert "Köp i webbutiken: Kontaktuppgifter, Betalningsuppgifter" in svg  # the same facts as text in <desc>


# --- in Chromium ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(page: Any, server: StaticServer, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    errors = open_records(page, server)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert errors == []


@pytest.mark.browser
def test_no_horizontal_scrolling_at_320_pixels(page: Any, server: StaticServer) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    open_records(page, server)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    # The picture scrolls inside its own container, which a keyboard can reach (the wide cookie table is
    # the privacy page's, linked rather than repeated).
    assert page.locator(".scroll[tabindex='0']").count() == 1


@pytest.mark.browser
def test_every_record_shows_every_item_of_article_30(page: Any, server: StaticServer) -> None:
    open_records(page, server)
    assert visible_records(page) == [f"activity-{id_}" for id_ in ACTIVITIES]
    for id_ in ACTIVITIES:
        headings = page.locator(f"#activity-{id_} th[scope=row]").all_inner_texts()
        for item in "abcdefg":
            assert any(f"30.1 {item}" in h for h in headings), (id_, item)
        assert any(h.startswith("Ändamål och rättslig grund") for h in headings)
        assert any(h.startswith("Källa till personuppgifterna") for h in headings)
    development = page.locator("#activity-development").inner_text()
    assert (
        "USA" in development and "Beslut av Europeiska kommissionen om adekvat skyddsnivå (artikel 45)" in development
    )


@pytest.mark.browser
def test_without_javascript_the_indexes_link_to_the_activities(browser: Any, server: StaticServer) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/records/index.html")
        assert page.locator("#records-filter").is_hidden()
        consent = page.locator("#index-legal-basis + dl dt", has_text="Samtycke – artikel 6.1 a")
        links = consent.locator("xpath=following-sibling::dd[1]//a")
        assert links.all_inner_texts() == ["Direktmarknadsföring", "Jiji Boutique-konto", "Utveckling och förbättring"]
        links.first.click()
        assert page.url.endswith("#activity-direct_marketing")
        assert page.locator("#activity-direct_marketing h2").is_visible()
        analytics = page.locator("#index-recipient + dl dt", has_text="Analysverktyg")
        assert analytics.locator("xpath=following-sibling::dd[1]//a").all_inner_texts() == [
            "Utveckling och förbättring"
        ]
    finally:
        context.close()


@pytest.mark.browser
def test_with_javascript_the_filters_hide_the_records_that_do_not_match(page: Any, server: StaticServer) -> None:
    errors = open_records(page, server)
    status = page.locator("#records-filter-status")
    page.get_by_label("Rättslig grund", exact=True).select_option("consent")
    assert visible_records(page) == ["activity-direct_marketing", "activity-account", "activity-development"]
    assert status.inner_text() == "Visar 3 av 9 behandlingar."
    page.get_by_label("Mottagare", exact=True).select_option("analytics")
    assert visible_records(page) == ["activity-development"]
    assert status.inner_text() == "Visar 1 av 9 behandlingar."
    page.get_by_label("Rättslig grund", exact=True).select_option("")
    page.get_by_label("Mottagare", exact=True).select_option("")
    page.get_by_label("Kategori av personuppgifter", exact=True).select_option("credit_information")
    assert visible_records(page) == ["activity-online_purchase"]
    page.get_by_role("button", name="Visa alla").click()
    expect(page.locator("[data-record][hidden]")).to_have_count(0)  # the reset filters once the form is reset
    assert len(visible_records(page)) == len(ACTIVITIES)
    assert status.get_attribute("role") == "status"
    assert errors == []


@pytest.mark.browser
def test_printed_on_a4_each_activity_starts_on_a_new_page(page: Any, server: StaticServer) -> None:
    open_records(page, server)
    page.emulate_media(media="print")
    assert page.locator("#records-filter").is_hidden()
    breaks = page.eval_on_selector_all(".activity", "nodes => nodes.map(n => getComputedStyle(n).breakBefore)")
    assert breaks == ["page"] * len(ACTIVITIES)
    pdf = page.pdf(prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 1 + len(ACTIVITIES)
    # A4 is 595 × 842 points.
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\s*\]", pdf)


def test_an_own_copy_of_the_records_words_must_set_every_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """records/activity.html holds the words the records are written around; an owner's copy that lacks
    one is named (exit 2, nothing written), and one that sets them all is used."""
    own = tmp_path / "templates" / "records"
    own.mkdir(parents=True)
    (own / "activity.html").write_text('{% set id = "Identitet" %}\n')
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path / "dist"), "--templates", str(own.parent)]) == 2
    err = capsys.readouterr().err
    assert "records/activity.html does not set controller, joint_controller" in err and "Traceback" not in err
    assert not (tmp_path / "dist").exists()

    bundled = (REPO / "site_templates" / "records" / "activity.html").read_text()
    (own / "activity.html").write_text(bundled.replace('{% set id = _("Id") %}', '{% set id = "Identitet" %}'))
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path / "dist"), "--templates", str(own.parent)]) == 0
    assert (
        '<tr><th scope="row">Identitet</th><td><code>online_<wbr>purchase</code>'
        in (tmp_path / "dist" / "records" / "index.html").read_text()
    )
