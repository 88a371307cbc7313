"""Cookies and other storage items, and the consent categories of the banner."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from generator.model.legal import ConsentModeSignal, StorageType
from generator.model.values import ConsentCategoryRef, Duration, Id, PurposeRef, StrictModel, Text
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
        default_factory=list, description="Google Consent Mode v2 signals granted with this category."
    )


class Cookie(StrictModel):
    """A cookie or other storage item the site sets or reads (ePrivacy Art. 5(3))."""

    name: str = Field(
        min_length=1,
        pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
        description="Exact name, or a pattern with '*' such as _ga_*.",
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
    duration: Duration | None = Field(default=None, description="Lifetime: 'session' or an ISO 8601 duration.")
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
