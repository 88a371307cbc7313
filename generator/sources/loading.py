"""Read a site's sources (YAML files and Markdown fragments) into a `Policy`.

The YAML is composed into nodes, not constructed, so that every value keeps
its file, line and column, and every scalar stays a string for pydantic to
convert (no YAML 1.1 surprises: `no` is not False, `2019-11-10` is not a date
until the model says so). All problems are collected and raised together as
`SourceErrors`.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
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
from generator.sources.links import find_unsafe_links
from generator.sources.references import find_reference_errors
from generator.sources.source_map import Path_, SourceMap

YAML_SUFFIXES = (".yaml", ".yml")
# Limits on what a source may hold (docs/limits.md): beyond them, a hostile or broken source would
# cost gigabytes or crash the parser; each is a positioned error instead.
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest source file, YAML or Markdown (the benchmark policies need tens of MiB)."""
MAX_VALUE_CHARS = 100_000
"""Longest single value: a YAML scalar or key, or a Markdown fragment."""
MAX_DEPTH = 64
"""Deepest nesting of YAML mappings and lists (the model needs less than ten)."""
_DEFAULT_TAGS = {
    yaml.ScalarEvent: "tag:yaml.org,2002:str",
    yaml.SequenceStartEvent: "tag:yaml.org,2002:seq",
    yaml.MappingStartEvent: "tag:yaml.org,2002:map",
}
# C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE and U+FFFF. YAML forbids them and
# nobody means them in a text a visitor reads.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
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
    candidates = sorted(
        p for p in directory.iterdir() if (p.suffix in YAML_SUFFIXES or p.suffix == ".md") and not _ignored(p)
    )
    if not any(p.suffix in YAML_SUFFIXES for p in candidates):
        raise SourceErrors(
            [SourceError(f"no YAML files in {directory}", hint="a policy source is one or more *.yaml files")]
        )
    usable = [p for p in candidates if _check_source_file(p, directory, errors)]
    yaml_files = [p for p in usable if p.suffix in YAML_SUFFIXES]
    fragment_files = [p for p in usable if p.suffix == ".md"]

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
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as error:
        # With a file that could not be read, its top-level keys are missing: say so once, not per key.
        skip_missing = bool(errors)
        explained = _explain_validation_errors(error, source_map, skip_missing)
        raise SourceErrors(errors + [_placed(e, yaml_files) for e in explained]) from None
    if errors:
        raise SourceErrors(errors)

    reference_errors = [
        SourceError(
            problem.message, source_map.position(problem.path), _with_first(problem.hint, problem.first, source_map)
        )
        for problem in find_reference_errors(policy)
    ]
    if reference_errors:
        raise SourceErrors(reference_errors)
    return LoadedPolicy(policy, source_map, directory, tuple(yaml_files + fragment_files))


def _placed(error: SourceError, yaml_files: list[Path]) -> SourceError:
    """A missing top-level key is in no file: it is placed at the start of the first, and the hint says where."""
    if error.position is not None or not yaml_files:
        return error
    hint = (error.hint or "").replace("add '", "add a top-level '", 1).replace(" here", " to one of the YAML files", 1)
    return SourceError(error.message, SourcePosition(yaml_files[0]), hint or None, quote_source=False)


def _with_first(hint: str, first: Path_ | None, source_map: SourceMap) -> str:
    """A duplicate's hint, with the place of the first definition."""
    position = source_map.position(first) if first is not None else None
    return f"{hint} (the first is at {position})" if position is not None else hint


# --- source files ----------------------------------------------------------------


def _ignored(path: Path) -> bool:
    """Emacs lock files (`.#site.yaml`) are dangling links by design, present while a file is edited."""
    return path.name.startswith(".#")


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _check_source_file(path: Path, directory: Path, errors: list[SourceError]) -> bool:
    """Whether `path` may be read: a regular file of sane size inside the source folder.

    A link out of the folder would publish whatever it points to (/etc/passwd on the privacy
    page); a dangling link or a FIFO skipped silently would publish a page without its content.
    """
    where = SourcePosition(path)
    link = f"'{path.name}' is a symbolic link" if path.is_symlink() else None
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        target = os.readlink(path) if path.is_symlink() else path
        errors.append(
            SourceError(
                f"{link or repr(path.name)} to {target}, which does not exist",
                where,
                "point the link at an existing file in the source folder, or remove it",
                quote_source=False,
            )
        )
        return False
    except (RuntimeError, OSError):  # a loop of links: RuntimeError before Python 3.13, OSError (ELOOP) after
        errors.append(
            SourceError(
                f"{link or repr(path.name)} that loops (it leads back to itself)",
                where,
                "replace the link with the file itself",
                quote_source=False,
            )
        )
        return False
    root = directory.resolve()
    if not resolved.is_relative_to(root):
        errors.append(
            SourceError(
                f"'{path.name}' resolves to {resolved}, outside the source folder {root}",
                where,
                "copy the file into the source folder: files outside it are never read or published",
                quote_source=False,
            )
        )
        return False
    info = resolved.stat()
    kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), None)
    if kind is not None or not stat.S_ISREG(info.st_mode):
        errors.append(
            SourceError(
                f"'{path.name}' is {kind or 'not a regular file'}, not a source file",
                where,
                "remove it, or rename it so that its name does not end in .yaml, .yml or .md",
                quote_source=False,
            )
        )
        return False
    if info.st_size > MAX_FILE_BYTES:
        errors.append(_too_large(path, info.st_size))
        return False
    return True


