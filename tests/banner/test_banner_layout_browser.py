"""The banner's layout as a visitor sees it, in Chromium: it fits a phone, every choice is in view and equal,
its text matches the page's, it follows the site's dark mode, and it is there at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.model import Policy
from generator.site.banner_config import build_banner_config, consent_head_tags, render_consent_files
from generator.sources.loading import load_policy
from tests.conftest import EXAMPLE
from tests.fixtures.banner_site.site import fixture_policy, write_site
from tests.support.server import StaticServer, serve_directory

pytestmark = pytest.mark.browser

VIEWPORTS = [(390, 600), (390, 844), (1280, 800)]
FIRST_LAYER_SHARE = 0.35
"""The first layer's greatest share of a 390×844 window."""

DARK_BACKGROUND = "rgb(31, 31, 31)"
LIGHT_BACKGROUND = "rgb(255, 255, 255)"


def host_page(
    root: Path, name: str, policy: Policy, *, css: str = "", html: str = "", body: str = "", lang: str = "sv"
) -> str:
    """A page of a site with its own stylesheet and attributes on <html> and <body>, and the banner's tags."""
    (root / f"{name}.css").write_text(css, encoding="utf-8")
    banner = build_banner_config(policy)
    for file, content in render_consent_files(banner).items():
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_bytes(content)
    head = consent_head_tags(banner, "")
    (root / f"{name}.html").write_text(
        f'<!doctype html>\n<html lang="{lang}"{html}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>Värdsidan</title>\n{head}<link rel="stylesheet" href="{name}.css">\n</head>\n'
        f"<body{body}>\n<main><h1>Värdsidan</h1><p>Sidans egen brödtext.</p></main>\n"
        '<footer><button type="button" data-consent-action="open">Inställningar för kakor</button></footer>\n'
        "</body>\n</html>\n",
        encoding="utf-8",
    )
    return f"{name}.html"


@pytest.fixture(scope="module")
def example_policy() -> Policy:
    return load_policy(EXAMPLE).policy


@pytest.fixture
def site(tmp_path: Path) -> Iterator[StaticServer]:
    """The banner test site (four categories, nine items, a third party) served from 127.0.0.1."""
    with serve_directory(write_site(tmp_path / "site", fixture_policy())) as server:
        yield server


# --- what the test looks at ------------------------------------------------------------

BUTTON_REPORT = """(selector) => [...document.querySelectorAll(selector)].map((button) => {
  const box = button.getBoundingClientRect();
  const style = getComputedStyle(button);
  // Points just inside each corner and the centre: each must hit the button itself (not covered, not clipped).
  const points = [[box.left + 3, box.top + 3], [box.right - 3, box.top + 3], [box.left + 3, box.bottom - 3],
    [box.right - 3, box.bottom - 3], [box.left + box.width / 2, box.top + box.height / 2]];
  return {
    action: button.dataset.consentAction,
    text: button.textContent,
    top: box.top, bottom: box.bottom, left: box.left, right: box.right,
    width: box.width, height: box.height,
    hit: points.every(([x, y]) => button.contains(document.elementFromPoint(x, y))),
    style: ["background-color", "color", "font-size", "font-weight", "font-family", "border-top-width",
      "border-top-color", "border-top-left-radius", "padding-top", "padding-left"].map((p) => style[p]).join(" | "),
  };
})"""


def buttons(page: Any, selector: str) -> list[dict[str, Any]]:
    return page.evaluate(BUTTON_REPORT, selector)


def assert_in_view(page: Any, found: list[dict[str, Any]], width: int, height: int, where: str) -> None:
    """Every button wholly inside the window, and the topmost element at its corners and centre."""
    assert found, where
    for button in found:
        label = f"{button['text']!r} at {width}×{height} ({where})"
        assert button["top"] >= 0 and button["left"] >= 0, label
        assert button["bottom"] <= height and button["right"] <= width, label
        assert button["hit"], f"{label} is covered or clipped"


def first_layer(page: Any) -> Any:
    banner = page.locator("section.consent-banner")
    banner.wait_for(state="visible")
    return banner


