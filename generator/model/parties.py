"""Who is who: the site, the controller, the data subject's rights and the supervisory authority."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from generator.model.legal import Right
from generator.model.values import (
    CountryCode,
    Duration,
    Email,
    Language,
    Phone,
    StrictModel,
    Text,
    Url,
    empty_list,
    short,
)
from generator.model.vocabulary import MAIN_LANGUAGE

PHONE_DESCRIPTION = (
    "Phone number, digits, spaces and hyphens, e.g. 031-123 45 67 or +46 31 123 45 67. "
    "The Swedish page shows it in Swedish form, the English page in +46 form; both link it as tel:+46…."
)

# --- the site and the policy document --------------------------------------


class BannerOptions(StrictModel):
    """How the cookie banner appears on the site's pages."""

    settings_button: Literal["none", "floating"] = Field(
        default="none",
        description="none: every page has its own control that reopens the settings "
        '(data-consent-action="open", e.g. in the footer). floating: the banner adds a fixed button in the '
        "bottom corner of every page, for sites that cannot add one.",
    )


class Site(StrictModel):
    """Where the policy and the banner live, and how the banner behaves."""

    base_url: Url = Field(description="The site's address, e.g. https://www.jiji-boutique.se/.")
    policy_url: Url | None = Field(
        default=None,
        description="Where the privacy page is published (absolute URL or a path from the site root). "
        "Default: publish_path.",
    )
    publish_path: str = Field(
        default="/integritetspolicy/",
        pattern=r"^/(\S*/)?$",
        description="URL path at which the contents of dist/ are served, ending in '/': a folder of its own, "
        "never '/' (the page would be the home page). snippet.html links the banner files from here.",
    )

    @field_validator("publish_path")
    @classmethod
    def _publish_path_on_this_host(cls, value: str) -> str:
        """`//host/` is protocol-relative: the banner's files would load from another host."""
        if value.startswith("//") or "\\" in value or "?" in value or "#" in value:
            raise ValueError(
                f"publish_path '{short(value)}' would not be a path on this site: write a path such as "
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
    banner: BannerOptions = Field(
        default_factory=BannerOptions, description="How the cookie banner appears: its settings button."
    )

    @model_validator(mode="after")
    def _swedish_first(self) -> Site:
        if self.languages[0] != MAIN_LANGUAGE:
            raise ValueError("languages must start with 'sv' (the Swedish page is the main one)")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("a language is listed twice in languages")
        return self


# --- the controller and the data subject's rights --------------------------


class Address(StrictModel):
    """A postal address."""

    street: str = Field(min_length=1, description="Street and number, e.g. Långängen 9, LGH 1001.")
    postal_code: str = Field(min_length=1, description="Postal code, e.g. 417 22.")
    city: str = Field(min_length=1, description="City or town (postort), e.g. Göteborg.")
    country: CountryCode = Field(default="SE", description="Country as an ISO 3166-1 alpha-2 code. Default: SE.")


class Party(StrictModel):
    """A person or organisation with contact details (representative, DPO, joint controller)."""

    name: str | None = Field(default=None, description="Name (not required for a DPO).")
    email: Email | None = Field(default=None, description="E-mail address to reach them, e.g. dpo@example.se.")
    phone: Phone | None = Field(default=None, description=PHONE_DESCRIPTION)
    address: Address | None = Field(default=None, description="Postal address.")
    url: Url | None = Field(default=None, description="Web page with their contact details or their own policy.")
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
    owner: Text | None = Field(
        default=None,
        description="For a sole trader (enskild näringsidkare): the controller is the owner, a natural person: "
        "their name (e.g. Lina Berg) or, without it, 'Innehavaren av den enskilda firman Innocence'. The page "
        "('Innehavare') and the records show it.",
    )
    org_number: str | None = Field(default=None, description="Swedish organisation number.")
    vat_number: str | None = Field(default=None, description="VAT number, e.g. SE790601112201.")
    address: Address | None = Field(
        default=None, description="Postal address of the controller; also where letters about rights go."
    )
    email: Email | None = Field(default=None, description="E-mail address for privacy questions, e.g. info@example.se.")
    phone: Phone | None = Field(default=None, description=PHONE_DESCRIPTION)
    website: Url | None = Field(default=None, description="The controller's website, e.g. https://www.example.se/.")
    representative: Party | None = Field(
        default=None, description="Representative in the EU (Art. 27), for controllers outside it."
    )
    joint_controllers: list[Party] = Field(
        default_factory=empty_list,
        description="Format 1 only. Format 2: a recipient with role joint_controller and an arrangement, "
        "listed by the activities concerned.",
    )
    dpo: Party | None = Field(default=None, description="Data protection officer (Art. 37), if any.")
    security_measures: list[Text] = Field(
        default_factory=empty_list,
        description="General description of technical and organisational measures (Art. 30(1)(g), 32).",
    )
    sells_or_shares_for_marketing: bool | None = Field(
        default=None,
        description="false: you never sell or give personal data to others for their own marketing, and the page's "
        "first layer says so. Leave it out if you do or are not sure: the page then says nothing about it.",
    )


class Channel(StrictModel):
    """One way to reach the controller about a right: exactly one of email, url, phone, post."""

    email: Email | None = Field(default=None, description="By e-mail to this address, e.g. info@example.se.")
    url: Url | None = Field(default=None, description="On this page, e.g. a form or 'My account'; give it a label.")
    phone: Phone | None = Field(default=None, description="By phone at this number. " + PHONE_DESCRIPTION)
    post: bool = Field(default=False, description="true: by letter to the controller's postal address.")
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
        default_factory=empty_list, description="Ways to use this right; default: rights.channels."
    )
    note: Text | None = Field(default=None, description="Anything specific to this right.")


