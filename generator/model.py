"""The policy model: one structured description of a site's processing.

Every output (privacy page, consent config, records of processing) is rendered
from a `Policy`. Fields that GDPR requires in the *text* are optional here and
required by `generator.checks`, so that an incomplete policy still loads and
its gaps become findings instead of load errors.

Field descriptions become the JSON Schema that editors show while the site
owner types (`policygen schema`).
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from collections.abc import Callable
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from generator.durations import parse_duration

LANGUAGES = ("sv", "en")
"""Languages a text may be given in; `sv` is required everywhere."""


class StrictModel(BaseModel):
    """Base of every model: unknown keys are errors and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


# --- small value types -------------------------------------------------------

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Stable id used to refer to this item: lower case letters, digits, '-' and '_'.",
    ),
]


def _check_duration(value: str) -> str:
    parse_duration(value)  # raises ValueError with a helpful message
    return value


Duration = Annotated[
    str,
    AfterValidator(_check_duration),
    Field(
        description="ISO 8601 duration such as P13M, P1Y, P30D or PT30M, or 'session'. "
        "Shown as written: P13M reads '13 months', never rounded.",
        examples=["P13M", "P1Y", "session"],
    ),
]

CountryCode = Annotated[
    str,
    Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code, e.g. SE, US."),
]


def _check_url(value: str) -> str:
    """A URL's host is where a browser goes: it must be there, and be the one written."""
    if value.startswith(("//", "/\\")) or "\\" in value:
        raise ValueError(
            f"'{_short(value)}' would lead to another host: write an absolute https:// URL "
            "or a path that starts with a single '/'"
        )
    if value.startswith(("http://", "https://")):
        try:
            parts = urllib.parse.urlsplit(value)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError:
            parts = None
        if parts is None or not parts.hostname or "@" in parts.netloc:
            raise ValueError(
                f"'{_short(value)}' is not a complete URL: write it with its host, e.g. https://www.example.se/"
            )
    return value


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


Url = Annotated[
    str,
    Field(
        pattern=r"^(https?://|/)\S*$",
        description="An absolute http(s) URL, or a path starting with '/'.",
    ),
    AfterValidator(_check_url),
]

Email = Annotated[
    str,
    Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="An e-mail address."),
]

Language = Literal["sv", "en"]


def _text_from_plain_string(value: Any) -> Any:
    """A plain string is shorthand for the Swedish text."""
    if isinstance(value, str):
        return {"sv": value}
    return value


class _TextFields(StrictModel):
    """A text a visitor or auditor reads, per language."""

    sv: str = Field(min_length=1, description="Swedish text (required).")
    en: str | None = Field(default=None, min_length=1, description="English text.")

    def get(self, language: str) -> str:
        """The text in `language`, falling back to Swedish."""
        if language == "en" and self.en is not None:
            return self.en
        return self.sv


# The schema says what the validator accepts: a plain string (Swedish) or {sv, en}, so editors accept both.
Text = Annotated[_TextFields, BeforeValidator(_text_from_plain_string, json_schema_input_type=str | _TextFields)]


# --- enums: legal concepts, each citing its article -------------------------


class LegalBasis(StrEnum):
    """The six legal bases of GDPR Art. 6(1)."""

    consent = "consent"
    """Art. 6(1)(a): the data subject has given consent (samtycke)."""
    contract = "contract"
    """Art. 6(1)(b): necessary for a contract with the data subject (avtal)."""
    legal_obligation = "legal_obligation"
    """Art. 6(1)(c): necessary for a legal obligation (rättslig förpliktelse)."""
    vital_interests = "vital_interests"
    """Art. 6(1)(d): to protect vital interests (grundläggande intresse)."""
    public_task = "public_task"
    """Art. 6(1)(e): a task in the public interest or official authority."""
    legitimate_interests = "legitimate_interests"
    """Art. 6(1)(f): legitimate interests (berättigat intresse)."""

    @property
    def article(self) -> str:
        letter = "abcdef"[list(LegalBasis).index(self)]
        return f"6.1 {letter}"


class Right(StrEnum):
    """The data subject's rights that a policy must explain."""

    access = "access"  # Art. 15
    rectification = "rectification"  # Art. 16
    erasure = "erasure"  # Art. 17
    restriction = "restriction"  # Art. 18
    portability = "portability"  # Art. 20
    object = "object"  # Art. 21
    withdraw_consent = "withdraw_consent"  # Art. 7(3)
    complaint = "complaint"  # Art. 77

    @property
    def article(self) -> str:
        return RIGHT_ARTICLES[self]


