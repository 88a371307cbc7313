"""Every rule of the registry trips on a fixture, and its own suggested fix clears it without tripping another.

Each rule has one file `fixtures/checks/rules/<RULE>.yaml` holding cases. A case
changes the clean base policy (`fixtures/checks/base.yaml`) with `broken`, a
list of `set`/`remove`/`append` operations on dotted paths, so that the rule
trips; then it applies `fixed` to that broken source: what the rule's `fix`
text tells the owner to do. The fixed source must raise no finding at all, so
that no two rules give fixes that contradict each other (the owner would go
round in circles), and every key that `fixed` writes must be named in the fix
text, so that the fixture follows the rule's advice and not a fix of its own.
A new rule without a fixture file fails `test_every_rule_has_a_fixture`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checks.findings import PlacedFinding, Severity, place
from generator.checks.registry import RULES, check_policy
from generator.sources.loading import load_policy
from tests.conftest import FIXTURES

BASE = FIXTURES / "checks" / "base.yaml"
RULE_FIXTURES = FIXTURES / "checks" / "rules"
RULES_BY_ID = {rule.id: rule for rule in RULES}

Source = dict[str, Any]


def _segments(path: str) -> list[str | int]:
    return [int(s) if s.isdigit() else s for s in path.split(".")]


def apply(source: Source, operations: list[dict[str, Any]]) -> None:
    """Apply `set`, `remove` and `append` operations (dotted paths, list indexes as numbers) in order."""
    for operation in operations:
        (kind,) = {"set", "remove", "append"} & operation.keys()
        *parents, last = _segments(operation[kind])
        node: Any = source
        for segment in parents:
            node = node[segment]
        if kind == "set":
            if isinstance(node, list) and last == len(node):
                node.append(None)
            node[last] = copy.deepcopy(operation["value"])
        elif kind == "remove":
            del node[last]
        else:
            node[last].append(copy.deepcopy(operation["value"]))


def written_keys(operations: list[dict[str, Any]]) -> set[str]:
    """The key each operation writes: the last path segment that is not a list index."""
    keys = set()
    for operation in operations:
        (kind,) = {"set", "remove", "append"} & operation.keys()
        keys.add(next(s for s in reversed(_segments(operation[kind])) if isinstance(s, str)))
    return keys


def check_source(tmp_path: Path, source: Source) -> list[PlacedFinding]:
    """Write the source as one YAML file, load it as the CLI does and check it."""
    folder = tmp_path / "policy"
    folder.mkdir(parents=True)
    text = yaml.safe_dump(source, allow_unicode=True, sort_keys=False)
    (folder / "policy.yaml").write_text(text, encoding="utf-8")
    loaded = load_policy(folder)
    return place(check_policy(loaded.policy), loaded.source_map)


def fixture_cases() -> list[Any]:
    cases = []
    for path in sorted(RULE_FIXTURES.glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            cases.append(pytest.param(path.stem, case, id=f"{path.stem}[{index}]: {case['what']}"))
    return cases


def test_every_rule_has_a_fixture_and_every_fixture_a_rule() -> None:
    files = {path.stem for path in RULE_FIXTURES.glob("*.yaml")}
    assert sorted(RULES_BY_ID.keys() - files) == [], "rules without a fixture file in tests/fixtures/checks/rules/"
    assert sorted(files - RULES_BY_ID.keys()) == [], "fixture files of rules that are not in the registry"


def test_the_base_is_clean(tmp_path: Path) -> None:
    assert check_source(tmp_path, yaml.safe_load(BASE.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(("rule_id", "case"), fixture_cases())
def test_the_rule_trips_and_its_own_fix_clears_it_without_another_finding(
    rule_id: str, case: dict[str, Any], tmp_path: Path
) -> None:
    rule = RULES_BY_ID[rule_id]
    source = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    apply(source, case["broken"])
    broken = [p for p in check_source(tmp_path / "broken", source) if p.finding.rule == rule_id]
    assert broken, f"{rule_id} did not trip on the broken fixture"
    assert Severity(case.get("severity", rule.severity)) in {p.finding.severity for p in broken}
    for placed in broken:  # the owner sees where: file:line:col in the source
        assert placed.position is not None and placed.position.file.name == "policy.yaml", placed.finding

    fixes = " ".join(p.finding.fix for p in broken)
    unnamed = sorted(key for key in written_keys(case["fixed"]) if key not in fixes)
    assert unnamed == [], f"the fixed fixture writes {unnamed}, which {rule_id}'s fix does not name: {fixes}"

    apply(source, case["fixed"])
    after = check_source(tmp_path / "fixed", source)
    assert [(p.finding.rule, p.finding.severity.value, p.finding.message) for p in after] == [], (
        f"following {rule_id}'s fix ({fixes}) leaves these findings"
    )