class Rights(StrictModel):
    """Where and how data subjects use their rights (Art. 12(2), 13(2)(b)-(d))."""

    channels: list[Channel] = Field(
        default_factory=empty_list, description="How to use any right unless the right names its own."
    )
    response_time: Duration = Field(
        default="P1M", description="Answer time for a request (Art. 12(3): at most one month)."
    )
    access: RightDetails | None = Field(
        default=None, description="Right of access (Art. 15): own channels or a note, if it differs."
    )
    rectification: RightDetails | None = Field(
        default=None, description="Right to rectification (Art. 16): own channels or a note, e.g. 'My account'."
    )
    erasure: RightDetails | None = Field(
        default=None, description="Right to erasure (Art. 17): own channels or a note, if it differs."
    )
    restriction: RightDetails | None = Field(
        default=None, description="Right to restriction of processing (Art. 18): own channels or a note."
    )
    portability: RightDetails | None = Field(
        default=None, description="Right to data portability (Art. 20): own channels or a note."
    )
    object: RightDetails | None = Field(
        default=None, description="Right to object (Art. 21): own channels or a note, e.g. how to opt out."
    )
    withdraw_consent: RightDetails | None = Field(
        default=None, description="Withdrawing consent (Art. 7(3)): own channels or a note, e.g. cookie settings."
    )

    def details(self, right: Right) -> RightDetails | None:
        return getattr(self, right.value, None)

    def channels_for(self, right: Right) -> list[Channel]:
        details = self.details(right)
        return list(details.channels) if details and details.channels else list(self.channels)


class SupervisoryAuthority(StrictModel):
    """The supervisory authority for complaints (Art. 77). Default: IMY."""

    name: Text = Field(description="Name of the authority, e.g. Integritetsskyddsmyndigheten (IMY).")
    address: str | None = Field(
        default=None, description="Postal address on one line, e.g. Box 8114, 104 20 Stockholm."
    )
    email: Email | None = Field(default=None, description="E-mail address, e.g. imy@imy.se.")
    phone: Phone | None = Field(default=None, description=PHONE_DESCRIPTION)
    website: Url | None = Field(default=None, description="Website, e.g. https://www.imy.se/.")
    complaint_url: Url | None = Field(default=None, description="Page where a complaint is lodged, if it has one.")
