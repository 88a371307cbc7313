"""ropa.json, format 3: the models of the file, for its schema (the writer is `generator.records.ropa_writer`).

The records document (`generator.records.document`) is what the page, the CSV and the JSON-LD are written
from: every record there stands on its own. The file says each shared fact once and refers to it by id, as
format 2 already did for cookies: the controller and its security measures at the top, every recipient,
data subject and data category once, each consent category's label once. Records name them by id. The
file has no indentation: programs read it (the auditor reads the records page); 1,000 activities made
11 MB indented, with the controller and full recipients in every record (docs/decisions.md).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.records.changes import ReleaseRecord
from generator.records.document import (
    COOKIE_DURATION,
    FORMAT_NAME,
    AutomatedDecisionRecord,
    CameraSurveillanceRecord,
    ControllerRecord,
    DataSubjectRecord,
    DocumentRecord,
    InformedElsewhereRecord,
    LegalBasisRecord,
    NationalIdentityNumberRecord,
    PartyRecord,
    PolicyVersion,
    ProvisionRecord,
    PurposeRecord,
    RecipientRecord,
    RecordModel,
    RegisterRecord,
    RetentionRecord,
    RightExceptionRecord,
    SiteRecord,
    SourceRecord,
    TransferRecord,
)
from generator.records.ropa_writer import FILE_FORMAT_VERSION


class ConsentCategoryEntry(RecordModel):
    """A consent category of the banner, named once; cookies refer to it by id."""

    id: str
    label: str


class DataCategoryUse(RecordModel):
    """A data category of an activity: its id in the document's `data_categories`, and when it is processed."""

    id: str
    condition: str | None = Field(description="When the category is processed only in a certain case; null: always.")


class DataCategoryEntry(RecordModel):
    """Art. 30(1)(c): a category of personal data, described once; records refer to it by id."""

    id: str
    label: str
    examples: str | None
    special_category: bool = Field(description="Data of Art. 9(1).")
    special_category_condition: str | None = Field(description="The Art. 9(2) condition.")
    dpv: str | None = Field(description="W3C DPV term, e.g. pd:EmailAddress.")
    national_identity_number: NationalIdentityNumberRecord | None = Field(
        description="Set if the category holds personnummer or samordningsnummer (dataskyddslagen (2018:218) "
        "3 kap. 10 §); null: it does not."
    )


class CookieFacts(RecordModel):
    """What cookies and storage items share besides their name, purpose and description, said once."""

    storage: Literal["cookie", "local_storage", "session_storage", "indexed_db", "pixel"]
    category: str = Field(description="Id of the consent category, named in the document's `consent_categories`.")
    provider: str = Field(
        description="'first_party' (the controller) or the id of the recipient that sets or reads it, described "
        "in the document's `recipients`."
    )
    duration: str | None = Field(description=COOKIE_DURATION)
    duration_in_words: str | None
    party: Literal["first", "third"]
    domain: str | None
    path: str
    http_only: bool
    third_party_access: bool | None
    necessity_justification: str | None = Field(
        description="Why a necessary item is strictly necessary (ePrivacy Art. 5(3)); null for one that needs consent."
    )


class CookieEntry(RecordModel):
    """A cookie or storage item (ePrivacy Art. 5(3)), as declared to the visitor."""

    name: str = Field(description="Exact name, or a pattern with '*'.")
    purpose: str | None = Field(
        description="Id of the purpose it serves (the record that has the purpose names the cookie); "
        "null for the consent cookie."
    )
    description: str | None
    facts: int = Field(description="Its other facts: the position of their entry in the document's `cookie_facts`.")


class PurposeEntry(PurposeRecord):
    """Art. 30(1)(b): a purpose, with its own legal basis (Art. 6(1), 13(1)(c))."""

    legal_basis: int | None = Field(  # type: ignore[assignment]
        description="The position of its legal basis in the document's `legal_bases`; null: not stated."
    )


