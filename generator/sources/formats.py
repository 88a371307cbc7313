"""Source format versions: which format a source declares, and what format 2 no longer accepts.

A source says `format: 2` as a top-level key (in site.yaml, by convention);
without it, it is format 1, which keeps loading as it always did. Format 2
replaces two fields whose meaning was unclear with fields that say the facts
(docs/source-format.md): `controller.joint_controllers` (joint controllers
unrelated to the activities) and a recipient's `name` (entity and product in
one string, "Google Ireland Limited (Google Analytics)").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.model import Policy
from generator.model.policy import CURRENT_FORMAT, SOURCE_FORMATS
from generator.sources.references import Problem

FORMAT_KEY = "format"
FORMAT_DOC = "docs/source-format.md"


def read_format(raw: dict[str, Any]) -> Problem | None:
    """Turn the `format` value (text, as every scalar is) into its number in place, or say what is wrong."""
    if FORMAT_KEY not in raw:
        return None
    value = raw[FORMAT_KEY]
    known = ", ".join(str(f) for f in SOURCE_FORMATS)
    if isinstance(value, str) and value.strip().isdigit() and int(value) in SOURCE_FORMATS:
        raw[FORMAT_KEY] = int(value)
        return None
    del raw[FORMAT_KEY]  # reported here, not again by the model
    return Problem(
        (FORMAT_KEY,),
        f"'{value}' is not a source format this version of policygen reads",
        f"write 'format: {CURRENT_FORMAT}' (formats read: {known}; see {FORMAT_DOC}), "
        "or update policygen if the source was written for a newer one",
    )


def format_problems(policy: Policy) -> Iterator[Problem]:
    """Fields of format 1 that a format-2 source may not use, each with how to rewrite it."""
    if policy.format >= 2:
        yield from migration_problems(policy)


def migration_problems(policy: Policy) -> Iterator[Problem]:
    """Fields of format 1 that need rewriting by hand before a source can be format 2."""
    if policy.controller.joint_controllers:
        yield Problem(
            ("controller", "joint_controllers"),
            "'joint_controllers' is format 1: in format 2 a joint controller is a recipient of the activities "
            "it shares with you",
            "declare it under recipients with 'role: joint_controller' and 'arrangement: {essence: …, url: …}', "
            f"list its id in the activities concerned, and remove joint_controllers (see {FORMAT_DOC})",
        )
    for i, recipient in enumerate(policy.recipients):
        if recipient.name is not None:
            yield Problem(
                ("recipients", i, "name"),
                f"recipient '{recipient.id}': 'name' is format 1",
                "write the company as 'legal_entity: …' (e.g. Google Ireland Limited) and the service as "
                f"'product: …' (e.g. Google Analytics) instead of name (see {FORMAT_DOC})",
            )


def with_format_line(text: str, first_key_line: int) -> str:
    """The YAML `text` with 'format: 2' inserted before the top-level key on line `first_key_line` (1-based).

    Only a line is added: comments, order and quoting stay as the owner wrote them.
    """
    lines = text.splitlines(keepends=True)
    index = max(first_key_line - 1, 0)
    comment = "# The version of the source format (docs/source-format.md).\n"
    return "".join([*lines[:index], comment, f"{FORMAT_KEY}: {CURRENT_FORMAT}\n", "\n", *lines[index:]])
