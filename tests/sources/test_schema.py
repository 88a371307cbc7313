"""The committed JSON Schema of the source format is current, and every example file points editors at it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from generator.model import Policy
from generator.model.values import ID_DESCRIPTION
from generator.sources.schema import source_schema_json
from tests.conftest import REPO

POLICY_SRC = REPO / "policy_src"
COMMITTED_SCHEMA = POLICY_SRC / "policy.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../policy.schema.json"


def test_committed_schema_is_current() -> None:
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == source_schema_json(), (
        "policy_src/policy.schema.json is stale: run `make schema` (python -m generator schema > …) and commit it"
    )


def test_every_source_file_starts_with_the_schema_line() -> None:
    files = sorted(POLICY_SRC.glob("*/*.yaml")) + sorted(POLICY_SRC.glob("*/*.yml"))
    assert len(files) >= 10
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == SCHEMA_LINE, f"{path.relative_to(REPO)} does not start with the yaml-language-server line"


def test_schema_describes_the_source_format() -> None:
    schema = json.loads(source_schema_json())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "required" not in schema  # each file holds only some of the top-level keys
    assert "prose" not in schema["properties"]  # comes from Markdown files
    assert {"site", "policy", "controller", "activities", "cookies"} <= set(schema["properties"])
    purpose = schema["$defs"]["Purpose"]
    assert purpose["additionalProperties"] is False
    assert "legal_basis" in purpose["properties"] and "description" in purpose["properties"]["legal_basis"]


def test_the_examples_validate_against_the_schema() -> None:
    """What editors check while the owner types agrees with what the loader accepts."""
    import jsonschema
    import yaml

    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    for folder in sorted(p for p in POLICY_SRC.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar a string
            jsonschema.validate(_typed(data), schema)


def test_the_schema_knows_the_catalogue_services_of_uses() -> None:
    """`uses:` is read by the loader before the model: the editor still knows it, and its service ids."""
    import jsonschema

    schema = _committed_schema()
    jsonschema.validate({"uses": ["google-analytics-4", {"service": "youtube", "purpose": "video"}]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"uses": ["google-analytics-5"]}, schema)


def _typed(value: object) -> object:
    """Booleans as booleans and the format as a number (the loader leaves both for pydantic; JSON Schema types them)."""
    if isinstance(value, dict):
        return {k: int(v) if k == "format" and isinstance(v, str) else _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if value in ("true", "false"):
        return value == "true"
    return value


# --- every field explains itself in the editor --------------------------------


def _properties(node: object, where: str = "") -> Iterator[tuple[str, dict[str, object]]]:
    """Every property of every object in a JSON Schema, with a readable path ("$defs/Cookie.category")."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, schema in properties.items():
                yield f"{where}.{name}", schema
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}" if key != "properties" else where)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value, where)


def _descriptions(node: object) -> Iterator[str]:
    """Every description inside one property's schema: its own, its items', its anyOf members'."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield node["description"]
        for key, value in node.items():
            if key != "properties":  # a nested object's properties are checked on their own
                yield from _descriptions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _descriptions(value)


def _committed_schema() -> dict[str, object]:
    return json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))


def test_every_property_has_its_own_description() -> None:
    """A property that only points at a definition ($ref) would show the definition's text, or nothing."""
    properties = list(_properties(_committed_schema()))
    assert len(properties) >= 150
    missing = [where for where, schema in properties if not str(schema.get("description", "")).strip()]
    assert not missing, f"properties without a description (add Field(description=...)): {missing}"


def test_reference_fields_say_what_they_refer_to() -> None:
    """A field holding another item's id says which list the id comes from, not the generic text of `Id`."""
    properties = dict(_properties(_committed_schema()))
    generic = [where for where, schema in properties.items() if ID_DESCRIPTION in _descriptions(schema)]
    assert generic, "the id fields themselves keep the generic description"
    assert all(where.endswith(".id") for where in generic), f"reference fields showing the generic id text: {generic}"

    def texts(where: str) -> str:
        return " ".join(_descriptions(properties[where]))

    references = {
        "/$defs/ProcessingActivity.recipients": "`recipients`",
        "/$defs/ProcessingActivity.data_categories": "`data_categories`",
        "/$defs/ProcessingActivity.data_subjects": "`data_subjects`",
        "/$defs/ConditionalData.data_categories": "`data_categories`",
        "/$defs/DataSource.data_categories": "`data_categories`",
        "/$defs/Cookie.category": "`consent_categories`",
        "/$defs/Cookie.purpose": "`purposes`",
        "/$defs/Cookie.provider": "`recipients`",
    }
    for where, target in references.items():
        assert target in texts(where), f"{where} does not say it refers to {target}: {texts(where)!r}"


def test_every_model_field_has_a_description() -> None:
    """Also the fields the schema leaves out (prose comes from Markdown files)."""
    seen: set[type[BaseModel]] = set()
    missing: list[str] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in model.model_fields.items():
            if not (field.description or "").strip():
                missing.append(f"{model.__name__}.{name}")
            for nested in _models_in(field.annotation):
                visit(nested)

    visit(Policy)
    assert len(seen) >= 25
    assert not missing, f"model fields without a description: {missing}"


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in getattr(annotation, "__args__", ()):
        yield from _models_in(argument)
    for extra in getattr(annotation, "__metadata__", ()):
        yield from _models_in(extra)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from _models_in(origin)
