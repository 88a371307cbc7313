"""ISO 8601 durations as a site owner writes them (P13M, P1Y6M, PT30M, session).

Durations are kept as written: `P13M` is thirteen months, never "1 year".
Comparisons (is a cookie's lifetime longer than another?) use `approximate_days`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Duration:
    """A parsed duration; `parts` keeps the units as written, in order."""

    text: str
    parts: tuple[tuple[str, int], ...]

    @property
    def is_session(self) -> bool:
        return self.text == SESSION

    def approximate_days(self) -> float:
        """Length in days (a session counts as 0), for comparisons only."""
        return sum(_DAYS_PER_UNIT[unit] * amount for unit, amount in self.parts)

    def seconds(self) -> int:
        return round(self.approximate_days() * 86400)


def parse_duration(text: str) -> Duration:
    """Parse `session` or an ISO 8601 duration; raise ValueError saying how to write one."""
    if text == SESSION:
        return Duration(text, ())
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(
            f"'{text}' is not a duration: write 'session' or ISO 8601 such as P13M (13 months), "
            "P1Y (1 year), P30D (30 days), PT30M (30 minutes)"
        )
    parts = tuple((unit, int(match[unit])) for unit in UNITS if match[unit] is not None)
    return Duration(text, parts)
