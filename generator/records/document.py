"""The records of processing (GDPR Art. 30) as an auditor reads them.

These models are not the source model (`generator.model`): the source is what
the site owner writes (ids that point at each other), a record is what an
auditor reads (every reference resolved into its label, in one language, with
the legal terms spelled out). `ropa.json` is a `RecordsDocument`;
`ropa.schema.json` is generated from these classes.

One `ActivityRecord` per processing activity. Its `id` is the activity's id in
the sources and never changes between versions, so two versions of the
records can be compared record by record (see docs/records.md). Fields follow
the order of Art. 30(1)(a)–(g), then what the auditor needs besides (legal
basis, source, cookies, automated decisions).
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.records.changes import ReleaseRecord

FORMAT_NAME = "policygen-ropa"
FORMAT_VERSION = "2"
"""2: a record names its cookies; each is described once, in the document's `cookies`."""


class RecordModel(BaseModel):
    """Base of the record models: closed (an unknown key is an error) and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyVersion(RecordModel):
    """The version of the policy a record belongs to; a change log compares two of them."""

    version: str = Field(description="The policy's version, e.g. 1.1.")
    last_updated: datetime.date = Field(description="Date of the policy's last update.")


class RegisterRecord(RecordModel):
    """The register's own metadata (Art. 30): when established and reviewed, who keeps it, Art. 30(5)."""

    established: datetime.date = Field(description="When the register was established.")
    last_reviewed: datetime.date | None = Field(description="When it was last reviewed; null: not stated.")
    responsible: str = Field(description="Who keeps the register up to date.")
    fewer_than_250_employees: bool | None = Field(description="The organisation employs fewer than 250 persons.")
    article_30_5: str | None = Field(description="The assessment under Art. 30(5) for fewer than 250 employees.")


class DocumentRecord(RecordModel):
    """A documented assessment an auditor may ask for: a balancing test or an impact assessment (Art. 5(2))."""

    title: str
    date: datetime.date | None = Field(description="null: undated (or a reference in one line).")
    kept_at: str | None = Field(description="Where the document is kept; null: a reference in one line.")
    text: str = Field(description="Title, date and where it is kept, in one line.")


class AgreementRecord(RecordModel):
    """Art. 28(3): a processor's data processing agreement."""

    name: str | None = Field(description="The agreement's name.")
    url: str | None = Field(description="Where the agreement or the vendor's terms are published.")
    date: datetime.date | None = Field(description="When it was entered into; null: not stated.")
    text: str = Field(description="Name, date and link in one line.")


class SiteRecord(RecordModel):
    base_url: str = Field(description="The site the records are about.")
    policy_url: str | None = Field(description="Where the privacy policy is published.")
    records_url: str = Field(description="Where these records are published (the records/ folder of the build).")


class AddressRecord(RecordModel):
    street: str
    postal_code: str
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2 code.")
    country_name: str = Field(description="The country's name in the records' language.")


class PartyRecord(RecordModel):
    """A controller, joint controller, representative or data protection officer, with contact details."""

    name: str | None
    legal_name: str | None = None
    owner: str | None = Field(
        default=None, description="For a sole trader: the owner, the natural person who is the controller."
    )
    org_number: str | None = None
    vat_number: str | None = None
    address: AddressRecord | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    responsibilities: str | None = Field(
        default=None, description="For a joint controller: the essence of the arrangement (Art. 26(2))."
    )
    arrangement_url: str | None = Field(
        default=None, description="For a joint controller: where the arrangement (Art. 26) is published."
    )


class ControllerRecord(RecordModel):
    """Art. 30(1)(a): the controller and, where applicable, joint controllers, representative and DPO."""

    controller: PartyRecord
    joint_controllers: list[PartyRecord]
    representative: PartyRecord | None
    data_protection_officer: PartyRecord | None


class LegalBasisRecord(RecordModel):
    """An Art. 6(1) legal basis, named and cited."""

    code: Literal["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"]
    article: str = Field(description="The article as the Swedish text cites it, e.g. 6.1 b.")
    name: str = Field(description="Short name, e.g. Avtal.")
    text: str = Field(description="Name with the article, e.g. 'Avtal – artikel 6.1 b i dataskyddsförordningen'.")
    dpv: str = Field(description="W3C DPV term, e.g. eu-gdpr:A6-1-b.")


class ChannelPermissionRecord(RecordModel):
    """Marketing by e-mail or SMS and the permission of marknadsföringslagen (2008:486) 19 § it rests on."""

    channel: Literal["email", "sms"]
    ground: Literal["consent", "existing_customer"] = Field(
        description="consent (19 § first paragraph) or existing_customer (19 § second paragraph, with opt-out)."
    )
    text: str = Field(description="The sentence the page shows.")


