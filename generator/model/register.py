"""The register's own facts (Art. 30): its metadata, processor agreements and documented assessments."""

from __future__ import annotations

import datetime

from pydantic import Field, model_validator

from generator.model.values import StrictModel, Text, Url


class AssessmentDocument(StrictModel):
    """A documented assessment an auditor may ask for (Art. 5(2)): a balancing test or an impact assessment."""

    title: Text = Field(description="The document's title, e.g. 'Intresseavvägning inkasso'.")
    date: datetime.date | None = Field(
        default=None, description="When it was made or last revised, YYYY-MM-DD; undated, check warns."
    )
    kept_at: Text = Field(description="Where it is kept, so that it can be shown, e.g. 'i pärmen Dataskydd'.")


class ProcessorAgreement(StrictModel):
    """Art. 28(3): the data processing agreement (personuppgiftsbiträdesavtal) with a processor."""

    name: Text | None = Field(
        default=None, description="The agreement's name, e.g. 'Google Ads Data Processing Terms'."
    )
    url: Url | None = Field(default=None, description="Where the agreement (or the vendor's terms) is published.")
    date: datetime.date | None = Field(
        default=None, description="When it was entered into or accepted, YYYY-MM-DD, if known."
    )

    @model_validator(mode="after")
    def _named_or_linked(self) -> ProcessorAgreement:
        if self.name is None and self.url is None:
            raise ValueError("a processor agreement needs a name or a url (Art. 28(3)): write at least one")
        return self


class Register(StrictModel):
    """The records' own metadata: when they were established and reviewed, and who keeps them (Art. 30)."""

    established: datetime.date = Field(description="When the register was established, YYYY-MM-DD.")
    last_reviewed: datetime.date | None = Field(
        default=None, description="When the register was last reviewed, YYYY-MM-DD."
    )
    responsible: Text = Field(
        description="Who keeps the register up to date, by role or name, e.g. 'Innehavaren av firman'."
    )
    fewer_than_250_employees: bool | None = Field(
        default=None,
        description="true: the organisation employs fewer than 250 persons, so Art. 30(5) may exempt it; then "
        "say in article_30_5 why the register is kept all the same.",
    )
    article_30_5: Text | None = Field(
        default=None,
        description="The assessment under Art. 30(5) for fewer than 250 employees, e.g. that the processing is "
        "not occasional, so the register is kept.",
    )