# --- the first layer -------------------------------------------------------------------


MKDOCS_MATERIAL = "html { font-size: 125% } body { font-size: .8rem; font-family: Roboto, Arial, sans-serif }"
"""What MkDocs Material does to the root and body font sizes (the banner covered 60 % of 390×844 there)."""


@pytest.mark.parametrize("host", ["plain", "mkdocs"])
@pytest.mark.parametrize("which", ["fixture", "example"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_first_layer_fits_a_phone_and_keeps_every_choice_in_view_and_equal(
    page: Any, tmp_path: Path, example_policy: Policy, which: str, language: str, host: str
) -> None:
    """At most 35 % of 390×844; the three choices inside the window, uncovered and alike at every size."""
    policy = fixture_policy() if which == "fixture" else example_policy
    root = tmp_path / "site"
    root.mkdir()
    name = host_page(root, "page", policy, lang=language, css=MKDOCS_MATERIAL if host == "mkdocs" else "")
    with serve_directory(root) as server:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(server.url + name)
        banner = first_layer(page)
        for width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            where = f"{which}, {language}, {host}"
            box = banner.bounding_box()
            if (width, height) == (390, 844):
                share = box["height"] / height
                assert share <= FIRST_LAYER_SHARE, f"the first layer covers {share:.0%} of 390×844 ({where})"
            assert banner.evaluate("e => e.scrollTop") == 0
            found = buttons(page, ".consent-banner .consent-button")
            assert [b["action"] for b in found] == ["accept-all", "reject-all", "customize"]
            assert_in_view(page, found, width, height, where)
            accept, reject, customize = found
            for other in (reject, customize):
                assert abs(other["width"] - accept["width"]) < 1 and other["height"] == accept["height"], where
                assert other["style"] == accept["style"], where
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_with_the_gpc_notice_the_text_scrolls_and_the_choices_stay_in_view(
    page: Any, site: StaticServer, width: int, height: int
) -> None:
    """Global Privacy Control adds a paragraph; the first layer may then scroll, but never its buttons away."""
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url)
    banner = first_layer(page)
    assert banner.locator(".consent-gpc").is_visible()
    assert banner.bounding_box()["height"] <= height * 0.6 + 1
    assert_in_view(page, buttons(page, ".consent-banner .consent-button"), width, height, "GPC")


def test_first_layer_keeps_its_required_content(page: Any, site: StaticServer) -> None:
    """The purposes in words, who else reads the cookies, how to withdraw, the policy link, three choices."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url)
    banner = first_layer(page)
    text = banner.inner_text()
    assert "Vi använder kakor (cookies)" in text
    assert "kakor för inställningar, statistik och marknadsföring" in text
    assert "Statistikbolaget AB" in text and "Annonsbolaget AB" in text, "third-party access, by name"
    assert "återkalla ditt samtycke" in text and "”Inställningar för kakor”" in text
    assert banner.get_by_role("link", name="Läs mer i vår integritetspolicy").is_visible()
    assert banner.get_by_role("button").all_inner_texts() == ["Acceptera alla", "Avvisa alla", "Anpassa"]


# --- the settings dialog ---------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 600)])
def test_settings_buttons_stay_in_view_while_a_long_cookie_list_scrolls(
    page: Any, site: StaticServer, width: int, height: int
) -> None:
    """Nine items, every list open: the dialog scrolls, its four buttons stay in the window and uncovered."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url)
    first_layer(page).locator('[data-consent-action="customize"]').click()
    dialog = page.locator("dialog.consent-dialog")
    dialog.wait_for(state="visible")
    for summary in dialog.locator("summary").all():
        summary.click()
    assert dialog.locator("li").count() >= 8
    assert dialog.evaluate("e => e.scrollHeight > e.clientHeight"), "the list is longer than the window"

    for scrolled in (False, True):
        if scrolled:
            dialog.evaluate("e => { e.scrollTop = e.scrollHeight / 2; }")
        found = buttons(page, ".consent-dialog .consent-button")
        assert [b["action"] for b in found] == ["accept-all", "reject-all", "save", "close"]
        assert_in_view(page, found, width, height, f"dialog, scrolled={scrolled}")
        assert len({(round(b["width"]), b["height"], b["style"]) for b in found}) == 1, "four equal buttons"

    dialog.locator('[data-consent-action="close"]').click()
    assert dialog.is_hidden()


# --- the page's font --------------------------------------------------------------------

FONT_REPORT = """() => {
  const size = (selector) => getComputedStyle(document.querySelector(selector)).fontSize;
  const family = (selector) => getComputedStyle(document.querySelector(selector)).fontFamily;
  return {
    body: size("body"), text: size(".consent-banner p"), button: size(".consent-banner .consent-button"),
    bodyFamily: family("body"), textFamily: family(".consent-banner p"),
    buttonFamily: family(".consent-banner .consent-button"),
  };
}"""


@pytest.mark.parametrize(
    "css",
    [
        "html { font-size: 20px } body { font-size: .8rem; font-family: Georgia, serif }",
        "html { font-size: 62.5% } body { font-size: 1.6rem; font-family: Georgia, serif }",
        "html { font-size: 16px } body { font-size: 18px; font-family: Georgia, serif }",
    ],
    ids=["root 20 px (MkDocs Material)", "root 62.5 %", "body 18 px"],
)
def test_banner_text_is_the_size_and_family_of_the_pages_body_text(page: Any, tmp_path: Path, css: str) -> None:
    root = tmp_path / "site"
    root.mkdir()
    name = host_page(root, "page", fixture_policy(), css=css)
    with serve_directory(root) as server:
        page.goto(server.url + name)
        first_layer(page)
        fonts = page.evaluate(FONT_REPORT)
    assert fonts["text"] == fonts["body"] == fonts["button"], fonts
    assert fonts["textFamily"] == fonts["bodyFamily"] == fonts["buttonFamily"] == "Georgia, serif", fonts


def test_custom_properties_set_size_font_radius_and_spacing(page: Any, tmp_path: Path) -> None:
    """The documented properties, set by the site's own stylesheet, change the banner."""
    css = (
        ".consent-banner { --consent-size: 15px; --consent-font: monospace; --consent-radius: 0px;"
        " --consent-space: 2em; --consent-background: #fffdf8; }"
    )
    root = tmp_path / "site"
    root.mkdir()
    name = host_page(root, "page", fixture_policy(), css=css)
    with serve_directory(root) as server:
        page.goto(server.url + name)
        banner = first_layer(page)
        style = banner.evaluate(
            "e => { const s = getComputedStyle(e), b = getComputedStyle(e.querySelector('.consent-button'));"
            " return [s.fontSize, s.fontFamily, s.paddingTop, s.backgroundColor, b.borderTopLeftRadius] }"
        )
    assert style == ["15px", "monospace", "30px", "rgb(255, 253, 248)", "0px"]


# --- dark mode ---------------------------------------------------------------------------

COLOURS = """() => [".consent-banner", ".consent-banner .consent-button"].map((selector) => {
  const style = getComputedStyle(document.querySelector(selector));
  return style.backgroundColor;
})"""


@pytest.mark.parametrize(
    ("scheme", "html", "body", "expected"),
    [
        ("light", "", "", "light"),
        ("dark", "", "", "dark"),
        ("light", ' class="dark"', "", "dark"),
        ("light", ' data-theme="dark"', "", "dark"),
        ("light", "", ' data-md-color-scheme="slate"', "dark"),
        ("light", "", ' class="dark"', "dark"),
        ("dark", ' class="light"', "", "light"),
        ("dark", ' data-theme="light"', "", "light"),
        ("dark", "", ' data-md-color-scheme="default"', "light"),
    ],
)
def test_dark_mode_follows_the_site_as_well_as_the_system(
    page: Any, tmp_path: Path, scheme: str, html: str, body: str, expected: str
) -> None:
    root = tmp_path / "site"
    root.mkdir()
    name = host_page(root, "page", fixture_policy(), html=html, body=body)
    page.emulate_media(color_scheme=scheme)
    with serve_directory(root) as server:
        page.goto(server.url + name)
        first_layer(page)
        banner, button = page.evaluate(COLOURS)
    if expected == "dark":
        assert (banner, button) == (DARK_BACKGROUND, "rgb(241, 241, 241)")
    else:
        assert (banner, button) == (LIGHT_BACKGROUND, "rgb(27, 27, 27)")


# --- accessibility ------------------------------------------------------------------------


def axe_report(results: Any) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    )


