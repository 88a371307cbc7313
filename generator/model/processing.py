"""The processing activities: purposes, legal bases, provision, decisions, rights exceptions, cameras."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from generator.model.legal import LegalBasis, ProvisionRequirement, Right
from generator.model.register import AssessmentDocument
from generator.model.retention import Retention
from generator.model.values import DataCategoryRef, DataSubjectRef, Id, RecipientRef, StrictModel, Text, empty_list

# --- processing activities -------------------------------------------------


class ChildrenStatement(StrictModel):
    """How a purpose treats children's data: guardian consent (Art. 8) or data given by a parent."""

    approach: Literal["guardian_consent", "given_by_guardian"] = Field(
        description="guardian_consent: an online service offered directly to children on consent, where a guardian "
        "consents below `age` (Art. 8, dataskyddslagen 2 kap. 4 §); given_by_guardian: the child's data is given "
        "by a parent or guardian (e.g. a club's junior members, who rest on membership, not on Art. 8)."
    )
    age: int = Field(
        default=13, ge=13, le=16, description="Below this age a guardian must consent: 13 in Sweden (2 kap. 4 §)."
    )
    how: Text = Field(description="How the guardian's consent is obtained, or how the parent gives the data.")


class ChannelPermission(StrictModel):
    """Marketing by e-mail or SMS: the permission of marknadsföringslagen (2008:486) 19 § it rests on."""

    channel: Literal["email", "sms"] = Field(description="The electronic channel: email or sms.")
    ground: Literal["consent", "existing_customer"] = Field(
        description="consent (19 § first paragraph; the purpose's legal_basis is consent) or existing_customer "
        "(19 § second paragraph: own similar products to a customer who was offered to opt out when giving the "
        "address and in every message; the legal_basis is legitimate_interests, recital 47, with Art. 21(2))."
    )


class Purpose(StrictModel):
    """One purpose of an activity with its own legal basis (Art. 13(1)(c))."""

    id: Id
    description: Text = Field(description="What is done and why, in plain words.")
    legal_basis: LegalBasis | None = Field(
        default=None,
        description="Art. 6(1) legal basis of this purpose: consent, contract, legal_obligation, "
        "vital_interests, public_task or legitimate_interests.",
    )
    legitimate_interest: Text | None = Field(
        default=None, description="The interest pursued, when the basis is legitimate_interests (Art. 13(1)(d))."
    )
    balancing_test: str | AssessmentDocument | None = Field(
        default=None,
        description="The documented balancing test (intresseavvägning): {title, date, kept_at}, so that an "
        "auditor can ask for it, or a reference in one line.",
    )
    legal_obligation: Text | None = Field(
        default=None, description="The law that imposes the obligation, when the basis is legal_obligation."
    )
    direct_marketing: bool = Field(
        default=False, description="Direct marketing: the right to object of Art. 21(2) applies."
    )
    pre_contractual: bool = Field(
        default=False,
        description="true: a step taken at the person's request before a contract (a job application, a quote), "
        "Art. 6(1)(b) second half; the legal_basis is contract.",
    )
    data_subjects: list[DataSubjectRef] = Field(
        default_factory=empty_list,
        description="The groups of people this purpose and its legal basis apply to, e.g. [customers], when the "
        "activity's groups rest on different bases; empty: all of the activity's data_subjects.",
    )
    channel_permission: ChannelPermission | None = Field(
        default=None,
        description="For direct marketing by e-mail or SMS: the permission under marknadsföringslagen 19 §, "
        "e.g. {channel: email, ground: existing_customer}.",
    )
    children: ChildrenStatement | None = Field(
        default=None,
        description="When the data subjects include children: guardian consent below an age, or data given by a "
        "parent, and how.",
    )
    withdrawal: Text | None = Field(
        default=None,
        description="For a purpose on consent given outside the cookie banner (a newsletter, birthday offers, "
        "keeping a job application longer): how the person withdraws this consent, e.g. 'Avregistrera dig med "
        "länken i varje nyhetsbrev.' For direct marketing this is also how they object (Art. 7(3), 21(2)).",
    )
    dpv: str | None = Field(
        default=None,
        pattern=r"^dpv:[A-Za-z]+$",
        description="W3C DPV term for the records, e.g. dpv:DirectMarketing.",
    )

    @model_validator(mode="after")
    def _bases_fit(self) -> Purpose:
        if self.pre_contractual and self.legal_basis != LegalBasis.contract:
            raise ValueError("pre_contractual: true belongs to legal_basis: contract (Art. 6(1)(b))")
        permission = self.channel_permission
        existing_customer = permission is not None and permission.ground == "existing_customer"
        if existing_customer and (self.legal_basis != LegalBasis.legitimate_interests or not self.direct_marketing):
            raise ValueError(
                "the existing-customer exception (marknadsföringslagen 19 § second paragraph) belongs to a "
                "direct_marketing: true purpose with legal_basis: legitimate_interests"
            )
        if permission is not None and permission.ground == "consent" and self.legal_basis != LegalBasis.consent:
            raise ValueError("channel_permission ground: consent belongs to legal_basis: consent")
        return self

    @property
    def open_to_objection(self) -> bool:
        """Art. 21(1): processing on 6(1)(e) or (f); Art. 21(2): direct marketing, whatever its basis."""
        return self.direct_marketing or self.legal_basis in OBJECTION_BASES


