"""YAML → plain data, every value with its file, line and column.

The YAML is composed into nodes, not constructed, so that every value keeps
its place, and every scalar stays a string for pydantic to convert (no YAML 1.1
surprises: `no` is not False, `2019-11-10` is not a date until the model says
so). Aliases, unknown tags, deep nesting and huge values are refused with
their place (docs/limits.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SourceError, SourcePosition
from generator.sources.files import MAX_VALUE_CHARS, decode
from generator.sources.source_map import SourceMap

MAX_DEPTH = 64
"""Deepest nesting of YAML mappings and lists (the model needs less than ten)."""
_DEFAULT_TAGS = {
    yaml.ScalarEvent: "tag:yaml.org,2002:str",
    yaml.SequenceStartEvent: "tag:yaml.org,2002:seq",
    yaml.MappingStartEvent: "tag:yaml.org,2002:map",
}
_PURE_PYTHON_MAX_CHARS = 4 * 1024 * 1024
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it
NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


class TextOnlyLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """Composes nodes without resolving tags: every scalar stays text for pydantic (YAML 1.1's
    `no` → False and `2019-11-10` → date never happen), and resolving was a third of the load time."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    # The parser tells the resolver of every node it enters and leaves, for path resolvers;
    # there are none, and the calls cost a tenth of the load time.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def read_yaml_file(path: Path, source_map: SourceMap, errors: list[SourceError]) -> dict[str, Any] | None:
    text = decode(path, errors)
    if text is None:
        return None
    try:
        if _may_nest_deeply(text):
            problems = _inspect_events(text, path)
            if problems:
                errors += problems
                return None
        nodes = list(yaml.compose_all(text, Loader=TextOnlyLoader))
    except yaml.MarkedYAMLError as error:
        errors.append(_explain_yaml_error(_pure_python_error(text, error) or error, path))
        return None
    except yaml.YAMLError as error:  # e.g. a ReaderError, which has no mark
        errors.append(SourceError(f"YAML: {error}", SourcePosition(path), "save the file as plain UTF-8 text"))
        return None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        errors.append(
            SourceError(
                "the file is empty: it holds only comments", SourcePosition(path), "add its content or delete the file"
            )
        )
        return None
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        errors.append(
            SourceError(
                "more than one YAML document in the file",
                SourcePosition(path, mark.line + 1, mark.column + 1),
                "remove the '---' line, or move the second document into a file of its own",
            )
        )
        return None
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        errors.append(
            SourceError(
                "the file must be a mapping of top-level keys",
                _position(path, root),
                "start with a key such as 'controller:' or 'activities:'",
            )
        )
        return None
    try:
        if _may_share_or_tag(text):
            _check_tree(root, 1, set())
        return _top_level_data(root, path, source_map, errors)
    except _NeedsEvents:
        errors += _inspect_events(text, path) or [
            SourceError("the YAML holds something the loader cannot read safely", SourcePosition(path))
        ]
        return None


class _NeedsEvents(Exception):
    """The node walk met an alias, a tag, a huge value or deep nesting: the event stream says where."""


