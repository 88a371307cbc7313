"""pydantic's validation errors → messages that say what is wrong, where, and what to write instead."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import SourceError
from generator.i18n import gettext_for
from generator.model import LEGAL_BASIS_NAMES, LegalBasis, Policy
from generator.sources.source_map import Path_, SourceMap


def explain_validation_errors(
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
        if allowed and "sv" in allowed and set(allowed) <= {"sv", "en", "records"}:
            # `{sv: namn, e-post och telefon}`: in YAML's brace form a comma ends the text.
            hint = (hint or "") + (
                "; a comma inside a text in {sv: …, en: …} ends the text: put the text in quotes, "
                'e.g. {sv: "namn, e-post och telefon", en: "name, e-mail and phone"}'
            )
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
