"""What is processed, about whom, shared with whom, and the processing activities themselves."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from generator.model.legal import LegalBasis, ProvisionRequirement, RecipientRole, Right, TransferMechanism
from generator.model.values import (
    CountryCode,
    DataCategoryRef,
    DataSubjectRef,
    Duration,
    Id,
    RecipientRef,
    StrictModel,
    Text,
    Url,
    check_url,
    short,
)

# --- what is processed, about whom, shared with whom -----------------------


class NationalIdentityNumber(StrictModel):
    """Personnummer or samordningsnummer: dataskyddslagen (2018:218) 3 kap. 10 § limits when they may be used."""

    ground: Literal["consent", "clearly_justified"] = Field(
        description="consent: only with the person's consent; clearly_justified: without consent, because it is "
        "clearly justified by the purpose, the importance of a secure identification or another considerable reason."
    )
    justification: Text | None = Field(
        default=None,
        description="Why it is clearly justified, e.g. 'En säker identifiering behövs för kreditprövningen.' "
        "Required when ground is clearly_justified.",
    )
    cases: Text = Field(
        description="The only cases in which the number is used, as a phrase after 'only': "
        "'när du väljer att betala mot faktura' / 'when you choose to pay by invoice'."
    )

    @model_validator(mode="after")
    def _justified(self) -> NationalIdentityNumber:
        if self.ground == "clearly_justified" and self.justification is None:
            raise ValueError(
                "a national identity number used without consent needs 'justification': why it is clearly "
                "justified (dataskyddslagen 3 kap. 10 §), or use ground: consent"
            )
        return self


class DataCategory(StrictModel):
    """A category of personal data (kategori av personuppgifter)."""

    id: Id
    label: Text = Field(description="Name of the category as readers see it, e.g. 'Kontaktuppgifter'.")
    examples: Text | None = Field(default=None, description="What it includes, e.g. name, address.")
    special_category: bool = Field(
        default=False, description="Data of Art. 9(1) (health, sex life, ...): needs an Art. 9(2) condition."
    )
    special_category_condition: str | None = Field(
        default=None, description="The Art. 9(2) condition, e.g. 9.2 a, when special_category is true."
    )
    dpv: str | None = Field(
        default=None, pattern=r"^(pd|dpv):[A-Za-z]+$", description="W3C DPV term, e.g. pd:EmailAddress."
    )
    national_identity_number: NationalIdentityNumber | None = Field(
        default=None,
        description="Set if the category holds personnummer or samordningsnummer: the ground under dataskyddslagen "
        "(2018:218) 3 kap. 10 § and the only cases in which the number is used.",
    )


class DataSubjectCategory(StrictModel):
    """A category of data subjects (kategori av registrerade)."""

    id: Id
    label: Text = Field(description="Who they are, as readers see it, e.g. 'Kunder'.")
    children: bool = Field(
        default=False, description="true: the group includes children (under 18), e.g. a club's junior members."
    )
    dpv: str | None = Field(
        default=None, pattern=r"^dpv:[A-Za-z]+$", description="W3C DPV term for the records, e.g. dpv:Customer."
    )


class Transfer(StrictModel):
    """A transfer to a third country and its safeguard (Art. 13(1)(f), 30(1)(e))."""

    mechanism: TransferMechanism | None = Field(
        default=None,
        description="The ground of the transfer: adequacy (Art. 45, e.g. the EU-US Data Privacy Framework), "
        "scc (standard contractual clauses), bcr (binding corporate rules) or derogation (Art. 49).",
    )
    decision: Text | None = Field(
        default=None,
        description="The decision or clauses, e.g. 'EU–US Data Privacy Framework (kommissionens beslut (EU) "
        "2023/1795)'.",
    )
    decision_url: Url | None = Field(
        default=None,
        description="Link to the adequacy decision, e.g. https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj.",
    )
    copy_at: str | None = Field(
        default=None,
        description="For standard contractual clauses or binding corporate rules: where a copy of the safeguard "
        "can be obtained (URL or e-mail).",
    )

    @field_validator("copy_at")
    @classmethod
    def _url_or_email(cls, value: str | None) -> str | None:
        """The records link to it (JSON-LD rdfs:seeAlso): it must be an http(s) URL or an e-mail address."""
        if value is None:
            return None
        if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            return value
        if re.fullmatch(r"https?://\S+", value):
            return check_url(value)
        raise ValueError(
            f"copy_at '{short(value)}' is neither an http(s) URL nor an e-mail address: "
            "write e.g. https://example.com/scc.pdf or dpo@example.se"
        )


class OnwardTransfer(Transfer):
    """A recipient passes the data on to another entity, e.g. Google Ireland Limited to Google LLC in the USA."""

    to: str = Field(min_length=1, description="The legal entity that receives the data onward, e.g. Google LLC.")
    country: CountryCode = Field(description="Where that entity processes the data, e.g. US.")


class JointArrangement(StrictModel):
    """The arrangement between joint controllers (Art. 26(1)-(2)), for a recipient with role joint_controller."""

    essence: Text = Field(
        description="The essence of the arrangement (Art. 26(2)): who informs, who answers requests about rights."
    )
    url: Url | None = Field(default=None, description="Where the arrangement (or its essence) is published.")


class Recipient(StrictModel):
    """A recipient or category of recipients (mottagare), Art. 13(1)(e)."""

    id: Id
    label: Text = Field(description="The category, e.g. 'Betaltjänstleverantörer'.")
    role: RecipientRole = Field(
        description="How it stands towards you: processor (processes for you under an Art. 28 agreement), "
        "controller (its own purposes), joint_controller, authority or internal (your own staff)."
    )
    name: str | None = Field(
        default=None, description="Format 1 only: the named company. Format 2: legal_entity and product."
    )
    legal_entity: str | None = Field(
        default=None, description="The legal entity that receives the data, e.g. Google Ireland Limited."
    )
    product: str | None = Field(default=None, description="The product or service, e.g. Google Analytics.")
    established_in: CountryCode | None = Field(
        default=None, description="Where the legal entity is established, e.g. IE."
    )
    country: CountryCode | None = Field(default=None, description="Where it processes the data, e.g. IE.")
    transfer: Transfer | None = Field(
        default=None, description="Required when it processes the data, or is established, outside the EU/EEA."
    )
    onward_transfers: list[OnwardTransfer] = Field(
        default_factory=list,
        description="Where the recipient passes the data on, e.g. to Google LLC in the USA, each with its ground.",
    )
    privacy_notice: Url | None = Field(
        default=None, description="The recipient's own privacy notice, for an independent or joint controller."
    )
    arrangement: JointArrangement | None = Field(
        default=None, description="For role joint_controller: the arrangement of Art. 26, its essence and a link."
    )
    purpose: Text | None = Field(default=None, description="What the recipient does with the data.")


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
    balancing_test: str | None = Field(
        default=None, description="Reference to the documented balancing test (intresseavvägning)."
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
        default_factory=list,
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
        default_factory=list, description="The data categories that come from this source, e.g. [postal_address]."
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


class LegalRule(StrictModel):
    """A retention set by law: a known rule of the generator, or a law cited with its rule."""

    known: Literal["bookkeeping_act"] | None = Field(
        default=None,
        description="A built-in rule: bookkeeping_act is bokföringslagen (1999:1078) 7 kap. 2 §, "
        "through the seventh year after the end of the calendar year in which the financial year ended.",
    )
    reference: Text | None = Field(default=None, description="The law and section, for a rule of your own.")
    description: Text | None = Field(default=None, description="What the rule says, in full.")

    @model_validator(mode="after")
    def _known_or_own(self) -> LegalRule:
        if self.known is None and (self.reference is None or self.description is None):
            raise ValueError("a legal rule is either known: bookkeeping_act, or reference and description")
        if self.known is not None and (self.reference is not None or self.description is not None):
            raise ValueError("a known legal rule takes no reference or description of its own")
        return self


class RetentionException(StrictModel):
    """A case in which data is kept for another time than the main retention, longer or shorter."""

    condition: Text = Field(description="When the exception applies.")
    retention: Text | None = Field(default=None, description="How long data is then kept, longer or shorter.")


class CategoryRetention(StrictModel):
    """How long some data categories of an activity are kept, when that differs from the activity's retention.

    Shorter ("Födelsedatum raderas direkt efter kontrollen") as well as longer. Who decides is said apart:
    you (the default), you in a processor's settings (`set_in`), or an independent controller under its own
    policy (`decided_by` with `policy_url`).
    """

    data_categories: list[DataCategoryRef] = Field(
        min_length=1, description="The data categories this retention applies to, e.g. [identity_details]."
    )
    period: Duration | None = Field(default=None, description="Deleted after this period, e.g. P14M.")
    counted_from: Text | None = Field(
        default=None, description="When the period starts, e.g. 'the last purchase' ('efter ditt senaste köp')."
    )
    until: Text | None = Field(
        default=None, description="Kept until an event, as a whole phrase: 'tills beställningen är levererad'."
    )
    deleted: Text | None = Field(
        default=None,
        description="When it is deleted, as the phrase after 'raderas': 'direkt efter kontrollen'.",
    )
    set_in: RecipientRef | None = Field(
        default=None,
        description="Id of a processor (a recipient with role processor) in whose settings you have set this "
        "retention, e.g. analytics for Google Analytics' data retention setting.",
    )
    decided_by: RecipientRef | None = Field(
        default=None,
        description="Id of an independent controller (a recipient with role controller) that decides this "
        "retention under its own policy; give policy_url too.",
    )
    policy_url: Url | None = Field(
        default=None, description="Where the independent controller's own privacy policy says how long it keeps data."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> CategoryRetention:
        kinds = [k for k in ("period", "until", "deleted") if getattr(self, k) is not None]
        if len(kinds) > 1:
            raise ValueError(
                f"a data category's retention is one of period, until or deleted, not {' and '.join(kinds)}"
            )
        if not kinds and self.decided_by is None:
            raise ValueError(
                "say how long these data categories are kept: period (e.g. P14M), until (an event) or deleted "
                "(e.g. 'direkt efter kontrollen'); or decided_by and policy_url when another controller decides"
            )
        if self.counted_from is not None and self.period is None:
            raise ValueError("counted_from belongs to a period")
        if self.set_in is not None and self.decided_by is not None:
            raise ValueError(
                "set_in (you set it in a processor's settings) and decided_by (an independent controller decides) "
                "exclude each other: keep the one that is true"
            )
        if self.decided_by is not None and self.policy_url is None:
            raise ValueError("add policy_url: the link to the privacy policy of the controller that decides")
        if self.policy_url is not None and self.decided_by is None:
            raise ValueError("policy_url belongs to decided_by: the independent controller whose policy it is")
        return self


class Retention(StrictModel):
    """How long data is kept (Art. 13(2)(a), 30(1)(f)): a period, an event or a legal rule."""

    period: Duration | None = Field(default=None, description="A period, e.g. P1Y.")
    counted_from: Text | None = Field(default=None, description="When the period starts, e.g. 'the last purchase'.")
    until: Text | None = Field(
        default=None,
        description="An event, as a whole phrase: 'tills du återkallar ditt samtycke', "
        "'så länge du har ett aktivt konto'.",
    )
    legal_rule: LegalRule | None = Field(
        default=None, description="A retention set by law, e.g. {known: bookkeeping_act}."
    )
    exceptions: list[RetentionException] = Field(
        default_factory=list,
        description="Cases in which data is kept for another time, longer or shorter, each with its condition.",
    )
    by_category: list[CategoryRetention] = Field(
        default_factory=list,
        description="Data categories kept for another time than the activity's retention, shorter or longer, "
        "e.g. a date of birth deleted straight after a check, or statistics deleted after 14 months.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Retention:
        kinds = [self.period, self.until, self.legal_rule]
        if sum(k is not None for k in kinds) > 1:
            raise ValueError("a retention is one of period, until or legal_rule, not several")
        if self.counted_from is not None and self.period is None:
            raise ValueError("counted_from belongs to a period")
        return self


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
        default_factory=list, description="Why the data is processed: one entry per purpose, each with its legal basis."
    )
    data_subjects: list[DataSubjectRef] = Field(
        default_factory=list, description="Whose data is processed, e.g. [customers]."
    )
    data_categories: list[DataCategoryRef] = Field(
        default_factory=list, description="What data is always processed, e.g. [contact_details, order_details]."
    )
    conditional_data: list[ConditionalData] = Field(
        default_factory=list, description="Data processed only in a certain case, e.g. with an account."
    )
    recipients: list[RecipientRef] = Field(
        default_factory=list, description="Who receives the data, e.g. [payment_providers, logistics]."
    )
    sources: list[DataSource] = Field(
        default_factory=list, description="Data not collected from the person (Art. 14); empty: all from the person."
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
        default_factory=list, description="Measures specific to this activity (Art. 30(1)(g))."
    )
    right_exceptions: list[RightException] = Field(
        default_factory=list, description="Cases in which a right does not apply to this activity, and why."
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