@pytest.mark.parametrize(("html", "width", "height"), [("", 390, 600), (' data-theme="dark"', 1280, 800)])
def test_axe_finds_no_violation_in_the_banner_or_the_dialog(
    page: Any, tmp_path: Path, html: str, width: int, height: int
) -> None:
    root = tmp_path / "site"
    root.mkdir()
    name = host_page(root, "page", fixture_policy(), html=html)
    page.set_viewport_size({"width": width, "height": height})
    with serve_directory(root) as server:
        page.goto(server.url + name)
        first_layer(page)
        first = Axe().run(page, context=".consent-banner")
        assert first.violations_count == 0, axe_report(first)
        page.locator('.consent-banner [data-consent-action="customize"]').click()
        dialog = page.locator("dialog.consent-dialog")
        dialog.wait_for(state="visible")
        for summary in dialog.locator("summary").all():
            summary.click()
        second = Axe().run(page, context=".consent-dialog")
        assert second.violations_count == 0, axe_report(second)


# --- visible at once --------------------------------------------------------------------

FIRST_FRAME = """
new MutationObserver((records, observer) => {
  const banner = document.querySelector(".consent-banner");
  if (!banner) return;
  observer.disconnect();
  requestAnimationFrame(() => {
    const report = { animations: document.getAnimations().length, buttons: [] };
    for (const button of banner.querySelectorAll(".consent-button")) {
      const box = button.getBoundingClientRect();
      const chain = [];
      for (let node = button; node && node !== document.documentElement; node = node.parentElement) {
        const s = getComputedStyle(node);
        chain.push([s.opacity, s.visibility, s.animationName, s.transitionDuration, s.transform, s.pointerEvents]);
      }
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      report.buttons.push({
        inside: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
        hit: button.contains(hit),
        chain,
      });
    }
    window.firstFrame = report;
  });
}).observe(document, { childList: true, subtree: true });
"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_choices_are_visible_and_clickable_in_the_first_frame(page: Any, site: StaticServer, motion: str) -> None:
    """No entrance effect: in the first frame after the banner is added, each choice is in the window, opaque,
    on top, and neither animated nor transitioning; reduced motion changes nothing."""
    page.emulate_media(reduced_motion=motion)
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script(FIRST_FRAME)
    page.goto(site.url)
    page.wait_for_function("window.firstFrame !== undefined")
    report = page.evaluate("window.firstFrame")
    assert report["animations"] == 0
    assert len(report["buttons"]) == 3
    for button in report["buttons"]:
        assert button["inside"] and button["hit"], button
        for opacity, visibility, animation, transition, transform, pointer in button["chain"]:
            assert (opacity, visibility, animation, transform, pointer) == ("1", "visible", "none", "none", "auto")
            assert transition == "0s"


def test_on_the_examples_own_privacy_page_the_first_layer_fits_too(page: Any, built_example: Path) -> None:
    """The built example's page, with its own stylesheet: the banner covered 41 % of 390×844 there."""
    with serve_directory(built_example) as server:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(server.url)
        banner = first_layer(page)
        for width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            if (width, height) == (390, 844):
                assert banner.bounding_box()["height"] / height <= FIRST_LAYER_SHARE
            assert_in_view(page, buttons(page, ".consent-banner .consent-button"), width, height, "example page")
            fonts = page.evaluate(FONT_REPORT)
            assert fonts["text"] == fonts["body"] and fonts["textFamily"] == fonts["bodyFamily"], fonts
