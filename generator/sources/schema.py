"""The JSON Schema of the source format, for editors (yaml-language-server) and `policygen schema`."""

from __future__ import annotations

import json

from generator.model import Policy

SCHEMA_ID = "https://github.com/policygen/policygen/policy.schema.json"


def source_schema() -> dict[str, object]:
    schema = Policy.model_json_schema(mode="validation")
    # The loader fills `prose` from Markdown files; it is never written in YAML.
    properties = schema.get("properties")
    if isinstance(properties, dict):
        properties.pop("prose", None)
    # Each YAML file holds only some of the top-level keys, so none is required per file;
    # the loader reports a missing one with its place.
    schema.pop("required", None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "policygen policy source"
    schema["description"] = (
        "A site's policy, written as YAML in policy_src/<site>/ (split over several files, "
        "each top-level key in one file). Fields that GDPR requires in the text may be left out "
        "here; `policygen check` reports them."
    )
    return schema


def source_schema_json() -> str:
    return json.dumps(source_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