def _too_large(path: Path, size: int) -> SourceError:
    return SourceError(
        f"the file is {size:,} bytes: source files may be at most {MAX_FILE_BYTES:,} bytes (64 MiB)",
        SourcePosition(path),
        "split it into several files, each with its own top-level keys (see docs/limits.md)",
        quote_source=False,
    )


def _read_bytes(path: Path, errors: list[SourceError]) -> bytes | None:
    """The file's bytes, opened without blocking (a FIFO swapped in after the check) and read bounded."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        errors.append(SourceError(f"cannot read the file: {error.strerror}", SourcePosition(path), quote_source=False))
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            errors.append(SourceError("the file is not a regular file", SourcePosition(path), quote_source=False))
            return None
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        errors.append(_too_large(path, len(data)))
        return None
    return data


# --- YAML ---------------------------------------------------------------------


def _decode(path: Path, errors: list[SourceError]) -> str | None:
    data = _read_bytes(path, errors)
    if data is None:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        errors.append(
            SourceError(
                "the file is UTF-16, not UTF-8",
                SourcePosition(path),
                "save the file as UTF-8 (most editors: 'Save with encoding')",
                quote_source=False,
            )
        )
        return None
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
    text = text.removeprefix("\ufeff")
    control = _CONTROL_CHARACTER.search(text)
    if control is not None:
        before = text[: control.start()]
        line = before.count("\n") + 1
        column = control.start() - (before.rfind("\n") + 1) + 1
        errors.append(
            SourceError(
                f"a control character U+{ord(control[0]):04X} is in the text",
                SourcePosition(path, line, column),
                "delete it (it is invisible in most editors: move the cursor over it); "
                "YAML and the pages allow only tab, line feed and carriage return",
            )
        )
        return None
    return text


def _read_yaml_file(path: Path, source_map: SourceMap, errors: list[SourceError]) -> dict[str, Any] | None:
    text = _decode(path, errors)
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
_LONG_BLOCK_PREFIX = re.compile(r"^[ ?:-]{200}", re.MULTILINE)


def _may_nest_deeply(text: str) -> bool:
    """Whether libyaml's composer, which recurses in C (40,000 levels crash it), could nest beyond safety.

    Flow nesting needs a '[' or '{' per level; block nesting needs a column per level or two, so
    a leading run of spaces and indicators ('- ', '? ') as long as the depth. Below both bounds the
    nesting is at most about 4,400 levels, far from a crash, and the fast path composes directly;
    otherwise the event stream is inspected first (a fifth of the load time).
    """
    openers = text.count("[") + text.count("{")
    return openers > _SAFE_OPENERS or _LONG_BLOCK_PREFIX.search(text) is not None


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


def _node_to_data(node: yaml.Node, path: Path, errors: list[SourceError], depth: int, seen: set[yaml.Node]) -> Any:
    """Plain data (dict, list, str, None) from a node; positions stay in the nodes (`SourceMap`).

    `depth` is the node's nesting level (the file's mapping is 1); `seen` holds every node met.
    """
    # The checks of `_check_node`, inline: this runs for every node of a 64 MiB policy.
    if node in seen:  # nodes hash by identity
        raise _NeedsEvents
    seen.add(node)
    if type(node) is yaml.ScalarNode:
        if node.tag != _STR_TAG or len(node.value) > MAX_VALUE_CHARS:
            raise _NeedsEvents
        if node.style is None and node.value in NULL_WORDS:
            return None
        return node.value
    if depth > MAX_DEPTH or node.tag != _NODE_TAGS[type(node)]:
        raise _NeedsEvents
    if isinstance(node, yaml.SequenceNode):
        return [_node_to_data(item, path, errors, depth + 1, seen) for item in node.value]
    result: dict[str, Any] = {}
    key_nodes: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if type(key_node) is yaml.ScalarNode:
            if key_node in seen or key_node.tag != _STR_TAG or len(key_node.value) > MAX_VALUE_CHARS:
                raise _NeedsEvents
            seen.add(key_node)
        else:
            _check_node(key_node, depth + 1, seen)
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
        result[key] = _node_to_data(value_node, path, errors, depth + 1, seen)
    return result


def _top_level_data(
    root: yaml.MappingNode, path: Path, source_map: SourceMap, errors: list[SourceError]
) -> dict[str, Any]:
    """The top-level keys of one file; a key that another file already defines is an error."""
    result: dict[str, Any] = {}
    seen: set[yaml.Node] = set()
    _check_node(root, 1, seen)
    for key_node, value_node in root.value:
        _check_node(key_node, 2, seen)
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
        result[key] = _node_to_data(value_node, path, errors, 2, seen)
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
        if len(text) > MAX_VALUE_CHARS:
            errors.append(
                SourceError(
                    f"the fragment is {len(text):,} characters long: at most {MAX_VALUE_CHARS:,} are allowed",
                    SourcePosition(path),
                    "shorten it: a privacy page is read by visitors",
                    quote_source=False,
                )
            )
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
