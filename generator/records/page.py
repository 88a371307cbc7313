"""records/index.html: the records of processing as a page for auditors.

One table per activity with every item of Art. 30(1)(a)–(g); indexes by legal
basis, data category and recipient that link to the activities and work
without JavaScript; live filters by the same when records.js runs; a
data-flow picture drawn at build time as inline SVG (generator.records.flow);
a print stylesheet for A4 with each activity on a new page. No inline script
or style, so the page works under `Content-Security-Policy: default-src 'self'`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment
from markupsafe import Markup

from generator.i18n import gettext_for
from generator.records.activity_html import activity_sections
from generator.records.document import RecordsDocument
from generator.records.flow import layout_flow
from generator.texts.legal import date_in_words
from generator.texts.prose import render_markdown
from generator.texts.templates import template_environment, template_file

TEMPLATE = "records/index.html"
ASSETS = ("records.css", "records.js")
"""Files of site_templates/records/ copied next to the page."""
FLOW_MAX_ACTIVITIES = 60
"""The data-flow picture is drawn up to this many activities: 1,000 made a picture 40,000 pixels high (0.9 MB of
the page) that nobody reads; the indexes and the records give the same facts as text."""


@dataclass(frozen=True)
class IndexEntry:
    """One term of an index (a legal basis, a data category, a recipient) and the activities it occurs in."""

    key: str
    label: str
    activities: tuple[tuple[str, str], ...]  # (activity id, activity name)


def render_page_files(document: RecordsDocument) -> dict[str, bytes]:
    """index.html with its stylesheet and script, relative to records/."""
    files = {"index.html": render_page(document)}
    for name in ASSETS:
        files[name] = template_file("records/" + name).read_bytes()
    return files


def render_page(document: RecordsDocument) -> bytes:
    language = document.language
    _ = gettext_for(language, "records")
    flow = None
    if len(document.records) <= FLOW_MAX_ACTIVITIES:
        flow = layout_flow(document, (_("Categories of personal data"), _("Processing activities"), _("Recipients")))
    environment = _environment(language)
    html = environment.get_template(TEMPLATE).render(
        document=document,
        lang=language,
        flow=flow,
        flow_max_activities=FLOW_MAX_ACTIVITIES,
        date=date_in_words(document.policy.last_updated, language),
        legal_basis_index=legal_basis_index(document),
        data_category_index=data_category_index(document),
        recipient_index=recipient_index(document),
        security_measures=document.records[0].security.general_measures if document.records else [],
        activities=activity_sections(document, environment),
        markdown=_markdown,
    )
    return html.encode()


def _environment(language: str) -> Environment:
    return template_environment(language, "records")


@lru_cache(maxsize=8)  # every record shows the same security text
def _markdown(text: str) -> Markup:
    """The security text inside a record's table: the page's safe Markdown, headings below the record's h2."""
    return render_markdown(text, top_heading_level=3)


# --- the indexes (also the choices of the filters) ---------------------------


def sort_key(label: str) -> tuple[str, str]:
    """Alphabetical order that puts å, ä, ö after z, as Swedish does."""
    folded = label.casefold().translate({ord("å"): "z\x01", ord("ä"): "z\x02", ord("ö"): "z\x03"})
    return folded, label


def legal_basis_index(document: RecordsDocument) -> list[IndexEntry]:
    """Legal bases in the order of Art. 6(1)."""
    order = ["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"]
    labels: dict[str, str] = {}
    activities: dict[str, list[tuple[str, str]]] = {}
    for record in document.records:
        for basis in record.legal_bases:
            labels[basis.code] = basis.text
            activities.setdefault(basis.code, []).append((record.id, record.name))
    return [IndexEntry(code, labels[code], tuple(activities[code])) for code in order if code in labels]


def data_category_index(document: RecordsDocument) -> list[IndexEntry]:
    labels: dict[str, str] = {}
    activities: dict[str, list[tuple[str, str]]] = {}
    for record in document.records:
        for category in record.data_categories:
            labels.setdefault(category.id, category.label)
            activities.setdefault(category.id, []).append((record.id, record.name))
    return _alphabetical(labels, activities)


def recipient_index(document: RecordsDocument) -> list[IndexEntry]:
    labels: dict[str, str] = {}
    activities: dict[str, list[tuple[str, str]]] = {}
    for record in document.records:
        for recipient in record.recipients:
            labels.setdefault(recipient.id, recipient.label)
            activities.setdefault(recipient.id, []).append((record.id, record.name))
    return _alphabetical(labels, activities)


def _alphabetical(labels: dict[str, str], activities: dict[str, list[tuple[str, str]]]) -> list[IndexEntry]:
    keys = sorted(labels, key=lambda key: (sort_key(labels[key]), key))
    return [IndexEntry(key, labels[key], tuple(dict.fromkeys(activities[key]))) for key in keys]