class PurposeRecord(RecordModel):
    """Art. 30(1)(b): a purpose, with its own legal basis (Art. 6(1), 13(1)(c))."""

    id: str
    description: str
    legal_basis: LegalBasisRecord | None = Field(description="null: not stated in the sources.")
    legitimate_interest: str | None = Field(description="The interest pursued, for Art. 6(1)(f).")
    balancing_test: str | None = Field(description="The documented balancing test in one line: title, date, where.")
    balancing_test_document: DocumentRecord | None = Field(
        default=None, description="The balancing test as a named document; null: none referenced."
    )
    legal_obligation: str | None = Field(description="The law imposing the obligation, for Art. 6(1)(c).")
    direct_marketing: bool = Field(description="Direct marketing: the right to object of Art. 21(2) applies.")
    dpv: str | None = Field(description="W3C DPV purpose term, e.g. dpv:DirectMarketing.")
    pre_contractual: bool = Field(
        default=False, description="Steps at the person's request before a contract (Art. 6(1)(b), second half)."
    )
    data_subjects: list[str] = Field(
        default_factory=list, description="Ids of the groups the purpose applies to; empty: all of the activity's."
    )
    children: str | None = Field(
        default=None, description="Children's data: guardian consent below an age, or data given by a parent."
    )
    channel_permission: ChannelPermissionRecord | None = Field(
        default=None, description="E-mail or SMS marketing: the permission of marknadsföringslagen (2008:486) 19 §."
    )
    withdrawal: str | None = Field(
        default=None,
        description="How the data subject withdraws a consent given outside the cookie banner (Art. 7(3)); "
        "for direct marketing also how they object.",
    )


class DataSubjectRecord(RecordModel):
    """Art. 30(1)(c): a category of data subjects."""

    id: str
    label: str
    dpv: str | None


class NationalIdentityNumberRecord(RecordModel):
    """Personnummer or samordningsnummer in a category: the ground and the only cases it is used in."""

    ground: Literal["consent", "clearly_justified"] = Field(description="The ground under 3 kap. 10 §.")
    cases: str = Field(description="The only cases in which the number is used.")
    text: str = Field(description="The sentence the page shows: the cases and the ground.")


class DataCategoryRecord(RecordModel):
    """Art. 30(1)(c): a category of personal data."""

    id: str
    label: str
    examples: str | None
    condition: str | None = Field(description="When the category is processed only in a certain case; null: always.")
    special_category: bool = Field(description="Data of Art. 9(1).")
    special_category_condition: str | None = Field(description="The Art. 9(2) condition.")
    dpv: str | None = Field(description="W3C DPV term, e.g. pd:EmailAddress.")
    national_identity_number: NationalIdentityNumberRecord | None = Field(
        default=None,
        description="Set if the category holds personnummer or samordningsnummer (dataskyddslagen (2018:218) "
        "3 kap. 10 §); null: it does not.",
    )


class RecipientRecord(RecordModel):
    """Art. 30(1)(d): a category of recipients, third-country recipients included."""

    id: str
    label: str
    role: Literal["processor", "controller", "joint_controller", "authority", "internal"]
    role_name: str
    name: str | None = Field(
        description="The named company as readers see it: 'Google Analytics, by Google Ireland Limited'."
    )
    legal_entity: str | None = Field(default=None, description="The legal entity, e.g. Google Ireland Limited.")
    product: str | None = Field(default=None, description="The product or service, e.g. Google Analytics.")
    established_in: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code of its establishment.")
    established_in_name: str | None = None
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of where it processes the data.")
    country_name: str | None
    third_country: bool = Field(
        description="Data leaves the EU/EEA through it: it processes or is established there, or passes data on there."
    )
    purpose: str | None = Field(description="What the recipient does with the data.")
    summary: str = Field(
        default="",
        description="Who, where, and where the data goes on, in one line: 'Google Ireland Limited (Ireland); "
        "data may be transferred to Google LLC in the United States under …'.",
    )
    onward_transfers: list[str] = Field(
        default_factory=list, description="Each onward transfer in words; the transfers list them with safeguards."
    )
    privacy_notice: str | None = Field(default=None, description="The recipient's own privacy notice.")
    joint_arrangement: str | None = Field(
        default=None, description="For a joint controller: the joint controllership and its arrangement in words."
    )
    arrangement_url: str | None = Field(default=None, description="Where the joint arrangement is published.")
    agreement: AgreementRecord | None = Field(
        default=None, description="For a processor: its data processing agreement (Art. 28(3)); null: none recorded."
    )


