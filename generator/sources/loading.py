"""Read a site's sources (YAML files and Markdown fragments) into a `Policy`.

The YAML is composed into nodes, not constructed, so that every value keeps
its file, line and column, and every scalar stays a string for pydantic to
convert (no YAML 1.1 surprises: `no` is not False, `2019-11-10` is not a date
until the model says so). All problems are collected and raised together as
`SourceErrors`.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import SourceError, SourceErrors, SourcePosition
from generator.i18n import gettext_for
from generator.model import LANGUAGES, LEGAL_BASIS_NAMES, LegalBasis, Policy, Prose
from generator.performance import cyclic_garbage_collection_paused
from generator.sources.formats import format_problems, read_format
from generator.sources.links import find_unsafe_links
from generator.sources.references import find_reference_errors
from generator.sources.source_map import Path_, SourceMap

YAML_SUFFIXES = (".yaml", ".yml")
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


@dataclass(frozen=True)
class LoadedPolicy:
    """A validated policy and where each of its values came from."""

    policy: Policy
    source_map: SourceMap
    directory: Path
    files: tuple[Path, ...]


def load_policy(directory: Path) -> LoadedPolicy:
    """Load and validate the sources in `directory`, or raise `SourceErrors`."""
    with cyclic_garbage_collection_paused():
        return _load_policy(Path(directory))


def _load_policy(directory: Path) -> LoadedPolicy:
    if not directory.is_dir():
        raise SourceErrors(
            [SourceError(f"no policy source folder at {directory}", hint="give the folder that holds the YAML files")]
        )
    source_map = SourceMap()
    errors: list[SourceError] = []
    yaml_files = sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    fragment_files = sorted(p for p in directory.iterdir() if p.suffix == ".md" and p.is_file())
    if not yaml_files:
        raise SourceErrors(
            [SourceError(f"no YAML files in {directory}", hint="a policy source is one or more *.yaml files")]
        )

    raw: dict[str, Any] = {}
    for path in yaml_files:
        document = _read_yaml_file(path, source_map, errors)
        if document is None:
            continue
        raw.update(document)
    prose = _read_fragments(fragment_files, source_map, errors)
    if prose:
        if "prose" in raw:
            errors.append(
                SourceError(
                    "'prose' comes from Markdown files, not from YAML",
                    source_map.key_position(("prose",)),
                    "move the text into <key>.<lang>.md files, e.g. introduction.sv.md",
                )
            )
        raw["prose"] = prose
    format_problem = read_format(raw)
    if format_problem is not None:
        errors.append(
            SourceError(format_problem.message, source_map.position(format_problem.path), format_problem.hint)
        )
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as error:
        # With a file that could not be read, its top-level keys are missing: say so once, not per key.
        skip_missing = bool(errors)
        raise SourceErrors(errors + _explain_validation_errors(error, source_map, skip_missing)) from None
    if errors:
        raise SourceErrors(errors)

    reference_errors = [
        SourceError(
            problem.message, source_map.position(problem.path), _with_first(problem.hint, problem.first, source_map)
        )
        for problem in [*format_problems(policy), *find_reference_errors(policy)]
    ]
    if reference_errors:
        raise SourceErrors(reference_errors)
    return LoadedPolicy(policy, source_map, directory, tuple(yaml_files + fragment_files))


def _with_first(hint: str, first: Path_ | None, source_map: SourceMap) -> str:
    """A duplicate's hint, with the place of the first definition."""
    position = source_map.position(first) if first is not None else None
    return f"{hint} (the first is at {position})" if position is not None else hint


# --- YAML ---------------------------------------------------------------------


def _decode(path: Path, errors: list[SourceError]) -> str | None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = data[error.start : error.start + 1]
        guess = byte.decode("cp1252", errors="replace")
        errors.append(
            SourceError(
                f"the file is not UTF-8: byte 0x{byte[0]:02x} (in Windows-1252 or Latin-1 that is '{guess}')",
                SourcePosition(path, line, column),
                "save the file as UTF-8 (most editors: 'Save with encoding' or 'Reopen with encoding')",
            )
        )
        return None
    if not text.strip():
        errors.append(SourceError("the file is empty", SourcePosition(path), "add its content or delete the file"))
        return None
    return text.removeprefix("\ufeff")


