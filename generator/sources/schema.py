"""The JSON Schema of the source format, for editors (yaml-language-server) and `policygen schema`."""

from __future__ import annotations

import json

from generator.model import Policy
from generator.sources.catalogue import CATALOGUE_DOC, USES_KEY, service_ids

SCHEMA_ID = "https://github.com/policygen/policygen/policy.schema.json"


def source_schema() -> dict[str, object]:
    schema = Policy.model_json_schema(mode="validation")
    # The loader fills `prose` from Markdown files; it is never written in YAML.
    properties = schema.get("properties")
    if isinstance(properties, dict):
        properties.pop("prose", None)
        properties[USES_KEY] = _uses_schema()
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


def _uses_schema() -> dict[str, object]:
    """`uses`: read by the loader (generator/sources/catalogue.py) before the model sees the source."""
    service = {"type": "string", "enum": service_ids(), "description": "A service of the bundled catalogue."}
    return {
        "type": "array",
        "description": f"Services of the bundled catalogue the site uses; their recipients and cookies are "
        f"added as if written out ({CATALOGUE_DOC}). What the source writes itself wins field by field.",
        "items": {
            "anyOf": [
                service,
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["service"],
                    "properties": {
                        "service": service,
                        "purpose": {"type": "string", "description": "The id of the purpose its cookies serve."},
                        "category": {"type": "string", "description": "The consent category of its cookies."},
                    },
                },
            ]
        },
    }


def source_schema_json() -> str:
    return json.dumps(source_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
