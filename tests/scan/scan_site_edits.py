"""Variants of the clean shop made by editing its pages at test time, so that they follow the shop's pages
(tests/fixtures/scan_sites/README.md): only what a variant breaks differs from the shop."""

from __future__ import annotations

from pathlib import Path

FOOTER_CONTROL = '<a href="#cookies" data-consent-action="open">Cookieinställningar</a>\n'
CART_SCRIPT = '<script src="/scripts/cart.js"></script>\n'


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text, f"{page.name} no longer holds {old!r}"
    page.write_text(text.replace(old, new), encoding="utf-8")


def without_settings_control(site: Path) -> None:
    """produkter.html: no control; konto.html: the only one in a closed menu; the start page: a
    data-consent-action="customize" link, which the banner opens its settings from too (it counts)."""
    edit(site / "produkter.html", FOOTER_CONTROL, "")
    edit(site / "konto.html", FOOTER_CONTROL, f"<details><summary>Mer</summary>{FOOTER_CONTROL}</details>\n")
    edit(site / "index.html", FOOTER_CONTROL, FOOTER_CONTROL.replace('"open"', '"customize"'))


def with_floating_settings_only(site: Path) -> None:
    """No footer control on the shop's pages; scripts/floating.js (the variant's) adds a floating one."""
    for name in ("index.html", "produkter.html", "konto.html"):
        edit(site / name, FOOTER_CONTROL, "")
        edit(site / name, CART_SCRIPT, CART_SCRIPT + '<script src="/scripts/floating.js" defer></script>\n')


def with_late_script(site: Path) -> None:
    """produkter.html runs scripts/late.js (the variant's): a cookie on a timer after load, and a poll."""
    edit(site / "produkter.html", CART_SCRIPT, CART_SCRIPT + '<script src="/scripts/late.js"></script>\n')