_STR_TAG = "tag:yaml.org,2002:str"
_NODE_TAGS = {
    yaml.ScalarNode: _STR_TAG,
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_SAFE_OPENERS = 4_000
_LONG_BLOCK_PREFIX = re.compile(r"[ ?:-]{200}")
_LONG_BLOCK_LINE = re.compile(r"\n[ ?:-]{200}")
"""A line that starts with 200 spaces or indicators; searched from each newline, which a search finds fast
(`^` with MULTILINE tried every position: five times slower on a generated policy of 2 MB)."""


def _may_nest_deeply(text: str) -> bool:
    """Whether libyaml's composer, which recurses in C (40,000 levels crash it), could nest beyond safety.

    Flow nesting needs a '[' or '{' per level; block nesting needs a column per level or two, so
    a leading run of spaces and indicators ('- ', '? ') as long as the depth. Below both bounds the
    nesting is at most about 4,400 levels, far from a crash, and the fast path composes directly;
    otherwise the event stream is inspected first (a fifth of the load time).
    """
    # An empty `[]` or `{}` (a generated policy writes thousands) opens no level that stays open.
    openers = text.count("[") - text.count("[]") + text.count("{") - text.count("{}")
    return (
        openers > _SAFE_OPENERS
        or _LONG_BLOCK_PREFIX.match(text) is not None
        or _LONG_BLOCK_LINE.search(text) is not None
    )


def _check_node(node: yaml.Node, depth: int, seen: set[yaml.Node]) -> None:
    """Raise `_NeedsEvents` for a node the sources may not hold (docs/limits.md).

    An alias is the very node of its anchor, met a second time (self-referencing: inside itself).
    """
    if node in seen or node.tag != _NODE_TAGS[type(node)]:
        raise _NeedsEvents
    seen.add(node)
    if type(node) is yaml.ScalarNode:
        if len(node.value) > MAX_VALUE_CHARS:
            raise _NeedsEvents
    elif depth > MAX_DEPTH:
        raise _NeedsEvents


def _inspect_events(text: str, path: Path) -> list[SourceError]:
    """What the sources may not hold, found in libyaml's event stream before any node is composed.

    libyaml's composer recurses in C (100,000 nested brackets crash the process) and expands aliases
    (a 450-byte "billion laughs" took 12 GB), so nesting, aliases, tags and value sizes are checked
    here, on the flat, iterative stream of parser events.
    """
    problems: list[SourceError] = []
    depth = 0
    for event in yaml.parse(text, Loader=TextOnlyLoader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if len(event.value) > MAX_VALUE_CHARS:
                problems.append(
                    SourceError(
                        f"the value is {len(event.value):,} characters long: at most {MAX_VALUE_CHARS:,} are allowed",
                        _mark_position(path, event.start_mark),
                        "shorten it; long texts belong in a Markdown fragment (<key>.<lang>.md)",
                    )
                )
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(
                    SourceError(
                        f"the values are nested more than {MAX_DEPTH} levels deep",
                        _mark_position(path, event.start_mark),
                        "a policy needs only a few levels: close the brackets or indentation levels "
                        "that were opened by mistake",
                    )
                )
                return problems  # deeper still would only repeat this
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            depth -= 1
        elif kind is yaml.AliasEvent:
            problems.append(
                SourceError(
                    f"YAML aliases (*{event.anchor}) are not allowed",
                    _mark_position(path, event.start_mark),
                    "write the value out in full: a policy source uses no anchors (&) and aliases (*)",
                )
            )
            continue
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag != _DEFAULT_TAGS.get(kind):
            problems.append(
                SourceError(
                    f"the YAML tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
                    _mark_position(path, event.start_mark),
                    "remove the tag: every value is read as text, and the model says what it must be",
                )
            )
    return problems


def _mark_position(path: Path, mark: Any) -> SourcePosition:
    return SourcePosition(path, mark.line + 1, mark.column + 1)


def _pure_python_error(text: str, error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError | None:
    """The pure-Python parser's error for `text`: its messages are clearer than libyaml's ("found '\\t'").

    Only the parser runs (its stack is a list, so deep nesting cannot overflow it), and only up to
    the line of libyaml's error, on texts small enough to parse in pure Python quickly.
    """
    mark = error.problem_mark or error.context_mark
    if mark is not None and getattr(mark, "index", None) is not None:
        end = text.find("\n", mark.index)
        text = text if end < 0 else text[: end + 1]
    if len(text) > _PURE_PYTHON_MAX_CHARS:
        return None
    try:
        for _event in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as pure_error:
        return pure_error
    return None


def _explain_yaml_error(error: yaml.MarkedYAMLError, path: Path) -> SourceError:
    """PyYAML's message, with where an unclosed bracket or quote began, and tabs called tabs."""
    mark = error.problem_mark or error.context_mark
    position = SourcePosition(path, mark.line + 1, mark.column + 1) if mark else SourcePosition(path)
    problem = error.problem or error.context or "invalid YAML"
    if "'\\t'" in problem:
        return SourceError(
            "YAML syntax: a tab character is used for indentation",
            position,
            "YAML allows only spaces for indentation: replace the tab with spaces (e.g. two per level)",
        )
    message = f"YAML syntax: {problem}"
    context = error.context_mark
    if error.context and context is not None and context is not error.problem_mark:
        message += f" ({error.context} that starts at line {context.line + 1}, column {context.column + 1})"
    return SourceError(
        message,
        position,
        "close every '[', '{' and quote you open, indent with spaces, "
        "and quote text that contains ': ' or starts with a symbol",
    )


def _position(path: Path, node: yaml.Node) -> SourcePosition:
    return SourcePosition(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _check_tree(node: yaml.Node, depth: int, seen: set[yaml.Node]) -> None:
    """`_check_node` for `node` and everything inside it: only a text with an anchor or a tag needs it (see
    `_may_share_or_tag`), and it runs before `_node_to_data`, which an alias could make walk forever."""
    _check_node(node, depth, seen)
    if type(node) is yaml.SequenceNode:
        for item in node.value:
            _check_tree(item, depth + 1, seen)
    elif type(node) is yaml.MappingNode:
        for key, value in node.value:
            _check_tree(key, depth + 1, seen)
            _check_tree(value, depth + 1, seen)


def _may_share_or_tag(text: str) -> bool:
    """Whether a node of `text` may be met twice (an alias needs an anchor, `&`) or carry a tag (`!`)."""
    return "&" in text or "!" in text


def _node_to_data(node: yaml.Node, path: Path, errors: list[SourceError], depth: int) -> Any:
    """Plain data (dict, list, str, None) from a node; positions stay in the nodes (`SourceMap`).

    `depth` is the node's nesting level (the file's mapping is 1). Aliases and tags are not looked for here:
    a text that may hold them was checked by `_check_tree` first (most hold neither, and looking for them was
    half the walk's time).
    """
    # This runs for every node of a 64 MiB policy: a scalar inside a list or mapping is read where it is met,
    # without a call of its own.
    if type(node) is yaml.ScalarNode:
        if len(node.value) > MAX_VALUE_CHARS:
            raise _NeedsEvents
        if node.style is None and node.value in NULL_WORDS:
            return None
        return node.value
    if depth > MAX_DEPTH:
        raise _NeedsEvents
    if type(node) is yaml.SequenceNode:
        items = []
        for item in node.value:
            if type(item) is yaml.ScalarNode:
                value = item.value
                if len(value) > MAX_VALUE_CHARS:
                    raise _NeedsEvents
                items.append(None if item.style is None and value in NULL_WORDS else value)
            else:
                items.append(_node_to_data(item, path, errors, depth + 1))
        return items
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode:
            errors.append(SourceError("a key must be plain text", _position(path, key_node)))
            continue
        key = key_node.value
        if len(key) > MAX_VALUE_CHARS:
            raise _NeedsEvents
        if key in result:
            errors.append(_repeated_key(path, node, key_node))
            continue
        if type(value_node) is yaml.ScalarNode:
            value = value_node.value
            if len(value) > MAX_VALUE_CHARS:
                raise _NeedsEvents
            result[key] = None if value_node.style is None and value in NULL_WORDS else value
        else:
            result[key] = _node_to_data(value_node, path, errors, depth + 1)
    return result


def _repeated_key(path: Path, mapping: yaml.MappingNode, key_node: yaml.ScalarNode) -> SourceError:
    first = next(k for k, _ in mapping.value if getattr(k, "value", None) == key_node.value)
    return SourceError(
        f"key '{key_node.value}' appears twice here (first at line {first.start_mark.line + 1})",
        _position(path, key_node),
        "keep one of the two; a repeated key would silently replace the first",
    )


def _top_level_data(
    root: yaml.MappingNode, path: Path, source_map: SourceMap, errors: list[SourceError]
) -> dict[str, Any]:
    """The top-level keys of one file; a key that another file already defines is an error."""
    result: dict[str, Any] = {}
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append(SourceError("a key must be plain text", _position(path, key_node)))
            continue
        key = key_node.value
        if len(key) > MAX_VALUE_CHARS:
            raise _NeedsEvents
        first = source_map.key_position((key,)) if source_map.has_top_level(key) else None
        if first is not None and key in result:
            errors.append(
                SourceError(
                    f"key '{key}' appears twice here (first at line {first.line})",
                    _position(path, key_node),
                    "keep one of the two; a repeated key would silently replace the first",
                )
            )
            continue
        if first is not None:
            errors.append(
                SourceError(
                    f"top-level key '{key}' is already defined in {first}",
                    _position(path, key_node),
                    "each top-level key belongs to exactly one file: merge the two or remove one",
                )
            )
            continue
        result[key] = _node_to_data(value_node, path, errors, 2)
        source_map.add_top_level(path, key_node, value_node)
    return result