RIGHT_ARTICLES: dict[Right, str] = {
    Right.access: "15",
    Right.rectification: "16",
    Right.erasure: "17",
    Right.restriction: "18",
    Right.portability: "20",
    Right.object: "21",
    Right.withdraw_consent: "7.3",
    Right.complaint: "77",
}


class RecipientRole(StrEnum):
    """How a recipient (Art. 4(9)) stands towards the controller."""

    processor = "processor"
    """Processes on the controller's behalf under an Art. 28 agreement (personuppgiftsbiträde)."""
    controller = "controller"
    """An independent controller with its own purposes (självständigt personuppgiftsansvarig)."""
    joint_controller = "joint_controller"
    """Decides purposes and means together with the controller (Art. 26)."""
    authority = "authority"
    """A public authority receiving data under law."""
    internal = "internal"
    """Staff of the controller itself; not a recipient outside the controller."""


class TransferMechanism(StrEnum):
    """The ground for a transfer to a third country (GDPR Chapter V)."""

    adequacy = "adequacy"
    """Art. 45: a Commission adequacy decision (e.g. EU-US Data Privacy Framework, 2023/1795)."""
    scc = "scc"
    """Art. 46(2)(c): standard contractual clauses adopted by the Commission."""
    bcr = "bcr"
    """Art. 46(2)(b) and 47: binding corporate rules."""
    derogation = "derogation"
    """Art. 49: a derogation for a specific situation."""


class StorageType(StrEnum):
    """Where a declared item is stored in the visitor's terminal (ePrivacy Art. 5(3))."""

    cookie = "cookie"
    local_storage = "local_storage"
    session_storage = "session_storage"
    indexed_db = "indexed_db"
    pixel = "pixel"


class ProvisionRequirement(StrEnum):
    """GDPR Art. 13(2)(e): why (or whether) the data subject must provide the data."""

    statutory = "statutory"
    contractual = "contractual"
    pre_contractual = "pre_contractual"
    """Necessary to enter into a contract."""
    voluntary = "voluntary"


class ConsentModeSignal(StrEnum):
    """Google Consent Mode v2 parameters a consent category grants."""

    ad_storage = "ad_storage"
    ad_user_data = "ad_user_data"
    ad_personalization = "ad_personalization"
    analytics_storage = "analytics_storage"
    functionality_storage = "functionality_storage"
    personalization_storage = "personalization_storage"
    security_storage = "security_storage"


DEFAULT_CONSENT_CATEGORIES = ("necessary", "preferences", "statistics", "marketing")


# --- the site and the policy document --------------------------------------


class Site(StrictModel):
    """Where the policy and the banner live, and how the banner behaves."""

    base_url: Url = Field(description="The site's address, e.g. https://www.jiji-boutique.se/.")
    policy_url: Url | None = Field(
        default=None,
        description="Where the privacy page is published (absolute URL or a path from the site root). "
        "Default: publish_path.",
    )
    publish_path: str = Field(
        default="/",
        pattern=r"^/(\S*/)?$",
        description="URL path at which the contents of dist/ are served, ending in '/'. "
        "snippet.html links the banner files from here, so it works from any page depth.",
    )

    @field_validator("publish_path")
    @classmethod
    def _publish_path_on_this_host(cls, value: str) -> str:
        """`//host/` is protocol-relative: the banner's files would load from another host."""
        if value.startswith("//") or "\\" in value or "?" in value or "#" in value:
            raise ValueError(
                f"publish_path '{_short(value)}' would not be a path on this site: write a path such as "
                "/integritetspolicy/ (one '/' at the start, no '\\', '?' or '#')"
            )
        return value

    languages: list[Language] = Field(
        default=["sv"],
        min_length=1,
        description="Languages of the page and the banner; 'sv' first.",
    )
    cookie_domain: str | None = Field(
        default=None,
        pattern=r"^\.?[a-z0-9.-]+$",
        description="Domain of the consent cookie, e.g. .jiji-boutique.se to share one choice "
        "across subdomains. Default: the current host only.",
    )
    consent_cookie_name: str = Field(
        default="consent",
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Name of the first-party cookie that stores the visitor's choice.",
    )
    consent_lifetime: Duration = Field(
        default="P6M",
        description="How long a choice is kept before the banner asks again (at most P13M).",
    )
    receipt_endpoint: Url | None = Field(
        default=None,
        description="If set, each choice is sent there as a proof-of-consent receipt "
        "(GDPR Art. 7(1)) with navigator.sendBeacon. Off by default.",
    )
    consent_mode: bool = Field(
        default=False,
        description="Send Google Consent Mode v2 signals (basic mode: default denied, update on choice).",
    )
    gpc: bool = Field(
        default=True,
        description="Honour Global Privacy Control: 'accept all' leaves sale-or-sharing categories off.",
    )

    @model_validator(mode="after")
    def _swedish_first(self) -> Site:
        if self.languages[0] != "sv":
            raise ValueError("languages must start with 'sv' (the Swedish page is the main one)")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("a language is listed twice in languages")
        return self


