"""How long data is kept (Art. 13(2)(a), 30(1)(f)): a period, an event or a legal rule, per data category too."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from generator.model.values import DataCategoryRef, Duration, RecipientRef, StrictModel, Text, Url, empty_list

# --- retention ----------------------------------------------------------------


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
        default_factory=empty_list,
        description="Cases in which data is kept for another time, longer or shorter, each with its condition.",
    )
    by_category: list[CategoryRetention] = Field(
        default_factory=empty_list,
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
