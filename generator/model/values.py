"""Small value types of the model: ids, texts, durations, addresses on the web.

Each type carries its JSON Schema description, so every field of that type
explains itself in the editor.
"""

from __future__ import annotations

import urllib.parse
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from generator.model.durations import parse_duration, parse_storage_duration

LANGUAGES = ("sv", "en")
"""Languages a text may be given in; `sv` is required everywhere."""


def empty_list() -> list[Any]:
    """`default_factory=list`, with a signature pydantic reads at once: it inspects every default factory, and a
    builtin's signature is parsed from its text signature (5 ms for the model's lists, in every command)."""
    return []


class StrictModel(BaseModel):
    """Base of every model: unknown keys are errors and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


# --- small value types -------------------------------------------------------

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

ID_DESCRIPTION = "Stable id used to refer to this item: lower case letters, digits, '-' and '_'."

Id = Annotated[str, Field(pattern=ID_PATTERN, description=ID_DESCRIPTION)]
"""The id of the item it belongs to (`id:`); a field that names another item uses a reference type below."""

# References: the id of an item declared elsewhere. Each says what it points to, so an editor
# shows "Id of a recipient declared under `recipients`" instead of the generic text of `Id`.

DataCategoryRef = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Id of a data category declared under `data_categories`, e.g. contact_details.",
    ),
]

DataSubjectRef = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Id of a category of data subjects declared under `data_subjects`, e.g. customers.",
    ),
]

RecipientRef = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="Id of a recipient declared under `recipients`, e.g. payment_providers."),
]

PurposeRef = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Id of a purpose declared under `purposes` of one of the `activities`, e.g. order_handling.",
    ),
]

ConsentCategoryRef = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Id of a consent category of the banner (`consent_categories`): necessary, preferences, "
        "statistics, marketing or one of your own.",
    ),
]


def _check_duration(value: str) -> str:
    return parse_duration(value)  # the parsed `Duration` (a str), or ValueError with a helpful message


Duration = Annotated[
    str,
    AfterValidator(_check_duration),
    Field(
        description="ISO 8601 duration such as P13M, P1Y, P30D or PT30M, or 'session'. "
        "Shown as written: P13M reads '13 months', never rounded.",
        examples=["P13M", "P1Y", "session"],
    ),
]


def _check_storage_duration(value: str) -> str:
    return parse_storage_duration(value)


StorageDuration = Annotated[
    str,
    AfterValidator(_check_storage_duration),
    Field(
        description="How long a cookie or storage item lives: 'session' (a cookie until the browser closes; "
        "sessionStorage until the tab closes), an ISO 8601 duration such as P13M or P30D, or, for localStorage "
        "and IndexedDB, which have no expiry, 'until_cleared' (until the visitor clears it) or 'until_deleted' "
        "(until your site deletes it). Never invent a period.",
        examples=["P13M", "session", "until_cleared"],
    ),
]

CountryCode = Annotated[
    str,
    Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code, e.g. SE, US."),
]


def check_url(value: str) -> str:
    """A URL's host is where a browser goes: it must be there, and be the one written."""
    if value.startswith(("//", "/\\")) or "\\" in value:
        raise ValueError(
            f"'{short(value)}' would lead to another host: write an absolute https:// URL "
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
                f"'{short(value)}' is not a complete URL: write it with its host, e.g. https://www.example.se/"
            )
    return value


def short(value: str, limit: int = 60) -> str:
    """A value as it can be quoted in a message: a pasted essay is not repeated in full."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


Url = Annotated[
    str,
    Field(
        pattern=r"^(https?://|/)\S*$",
        description="An absolute http(s) URL, or a path starting with '/'.",
    ),
    AfterValidator(check_url),
]

Email = Annotated[
    str,
    Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="An e-mail address."),
]

Phone = Annotated[
    str,
    Field(
        pattern=r"^(\+|0)[0-9][0-9 ()-]*[0-9]$",
        description="A phone number in Swedish form (031-123 45 67) or international form (+46 31 123 45 67): "
        "digits, spaces and hyphens, starting with 0 or +.",
    ),
]
"""Shown in Swedish form on the Swedish page, in +46 form on the English page, linked as E.164 (tel:+46…)."""

Language = Literal["sv", "en"]


def _text_from_plain_string(value: Any) -> Any:
    """A plain string is shorthand for the Swedish text."""
    if isinstance(value, str):
        return {"sv": value}
    return value


class _RecordWords(StrictModel):
    """The records' own wording of a text, in the third person, where the page speaks to the reader."""

    sv: str = Field(min_length=1, description="Swedish text for the records (required).")
    en: str | None = Field(default=None, min_length=1, description="English text for the records.")


class _TextFields(StrictModel):
    """A text a visitor or auditor reads, per language."""

    sv: str = Field(min_length=1, description="Swedish text (required).")
    en: str | None = Field(default=None, min_length=1, description="English text.")
    records: Annotated[
        _RecordWords | None, BeforeValidator(_text_from_plain_string, json_schema_input_type=str | _RecordWords)
    ] = Field(
        default=None,
        description="The records' own wording, in the third person ('kunden', 'den registrerade'), where the "
        "page's text speaks to the visitor ('du'); a plain string is the Swedish. Default: the page's text.",
    )

    def get(self, language: str) -> str:
        """The text in `language`, falling back to Swedish."""
        if language == "en" and self.en is not None:
            return self.en
        return self.sv

    def for_records(self) -> _TextFields:
        """The same text with the records' wording in place of the page's, where it has one."""
        words = self.records
        if words is None:
            return self
        return _TextFields(sv=words.sv, en=words.en if words.en is not None else self.en)


# The schema says what the validator accepts: a plain string (Swedish) or {sv, en}, so editors accept both.
Text = Annotated[_TextFields, BeforeValidator(_text_from_plain_string, json_schema_input_type=str | _TextFields)]
