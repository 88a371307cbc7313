"""Cookies and other storage items, and the consent categories of the banner."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from generator.model.durations import NO_EXPIRY, SESSION
from generator.model.legal import ConsentModeSignal, StorageType
from generator.model.values import ConsentCategoryRef, Id, PurposeRef, StorageDuration, StrictModel, Text, empty_list
from generator.model.vocabulary import FIRST_PARTY

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
        default_factory=empty_list, description="Google Consent Mode v2 signals granted with this category."
    )


class Cookie(StrictModel):
    """A cookie or other storage item the site sets or reads (ePrivacy Art. 5(3))."""

    name: str = Field(
        min_length=1,
        description="Exact name, or a pattern with '*' such as _ga_*. A cookie's name uses the characters "
        "of a cookie name (letters, digits and !#$%&'*+.^_`|~-); a storage key may be any text, e.g. /.__palette.",
    )
    storage: StorageType = Field(
        default=StorageType.cookie,
        description="Where it is stored: cookie (default), local_storage, session_storage, indexed_db or pixel.",
    )
    category: ConsentCategoryRef = Field(
        description="Id of the consent category (one of `consent_categories`) that must be accepted before it "
        "is set, e.g. statistics; necessary for strictly necessary items."
    )
    purpose: PurposeRef | None = Field(
        default=None, description="Id of the purpose (of one of the activities) it serves, e.g. order_handling."
    )
    description: Text | None = Field(default=None, description="What it does, in plain words.")
    provider: str = Field(
        default=FIRST_PARTY,
        description="Who sets or reads it: first_party (your own site), or the id of a recipient declared "
        "under `recipients`, e.g. analytics.",
    )
    duration: StorageDuration | None = Field(
        default=None,
        description="Lifetime: 'session', an ISO 8601 duration, or for localStorage and IndexedDB "
        "'until_cleared' or 'until_deleted'.",
    )
    party: Literal["first", "third"] | None = Field(
        default=None,
        description="Set on the site's own domain (first) or on another (third). Default: follows from domain.",
    )
    domain: str | None = Field(
        default=None,
        pattern=r"^\.?[a-z0-9.-]+$",
        description="Domain it is set on, if not the current host, e.g. .facebook.com for a third-party cookie.",
    )
    path: str = Field(default="/", pattern=r"^/\S*$", description="Cookie path it is set on. Default: /.")
    http_only: bool = Field(default=False, description="HttpOnly: JavaScript cannot read or delete it.")
    deleted_by_server: bool = Field(
        default=False,
        description="The site's server deletes it when the visitor withdraws consent (for a cookie the banner "
        "cannot delete: HttpOnly, or set on another domain the site runs).",
    )
    third_party_access: bool | None = Field(
        default=None, description="Whether a third party can access it (CJEU Planet49)."
    )
    necessity_justification: Text | None = Field(
        default=None,
        description="Why it is strictly necessary, for a cookie in the necessary category: for the records (the "
        "register an auditor reads), so in the third person ('what the customer has put in the basket').",
    )

    @field_validator("duration")
    @classmethod
    def _duration_fits_storage(cls, value: str | None, info: ValidationInfo) -> str | None:
        """No invented periods: storage without an expiry says so, and a cookie or sessionStorage always ends."""
        storage = info.data.get("storage")
        if value is None or storage is None:
            return value
        if value in NO_EXPIRY and storage == StorageType.session_storage:
            raise ValueError(f"sessionStorage is cleared when the tab is closed, it is not '{value}': write 'session'")
        if value in NO_EXPIRY and storage in (StorageType.cookie, StorageType.pixel):
            raise ValueError(
                f"a {storage.value} always expires, it cannot be '{value}': write 'session' or its Max-Age/Expires "
                "as an ISO 8601 duration such as P13M ('until_cleared' is for localStorage and IndexedDB)"
            )
        if value == SESSION and storage in (StorageType.local_storage, StorageType.indexed_db):
            raise ValueError(
                f"{storage.value} does not end with the session: write 'until_cleared' (kept until the visitor "
                "clears it), 'until_deleted' (kept until your site deletes it) or the period after which your "
                "site deletes it, e.g. P30D"
            )
        return value

    @model_validator(mode="after")
    def _cookie_name(self) -> Cookie:
        """A cookie's name is an HTTP token (RFC 6265); a storage key may be any text."""
        if self.storage == StorageType.cookie and not _COOKIE_NAME.fullmatch(self.name):
            message = (
                f"'{self.name}' is not a valid cookie name: use letters, digits and !#$%&'*+.^_`|~- "
                "('*' for any characters); if it is a localStorage, sessionStorage or IndexedDB key, "
                "set storage: local_storage, session_storage or indexed_db"
            )
            # Raised at `name`, so that the error points at the name in the sources, not at the whole item.
            error = PydanticCustomError("value_error", "{message}", {"message": message})
            details = InitErrorDetails(type=error, loc=("name",), input=self.name)
            raise ValidationError.from_exception_data(type(self).__name__, [details])
        return self

    @property
    def shared_facts(self) -> tuple[object, ...]:
        """What an item may share with others besides its name, purpose and description: items alike in these
        are worded alike, so the page, the banner and the records word each combination once (10,000 items
        share a few)."""
        return (
            self.provider,
            self.category,
            self.duration,
            self.storage,
            self.party,
            self.domain,
            self.third_party_access,
        )

    @property
    def is_pattern(self) -> bool:
        return "*" in self.name

    def matches(self, name: str) -> bool:
        """Whether a concrete cookie name is covered by this declaration."""
        if not self.is_pattern:
            return name == self.name
        return re.fullmatch(wildcard_pattern(self.name), name) is not None


_COOKIE_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")

_REGEX_SPECIAL = re.compile(r"([.^$|+?()\[\]{}\\/])")


def wildcard_pattern(name: str) -> str:
    """`_ga_*` → `_ga_.*`: a regular expression for a name in which '*' stands for any characters.

    The one translation every output uses (banner, scanner, checks): Python and
    JavaScript read the result the same way.
    """
    return ".*".join(_REGEX_SPECIAL.sub(r"\\\1", part) for part in name.split("*"))
