"""ISO 8601 durations as a site owner writes them (P13M, P1Y6M, PT30M, session, until_cleared).

Durations are kept as written: `P13M` is thirteen months, never "1 year".
Comparisons (is a cookie's lifetime longer than another?) use `approximate_days`.

A `Duration` is the text as written (a `str`: it serializes, compares and
hashes as the text) that carries its parsed parts. The model's validator
stores one, so every reader asks the validated value (`duration_of`) instead
of parsing the text again.
"""

from __future__ import annotations

import math
import re
from functools import cache

SESSION = "session"
UNTIL_CLEARED = "until_cleared"
"""Storage without an expiry (localStorage, IndexedDB) that stays until the visitor clears it."""
UNTIL_DELETED = "until_deleted"
"""Storage without an expiry that the site itself deletes (on logout, when no longer needed)."""
NO_EXPIRY = (UNTIL_CLEARED, UNTIL_DELETED)

# ASCII digits only (`\d` would take Arabic-Indic and other digits), at most 12 of them, and
# `fullmatch` with `\Z`: `$` would also match before a final newline.
_NUMBER = r"[0-9]{1,12}"
_DURATION = re.compile(
    rf"P(?!\Z)(?:(?P<years>{_NUMBER})Y)?(?:(?P<months>{_NUMBER})M)?(?:(?P<weeks>{_NUMBER})W)?"
    rf"(?:(?P<days>{_NUMBER})D)?(?:T(?=[0-9])(?:(?P<hours>{_NUMBER})H)?(?:(?P<minutes>{_NUMBER})M)?"
    rf"(?:(?P<seconds>{_NUMBER})S)?)?\Z"
)

MAX_DAYS = 36525
"""The longest duration accepted: 100 years, in any units. Longer ones are typing mistakes, and
formatting them overflowed Babel's decimal arithmetic."""

UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")

_DAYS_PER_UNIT = {
    "years": 365.2425,
    "months": 30.436875,
    "weeks": 7.0,
    "days": 1.0,
    "hours": 1 / 24,
    "minutes": 1 / 1440,
    "seconds": 1 / 86400,
}


class Duration(str):
    """A parsed duration, equal to its text; `parts` keeps the units as written, in order."""

    parts: tuple[tuple[str, int], ...]

    def __new__(cls, text: str, parts: tuple[tuple[str, int], ...] = ()) -> Duration:
        duration = super().__new__(cls, text)
        duration.parts = parts
        return duration

    @property
    def text(self) -> str:
        return str(self)

    @property
    def is_session(self) -> bool:
        return self == SESSION

    @property
    def has_no_expiry(self) -> bool:
        """`until_cleared` or `until_deleted`: no period exists, so none may be compared or invented."""
        return self in NO_EXPIRY

    def approximate_days(self) -> float:
        """Length in days (a session counts as 0, no expiry as infinite), for comparisons only."""
        if self.has_no_expiry:
            return math.inf
        return sum(_DAYS_PER_UNIT[unit] * amount for unit, amount in self.parts)

    def seconds(self) -> int:
        if self.has_no_expiry:
            raise ValueError(f"'{self}' has no length in seconds")
        return round(self.approximate_days() * 86400)


def duration_of(value: str) -> Duration:
    """The parsed duration of a validated value (already a `Duration`); a plain text is parsed once and kept."""
    return value if isinstance(value, Duration) else parse_storage_duration(value)


@cache  # each distinct text is parsed once per process
def parse_duration(text: str) -> Duration:
    """Parse `session` or an ISO 8601 duration; raise ValueError saying how to write one."""
    if text == SESSION:
        return Duration(SESSION)
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(
            f"'{_shortened(text)}' is not a duration: write 'session' or ISO 8601 such as P13M (13 months), "
            "P1Y (1 year), P30D (30 days), PT30M (30 minutes)"
        )
    parts = tuple((unit, int(match[unit])) for unit in UNITS if match[unit] is not None)
    duration = Duration(str(text), parts)
    if duration.approximate_days() > MAX_DAYS:
        raise ValueError(
            f"'{_shortened(text)}' is longer than 100 years: write a duration of at most P100Y (or P1200M, P36525D)"
        )
    return duration


def _shortened(text: str, limit: int = 40) -> str:
    """A value as it can be quoted in a message: a pasted essay is not repeated in full."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cache
def parse_storage_duration(text: str) -> Duration:
    """Parse a storage item's lifetime: a duration, or `until_cleared` / `until_deleted` for storage without one."""
    if text in NO_EXPIRY:
        return Duration(text)
    try:
        return parse_duration(text)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a duration: write 'session', an ISO 8601 duration such as P13M (13 months) or "
            "P30D (30 days), or, for localStorage and IndexedDB, which have no expiry, 'until_cleared' (kept "
            "until the visitor clears it) or 'until_deleted' (kept until your site deletes it)"
        ) from None