def _read_yaml_file(path: Path, source_map: SourceMap, errors: list[SourceError]) -> dict[str, Any] | None:
    text = _decode(path, errors)
    if text is None:
        return None
    try:
        nodes = list(yaml.compose_all(text, Loader=TextOnlyLoader))
    except yaml.MarkedYAMLError as error:
        errors.append(_explain_yaml_error(_pure_python_error(text) or error, path))
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
    return _top_level_data(root, path, source_map, errors)


def _pure_python_error(text: str) -> yaml.MarkedYAMLError | None:
    """The pure-Python parser's error for `text`: its messages are clearer than libyaml's ("found '\\t'")."""
    try:
        list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        return error
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


def _node_to_data(node: yaml.Node, path: Path, errors: list[SourceError]) -> Any:
    """Plain data (dict, list, str, None) from a node; positions stay in the nodes (`SourceMap`)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in NULL_WORDS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_node_to_data(item, path, errors) for item in node.value]
    result: dict[str, Any] = {}
    key_nodes: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append(SourceError("a key must be plain text", _position(path, key_node)))
            continue
        key = key_node.value
        if key in key_nodes:
            errors.append(
                SourceError(
                    f"key '{key}' appears twice here (first at line {key_nodes[key].start_mark.line + 1})",
                    _position(path, key_node),
                    "keep one of the two; a repeated key would silently replace the first",
                )
            )
            continue
        key_nodes[key] = key_node
        result[key] = _node_to_data(value_node, path, errors)
    return result


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
        result[key] = _node_to_data(value_node, path, errors)
        source_map.add_top_level(path, key_node, value_node)
    return result


# --- Markdown fragments ---------------------------------------------------------


def _read_fragments(files: list[Path], source_map: SourceMap, errors: list[SourceError]) -> dict[str, Any]:
    """`introduction.sv.md` → {"introduction": {"sv": "..."}}."""
    keys = list(Prose.model_fields)
    prose: dict[str, dict[str, str]] = {}
    for path in files:
        parts = path.name.split(".")
        if len(parts) != 3 or parts[1] not in LANGUAGES or parts[0] not in keys:
            guess = difflib.get_close_matches(parts[0], keys, n=1)
            hint = f"did you mean '{guess[0]}'? " if guess and guess[0] != parts[0] else ""
            errors.append(
                SourceError(
                    f"'{path.name}' is not a known fragment",
                    SourcePosition(path),
                    f"{hint}name fragments <key>.<lang>.md with key one of {', '.join(keys)} "
                    f"and lang one of {', '.join(LANGUAGES)}",
                )
            )
            continue
        text = _decode(path, errors)
        if text is None:
            continue
        # A link a visitor could be harmed by (javascript:, data:, …) is a source error, whatever the output.
        errors += [link.error() for link in find_unsafe_links(text, path)]
        key, language = parts[0], parts[1]
        prose.setdefault(key, {})[language] = text
        source_map.add_position(("prose", key, language), SourcePosition(path))
    for key, texts in list(prose.items()):
        if "sv" not in texts:
            errors.append(
                SourceError(
                    f"fragment '{key}' has no Swedish version",
                    source_map.position(("prose", key, next(iter(texts)))),
                    f"add {key}.sv.md: Swedish is required, English optional",
                )
            )
            del prose[key]  # reported once here, not again by the model
    return prose


# --- pydantic errors → messages that say what to do ------------------------------


def _explain_validation_errors(
    error: ValidationError, source_map: SourceMap, skip_missing_top_level: bool = False
) -> list[SourceError]:
    result = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        if skip_missing_top_level and item["type"] == "missing" and len(loc) == 1:
            continue
        if item["type"] == "extra_forbidden":
            path, _ = _data_path(loc[:-1], source_map)
            field: str | None = str(loc[-1])
        else:
            path, field = _data_path(loc, source_map)
        message, hint = _explain(item, path, field)
        if item["type"] == "extra_forbidden":
            position = source_map.key_position((*path, field)) if field else source_map.position(path)
        elif item["type"] == "missing" and source_map.has_key(path):
            position = source_map.key_position(path)
        else:
            position = source_map.position((*path, field) if field else path)
        result.append(SourceError(message, position, hint))
    result.sort(key=lambda e: (str(e.position.file), e.position.line, e.position.column) if e.position else ("", 0, 0))
    return result


def _data_path(loc: Path_, source_map: SourceMap) -> tuple[Path_, str | None]:
    """Split a pydantic location into the path that exists in the sources and a last field name.

    Pydantic adds names of validators and union members to locations; they are
    not keys of the data and are dropped.
    """
    path: Path_ = ()
    field: str | None = None
    for i, segment in enumerate(loc):
        candidate = (*path, segment)
        if source_map.contains(candidate):
            path = candidate
        elif i == len(loc) - 1 and isinstance(segment, str):
            field = segment
    return path, field


def _explain(item: dict[str, Any], path: Path_, field: str | None) -> tuple[str, str | None]:
    kind = item["type"]
    value = item.get("input")
    where = field or next((str(s) for s in reversed(path) if isinstance(s, str)), "")
    model = _model_at((*path, field) if field else path, parent=kind in ("extra_forbidden", "missing"))
    if kind == "extra_forbidden":
        allowed = list(model.model_fields) if model else []
        guess = difflib.get_close_matches(str(field), allowed, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else None
        if allowed:
            hint = (hint + " " if hint else "") + f"allowed here: {', '.join(allowed)}"
        return f"unknown key '{field}'", hint
    if kind == "missing" and field == "sv" and path and isinstance(path[-1], str):
        owner = path[-1]
        return f"'{owner}' has no Swedish text", (
            f"add 'sv: …' under '{owner}' (Swedish is required, English optional), "
            f"or write the Swedish text directly: '{owner}: …'"
        )
    if kind == "missing":
        description = _field_description(model, where)
        return f"missing required field '{where}'", f"add '{where}: …' here" + (
            f" ({description})" if description else ""
        )
    if kind in ("enum", "literal_error"):
        expected = item.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",") if o.strip(" '")]
        guess = _swedish_legal_basis(str(value)) if where == "legal_basis" else None
        guess = guess or next(iter(difflib.get_close_matches(str(value), options, n=1)), None)
        hint = (f"did you mean '{guess}'? " if guess else "") + f"use one of: {', '.join(options)}"
        if (path and path[-1] in ("languages",)) or (len(path) >= 2 and path[-2] == "languages"):
            return f"'{value}' is not a supported language code", hint
        return f"'{value}' is not a valid value for '{where}'", hint
    if kind == "value_error":
        return item["msg"].removeprefix("Value error, "), None
    if kind == "string_pattern_mismatch":
        owner = _model_at(path if field is None else (*path, field), parent=True)
        description = _field_description(owner, where)
        return f"'{value}' is not valid for '{where}'", description or f"expected the form {item['ctx']['pattern']}"
    simple = {
        "string_type": ("expected text", "write the value as text; quote it if it looks like something else"),
        "list_type": ("expected a list", "write each item on its own line starting with '- '"),
        "dict_type": ("expected a mapping of keys", "indent the keys below this one"),
        "model_type": ("expected a mapping of keys", "indent the keys below this one"),
        "model_attributes_type": ("expected a mapping of keys", "indent the keys below this one"),
        "bool_parsing": ("expected true or false", None),
        "bool_type": ("expected true or false", None),
        "int_parsing": ("expected a whole number", None),
        "date_from_datetime_parsing": ("expected a date written YYYY-MM-DD", "e.g. 2019-11-10"),
        "date_parsing": ("expected a date written YYYY-MM-DD", "e.g. 2019-11-10"),
        "date_type": ("expected a date written YYYY-MM-DD", "e.g. 2019-11-10"),
        "string_too_short": ("must not be empty", "write the text, or remove the key"),
        "too_short": ("needs at least one item", None),
    }
    if kind in simple:
        message, hint = simple[kind]
        return f"'{where}': {message}", hint
    return f"'{where}': {item['msg']}", None


def _swedish_legal_basis(value: str) -> str | None:
    """'samtycke' → 'consent': the Swedish name of a legal basis (from the catalog) to the value to write."""
    swedish = gettext_for("sv")
    wanted = " ".join(value.lower().split())
    for basis in LegalBasis:
        if swedish(LEGAL_BASIS_NAMES[basis]).lower() == wanted:
            return basis.value
    return None


def _model_at(path: Path_, *, parent: bool) -> type[BaseModel] | None:
    """The model class whose fields are valid at `path` (or at its parent)."""
    current: Any = Policy
    segments = path
    if parent:
        while segments and isinstance(segments[-1], int):
            segments = segments[:-1]
        segments = segments[:-1]
    for segment in segments:
        current = _unwrap(current)
        if isinstance(segment, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(segment)
        if info is None:
            return None
        current = info.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...], list[...], Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)] or args
            annotation = models[0]
        else:
            return annotation


def _field_description(model: type[BaseModel] | None, field: str) -> str | None:
    if model is None or field not in model.model_fields:
        return None
    return model.model_fields[field].description
