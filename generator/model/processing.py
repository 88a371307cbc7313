"""What is processed, about whom, shared with whom, and the processing activities themselves."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from generator.model.legal import LegalBasis, ProvisionRequirement, RecipientRole, Right, TransferMechanism
from generator.model.values import CountryCode, Duration, Id, StrictModel, Text

# --- what is processed, about whom, shared with whom -----------------------


class DataCategory(StrictModel):
    """A category of personal data (kategori av personuppgifter)."""

    id: Id
    label: Text
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


class DataSubjectCategory(StrictModel):
    """A category of data subjects (kategori av registrerade)."""

    id: Id
    label: Text
    dpv: str | None = Field(default=None, pattern=r"^dpv:[A-Za-z]+$", description="e.g. dpv:Customer.")


class Transfer(StrictModel):
    """A transfer to a third country and its safeguard (Art. 13(1)(f), 30(1)(e))."""

    mechanism: TransferMechanism | None = None
    decision: Text | None = Field(
        default=None, description="The decision or clauses, e.g. 'Kommissionens beslut (EU) 2023/1795'."
    )
    copy_at: str | None = Field(default=None, description="Where a copy of the safeguard is available (URL or e-mail).")


class Recipient(StrictModel):
    """A recipient or category of recipients (mottagare), Art. 13(1)(e)."""

    id: Id
    label: Text = Field(description="The category, e.g. 'Betaltjänstleverantörer'.")
    role: RecipientRole
    name: str | None = Field(default=None, description="The named company, if named.")
    country: CountryCode | None = Field(default=None, description="Where it processes the data.")
    transfer: Transfer | None = Field(default=None, description="Required when the country is outside the EU/EEA.")
    purpose: Text | None = Field(default=None, description="What the recipient does with the data.")


EEA_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)


# --- processing activities -------------------------------------------------


class Purpose(StrictModel):
    """One purpose of an activity with its own legal basis (Art. 13(1)(c))."""

    id: Id
    description: Text = Field(description="What is done and why, in plain words.")
    legal_basis: LegalBasis | None = Field(default=None, description="Art. 6(1) basis of this purpose.")
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
    dpv: str | None = Field(default=None, pattern=r"^dpv:[A-Za-z]+$", description="e.g. dpv:DirectMarketing.")

    @property
    def open_to_objection(self) -> bool:
        """Art. 21(1): processing on 6(1)(e) or (f); Art. 21(2): direct marketing, whatever its basis."""
        return self.direct_marketing or self.legal_basis in OBJECTION_BASES


OBJECTION_BASES = (LegalBasis.public_task, LegalBasis.legitimate_interests)
"""The legal bases of Art. 6(1) against which the data subject may object under Art. 21(1)."""


class ConditionalData(StrictModel):
    """Data categories processed only in a certain case, e.g. 'if you have an account'."""

    condition: Text
    data_categories: list[Id] = Field(min_length=1)


class DataSource(StrictModel):
    """Where data not collected from the person comes from (Art. 14(2)(f))."""

    description: Text = Field(description="The source, e.g. 'kreditupplysningsföretag'.")
    data_categories: list[Id] = Field(default_factory=list)
    publicly_accessible: bool = False


class Provision(StrictModel):
    """Art. 13(2)(e): whether providing the data is required, and what follows if not."""

    requirement: ProvisionRequirement
    obligatory: bool = Field(description="Whether the data subject is obliged to provide the data.")
    consequence: Text | None = Field(default=None, description="What follows if the data is not provided.")


class AutomatedDecision(StrictModel):
    """Automated decision-making, profiling included (Art. 22, 13(2)(f))."""

    description: Text
    logic: Text | None = None
    significance: Text | None = None
    consequences: Text | None = None


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
    """A case in which data is kept longer than the main retention."""

    condition: Text = Field(description="When the exception applies.")
    retention: Text | None = Field(default=None, description="How long data is then kept.")


class Retention(StrictModel):
    """How long data is kept (Art. 13(2)(a), 30(1)(f)): a period, an event or a legal rule."""

    period: Duration | None = Field(default=None, description="A period, e.g. P1Y.")
    counted_from: Text | None = Field(default=None, description="When the period starts, e.g. 'the last purchase'.")
    until: Text | None = Field(
        default=None,
        description="An event, as a whole phrase: 'tills du återkallar ditt samtycke', "
        "'så länge du har ett aktivt konto'.",
    )
    legal_rule: LegalRule | None = None
    exceptions: list[RetentionException] = Field(default_factory=list)

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

    right: Right
    condition: Text
    reason: Text | None = None


class ProcessingActivity(StrictModel):
    """A processing activity (behandling): one record of Art. 30 and one section of the page."""

    id: Id
    name: Text
    description: Text | None = None
    purposes: list[Purpose] = Field(default_factory=list)
    data_subjects: list[Id] = Field(default_factory=list)
    data_categories: list[Id] = Field(default_factory=list)
    conditional_data: list[ConditionalData] = Field(default_factory=list)
    recipients: list[Id] = Field(default_factory=list)
    sources: list[DataSource] = Field(
        default_factory=list, description="Data not collected from the person (Art. 14); empty: all from the person."
    )
    provision: Provision | None = None
    automated_decisions: list[AutomatedDecision] | None = Field(
        default=None, description="Automated decisions (Art. 22); an empty list states that there are none."
    )
    retention: Retention | None = None
    security_measures: list[Text] = Field(
        default_factory=list, description="Measures specific to this activity (Art. 30(1)(g))."
    )
    right_exceptions: list[RightException] = Field(default_factory=list)

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
