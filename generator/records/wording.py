"""The records' own wording: the policy with every text's records variant in place of the page's.

The page speaks to the visitor ("Hantera ditt köp"); the records are an internal
document for an auditor, in the third person ("Hantera kundens köp"). A text of
the sources may carry `records:` with that wording (generator.model.values);
`records_view` swaps it in everywhere, so the records' builders read the policy
as they always did and every format gets the same words.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from generator.model import Policy


def records_view(policy: Policy) -> Policy:
    """The policy as the records word it; the same object when no text has a records variant."""
    return _swap(policy)  # type: ignore[no-any-return]


def _swap(value: Any) -> Any:
    swap = getattr(value, "for_records", None)
    if swap is not None:
        return swap()
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            new = _swap(item)
            if new is not item:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, list):
        items = [_swap(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        swapped = {key: _swap(item) for key, item in value.items()}
        return swapped if any(swapped[k] is not value[k] for k in value) else value
    return value
