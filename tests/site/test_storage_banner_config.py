"""The banner tells the visitor, before consent, how long storage without an expiry lives, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from generator.cli import main
from tests.support.config_file import read_config
from tests.support.retention_variant import write_variant


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("storage-banner")
    source = write_variant(folder)
    assert main(["build", str(source), "--out", str(folder / "dist")]) == 0
    return read_config((folder / "dist" / "consent" / "config.json").read_bytes())


def items(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for category in config["categories"] for item in category["items"]}


def test_each_storage_item_says_what_ends_it_and_is_deleted_by_its_exact_key(config: dict[str, Any]) -> None:
    found = items(config)
    assert found["/.__palette"]["details"] == {
        "sv": "Leverantör: Jiji Boutique · Lagringstid: tills vi raderar den · Första part · "
        "Lokal lagring (localStorage)",
        "en": "Provider: Jiji Boutique · Duration: until we delete it · First party · Local storage (localStorage)",
    }
    assert (found["/.__palette"]["storage"], found["/.__palette"]["pattern"]) == ("local_storage", None)
    assert found["jiji-offline"]["details"] == {
        "sv": "Leverantör: Jiji Boutique · Lagringstid: tills du rensar den · Första part · "
        "Databas i webbläsaren (IndexedDB)",
        "en": "Provider: Jiji Boutique · Duration: until you clear it · First party · "
        "Database in the browser (IndexedDB)",
    }
    assert found["jiji_checkout_step"]["details"] == {
        "sv": "Leverantör: Jiji Boutique · Lagringstid: tills du stänger fliken · Första part · "
        "Sessionslagring (sessionStorage)",
        "en": "Provider: Jiji Boutique · Duration: until you close the tab · First party · "
        "Session storage (sessionStorage)",
    }
    assert "Lagringstid: tills du rensar den" in found["jiji_recently_viewed"]["details"]["sv"]


def test_a_session_cookie_still_lives_for_the_session(config: dict[str, Any]) -> None:
    # The page's terminology: "tills du stänger webbläsaren" for a session, not "sessionen".
    assert "Lagringstid: tills du stänger webbläsaren" in items(config)["woocommerce_cart_hash"]["details"]["sv"]


def test_an_item_tells_how_long_its_provider_keeps_what_it_collects(config: dict[str, Any]) -> None:
    """Retention set in the provider's settings is told before consent, on each item the provider sets."""
    for name in ("_ga", "_ga_*"):
        details = items(config)[name]["details"]
        assert details["sv"].endswith(
            " · Klickhistorik på webbplatsen raderas efter 14 månader. Det har vi själva ställt in i Google Analytics."
        )
        assert details["en"].endswith(
            " · Website click history: deleted after 14 months. We set this ourselves in Google Analytics."
        )
    assert "raderas" not in items(config)["jiji_recently_viewed"]["details"]["sv"]
