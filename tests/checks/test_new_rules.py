"""The rules of "any small Swedish business, told truthfully": what each accepts and refuses, as an owner sees it.

L-SPEC-2 (a point of Art. 9(2)), L-DPV-1 (a W3C DPV term), L-DATE-1 (a date no
earlier than the acts cited), L-REQ-2 (a duty that falls on the person) and
L-CK-9 (no empty declared category); test_rule_fixtures.py has one broken and
fixed fixture each, these are the variants.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checks import data_flow, known, purposes
from generator.cli import main
from generator.model.dpv import TERMS_FILE, dpv_terms
from generator.site.banner_config import build_banner_config
from generator.site.page import render_privacy_pages
from generator.sources.loading import load_policy
from tests.checks.test_rule_fixtures import BASE, apply
from tests.conftest import FIXTURES

Operations = list[dict[str, Any]]


def write(tmp_path: Path, operations: Operations) -> Path:
    source = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    apply(source, operations)
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "policy.yaml").write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def check(tmp_path: Path, operations: Operations, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`policygen check --strict` on the changed base: exit code and what it prints."""
    code = main(["check", "--strict", str(write(tmp_path, operations))])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    "condition", ["9.2 a", "9.2.a", "9(2)(a)", "Art. 9(2)(h)", "artikel 9.2 j (arkiv och forskning)"]
)
def test_a_point_of_article_9_2_is_accepted(condition: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    special = [
        {"set": "data_categories.2.special_category", "value": True},
        {"set": "data_categories.2.special_category_condition", "value": condition},
    ]
    assert check(tmp_path, special, capsys) == (0, "No findings: the policy is complete and consistent.\n")


@pytest.mark.parametrize("condition", ["samtycke", "6.1 a", "9.2", "9.2 k", "9.1 a"])
def test_anything_else_is_an_error_at_its_line(
    condition: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    special = [
        {"set": "data_categories.2.special_category", "value": True},
        {"set": "data_categories.2.special_category_condition", "value": condition},
    ]
    code, out = check(tmp_path, special, capsys)
    assert code == 1
    assert "policy.yaml:" in out and "error: [L-SPEC-2]" in out and "not a point of Art. 9(2)" in out
    assert "fix: write special_category_condition: the point of Art. 9(2)" in out


def test_an_unknown_dpv_term_is_an_error_with_a_did_you_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = check(tmp_path, [{"set": "activities.0.purposes.0.dpv", "value": "dpv:CustomerOrderManagment"}], capsys)
    assert code == 1
    assert "error: [L-DPV-1] 'dpv:CustomerOrderManagment' is not a term of W3C DPV 2.3" in out
    assert "did you mean dpv:CustomerOrderManagement" in out


def test_every_dpv_term_the_rules_know_is_a_dpv_term() -> None:
    """The rules' own lists use the vocabulary that L-DPV-1 enforces on sources."""
    terms_of_dpv = dpv_terms()
    lists = [
        known.REQUESTED_SERVICE_PURPOSES,
        purposes.SPECIAL_CATEGORY_TERMS,
        known.TRACKING_PURPOSES,
        data_flow.DATA_FROM_OTHERS,
    ]
    assert sorted(term for terms in lists for term in terms if term not in terms_of_dpv) == []


def test_the_shipped_vocabulary_is_the_reference_list() -> None:
    assert TERMS_FILE.read_bytes() == (FIXTURES / "dpv-2.3-terms.txt").read_bytes()


@pytest.mark.parametrize(
    ("last_updated", "code"),
    [("2022-12-31", 1), ("2023-01-01", 0), ("2025-01-15", 0)],
)
def test_a_policy_cannot_be_older_than_the_eu_decision_it_cites(
    last_updated: str, code: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    us_processor = [
        {"set": "policy.last_updated", "value": last_updated},
        {"set": "recipients.2.country", "value": "US"},
        {"set": "recipients.2.transfer", "value": {"mechanism": "adequacy", "decision": "Beslut (EU) 2023/1795"}},
    ]
    assert check(tmp_path, us_processor, capsys)[0] == code


def test_a_cited_sfs_number_in_a_markdown_fragment_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write(tmp_path, [])
    (folder / "security.sv.md").write_text("Vi följer lagen (2024:113) om cybersäkerhet.\n", encoding="utf-8")
    source = yaml.safe_load((folder / "policy.yaml").read_text(encoding="utf-8"))
    source["policy"]["last_updated"] = "2023-06-01"
    (folder / "policy.yaml").write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "security.sv.md" in out and "[L-DATE-1] the policy is dated 2023-06-01 but cites 2024:113" in out


STATUTORY_BOOKKEEPING = {
    "set": "activities.3.provision",
    "value": {"requirement": "statutory", "obligatory": True, "consequence": "Lagen kräver att vi bokför varje köp."},
}


def test_data_obligatory_by_a_duty_of_the_controller_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = check(tmp_path, [STATUTORY_BOOKKEEPING], capsys)
    assert code == 1
    assert "warning: [L-REQ-2] activity 'accounts' says the person is obliged by law" in out
    assert main(["check", str(tmp_path / "policy")]) == 0  # a warning: fails only with --strict


def test_a_duty_of_the_person_clears_it_and_the_page_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    duty = {"set": "activities.3.provision.duty", "value": "Lag (2001:1) om exempelplikt, 3 §."}
    assert check(tmp_path, [STATUTORY_BOOKKEEPING, duty], capsys)[0] == 0
    policy = load_policy(tmp_path / "policy").policy
    page = render_privacy_pages(policy, build_banner_config(policy))["index.html"].decode()
    page = re.sub(r"</?bdi[^>]*>", "", page)  # read as words
    # Art. 13(2)(e) as the answer to the page's question: only a law obliges the person.
    assert "<dt>Måste du lämna uppgifterna?</dt><dd>Ja, enligt Lag (2001:1) om exempelplikt, 3 §. Lagen kräver" in page
