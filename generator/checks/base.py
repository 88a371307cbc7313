"""What a check rule is: an id, a severity, the article it rests on, and a function that finds gaps.

A rule function takes the policy and yields `Gap`s (where, what, how to fix);
`Rule.findings` turns them into `Finding`s carrying the rule's id, severity and
article. The `@rule(...)` decorator makes a plain function into a `Rule`; the
first line of its docstring is the summary shown in docs/checks.md.
"""

from __future__ import annotations

import datetime
import enum
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from generator.checks.findings import Finding, Severity
from generator.model import Policy, Purpose, Text, wildcard_pattern
from generator.model.durations import duration_of
from generator.model.vocabulary import MAX_CONSENT_LIFETIME
from generator.sources.source_map import Path_

TEXT_TYPE: type = typing.get_args(Text)[0]
"""The class behind `Text` (a text per language), for walking the model."""

THIRTEEN_MONTHS_IN_DAYS = MAX_CONSENT_LIFETIME.approximate_days()


@dataclass(frozen=True)
class Gap:
    """One place where a rule is not met."""

    path: Path_
    """Where in the sources: keys and list indexes, as in the source map."""
    message: str
    fix: str
    severity: Severity | None = None
    """Only when this gap is weaker or stronger than the rule's usual severity."""


CheckFunction = Callable[[Policy], Iterable[Gap]]


@dataclass(frozen=True)
class Rule:
    """A named, documented check; `check_policy` runs a list of them in order."""

    id: str
    severity: Severity
    article: str
    find: CheckFunction

    @property
    def summary(self) -> str:
        """The first line of the rule function's docstring."""
        return (self.find.__doc__ or "").strip().splitlines()[0]

    def findings(self, policy: Policy) -> list[Finding]:
        return [
            Finding(self.id, gap.severity or self.severity, self.article, gap.message, gap.fix, gap.path)
            for gap in self.find(policy)
        ]


def rule(rule_id: str, severity: Severity, article: str) -> Callable[[CheckFunction], Rule]:
    """Decorator: `@rule("L-RET-1", Severity.error, "GDPR Art. 13(2)(a)")` above a check function."""

    def make_rule(find: CheckFunction) -> Rule:
        return Rule(rule_id, severity, article, find)

    return make_rule


# --- small helpers shared by the rule modules ----------------------------------


def activity_path(index: int) -> Path_:
    return ("activities", index)


def purposes_with_paths(policy: Policy) -> Iterator[tuple[Path_, Purpose]]:
    """Every purpose with its path in the sources, e.g. ("activities", 2, "purposes", 0)."""
    for i, activity in enumerate(policy.activities):
        for j, purpose in enumerate(activity.purposes):
            yield (*activity_path(i), "purposes", j), purpose


def texts(text: typing.Any) -> list[str]:
    """Every language version of a `Text` (or nothing for None), lower-cased with single spaces."""
    if text is None:
        return []
    return [" ".join(t.lower().split()) for t in (text.sv, text.en) if t]


def mentions(text: typing.Any, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` that occurs in any language version of `text`, else None."""
    for version in texts(text):
        for phrase in phrases:
            if phrase in version:
                return phrase
    return None


def names_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex for cookie names such as `_ga_*`: matches `_ga_ABC`, and the declared pattern `_ga_*` itself."""
    return re.compile("^(?:" + "|".join(wildcard_pattern(pattern) for pattern in patterns) + ")$")


@cache  # cookies share a few durations, and a policy may declare thousands of cookies
def longer_than_13_months(duration: str) -> bool:
    return duration_of(duration).approximate_days() > THIRTEEN_MONTHS_IN_DAYS + 0.5


def quoted(text: typing.Any) -> str:
    """A short quote of the Swedish version of a text, for messages."""
    value = " ".join(str(text.sv if hasattr(text, "sv") else text).split())
    return f"'{value[:60]}…'" if len(value) > 60 else f"'{value}'"


_CONTAINERS = (BaseModel, list)  # a tuple: isinstance checks it faster than BaseModel | list


def walk_texts(value: typing.Any, path: Path_) -> Iterator[tuple[Path_, typing.Any]]:
    """Every `Text` inside a model value, with its path."""
    if isinstance(value, TEXT_TYPE):
        yield path, value
    elif isinstance(value, BaseModel):
        fields = value.__dict__
        for name in _fields_that_may_hold_texts(type(value)):
            item = fields[name]
            if isinstance(item, _CONTAINERS):
                yield from walk_texts(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, _CONTAINERS):
                yield from walk_texts(item, (*path, index))


_NEVER_CONTAINERS = (str, int, float, bool, type(None), datetime.date, datetime.datetime)


@cache
def _fields_that_may_hold_texts(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model`, in order, whose values may be a model or a list: a walk skips the ids, flags
    and dates, four fifths of the fields of a policy (200,000 of them at 1,000 activities)."""
    return tuple(name for name, field in model.model_fields.items() if _may_be_container(field.annotation))


def _may_be_container(annotation: typing.Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _may_be_container(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return any(_may_be_container(member) for member in typing.get_args(annotation))
    if origin is typing.Literal or annotation in _NEVER_CONTAINERS:
        return False
    return not (isinstance(annotation, type) and issubclass(annotation, enum.Enum))  # anything else: walk it


class _Walked:
    """The texts of the policy being checked, walked once for the rules that read them all (a policy of
    10,000 activities has 130,000 texts); only while `check_policy` runs, so a changed policy is walked anew."""

    policy: typing.ClassVar[Policy | None] = None
    texts: typing.ClassVar[list[tuple[Path_, typing.Any]]] = []


@contextmanager
def texts_walked_once(policy: Policy) -> Iterator[None]:
    """While checking `policy`, `policy_texts` walks it once."""
    _Walked.policy, _Walked.texts = policy, list(walk_texts(policy, ()))
    try:
        yield
    finally:
        _Walked.policy, _Walked.texts = None, []


def policy_texts(policy: Policy) -> list[tuple[Path_, typing.Any]]:
    """Every `Text` of the policy with its path, in model order (walked once while `check_policy` runs)."""
    return _Walked.texts if _Walked.policy is policy else list(walk_texts(policy, ()))