OBJECTION_BASES = (LegalBasis.public_task, LegalBasis.legitimate_interests)
"""The legal bases of Art. 6(1) against which the data subject may object under Art. 21(1)."""


class ConditionalData(StrictModel):
    """Data categories processed only in a certain case, e.g. 'if you have an account'."""

    condition: Text = Field(description="The case, as a whole phrase: 'Om du har ett konto'.")
    data_categories: list[DataCategoryRef] = Field(
        min_length=1, description="The data categories processed in that case, e.g. [account_name]."
    )


class DataSource(StrictModel):
    """Where data not collected from the person comes from (Art. 14(2)(f))."""

    description: Text = Field(description="The source, e.g. 'kreditupplysningsföretag'.")
    data_categories: list[DataCategoryRef] = Field(
        default_factory=empty_list, description="The data categories that come from this source, e.g. [postal_address]."
    )
    publicly_accessible: bool = Field(
        default=False, description="true if the source is publicly accessible, e.g. a public register (Art. 14(2)(f))."
    )


class Provision(StrictModel):
    """Art. 13(2)(e): whether providing the data is required, and what follows if not."""

    requirement: ProvisionRequirement = Field(
        description="Why the data is asked for: statutory (required by law), contractual (by a contract), "
        "pre_contractual (needed to enter into a contract) or voluntary."
    )
    obligatory: bool = Field(description="Whether the data subject is obliged to provide the data.")
    consequence: Text | None = Field(default=None, description="What follows if the data is not provided.")
    duty: Text | None = Field(
        default=None,
        description="The law that obliges the person themself (not you) to provide the data, with its number "
        "and section; needed when requirement is statutory and obligatory is true.",
    )


class AutomatedDecision(StrictModel):
    """Automated decision-making, profiling included (Art. 22, 13(2)(f))."""

    description: Text = Field(description="What is decided automatically, e.g. whether you may pay by invoice.")
    logic: Text | None = Field(default=None, description="Meaningful information about the logic involved.")
    significance: Text | None = Field(default=None, description="What the decision means for the person.")
    consequences: Text | None = Field(
        default=None, description="The envisaged consequences for the person, e.g. another way to pay."
    )
    decided_by: RecipientRef | None = Field(
        default=None,
        description="The recipient (its id under `recipients`) that makes the decision itself, e.g. credit_agencies "
        "for an invoice provider's credit check: it is their decision, not yours. Leave out for your own decisions.",
    )
    contest: Text | None = Field(
        default=None,
        description="How the person gets a human review, puts their point of view and contests the decision "
        "(Art. 22(3)): with whom, and how.",
    )


class RightException(StrictModel):
    """A case in which a right does not apply or a request is refused, and why."""

    right: Right = Field(
        description="The right concerned: access, rectification, erasure, restriction, portability, object, "
        "withdraw_consent or complaint."
    )
    condition: Text = Field(
        description="When the right does not apply, e.g. 'Du har en pågående fråga hos vår kundservice.'"
    )
    reason: Text | None = Field(default=None, description="Why, e.g. 'Uppgifterna behövs för att fullgöra avtalet.'")


