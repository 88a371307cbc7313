"""ISO 8601 durations as a site owner writes them (P13M, P1Y6M, PT30M, session).

Durations are kept as written: `P13M` is thirteen months, never "1 year".
Comparisons (is a cookie's lifetime longer than another?) use `approximate_days`.

A `Duration` is the text as written (a `str`: it serializes, compares and
hashes as the text) that carries its parsed parts. The model's validator
stores one, so every reader asks the validated value (`duration_of`) instead
of parsing the text again.
"""

from __future__ import annotations

import re
from functools import cache

SESSION = "session"

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)

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

    def approximate_days(self) -> float:
        """Length in days (a session counts as 0), for comparisons only."""
        return sum(_DAYS_PER_UNIT[unit] * amount for unit, amount in self.parts)

    def seconds(self) -> int:
        return round(self.approximate_days() * 86400)


def duration_of(value: str) -> Duration:
    """The parsed duration of a validated value (already a `Duration`); a plain text is parsed once and kept."""
    return value if isinstance(value, Duration) else parse_duration(value)


@cache  # each distinct text is parsed once per process
def parse_duration(text: str) -> Duration:
    """Parse `session` or an ISO 8601 duration; raise ValueError saying how to write one."""
    if text == SESSION:
        return Duration(SESSION)
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(
            f"'{text}' is not a duration: write 'session' or ISO 8601 such as P13M (13 months), "
            "P1Y (1 year), P30D (30 days), PT30M (30 minutes)"
        )
    parts = tuple((unit, int(match[unit])) for unit in UNITS if match[unit] is not None)
    return Duration(str(text), parts)