class ActivityEntry(RecordModel):
    """One processing activity: Art. 30(1)(b)–(g) and what the auditor needs besides; (a) is the document's."""

    id: str = Field(description="Stable id: the activity's id in the sources, the same in every version.")
    name: str
    description: str | None
    joint_controllers: list[PartyRecord] = Field(
        description="The joint controllers of this activity among its recipients (Art. 26), besides those of the "
        "document's `controller`, which hold for every record."
    )
    purposes: list[PurposeEntry] = Field(description="Art. 30(1)(b), each with its legal basis.")
    data_subjects: list[str] = Field(description="Art. 30(1)(c): ids in the document's `data_subjects`.")
    data_categories: list[DataCategoryUse] = Field(description="Art. 30(1)(c): in the document's `data_categories`.")
    recipients: list[str] = Field(description="Art. 30(1)(d): ids in the document's `recipients`.")
    transfers: list[TransferRecord] = Field(description="Art. 30(1)(e); empty: none.")
    retention: RetentionRecord | None = Field(description="Art. 30(1)(f); null: not stated.")
    security_measures: list[str] = Field(
        description="Art. 30(1)(g): measures specific to this activity, besides the document's `security_measures`."
    )
    legal_bases: list[int] = Field(
        description="The distinct legal bases of the purposes: positions in the document's `legal_bases`."
    )
    sources: list[SourceRecord] = Field(
        description="Art. 14(2)(f): data not collected from the data subject; empty: all from the data subject."
    )
    provision: ProvisionRecord | None
    automated_decisions: list[AutomatedDecisionRecord] | None = Field(
        description="Art. 22; an empty list states that there are none, null: not stated."
    )
    cookies: list[str] = Field(
        description="Names of the cookies and storage items serving its purposes, in the document's `cookies`."
    )
    right_exceptions: list[RightExceptionRecord]
    observed: bool = Field(
        description="Observed data (camera surveillance, server logs): Art. 13(2)(e) does not apply."
    )
    camera_surveillance: CameraSurveillanceRecord | None = Field(description="Camera surveillance.")
    informed_elsewhere: InformedElsewhereRecord | None = Field(
        description="The people are informed by another notice; the activity is not on the public privacy page."
    )
    impact_assessment: DocumentRecord | None = Field(
        description="The data protection impact assessment (Art. 35); null: none recorded."
    )


class RopaFile(RecordModel):
    """ropa.json: the records of processing of one controller, in one language; each shared fact once."""

    format: Literal["policygen-ropa"] = FORMAT_NAME
    format_version: Literal["3"] = FILE_FORMAT_VERSION
    language: Literal["sv", "en"]
    title: str
    policy: PolicyVersion = Field(description="The policy version every record belongs to.")
    site: SiteRecord
    controller: ControllerRecord = Field(description="Art. 30(1)(a), for every record.")
    records_register: RegisterRecord | None = Field(
        description="The register's own metadata: established, reviewed, responsible, Art. 30(5)."
    )
    supervisory_authority: str = Field(description="The authority the records are made available to (Art. 30(4)).")
    security_measures: list[str] = Field(description="Art. 30(1)(g): the controller's measures, for every record.")
    legal_bases: list[LegalBasisRecord] = Field(
        description="Each distinct legal basis the purposes rest on, once (Art. 6(1)); purposes and records refer "
        "to it by position."
    )
    data_subjects: list[DataSubjectRecord] = Field(description="Every category of data subjects the records name.")
    data_categories: list[DataCategoryEntry] = Field(description="Every category of personal data the records name.")
    recipients: list[RecipientRecord] = Field(
        description="Every recipient the records and the cookies name, in source order."
    )
    consent_categories: list[ConsentCategoryEntry] = Field(description="The consent categories of the cookies.")
    records: list[ActivityEntry] = Field(description="One record per processing activity, in source order.")
    cookie_facts: list[CookieFacts] = Field(
        description="Each distinct combination of the facts cookies share (storage, category, provider, duration …) "
        "once: 10,000 cookies share a few."
    )
    cookies: list[CookieEntry] = Field(
        description="Every declared cookie and storage item, the banner's consent cookie first."
    )
    changes: list[ReleaseRecord] = Field(
        description="The released versions of the policy, oldest first, with their changes."
    )