class TransferRecord(RecordModel):
    """Art. 30(1)(e): a transfer to a third country, the country identified, with its safeguard."""

    recipient: str = Field(description="Id of the recipient in this record.")
    recipient_label: str
    onward_to: str | None = Field(
        default=None, description="For an onward transfer: the entity the recipient passes the data on to."
    )
    country: str
    country_name: str
    mechanism: Literal["adequacy", "scc", "bcr", "derogation"] | None = Field(
        description="null: no safeguard stated in the sources."
    )
    mechanism_name: str | None
    decision: str | None = Field(description="The decision or clauses relied on.")
    decision_url: str | None = Field(default=None, description="Link to the adequacy decision.")
    copy_at: str | None = Field(
        description="Where a copy of the safeguard (clauses, rules) is available; for adequacy, more about it."
    )


class LegalRuleRecord(RecordModel):
    known: str | None = Field(description="A rule built into policygen, e.g. bookkeeping_act.")
    rule: str = Field(description="What the rule says.")
    law: str = Field(description="The law and section.")


class RetentionExceptionRecord(RecordModel):
    """A case in which data is kept for another time than the main retention, longer or shorter."""

    condition: str
    retention: str | None


class CategoryRetentionRecord(RecordModel):
    """Some data categories kept for another time than the activity's retention, shorter or longer."""

    data_categories: list[str] = Field(description="Ids of the data categories.")
    summary: str = Field(description="The retention in words, who decides included, as the privacy page says it.")
    kind: Literal["period", "event", "deleted", "decided_by_controller"] = Field(
        description="period: deleted after a period; event: kept until an event; deleted: deleted at a moment "
        "in words; decided_by_controller: an independent controller decides under its own policy."
    )
    period: str | None = Field(description="ISO 8601 duration, as written, for kind 'period'.")
    counted_from: str | None = Field(description="When the period starts.")
    event: str | None = Field(description="The event until which the data is kept, for kind 'event'.")
    deleted: str | None = Field(description="When the data is deleted, for kind 'deleted'.")
    set_in: str | None = Field(description="Id of the processor in whose settings the controller set it.")
    set_in_name: str | None
    decided_by: str | None = Field(description="Id of the independent controller that decides it.")
    decided_by_name: str | None
    policy_url: str | None = Field(description="The independent controller's own privacy policy.")


class RetentionRecord(RecordModel):
    """Art. 30(1)(f): the envisaged time limit for erasure, in words and machine-readable."""

    summary: str = Field(description="The main time limit in words.")
    kind: Literal["period", "event", "legal_rule", "not_stated"]
    period: str | None = Field(description="ISO 8601 duration, as written, for kind 'period'.")
    counted_from: str | None = Field(description="When the period starts.")
    event: str | None = Field(description="The event that ends the retention, for kind 'event'.")
    legal_rule: LegalRuleRecord | None
    exceptions: list[RetentionExceptionRecord] = Field(
        description="Cases in which data is kept for another time, longer or shorter."
    )
    by_category: list[CategoryRetentionRecord] = Field(
        description="Data categories kept for another time than the main retention, shorter or longer."
    )


class SecurityRecord(RecordModel):
    """Art. 30(1)(g): a general description of the technical and organisational measures (Art. 32(1))."""

    general_measures: list[str] = Field(description="Measures of the controller, for every activity.")
    activity_measures: list[str] = Field(description="Measures specific to this activity.")


class SourceRecord(RecordModel):
    """Art. 14(2)(f): a source of data not collected from the data subject."""

    description: str
    data_categories: list[str] = Field(description="Ids of the data categories from this source.")
    publicly_accessible: bool


class ProvisionRecord(RecordModel):
    """Art. 13(2)(e): whether providing the data is required, and what follows if it is not."""

    requirement: Literal["statutory", "contractual", "pre_contractual", "voluntary"]
    requirement_name: str
    obligatory: bool
    consequence: str | None


class AutomatedDecisionRecord(RecordModel):
    """Art. 22, 13(2)(f): an automated decision, its logic, significance and consequences."""

    description: str
    logic: str | None
    significance: str | None
    consequences: str | None
    decided_by: str | None = Field(
        default=None, description="The recipient who makes the decision itself (its label); null: the controller."
    )
    decided_by_recipient: str | None = Field(default=None, description="That recipient's id.")
    decided_by_text: str | None = Field(default=None, description="The sentence the page shows about who decides.")
    contest: str | None = Field(default=None, description="How the person contests the decision (Art. 22(3)).")


COOKIE_DURATION = (
    "'session', an ISO 8601 duration, or for storage without an expiry 'until_cleared' (until the visitor "
    "clears it) or 'until_deleted' (until the site deletes it)."
)
"""How a cookie's declared lifetime is written, in the records document and in ropa.json alike."""


