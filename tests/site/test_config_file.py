"""consent/config.json says each item text once: items give its position in `item_texts`, one list per language
(format 3: the banner reads one language)."""

from __future__ import annotations

import json

from generator.build import render_site
from generator.site.banner_config import build_consent_config, config_file_data
from generator.sources.loading import LoadedPolicy
from tests.support.config_file import read_config


def test_each_item_text_is_written_once_and_the_banner_finds_it(example_loaded: LoadedPolicy) -> None:
    raw = render_site(example_loaded.policy, fragments=False)["consent/config.json"]
    written = json.loads(raw)
    assert written["format"] == 3
    assert list(written["item_texts"]) == written["languages"] == ["sv", "en"]
    texts = list(zip(*written["item_texts"].values(), strict=True))  # (sv, en) of each text
    assert len(set(texts)) == len(texts)
    items = [item for category in written["categories"] for item in category["items"]]
    assert all(0 <= item["details"] < len(texts) for item in items)
    assert all("pattern" not in item or item["pattern"] for item in items)  # left out when null
    assert read_config(raw) == build_consent_config(example_loaded.policy)


def test_items_without_a_description_leave_it_out(example_loaded: LoadedPolicy) -> None:
    config = build_consent_config(example_loaded.policy)
    item = config["categories"][0]["items"][0]
    bare = {**config, "categories": [{**config["categories"][0], "items": [{**item, "description": None}]}]}
    written = config_file_data(bare)
    assert "description" not in written["categories"][0]["items"][0]
    assert written["item_texts"] == {language: [item["details"][language]] for language in config["languages"]}
