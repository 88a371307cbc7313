"""Scripts and iframes held for a consent category the policy does not have: the banner never releases them.

`data-consent="preferences"` on a map when the policy's map is `marketing` (the catalogue's category) is a
map that never loads, and nothing else tells the owner: the banner fails closed, as it must."""

from __future__ import annotations

from generator.scan.observations import HeldElement, Sighting

HELD_ELEMENTS_SCRIPT = """() => Array.from(
  document.querySelectorAll("script[data-consent], iframe[data-consent]"),
  (element) => [element.localName, element.getAttribute("data-consent")]
)"""
"""The page's held elements as [tag, category] pairs: evaluated by the untouched run on each page."""


def held_elements(pairs: object, sighting: Sighting) -> list[HeldElement]:
    """What HELD_ELEMENTS_SCRIPT returned, checked: a hostile page may have replaced Array.from."""
    if not isinstance(pairs, list):
        return []
    return [
        HeldElement(pair[0], pair[1], sighting)
        for pair in pairs
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(value, str) for value in pair)
    ]
