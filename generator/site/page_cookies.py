"""The page's cookie declaration: one table per consent category (ePrivacy Art. 5(3), LEK 9:28, Planet49).

`PageCookies` is mixed into `generator.site.page.PageView`. Each category the
banner offers gets its own table, captioned with the category's name and
description, so the category is said once rather than on every row. A row
says what is particular to the item; what holds for most items (a cookie, on
the site's own domain, that no third party can read) is said once under the
tables, and a row says so only where it differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from generator.model import ConsentCategory, Cookie, Policy, ProcessingActivity, Purpose, Text
from generator.site.cookie_table import CellLabels, cookie_table_rows
from generator.texts import legal as texts
from generator.texts.cookies import (
    declared_cookies,
    describe_cookie,
    offered_categories,
    offers_choice,
    third_party_withdrawal_note,
)
from generator.texts.plain import title_quotes


@dataclass(frozen=True)
class CookieRow:
    """One row of the cookie declaration (ePrivacy Art. 5(3), Planet49: duration and third parties)."""

    cookie: Cookie
    provider: str
    purpose: Markup
    """The purpose in the source's words, with a link to the activity it serves where there is one."""
    category: str
    duration: str
    party: str
    """'Tredje part' for an item on another company's domain, '' for one on the site's own."""
    domain: str
    """The other company's domain, e.g. .facebook.com; '' for an item on the site's own domain."""
    access: str
    """Whether a third party can access it (Planet49): 'Ja' or 'inte angivet'; '' when no third party can."""
    storage: str
    """The kind of storage when it is not a cookie, e.g. 'Lokal lagring (localStorage)'; '' for a cookie."""


@dataclass(frozen=True)
class CookieGroup:
    """The items of one consent category, under the category's name and description."""

    category: ConsentCategory
    label: str
    description: str | None
    rows: list[CookieRow]


class PageCookies:
    """The cookie section's lookups; the attributes below are `PageView`'s."""

    policy: Policy
    language: str
    _: Callable[[str], str]
    link: Callable[[str, str | Markup], Markup]
    text: Callable[[Text | None], Markup]
    clause: Callable[[Text | None], Markup]

    def consent_categories(self) -> list[tuple[ConsentCategory, str, str | None]]:
        """(category, label, description) in the banner's order."""
        choice = offers_choice(self.policy)
        return [
            (
                c,
                texts.consent_category_label(c, self.language),
                texts.consent_category_description(c, self.language, choice=choice),
            )
            for c in offered_categories(self.policy)
        ]

    @property
    def cookies_need_consent(self) -> bool:
        """Some category the banner offers is optional: the visitor has a choice to make, and to change."""
        return offers_choice(self.policy)

    @cached_property
    def third_party_withdrawal(self) -> str:
        """What withdrawing means for cookies on other companies' domains; '' when there are none."""
        return third_party_withdrawal_note(self.policy, self.language).strip()

    def cookie_groups(self) -> list[CookieGroup]:
        """One group per category the banner offers, in its order, with the category's items in source order."""
        by_category: dict[str, list[CookieRow]] = {}
        for row in self._declared_rows:
            by_category.setdefault(row.cookie.category, []).append(row)
        return [
            CookieGroup(category, label, description, by_category.get(category.id, []))
            for category, label, description in self.consent_categories()
        ]

    @cached_property
    def _declared_rows(self) -> list[CookieRow]:
        """`cookie_rows`, made once per page: the tables and the note on names with '*' read them."""
        return self.cookie_rows()

    def cookie_rows(self) -> list[CookieRow]:
        """One row per declared cookie, in `describe_cookie`'s words. The purpose is the item's own description
        or its purpose's; an item without either points to its activity (a link made once per activity, not
        once per cookie: a policy may declare 10,000). A row's cells are worked out once per distinct
        combination of the facts they depend on: thousands of items share a few."""
        activity_links: dict[str, Markup] = {}
        cells: dict[tuple[object, ...], dict[str, object]] = {}
        purposes = self.policy.purposes_by_id
        rows = []
        for cookie in declared_cookies(self.policy):
            own = cookie.description
            key = (cookie.purpose, None if own is None else (own.sv, own.en), *cookie.shared_facts)
            found = cells.get(key)
            if found is None:
                found = cells[key] = self._cookie_cells(cookie, purposes, activity_links)
            rows.append(CookieRow(cookie=cookie, **found))  # type: ignore[arg-type]
        return rows

    def _cookie_cells(
        self,
        cookie: Cookie,
        purposes: dict[str, tuple[ProcessingActivity, Purpose]],
        activity_links: dict[str, Markup],
    ) -> dict[str, object]:
        """The cells of a cookie's row, apart from its name (`cookie_rows`)."""
        activity, purpose = purposes[cookie.purpose] if cookie.purpose else (None, None)
        description = cookie.description or (purpose.description if purpose else None)
        shown = self.text(description)
        if activity is not None and not description:  # nothing to say but where it is used
            if activity.id not in activity_links:
                link = self.link("#activity-" + activity.id, self.text(activity.name))
                see = Markup(title_quotes(self.language)).format(link)
                activity_links[activity.id] = Markup(self._("(see %(link)s)")) % {"link": see}
            shown = activity_links[activity.id]
        words = describe_cookie(self.policy, cookie, self.language)
        third = self.policy.cookie_party(cookie) == "third"
        return {
            "provider": words.provider,
            "purpose": shown,
            "category": words.category,
            "duration": words.duration_shown,
            "party": words.party if third else "",
            "domain": words.domain if third else "",
            "access": "" if cookie.third_party_access is False else words.third_party_access,
            "storage": "" if cookie.storage == "cookie" else words.storage,
        }

    def cookie_name_pattern(self) -> bool:
        """Some declared name has a '*' for a part that varies: the page says what it stands for."""
        return any("*" in row.cookie.name for row in self._declared_rows)

    def cookie_table_rows(
        self, rows: list[CookieRow], provider: Markup, purpose: Markup, storage_period: Markup, access: Markup
    ) -> Markup:
        """The rows of a category's table (`cookie_table_rows`), with the column labels the template translated."""
        return cookie_table_rows(rows, CellLabels(provider, purpose, storage_period, access))
