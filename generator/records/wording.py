"""The records' own wording: the policy with every text's records variant in place of the page's.

The page speaks to the visitor ("Hantera ditt köp"); the records are an internal
document for an auditor, in the third person ("Hantera kundens köp"). A text of
the sources may carry `records:` with that wording (generator.model.values);
`records_view` swaps it in everywhere, so the records' builders read the policy
as they always did and every format gets the same words.
"""

from __future__ import annotations

from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from generator.model import Policy


def records_view(policy: Policy) -> Policy:
    """The policy as the records word it; the same object when no text has a records variant."""
    return _swap(policy)  # type: ignore[no-any-return]


def _swap(value: Any) -> Any:
    swap = _for_records(type(value))
    if swap is not None:
        return swap(value)
    if isinstance(value, BaseModel):
        changed = {}
        for name in _text_holding_fields(type(value)):
            item = getattr(value, name)
            if item is None:  # most optional texts are not given: nothing to swap
                continue
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


@cache
def _for_records(kind: type) -> Any:
    """The type's `for_records`, looked up once per type: asking each of 10,000 cookies for the attribute went
    through pydantic's `__getattr__`, which raises for a missing one."""
    return getattr(kind, "for_records", None)


@cache
def _text_holding_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` whose type can hold a text, directly or inside: only those are walked (a policy of
    10,000 cookies has some 200,000 values, most of them ids, flags and durations)."""
    return tuple(name for name, field in model.__pydantic_fields__.items() if _can_hold_text(field.annotation, ()))


def _can_hold_text(annotation: Any, seen: tuple[type, ...]) -> bool:
    if isinstance(annotation, type):
        if hasattr(annotation, "for_records"):
            return True
        if issubclass(annotation, BaseModel) and annotation not in seen:
            return any(
                _can_hold_text(f.annotation, (*seen, annotation)) for f in annotation.__pydantic_fields__.values()
            )
        return False
    return any(_can_hold_text(argument, seen) for argument in get_args(annotation))
