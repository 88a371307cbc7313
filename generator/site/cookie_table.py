"""The rows of the page's cookie tables, written in Python rather than in a Jinja loop.

A policy may declare 10,000 items, and the rows differ mostly in the item's name: a row's other cells
(provider, party, access, purpose, storage period) take a few distinct values. A Jinja loop called a
filter and escaped every cell of every row (a third of the page's render time); here each distinct
rest of a row is escaped and joined once. The markup is exactly what the loop wrote, so the template
(`site_templates/page/cookies.html`) keeps the table's frame and headings, and passes the labels.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from markupsafe import Markup, escape

from generator.model import Cookie
from generator.texts.templates import breakable, isolate


class CookieRow(Protocol):
    """What a row needs: `generator.site.page_cookies.CookieRow` (not imported: that module imports this one)."""

    @property
    def cookie(self) -> Cookie: ...
    @property
    def provider(self) -> str: ...
    @property
    def purpose(self) -> Markup: ...
    @property
    def duration(self) -> str: ...
    @property
    def party(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def access(self) -> str: ...
    @property
    def storage(self) -> str: ...


class CellLabels(NamedTuple):
    """The column names each cell repeats for narrow screens (`data-label`), as the template translates them."""

    provider: Markup
    purpose: Markup
    storage_period: Markup
    third_party_access: Markup


def cookie_table_rows(rows: list[CookieRow], labels: CellLabels) -> Markup:
    """The `<tr>` of each row, indented for the table's `<tbody>`, one after another (no newline after the last:
    the template's line ends it)."""
    rests: dict[tuple[object, ...], str] = {}
    storages: dict[str, str] = {}
    out: list[str] = []
    for row in rows:
        storage = storages.get(row.storage)
        if storage is None:
            storage = storages[row.storage] = (
                f' <span class="storage">{escape(row.storage)}</span>' if row.storage else ""
            )
        key = (row.provider, row.party, row.domain, row.access, row.duration, row.purpose, type(row.purpose))
        rest = rests.get(key)
        if rest is None:
            rest = rests[key] = _rest_of_row(row, labels)
        out.append(f'    <tr>\n      <th scope="row"><code>{breakable(row.cookie.name)}</code>{storage}</th>\n{rest}')
    return Markup("\n".join(out))


def _rest_of_row(row: CookieRow, labels: CellLabels) -> str:
    """The cells after the name: who provides the item, its purpose and how long it is kept."""
    # A space before each span: they are blocks on screen, and words apart when the text is read or copied.
    party = (
        f' <span class="party">{escape(row.party)}</span> <span class="domain">{breakable(row.domain)}</span>'
        if row.party
        else ""
    )
    access = f' <span class="access">{labels.third_party_access}: {escape(row.access)}</span>' if row.access else ""
    return (
        f'      <td data-label="{labels.provider}">{isolate(row.provider)}{party}{access}</td>\n'
        f'      <td data-label="{labels.purpose}">{escape(row.purpose)}</td>\n'
        f'      <td data-label="{labels.storage_period}">{escape(row.duration)}</td>\n'
        "    </tr>"
    )
