"""Markdown fragments (`<key>.<lang>.md`) → the policy's prose, links checked with their place."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from generator.errors import SourceError, SourcePosition
from generator.model import LANGUAGES, Prose
from generator.sources.files import MAX_VALUE_CHARS, decode
from generator.sources.links import find_unsafe_links
from generator.sources.source_map import SourceMap


def read_fragments(files: list[Path], source_map: SourceMap, errors: list[SourceError]) -> dict[str, Any]:
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
        text = decode(path, errors)
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