class PolicyDocument(StrictModel):
    """The policy's own metadata, shown on the page and carried by every record."""

    version: str = Field(min_length=1, description="Version of the policy, e.g. 2.0.")
    last_updated: datetime.date = Field(description="Date of the last update, YYYY-MM-DD.")
    title: Text | None = Field(default=None, description="Page title. Default: 'Integritetspolicy'.")


# --- the controller and the data subject's rights --------------------------


class Address(StrictModel):
    street: str = Field(min_length=1, description="Street and number, e.g. Långängen 9, LGH 1001.")
    postal_code: str = Field(min_length=1, description="Postal code, e.g. 417 22.")
    city: str = Field(min_length=1)
    country: CountryCode = Field(default="SE")


class Party(StrictModel):
    """A person or organisation with contact details (representative, DPO, joint controller)."""

    name: str | None = Field(default=None, description="Name (not required for a DPO).")
    email: Email | None = None
    phone: str | None = None
    address: Address | None = None
    url: Url | None = None
    responsibilities: Text | None = Field(
        default=None,
        description="For a joint controller: the essence of the arrangement (Art. 26(2)).",
    )


class Controller(StrictModel):
    """The controller (personuppgiftsansvarig), GDPR Art. 13(1)(a) and 30(1)(a)."""

    name: str = Field(min_length=1, description="The name visitors know, e.g. Jiji Boutique.")
    legal_name: str | None = Field(
        default=None,
        description="The registered company name (företagsnamn), if different: an AB's name, or the business name "
        "a sole trader is registered under.",
    )
    org_number: str | None = Field(default=None, description="Swedish organisation number.")
    vat_number: str | None = Field(default=None, description="VAT number, e.g. SE790601112201.")
    address: Address | None = None
    email: Email | None = None
    phone: str | None = None
    website: Url | None = None
    representative: Party | None = Field(
        default=None, description="Representative in the EU (Art. 27), for controllers outside it."
    )
    joint_controllers: list[Party] = Field(default_factory=list)
    dpo: Party | None = Field(default=None, description="Data protection officer (Art. 37), if any.")
    security_measures: list[Text] = Field(
        default_factory=list,
        description="General description of technical and organisational measures (Art. 30(1)(g), 32).",
    )


class Channel(StrictModel):
    """One way to reach the controller about a right: exactly one of email, url, phone, post."""

    email: Email | None = None
    url: Url | None = None
    phone: str | None = None
    post: bool = Field(default=False, description="By letter to the controller's postal address.")
    label: Text | None = Field(default=None, description="Link text, e.g. 'Mitt konto'.")

    @model_validator(mode="after")
    def _exactly_one(self) -> Channel:
        given = [self.email, self.url, self.phone, self.post or None]
        if sum(v is not None for v in given) != 1:
            raise ValueError("a channel has exactly one of email, url, phone or post: true")
        return self


class RightDetails(StrictModel):
    """How a data subject uses one right, where it differs from the general channels."""

    channels: list[Channel] = Field(
        default_factory=list, description="Ways to use this right; default: rights.channels."
    )
    note: Text | None = Field(default=None, description="Anything specific to this right.")


class Rights(StrictModel):
    """Where and how data subjects use their rights (Art. 12(2), 13(2)(b)-(d))."""

    channels: list[Channel] = Field(
        default_factory=list, description="How to use any right unless the right names its own."
    )
    response_time: Duration = Field(
        default="P1M", description="Answer time for a request (Art. 12(3): at most one month)."
    )
    access: RightDetails | None = None
    rectification: RightDetails | None = None
    erasure: RightDetails | None = None
    restriction: RightDetails | None = None
    portability: RightDetails | None = None
    object: RightDetails | None = None
    withdraw_consent: RightDetails | None = None

    def details(self, right: Right) -> RightDetails | None:
        return getattr(self, right.value, None)

    def channels_for(self, right: Right) -> list[Channel]:
        details = self.details(right)
        return list(details.channels) if details and details.channels else list(self.channels)