class CookieRecord(RecordModel):
    """A cookie or storage item (ePrivacy Art. 5(3)), as declared to the visitor."""

    name: str = Field(description="Exact name, or a pattern with '*'.")
    storage: Literal["cookie", "local_storage", "session_storage", "indexed_db", "pixel"]
    storage_name: str
    category: str = Field(description="Id of the consent category.")
    category_label: str
    purpose: str | None = Field(description="Id of the purpose it serves; null for the consent cookie.")
    activity: str | None = Field(description="Id of the activity of that purpose.")
    description: str | None
    necessity_justification: str | None = Field(
        description="Why a necessary item is strictly necessary for the service the visitor asked for "
        "(ePrivacy Art. 5(3), LEK 9 kap. 28 §); null for an item that needs consent."
    )
    provider: str = Field(description="'first_party' or the id of the recipient that sets or reads it.")
    provider_name: str
    duration: str | None = Field(description=COOKIE_DURATION)
    duration_in_words: str | None
    party: Literal["first", "third"]
    domain: str | None
    path: str
    http_only: bool
    third_party_access: bool | None


class RightExceptionRecord(RecordModel):
    """A case in which a right does not apply or a request is refused, and why."""

    right: str
    right_name: str
    article: str
    condition: str
    reason: str | None


class CameraSurveillanceRecord(RecordModel):
    """Camera surveillance: the areas, the signs (kamerabevakningslagen (2018:1200) 15 §), who may watch."""

    areas: str
    signs: str = Field(description="The sentence the page shows about the signs.")
    viewers: str


class InformedElsewhereRecord(RecordModel):
    """The notice that informs the people of an activity left off the public page."""

    notice: str
    kept_at: str
    text: str = Field(description="The notice and where it is kept, in one sentence.")


class ActivityRecord(RecordModel):
    """One processing activity: every item of Art. 30(1)(a)–(g), plus legal basis, source and cookies."""

    id: str = Field(description="Stable id: the activity's id in the sources, the same in every version.")
    name: str
    description: str | None
    policy: PolicyVersion = Field(description="The policy version this record belongs to.")
    controller: ControllerRecord = Field(description="Art. 30(1)(a).")
    purposes: list[PurposeRecord] = Field(description="Art. 30(1)(b), each with its legal basis.")
    data_subjects: list[DataSubjectRecord] = Field(description="Art. 30(1)(c).")
    data_categories: list[DataCategoryRecord] = Field(description="Art. 30(1)(c).")
    recipients: list[RecipientRecord] = Field(description="Art. 30(1)(d).")
    transfers: list[TransferRecord] = Field(description="Art. 30(1)(e); empty: none.")
    retention: RetentionRecord | None = Field(description="Art. 30(1)(f); null: not stated.")
    security: SecurityRecord = Field(description="Art. 30(1)(g).")
    legal_bases: list[LegalBasisRecord] = Field(description="The distinct legal bases of the purposes.")
    sources: list[SourceRecord] = Field(
        description="Art. 14(2)(f): data not collected from the data subject; empty: all from the data subject."
    )
    provision: ProvisionRecord | None
    automated_decisions: list[AutomatedDecisionRecord] | None = Field(
        description="Art. 22; an empty list states that there are none, null: not stated."
    )
    cookies: list[str] = Field(
        description="Names of the cookies and storage items serving its purposes; each is described once, in the "
        "document's `cookies`."
    )
    right_exceptions: list[RightExceptionRecord]
    observed: bool = Field(
        default=False, description="Observed data (camera surveillance, server logs): Art. 13(2)(e) does not apply."
    )
    camera_surveillance: CameraSurveillanceRecord | None = Field(default=None, description="Camera surveillance.")
    informed_elsewhere: InformedElsewhereRecord | None = Field(
        default=None,
        description="The people are informed by another notice; the activity is not on the public privacy page.",
    )
    impact_assessment: DocumentRecord | None = Field(
        default=None, description="The data protection impact assessment (Art. 35); null: none recorded."
    )


class RecordsDocument(RecordModel):
    """ropa.json: the records of processing of one controller, in one language."""

    format: Literal["policygen-ropa"] = FORMAT_NAME
    format_version: Literal["2"] = FORMAT_VERSION
    language: Literal["sv", "en"]
    title: str
    policy: PolicyVersion
    site: SiteRecord
    controller: ControllerRecord = Field(description="Art. 30(1)(a), the same in every record.")
    records_register: RegisterRecord | None = Field(
        default=None, description="The register's own metadata: established, reviewed, responsible, Art. 30(5)."
    )
    supervisory_authority: str = Field(description="The authority the records are made available to (Art. 30(4)).")
    records: list[ActivityRecord] = Field(description="One record per processing activity, in source order.")
    cookies: list[CookieRecord] = Field(
        description="Every declared cookie and storage item, the banner's consent cookie first."
    )
    recipients: list[RecipientRecord] = Field(
        default_factory=list,
        description="Every recipient the records or the cookies name, in source order (ropa.json lists each once).",
    )
    changes: list[ReleaseRecord] = Field(
        default_factory=list, description="The released versions of the policy, oldest first, with their changes."
    )
