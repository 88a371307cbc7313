"""Bad retentions per data category and bad storage lifetimes are refused with file:line:col, a fix, exit 2.

And what is right is accepted: a storage key may be any text (`/.__palette`),
localStorage and IndexedDB may live 'until_cleared' or 'until_deleted'.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.support.retention_variant import write_variant

Change = Callable[[dict[str, Any]], None]


def _edit(path: Path, change: Change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _cookie(name: str, **fields: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        next(c for c in data["cookies"] if c["name"] == name).update(fields)

    return change


def _by_category(index: int, remove: tuple[str, ...] = (), **fields: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        purchase = next(a for a in data["activities"] if a["id"] == "online_purchase")
        entry = purchase["retention"]["by_category"][index]
        for key in remove:
            del entry[key]
        entry.update(fields)

    return change


# (file, change, the offending line as written, the message, words of the fix)
CASES = {
    "cookie_until_cleared": (
        "cookies.yaml",
        _cookie("_ga", duration="until_cleared"),
        "duration: until_cleared",
        "a cookie always expires, it cannot be 'until_cleared'",
        "write 'session' or its Max-Age/Expires",
    ),
    "local_storage_for_the_session": (
        "cookies.yaml",
        _cookie("/.__palette", duration="session"),
        "duration: session",
        "local_storage does not end with the session",
        "write 'until_cleared'",
    ),
    "session_storage_until_deleted": (
        "cookies.yaml",
        _cookie("jiji_checkout_step", duration="until_deleted"),
        "duration: until_deleted",
        "sessionStorage is cleared when the tab is closed",
        "write 'session'",
    ),
    "unknown_lifetime": (
        "cookies.yaml",
        _cookie("jiji-offline", duration="forever"),
        "duration: forever",
        "'forever' is not a duration",
        "'until_cleared' (kept until the visitor clears it)",
    ),
    "storage_key_as_cookie_name": (
        "cookies.yaml",
        _cookie("/.__palette", storage="cookie", duration="P1D"),
        "name: /.__palette",
        "'/.__palette' is not a valid cookie name",
        "set storage: local_storage",
    ),
    "two_kinds": (
        "activities.yaml",
        _by_category(0, period="P1D"),
        "- data_categories:",
        "retention is one of period, until or deleted, not period and deleted",
        "not period and deleted",
    ),
    "no_kind": (
        "activities.yaml",
        _by_category(0, remove=("deleted",)),
        "- data_categories:",
        "say how long these data categories are kept",
        "period (e.g. P14M), until (an event) or deleted",
    ),
    "decided_by_without_link": (
        "activities.yaml",
        _by_category(2, remove=("policy_url",)),
        "- data_categories:",
        "add policy_url",
        "the link to the privacy policy",
    ),
    "set_in_and_decided_by": (
        "activities.yaml",
        _by_category(2, set_in="web_platform"),
        "- data_categories:",
        "set_in (you set it in a processor's settings) and decided_by",
        "keep the one that is true",
    ),
    "set_in_a_controller": (
        "activities.yaml",
        _by_category(0, set_in="invoice_provider"),
        "set_in: invoice_provider",
        "set_in names 'invoice_provider', whose role is controller, not processor",
        "'invoice_provider' must be a processor",
    ),
    "decided_by_a_processor": (
        "activities.yaml",
        _by_category(2, decided_by="web_platform"),
        "decided_by: web_platform",
        "decided_by names 'web_platform', whose role is processor, not controller",
        "must be an independent controller",
    ),
    "set_in_not_a_recipient_of_the_activity": (
        "activities.yaml",
        _by_category(0, set_in="analytics"),
        "set_in: analytics",
        "'analytics' is not a recipient of activity 'online_purchase'",
        "add 'analytics' to the activity's recipients",
    ),
    "category_not_in_the_activity": (
        "activities.yaml",
        _by_category(0, data_categories=["click_history"]),
        "- click_history",
        "data category 'click_history' is not processed in activity 'online_purchase'",
        "use one of the activity's data categories",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_with_its_place_and_a_fix(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file, change, line, message, fix = CASES[case]
    source = write_variant(tmp_path)
    _edit(source / file, change)
    lines = (source / file).read_text(encoding="utf-8").splitlines()
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first = err.splitlines()[0]
    place, _, said = first.partition(": error: ")
    path, number, column = place.rsplit(":", 2)
    assert Path(path).name == file
    assert line in lines[int(number) - 1]
    assert int(column) >= 1
    assert message in said
    assert fix in err
    assert err.count(": error: ") == 1


def test_storage_keys_and_lifetimes_without_an_expiry_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_variant(tmp_path)
    assert main(["check", str(source)]) == 0
    out = capsys.readouterr().out
    assert "/.__palette" not in out  # no finding about the key nor its lifetime
