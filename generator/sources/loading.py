"""Read a site's sources (YAML files and Markdown fragments) into a `Policy`.

The steps, each in its own module: which files are read (`files`), YAML with
the place of every value (`yaml_reader`), Markdown fragments (`fragments`),
pydantic's errors put into words (`explain`), and references that must
resolve (`references`). All problems are collected and raised together as
`SourceErrors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import SourceError, SourceErrors, SourcePosition
from generator.model import Policy
from generator.performance import cyclic_garbage_collection_paused
from generator.sources.catalogue import apply_uses
from generator.sources.explain import explain_validation_errors
from generator.sources.files import YAML_SUFFIXES, check_source_file, ignored
from generator.sources.formats import format_problems, read_format
from generator.sources.fragments import read_fragments
from generator.sources.history_files import read_releases
from generator.sources.references import find_reference_errors
from generator.sources.source_map import Path_, SourceMap
from generator.sources.yaml_reader import read_yaml_file


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
        p for p in directory.iterdir() if (p.suffix in YAML_SUFFIXES or p.suffix == ".md") and not ignored(p)
    )
    if not any(p.suffix in YAML_SUFFIXES for p in candidates):
        raise SourceErrors(
            [SourceError(f"no YAML files in {directory}", hint="a policy source is one or more *.yaml files")]
        )
    usable = [p for p in candidates if check_source_file(p, directory, errors)]
    yaml_files = [p for p in usable if p.suffix in YAML_SUFFIXES]
    fragment_files = [p for p in usable if p.suffix == ".md"]

    raw: dict[str, Any] = {}
    for path in yaml_files:
        document = read_yaml_file(path, source_map, errors)
        if document is None:
            continue
        raw.update(document)
    prose = read_fragments(fragment_files, source_map, errors)
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
    apply_uses(raw, source_map, errors)
    if "history" in raw:
        errors.append(
            SourceError(
                "'history' comes from the history/ folder, not from YAML",
                source_map.key_position(("history",)),
                "remove the key: `policygen release` records each published version in history/",
            )
        )
    raw["history"] = read_releases(directory, errors)
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
        explained = explain_validation_errors(error, source_map, skip_missing)
        raise SourceErrors(errors + [_placed(e, yaml_files) for e in explained]) from None
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