class CameraSurveillance(StrictModel):
    """Camera surveillance (kamerabevakning): where, how people are told, who watches (kamerabevakningslagen)."""

    areas: Text = Field(description="The areas the cameras cover, e.g. 'butikens entré, kassan och lagret'.")
    signs: Text = Field(
        description="Where signs tell people about the cameras (kamerabevakningslagen (2018:1200) 15 §), as a phrase "
        "after 'with signs': 'vid entrén' / 'at the entrance'."
    )
    viewers: Text = Field(description="Who may watch the recordings, and when, e.g. 'butikschefen, vid en incident'.")


class InformedElsewhere(StrictModel):
    """People told about an activity by another notice (staff, supplier contacts): it stays off the public page."""

    notice: Text = Field(description="The notice that informs them, e.g. 'Integritetsinformation för anställda'.")
    kept_at: Text = Field(description="Where that notice is kept, e.g. 'personalhandboken på intranätet'.")


class ProcessingActivity(StrictModel):
    """A processing activity (behandling): one record of Art. 30 and one section of the page."""

    id: Id
    name: Text = Field(description="Heading of the activity, e.g. 'Köp i webbutiken'.")
    description: Text | None = Field(default=None, description="A short introduction to the activity, if needed.")
    purposes: list[Purpose] = Field(
        default_factory=empty_list,
        description="Why the data is processed: one entry per purpose, each with its legal basis.",
    )
    data_subjects: list[DataSubjectRef] = Field(
        default_factory=empty_list, description="Whose data is processed, e.g. [customers]."
    )
    data_categories: list[DataCategoryRef] = Field(
        default_factory=empty_list, description="What data is always processed, e.g. [contact_details, order_details]."
    )
    conditional_data: list[ConditionalData] = Field(
        default_factory=empty_list, description="Data processed only in a certain case, e.g. with an account."
    )
    recipients: list[RecipientRef] = Field(
        default_factory=empty_list, description="Who receives the data, e.g. [payment_providers, logistics]."
    )
    no_outside_recipients: bool = Field(
        default=False,
        description="true: you have checked that no one outside your business receives this data (no IT system, "
        "host or e-mail service either); the page then says so, and only internal recipients may be named.",
    )
    sources: list[DataSource] = Field(
        default_factory=empty_list,
        description="Data not collected from the person (Art. 14); empty: all from the person.",
    )
    provision: Provision | None = Field(
        default=None, description="Whether the person must provide the data, and what follows if not (Art. 13(2)(e))."
    )
    observed: bool = Field(
        default=False,
        description="true: the data is observed, not asked for (camera surveillance, server logs): the question of "
        "Art. 13(2)(e) whether the person must provide it does not apply, and provision may be left out.",
    )
    informed_elsewhere: InformedElsewhere | None = Field(
        default=None,
        description="The people of this activity (its data_subjects, e.g. [employees]) are informed by another "
        "notice: the activity is left off the public page and appears in the records only, with the notice named.",
    )
    camera_surveillance: CameraSurveillance | None = Field(
        default=None,
        description="For camera surveillance: the areas, the signs, who may watch. Its legal basis is a legitimate "
        "interest with a balancing test (Art. 6(1)(f)); the build writes the text for the entrance sign.",
    )
    automated_decisions: list[AutomatedDecision] | None = Field(
        default=None, description="Automated decisions (Art. 22); an empty list states that there are none."
    )
    retention: Retention | None = Field(
        default=None, description="How long the data is kept: a period, an event or a legal rule."
    )
    security_measures: list[Text] = Field(
        default_factory=empty_list, description="Measures specific to this activity (Art. 30(1)(g))."
    )
    impact_assessment: AssessmentDocument | None = Field(
        default=None,
        description="The data protection impact assessment (Art. 35), if one was made: {title, date, kept_at}.",
    )
    right_exceptions: list[RightException] = Field(
        default_factory=empty_list, description="Cases in which a right does not apply to this activity, and why."
    )

    @property
    def is_observed(self) -> bool:
        """Camera surveillance is observed data too."""
        return self.observed or self.camera_surveillance is not None

    def all_data_categories(self) -> list[str]:
        """Every data category id of the activity, conditional ones included, in order."""
        ids = list(self.data_categories)
        for group in self.conditional_data:
            ids += [i for i in group.data_categories if i not in ids]
        for source in self.sources:
            ids += [i for i in source.data_categories if i not in ids]
        return ids

    def legal_bases(self) -> list[LegalBasis]:
        return list(dict.fromkeys(p.legal_basis for p in self.purposes if p.legal_basis is not None))
