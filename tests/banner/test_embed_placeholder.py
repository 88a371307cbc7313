"""A blocked embed's placeholder names it (its title, its provider when the config knows it) and links to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.model import Policy
from generator.site.banner_config import build_banner_config, consent_head_tags
from tests.fixtures.banner_site.site import fixture_policy, write_site
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Inbäddningar</title>
{head}
</head>
<body>
<main>
<h1>Inbäddningar</h1>
<iframe data-consent="marketing" data-src="https://player.video.example/embed/1?autoplay=0"
        title="Produktfilm"></iframe>
<iframe data-consent="marketing" data-src="https://maps.example.org/embed?q=Lund" title="Karta till butiken"></iframe>
<iframe data-consent="marketing" data-src="embed/video.html"></iframe>
<iframe data-consent="marketing" data-src="javascript:alert(1)" title="Skript"></iframe>
</main>
</body>
</html>
"""


def video_policy() -> Policy:
    """The fixture policy, with the embed's cookie set by the video provider on its own domain."""
    data = fixture_policy().model_dump()
    for cookie in data["cookies"]:
        if cookie["name"] == "embed_seen":
            cookie.update(domain=".video.example", party="third")
    return Policy.model_validate(data)


def open_embeds(page: Any, tmp_path: Path, lang: str) -> tuple[Any, str]:
    policy = video_policy()
    root = write_site(tmp_path / "site", policy)
    head = consent_head_tags(build_banner_config(policy), "")
    (root / "embeds.html").write_text(PAGE.format(lang=lang, head=head), encoding="utf-8")
    return root, head


def placeholders(page: Any) -> list[dict[str, Any]]:
    return page.evaluate(
        """[...document.querySelectorAll(".consent-placeholder")].map((box) => ({
            name: box.querySelector("strong")?.textContent ?? null,
            text: box.querySelector("p").textContent,
            link: box.querySelector("a") && {
                text: box.querySelector("a").textContent,
                href: box.querySelector("a").href,
                rel: box.querySelector("a").rel,
            },
        }))"""
    )


def test_each_placeholder_names_its_embed_and_links_to_its_provider(page: Any, tmp_path: Path) -> None:
    root, _ = open_embeds(page, tmp_path, "sv")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_directory(root) as server:
        page.goto(server.url + "embeds.html")
        page.locator(".consent-banner").wait_for()
        boxes = placeholders(page)
        needs = "Det här innehållet kräver ditt samtycke till kategorin ”Marknadsföring”."
        assert boxes == [
            {
                "name": "Produktfilm",
                "text": needs,
                "link": {
                    "text": "Öppna på Annonsbolaget AB",  # the provider the config knows for video.example
                    "href": "https://player.video.example/embed/1?autoplay=0",
                    "rel": "noreferrer",
                },
            },
            {
                "name": "Karta till butiken",
                "text": needs,
                "link": {  # a provider the config does not know: its host
                    "text": "Öppna på maps.example.org",
                    "href": "https://maps.example.org/embed?q=Lund",
                    "rel": "noreferrer",
                },
            },
            {
                "name": "",  # no title: no name
                "text": needs,
                "link": {
                    "text": "Öppna på 127.0.0.1",
                    "href": server.url + "embed/video.html",
                    "rel": "noreferrer",
                },
            },
            {"name": "Skript", "text": needs, "link": None},  # not http(s): no link
        ]
        assert page.get_by_role("link", name="Öppna på Annonsbolaget AB").is_visible()
        assert all(frame.get_attribute("src") is None for frame in page.locator("iframe").all()), "nothing loaded"
    assert errors == []


def test_the_english_page_gets_the_english_link_text(page: Any, tmp_path: Path) -> None:
    root, _ = open_embeds(page, tmp_path, "en")
    with serve_directory(root) as server:
        page.goto(server.url + "embeds.html")
        page.locator(".consent-banner").wait_for()
        assert page.locator(".consent-placeholder a").first.inner_text() == "Open on Annonsbolaget AB"
