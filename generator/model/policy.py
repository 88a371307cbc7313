"""The whole policy: everything a site's privacy page, banner and records are rendered from."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import cached_property
from typing import Any, Literal

from pydantic import Field

from generator.model.cookies import ConsentCategory, Cookie
from generator.model.data import DataCategory, DataSubjectCategory, Recipient
from generator.model.history import Release
from generator.model.legal import LegalBasis
from generator.model.parties import Controller, Rights, Site, SupervisoryAuthority
from generator.model.processing import ProcessingActivity, Purpose
from generator.model.register import Register
from generator.model.values import StrictModel, Text, empty_list
from generator.model.vocabulary import DEFAULT_CONSENT_CATEGORIES, NECESSARY, domain_is_first_party

SOURCE_FORMATS = (1, 2)
"""The source formats the loader reads; docs/source-format.md describes each change."""

CURRENT_FORMAT = 2
"""The format `policygen migrate` writes and new sources should declare with `format: 2`."""


class PolicyDocument(StrictModel):
    """The policy's own metadata, shown on the page and carried by every record."""

    version: str = Field(min_length=1, description="Version of the policy, e.g. 2.0.")
    last_updated: datetime.date = Field(description="Date of the last update, YYYY-MM-DD.")
    title: Text | None = Field(default=None, description="Page title. Default: 'Integritetspolicy'.")


# --- the whole policy ------------------------------------------------------


class Prose(StrictModel):
    """Markdown fragments, read from `<key>.<lang>.md` files next to the YAML."""

    introduction: Text | None = Field(
        default=None, description="Opening text of the page, from introduction.sv.md (and introduction.en.md)."
    )
    security: Text | None = Field(default=None, description="How data is protected, from security.sv.md.")
    cookies: Text | None = Field(default=None, description="Introduction to the cookie section, from cookies.sv.md.")
    notes: Text | None = Field(default=None, description="Closing notes of the page, from notes.sv.md.")


class Policy(StrictModel):
    """Everything a site's privacy page, banner and records are rendered from."""

    format: Literal[1, 2] = Field(
        default=1,
        description="Version of the source format: 2 (current). Without it a source is read as format 1; "
        "`policygen migrate` rewrites it (docs/source-format.md).",
    )
    site: Site = Field(description="Where the page and the banner are published, and how the banner behaves.")
    policy: PolicyDocument = Field(description="Version, date of the last update and title of the policy.")
    controller: Controller = Field(description="Who is responsible for the processing (personuppgiftsansvarig).")
    rights: Rights = Field(
        default_factory=Rights, description="How a data subject uses their rights: channels, answer time, notes."
    )
    supervisory_authority: SupervisoryAuthority | None = Field(
        default=None, description="Where to complain (Art. 77). Default: Integritetsskyddsmyndigheten (IMY)."
    )
    data_categories: list[DataCategory] = Field(
        default_factory=empty_list,
        description="Every category of personal data you process, each with an id the activities refer to.",
    )
    data_subjects: list[DataSubjectCategory] = Field(
        default_factory=empty_list,
        description="Every category of people whose data you process (customers, subscribers, …), each with an id.",
    )
    recipients: list[Recipient] = Field(
        default_factory=empty_list,
        description="Everyone who receives personal data (processors, other controllers, authorities), each with "
        "an id the activities and cookies refer to.",
    )
    activities: list[ProcessingActivity] = Field(
        default_factory=empty_list,
        description="The processing activities: one section of the page and one record of Art. 30 each.",
    )
    consent_categories: list[ConsentCategory] = Field(
        default_factory=lambda: [ConsentCategory(id=i, required=i == NECESSARY) for i in DEFAULT_CONSENT_CATEGORIES],
        description="Banner categories. Default: necessary, preferences, statistics, marketing; the banner then "
        "offers only those that hold a cookie (necessary always).",
    )
    cookies: list[Cookie] = Field(
        default_factory=empty_list,
        description="Every cookie and other storage item the site sets or reads, each in a consent category.",
    )
    prose: Prose = Field(default_factory=Prose, description="Filled from the Markdown fragments.")
    records_register: Register | None = Field(
        default=None,
        description="The records' own metadata: established, last reviewed, who is responsible, and the "
        "assessment of Art. 30(5) for fewer than 250 employees.",
    )
    reconsent: str | None = Field(
        default=None,
        min_length=1,
        description="Change this value (e.g. to today's date) to ask every visitor for consent again, even though "
        "nothing the banner's revision covers has changed (docs/history.md).",
    )
    history: list[Release] = Field(
        default_factory=empty_list,
        description="Filled from history/*.json, which `policygen release` writes; never written in YAML.",
    )

    # Lookups by id. Ids are unique: the loader refuses duplicates. Each index is built once, so a
    # lookup per cookie or per activity stays linear in a large policy; it remembers the list it was
    # built from, because `model_copy(update=...)` copies the cache along with a replaced list.

    @cached_property
    def index_cache(self) -> dict[str, tuple[object, dict[str, Any]]]:
        return {}

    def _index(self, field: str, build: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
        source = getattr(self, field)
        cached = self.index_cache.get(field)
        if cached is None or cached[0] is not source:
            cached = (source, build(source))
            self.index_cache[field] = cached
        return cached[1]

    @property
    def data_categories_by_id(self) -> dict[str, DataCategory]:
        return self._index("data_categories", lambda items: {c.id: c for c in items})

    @property
    def data_subjects_by_id(self) -> dict[str, DataSubjectCategory]:
        return self._index("data_subjects", lambda items: {s.id: s for s in items})

    @property
    def recipients_by_id(self) -> dict[str, Recipient]:
        return self._index("recipients", lambda items: {r.id: r for r in items})

    @property
    def consent_categories_by_id(self) -> dict[str, ConsentCategory]:
        return self._index("consent_categories", lambda items: {c.id: c for c in items})

    @property
    def purposes_by_id(self) -> dict[str, tuple[ProcessingActivity, Purpose]]:
        return self._index("activities", lambda items: {p.id: (a, p) for a in items for p in a.purposes})

    def data_category(self, id_: str) -> DataCategory:
        return self.data_categories_by_id[id_]

    def data_subject(self, id_: str) -> DataSubjectCategory:
        return self.data_subjects_by_id[id_]

    def recipient(self, id_: str) -> Recipient:
        return self.recipients_by_id[id_]

    def consent_category(self, id_: str) -> ConsentCategory:
        return self.consent_categories_by_id[id_]

    def purposes(self) -> list[tuple[ProcessingActivity, Purpose]]:
        return list(self.purposes_by_id.values())

    def purpose(self, id_: str) -> tuple[ProcessingActivity, Purpose]:
        return self.purposes_by_id[id_]

    def legal_bases(self) -> set[LegalBasis]:
        return {b for a in self.activities for b in a.legal_bases()}

    def has_right_to_object(self) -> bool:
        """Art. 21(4): then the right to object is shown apart from other information."""
        return any(p.open_to_objection for _, p in self.purposes())

    def cookie_party(self, cookie: Cookie) -> Literal["first", "third"]:
        """The party as declared, else as it follows from the cookie's domain against the site's."""
        if cookie.party is not None:
            return cookie.party
        if cookie.domain is None:  # on the current host: first party (`domain_is_first_party`), and quick to say
            return "first"
        return "first" if self.cookie_domain_is_first_party(cookie) else "third"

    def cookie_domain_is_first_party(self, cookie: Cookie) -> bool:
        return domain_is_first_party(cookie.domain, self.site.base_url, self.site.cookie_domain)
