"""Reading consent/config.json as the banner does: each item's texts looked up in `item_texts`.

config.json says each distinct item text once (`generator.site.banner_config.config_file_data`); `read_config`
puts them back into the items, giving the config the build made (`build_consent_config`), so a test can ask
what the banner shows for one item.
"""

from __future__ import annotations

import json
from typing import Any


def read_config(raw: bytes | str) -> dict[str, Any]:
    """config.json with every item's `description` and `details` resolved, `pattern` and `domain` as null when
    left out, in the shape of `build_consent_config` (format 1)."""
    config = json.loads(raw)
    by_language = config.pop("item_texts")
    texts = [dict(zip(by_language, text, strict=True)) for text in zip(*by_language.values(), strict=True)]
    for category in config["categories"]:
        category["items"] = [
            {
                "name": item["name"],
                "pattern": item.get("pattern"),
                "storage": item["storage"],
                "path": item["path"],
                "domain": item.get("domain"),
                "description": texts[item["description"]] if "description" in item else None,
                "details": texts[item["details"]],
            }
            for item in category["items"]
        ]
    config["format"] = 1
    return config