class SupervisoryAuthority(StrictModel):
    """The supervisory authority for complaints (Art. 77). Default: IMY."""

    name: Text
    address: str | None = None
    email: Email | None = None
    phone: str | None = None
    website: Url | None = None
    complaint_url: Url | None = None


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

    @field_validator("copy_at")
    @classmethod
    def _url_or_email(cls, value: str) -> str:
        """The records link to it (JSON-LD rdfs:seeAlso): it must be an http(s) URL or an e-mail address."""
        if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            return value
        if re.fullmatch(r"https?://\S+", value):
            return _check_url(value)
        raise ValueError(
            f"copy_at '{_short(value)}' is neither an http(s) URL nor an e-mail address: "
            "write e.g. https://example.com/scc.pdf or dpo@example.se"
        )


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


# --- cookies and the consent categories of the banner -----------------------


class ConsentCategory(StrictModel):
    """A category the visitor accepts or declines in the banner."""

    id: Id
    label: Text | None = Field(default=None, description="Default categories have built-in labels.")
    description: Text | None = Field(default=None, description="Default categories have built-in texts.")
    required: bool = Field(default=False, description="Always on; only the 'necessary' category.")
    sale_or_sharing: bool | None = Field(
        default=None,
        description="Counts as sale or sharing for Global Privacy Control. Default: true for marketing.",
    )
    consent_mode: list[ConsentModeSignal] = Field(
        default_factory=list, description="Google Consent Mode v2 signals granted with this category."
    )


class Cookie(StrictModel):
    """A cookie or other storage item the site sets or reads (ePrivacy Art. 5(3))."""

    name: str = Field(
        min_length=1,
        pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
        description="Exact name, or a pattern with '*' such as _ga_*.",
    )
    storage: StorageType = StorageType.cookie
    category: Id = Field(description="Consent category, e.g. statistics.")
    purpose: Id | None = Field(default=None, description="Id of the purpose (of an activity) it serves.")
    description: Text | None = Field(default=None, description="What it does, in plain words.")
    provider: str = Field(
        default="first_party", description="'first_party' or the id of the recipient that sets or reads it."
    )
    duration: Duration | None = Field(default=None, description="Lifetime: 'session' or an ISO 8601 duration.")
    party: Literal["first", "third"] = Field(
        default="first", description="Set on the site's own domain (first) or on another (third)."
    )
    domain: str | None = Field(default=None, description="Domain it is set on, if not the current host.")
    path: str = Field(default="/", pattern=r"^/\S*$")
    http_only: bool = Field(default=False, description="HttpOnly: JavaScript cannot read or delete it.")
    third_party_access: bool | None = Field(
        default=None, description="Whether a third party can access it (CJEU Planet49)."
    )
    necessity_justification: Text | None = Field(
        default=None, description="Why it is strictly necessary, for a cookie in the necessary category."
    )

    @property
    def is_pattern(self) -> bool:
        return "*" in self.name

    def matches(self, name: str) -> bool:
        """Whether a concrete cookie name is covered by this declaration."""
        if not self.is_pattern:
            return name == self.name
        return re.fullmatch(wildcard_pattern(self.name), name) is not None


_REGEX_SPECIAL = re.compile(r"([.^$|+?()\[\]{}\\/])")


def wildcard_pattern(name: str) -> str:
    """`_ga_*` → `_ga_.*`: a regular expression for a name in which '*' stands for any characters.

    The one translation every output uses (banner, scanner, checks): Python and
    JavaScript read the result the same way.
    """
    return ".*".join(_REGEX_SPECIAL.sub(r"\\\1", part) for part in name.split("*"))


# --- the whole policy ------------------------------------------------------


class Prose(StrictModel):
    """Markdown fragments, read from `<key>.<lang>.md` files next to the YAML."""

    introduction: Text | None = None
    security: Text | None = None
    cookies: Text | None = None
    notes: Text | None = None


class Policy(StrictModel):
    """Everything a site's privacy page, banner and records are rendered from."""

    site: Site
    policy: PolicyDocument
    controller: Controller
    rights: Rights = Field(default_factory=Rights)
    supervisory_authority: SupervisoryAuthority | None = Field(
        default=None, description="Default: Integritetsskyddsmyndigheten (IMY)."
    )
    data_categories: list[DataCategory] = Field(default_factory=list)
    data_subjects: list[DataSubjectCategory] = Field(default_factory=list)
    recipients: list[Recipient] = Field(default_factory=list)
    activities: list[ProcessingActivity] = Field(default_factory=list)
    consent_categories: list[ConsentCategory] = Field(
        default_factory=lambda: [ConsentCategory(id=i, required=i == "necessary") for i in DEFAULT_CONSENT_CATEGORIES],
        description="Banner categories. Default: necessary, preferences, statistics, marketing.",
    )
    cookies: list[Cookie] = Field(default_factory=list)
    prose: Prose = Field(default_factory=Prose, description="Filled from the Markdown fragments.")

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
