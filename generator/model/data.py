"""What is processed, about whom, and who receives it: data categories, data subjects, recipients, transfers."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from generator.model.legal import RecipientRole, TransferMechanism
from generator.model.register import ProcessorAgreement
from generator.model.values import CountryCode, Id, StrictModel, Text, Url, check_url, empty_list, short

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
        default_factory=empty_list,
        description="Where the recipient passes the data on, e.g. to Google LLC in the USA, each with its ground.",
    )
    privacy_notice: Url | None = Field(
        default=None, description="The recipient's own privacy notice, for an independent or joint controller."
    )
    arrangement: JointArrangement | None = Field(
        default=None, description="For role joint_controller: the arrangement of Art. 26, its essence and a link."
    )
    purpose: Text | None = Field(default=None, description="What the recipient does with the data.")
    agreement: ProcessorAgreement | None = Field(
        default=None,
        description="For role processor: the data processing agreement of Art. 28(3), by name or link, with its "
        "date, e.g. {name: Personuppgiftsbiträdesavtal, date: 2024-05-02}. The records show it.",
    )
