"""The service catalogue: `uses:` in a source gives the page, the banner and the records its services."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.sources.catalogue import load_service, service_ids
from tests.conftest import EXAMPLE
from tests.support.config_file import read_config

# The purpose each service serves in the example, and the facts the catalogue leaves to the owner.
PURPOSES = {
    "google-analytics-4": "web_analytics",
    "google-tag-manager": "web_analytics",
    "meta-pixel": "web_analytics",
    "youtube": "web_analytics",
    "google-maps": "web_analytics",
    "google-fonts": "web_analytics",
    "klarna": "order_handling",
    "stripe": "order_handling",
    "mailchimp": "web_analytics",
    "hotjar": "web_analytics",
}
OWNER_FACTS = {
    "google-tag-manager": "    role: processor\n",
    "google-fonts": "    role: processor\n",
    "stripe": "    role: processor\n",
    "meta-pixel": "    arrangement:\n      essence: Meta svarar på frågor om dina rättigheter.\n"
    "      url: https://www.facebook.com/legal/controller_addendum\n",
}
NECESSITY = "    necessity_justification: Behövs för att betalningen ska skyddas mot bedrägerier.\n"


def _source(tmp_path: Path, uses: str, extra: str = "") -> Path:
    source = tmp_path / "src"
    shutil.copytree(EXAMPLE, source)
    with (source / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"\nuses:\n{uses}{extra}")
    return source


def _owner_extra(service_id: str) -> str:
    """What an owner writes for the facts the catalogue leaves out, in a file of its own."""
    parts = []
    if service_id in OWNER_FACTS:
        parts.append(f"  - id: {service_id}\n{OWNER_FACTS[service_id]}")
    return "\n".join(parts)


def _build(source: Path, out: Path) -> int:
    return main(["build", str(source), "--out", str(out)])


@pytest.mark.parametrize("service_id", service_ids())
def test_every_entry_builds_a_page_naming_the_service(tmp_path: Path, service_id: str, capsys) -> None:
    service = load_service(service_id)
    # The example's banner has no marketing category: such cookies go under statistics there.
    marketing = any(c["category"] == "marketing" for c in service.cookies)
    category = ", category: statistics" if marketing else ""
    source = _source(tmp_path, f"  - {{service: {service_id}, purpose: {PURPOSES[service_id]}{category}}}\n")
    extra = _owner_extra(service_id)
    own_recipients = (source / "data.yaml").read_text(encoding="utf-8")
    if extra:
        own_recipients = own_recipients.replace("recipients:\n", f"recipients:\n{extra}", 1)
    if service_id == "stripe":
        cookies = (source / "cookies.yaml").read_text(encoding="utf-8")
        for cookie in service.cookies:
            cookies = cookies.replace("cookies:\n", f"cookies:\n  - name: {cookie['name']}\n{NECESSITY}", 1)
        (source / "cookies.yaml").write_text(cookies, encoding="utf-8")
    (source / "data.yaml").write_text(own_recipients, encoding="utf-8")
    out = tmp_path / "dist"

    assert _build(source, out) == 0, capsys.readouterr().out
    page = (out / "index.html").read_text(encoding="utf-8").replace("<wbr>", "")  # names break at _ - . *
    assert service.recipient["product"] in page
    assert service.recipient["legal_entity"] in page
    for cookie in service.cookies:
        assert cookie["name"] in page


@pytest.mark.parametrize("service_id", service_ids())
def test_every_entry_lists_its_sources_with_a_date(service_id: str) -> None:
    service = load_service(service_id)
    covered = {about for source in service.sources for about in source["about"]}
    assert service.sources
    for source in service.sources:
        assert re.fullmatch(r"https://\S+", source["url"])
        assert source["checked"] == "2026-11-30"
    for field in service.recipient:
        if field != "label":
            assert f"recipient.{field}" in covered, f"{service_id}: no source for recipient.{field}"
    for cookie in service.cookies:
        assert f"cookie {cookie['name']}" in covered, f"{service_id}: no source for cookie {cookie['name']}"
    if service_id in ("google-tag-manager", "google-fonts"):  # "sets no cookies" is a fact too
        assert "cookies" in covered, f"{service_id}: no source for 'no cookies'"


def test_three_services_in_the_example_reach_the_page_and_the_banner(tmp_path: Path, capsys) -> None:
    uses = (
        "  - {service: hotjar, purpose: web_analytics}\n"
        "  - {service: youtube, purpose: web_analytics, category: statistics}\n"
        "  - {service: klarna, purpose: order_handling}\n"
    )
    out = tmp_path / "dist"
    assert _build(_source(tmp_path, uses), out) == 0, capsys.readouterr().out

    page = (out / "index.html").read_text(encoding="utf-8")
    for named in ("Hotjar, från Hotjar Ltd", "YouTube, från Google Ireland Limited", "Klarna, från Klarna Bank AB"):
        assert named in page
    config = read_config((out / "consent" / "config.json").read_bytes())
    items = {item["name"]: item for category in config["categories"] for item in category["items"]}
    assert {"_hjSessionUser_*", "_hjSession_*", "YSC", "VISITOR_INFO1_LIVE"} <= set(items)
    assert "Hotjar, by Hotjar Ltd" in items["_hjSession_*"]["details"]["en"]
    assert items["YSC"]["domain"] == ".youtube.com"


def test_the_source_overrides_the_catalogue_field_by_field(tmp_path: Path, capsys) -> None:
    source = _source(tmp_path, "  - {service: google-analytics-4, purpose: web_analytics}\n")
    cookies = (source / "cookies.yaml").read_text(encoding="utf-8")
    assert "  - name: _ga\n" in cookies  # the example writes _ga itself, for 13 months
    out = tmp_path / "dist"
    assert _build(source, out) == 0, capsys.readouterr().out
    config = read_config((out / "consent" / "config.json").read_bytes())
    items = {item["name"]: item for category in config["categories"] for item in category["items"]}
    assert "13 months" in items["_ga"]["details"]["en"]
    assert "Google Analytics, by Google Ireland Limited" in items["_ga"]["details"]["en"]


def test_an_unknown_service_is_exit_2_with_its_place_and_a_suggestion(tmp_path: Path, capsys) -> None:
    source = _source(tmp_path, "  - youtube\n  - google-analytic-4\n")
    out = tmp_path / "dist"
    assert _build(source, out) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err
    line = (source / "site.yaml").read_text(encoding="utf-8").splitlines().index("  - google-analytic-4") + 1
    assert f"site.yaml:{line}:5" in text
    assert "'google-analytic-4' is not a service of the catalogue" in text
    assert "did you mean 'google-analytics-4'?" in text
    assert "Traceback" not in text
    assert not out.exists()
