"""Phone numbers as a visitor reads and dials them.

A Swedish number is shown in Swedish form on the Swedish page (031-123 45 67)
and in international form on the English page (+46 31 123 45 67); both link
it as E.164 (tel:+46311234567), so a tap dials it from abroad too. A number
of another country is shown as written.
"""

from __future__ import annotations

import re

SWEDEN = "+46"


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def is_international(number: str) -> bool:
    return number.startswith("+") or number.startswith("00")


def phone_e164(number: str) -> str:
    """'031-123 45 67' → '+46311234567'; '+44 20 7946 0000' → '+442079460000'."""
    if number.startswith("+"):
        return "+" + _digits(number)
    if number.startswith("00"):
        return "+" + _digits(number)[2:]
    return SWEDEN + _digits(number).removeprefix("0")


def _groups(number: str) -> list[str]:
    return [g for g in re.split(r"[\s()-]+", number) if g]


def phone_in_words(number: str, language: str) -> str:
    """The number in the page's form: Swedish national form on the Swedish page, +46 form elsewhere."""
    e164 = phone_e164(number)
    if not e164.startswith(SWEDEN):
        return number
    national = not is_international(number)
    groups = _groups(number)
    if not national:
        # '+46 31 123 45 67': drop the country code; the area code is the first group after it.
        groups = groups[1:] if groups and _digits(groups[0]) in ("46", "0046") else [_digits(number)[2:]]
        groups[0] = groups[0].removeprefix("0")
    else:
        groups[0] = groups[0].removeprefix("0")
    if language == "sv":
        first, rest = "0" + groups[0], groups[1:]
        return f"{first}-{' '.join(rest)}" if rest else first
    return " ".join([SWEDEN, *groups])
