"""`policygen scan --suggest`: each suggestion, pasted into the example's source, loads (docs/scan.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.errors import SourceErrors
from generator.model import Cookie, Policy, StorageType
from generator.scan.findings import summarize_items
from generator.scan.observations import ItemSighting, Phase, Run, ScanRecord, Sighting, StoredItem
from generator.scan.suggest import suggestions
from generator.sources.loading import load_policy
from generator.texts.cookies import declared_cookies
from tests.conftest import EXAMPLE
from tests.scan.test_scan import make_site, scan, serving

SITE = "http://127.0.0.1:8000/"
DAY = 86400


def record_of(*items: StoredItem) -> ScanRecord:
    record = ScanRecord(start_url=SITE, site_host="127.0.0.1", pages=[SITE])
    for item in items:
        record.items.append(ItemSighting(item, Sighting(Run.accept_all, Phase.after_accept, SITE)))
    return record


def suggested(policy: Policy, *items: StoredItem) -> list[str]:
    record = record_of(*items)
    return suggestions(summarize_items(record, declared_cookies(policy)), policy)


def pasted(tmp_path: Path, snippet: str) -> Path:
    """A copy of the example with the snippet added as an owner would: entries under the existing list."""
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    lines = snippet.splitlines()
    if "cookies:" in lines:
        # cookies.yaml ends with its `cookies:` list: the entries go at its end.
        entries = [line for line in lines if line != "cookies:"]
        with (source / "cookies.yaml").open("a") as file:
            file.write("\n".join(entries) + "\n")
    else:
        (source / "uses.yaml").write_text(snippet + "\n")
    return source


def loaded_cookie(source: Path, name: str, storage: StorageType = StorageType.cookie) -> Cookie:
    policy = load_policy(source).policy
    return next(c for c in policy.cookies if c.name == name and c.storage == storage)


def test_a_known_analytics_name_gets_its_category_and_the_days_the_browser_saw(example: Policy, tmp_path: Path) -> None:
    [snippet] = suggested(example, StoredItem(StorageType.cookie, "_gid", "127.0.0.1", "/", DAY - 30))
    assert "category: statistics" in snippet
    declared = loaded_cookie(pasted(tmp_path, snippet), "_gid")
    assert declared.category == "statistics"
    assert declared.duration == "P1D"


def test_a_catalogue_cookie_suggests_the_service_with_the_policys_purpose(example: Policy, tmp_path: Path) -> None:
    items = (
        StoredItem(StorageType.cookie, "_hjSessionUser_123", "127.0.0.1", "/", 300 * DAY),
        StoredItem(StorageType.cookie, "_hjSession_123", "127.0.0.1", "/", 1800),
    )
    [snippet] = suggested(example, *items)  # one `uses` for both cookies of the service
    assert "uses:\n  - {service: hotjar, purpose: web_analytics}" in snippet
    source = pasted(tmp_path, snippet)
    declared = loaded_cookie(source, "_hjSessionUser_*")
    assert (declared.provider, declared.purpose) == ("hotjar", "web_analytics")
    assert "hotjar" in {r.id for r in load_policy(source).policy.recipients}


def test_a_storage_key_with_slashes_is_quoted_and_loads_unchanged(example: Policy, tmp_path: Path) -> None:
    key = '/.__palette: "dark" #1'
    [snippet] = suggested(example, StoredItem(StorageType.local_storage, key, "127.0.0.1"))
    assert "storage: local_storage" in snippet
    source = pasted(tmp_path, snippet.replace("category:  #", "category: recommendations  #"))
    declared = loaded_cookie(source, key, StorageType.local_storage)
    assert declared.duration == "until_cleared"


def test_an_unknown_name_leaves_the_category_to_the_owner_and_the_loader_says_so(
    example: Policy, tmp_path: Path
) -> None:
    [snippet] = suggested(
        example, StoredItem(StorageType.cookie, "tracker", ".ads.example.com", "/", 90 * DAY, third_party=True)
    )
    assert "category:  # choose one of: necessary, recommendations, statistics" in snippet
    source = pasted(tmp_path, snippet)
    with pytest.raises(SourceErrors) as raised:
        load_policy(source)
    message = raised.value.format()
    assert "cookies.yaml:" in message and "category" in message
    chosen = pasted(tmp_path / "chosen", snippet.replace("category:  #", "category: statistics  #"))
    declared = loaded_cookie(chosen, "tracker")
    assert (declared.domain, declared.party, declared.duration) == (".ads.example.com", "third", "P90D")


def test_declared_items_get_no_suggestion(example: Policy) -> None:
    assert suggested(example, StoredItem(StorageType.cookie, "_ga", "127.0.0.1", "/", 300 * DAY)) == []


@pytest.mark.browser
def test_a_scan_with_suggest_prints_yaml_for_the_undeclared_cookie(
    tmp_path: Path, built_example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path, built_example, "undeclared_cookie")
    with (site / "scripts" / "cart.js").open("a") as script:
        script.write('localStorage.setItem("/.__palette", "dark");\n')
    with serving(site) as url:
        code, out, _ = scan(url, capsys, "--suggest")
        json_code, json_out, _ = scan(url, capsys, "--suggest", "--format", "json")
    assert code == json_code == 1
    report, _, suggestions_text = out.partition("\nSuggestions (2):")
    assert "S-UNDECLARED" in report
    assert 'cookies:\n  - name: "jiji_ab_test"\n    category:  # choose one of' in suggestions_text
    assert "    duration: P30D" in suggestions_text
    assert '  - name: "/.__palette"\n    storage: local_storage' in suggestions_text
    assert len(json.loads(json_out)["suggestions"]) == 2
