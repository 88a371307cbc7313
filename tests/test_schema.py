"""The committed JSON Schema of the source format is current, and every example file points editors at it."""

from __future__ import annotations

import json
from pathlib import Path

from generator.sources.schema import source_schema_json

REPO = Path(__file__).resolve().parent.parent
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
    for folder in ("jiji-boutique", "jiji-boutique-2019"):
        for path in sorted((POLICY_SRC / folder).glob("*.yaml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar a string
            jsonschema.validate(_typed(data), schema)


def _typed(value: object) -> object:
    """Booleans as booleans (the loader leaves `true` for pydantic; JSON Schema wants a boolean)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if value in ("true", "false"):
        return value == "true"
    return value
