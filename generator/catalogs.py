"""Extract, update, compile and check the message catalogs (`make catalogs`).

    python -m generator.catalogs update   # .pot from sources, merge into .po, compile .mo
    python -m generator.catalogs check    # exit 1 if anything is stale or untranslated

Output is deterministic (fixed dates), so the committed files only change when
a text changes. The English catalogs may leave msgstr empty (msgid is English);
every Swedish message must be translated.
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from generator.i18n import DOMAINS, LOCALE_DIR
from generator.paths import CHECKOUT_DIR

LANGUAGES = ("sv", "en")
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
JINJA = "jinja2.ext:babel_extract"

# Which files feed which domain: (glob relative to the checkout, extraction method).
DOMAIN_SOURCES: dict[str, list[tuple[str, str]]] = {
    "messages": [
        ("generator/model/*.py", "python"),
        ("generator/texts/*.py", "python"),
        ("generator/site/page.py", "python"),
        ("generator/site/page_cookies.py", "python"),
        ("site_templates/page*.html", JINJA),
        ("site_templates/page/**.html", JINJA),
    ],
    "banner": [("generator/site/banner_config.py", "python")],
    "records": [
        # Babel's `*` matches one character or more: name the files without a suffix too.
        ("generator/records/*.py", "python"),
        ("site_templates/records.html", JINJA),
        ("site_templates/records*.html", JINJA),
        ("site_templates/records/**.html", JINJA),
    ],
}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}


def extract(domain: str) -> Catalog:
    catalog = Catalog(project="policygen", creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False)
    method_map = [(pattern, method) for pattern, method in DOMAIN_SOURCES[domain]]
    options_map = {pattern: JINJA_OPTIONS for pattern, method in method_map if method == JINJA}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(CHECKOUT_DIR),
        method_map,
        options_map,
        keywords={"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)},
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def _serialize_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # File names without line numbers: moving code must not make the catalogs stale.
    write_po(buffer, catalog, width=100, sort_output=True, include_previous=False, include_lineno=False)
    return buffer.getvalue()


def _serialize_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def expected_files() -> dict[Path, bytes]:
    """Every catalog file as `update` would write it."""
    files: dict[Path, bytes] = {}
    for domain in DOMAINS:
        template = extract(domain)
        files[LOCALE_DIR / f"{domain}.pot"] = _serialize_po(template)
        for language in LANGUAGES:
            po_path = _po_path(language, domain)
            if po_path.exists():
                with po_path.open("rb") as file:
                    catalog = read_po(file, locale=language, domain=domain)
            else:
                catalog = Catalog(locale=language, domain=domain, project="policygen")
            catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
            catalog.obsolete.clear()
            catalog.creation_date = FIXED_DATE
            catalog.revision_date = FIXED_DATE
            files[po_path] = _serialize_po(catalog)
            files[po_path.with_suffix(".mo")] = _serialize_mo(catalog)
    return files


def untranslated(language: str = "sv") -> list[str]:
    """Swedish messages without a translation, as 'domain: msgid'."""
    missing = []
    for domain in DOMAINS:
        path = _po_path(language, domain)
        if not path.exists():
            continue
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        # A fuzzy entry is left out of the compiled catalog, so the page would show English.
        missing += [f"{domain}: {m.id}" for m in catalog if m.id and (not m.string or m.fuzzy)]
    return missing


def _same_catalog(path: Path, committed: bytes, expected: bytes) -> bool:
    """Equal but for the Babel version that wrote them (a newer Babel alone makes nothing stale)."""
    if path.suffix == ".mo":
        return _messages_of_mo(committed) == _messages_of_mo(expected)
    return _without_generator_line(committed) == _without_generator_line(expected)


def _without_generator_line(po: bytes) -> bytes:
    lines = po.splitlines(keepends=True)
    return b"".join(line for line in lines if not line.lstrip(b'"').startswith(b"Generated-By:"))


def _messages_of_mo(mo: bytes) -> dict[object, str]:
    catalog = dict(Translations(io.BytesIO(mo))._catalog)  # type: ignore[attr-defined]
    catalog[""] = _without_generator_line(catalog.get("", "").encode()).decode()
    return catalog


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    files = expected_files()
    if command == "update":
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != content:
                path.write_bytes(content)
                print(f"wrote {path.relative_to(CHECKOUT_DIR)}")
        # A second pass compiles the .mo from the .po just written (translations included).
        for path, content in expected_files().items():
            if path.read_bytes() != content:
                path.write_bytes(content)
        missing = untranslated()
        for item in missing:
            print(f"untranslated (sv) {item}")
        return 0
    if command == "check":
        stale = [p for p, c in files.items() if not p.exists() or not _same_catalog(p, p.read_bytes(), c)]
        for path in stale:
            print(f"stale: {path.relative_to(CHECKOUT_DIR)} (run `make catalogs`)")
        missing = untranslated()
        for item in missing:
            print(f"untranslated (sv) {item}")
        return 1 if stale or missing else 0
    print(f"unknown command {command!r}: use update or check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
