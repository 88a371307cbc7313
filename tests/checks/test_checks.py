"""`policygen check`: every rule trips on a small source and passes on its neighbour; the CLI's output and exit codes.

Each case takes the clean policy `fixtures/checks/base.yaml`, changes one thing
(`change`, `remove`, `add`), writes it as YAML, loads it the way the CLI does,
and looks for the rule's finding: with the expected severity, and placed in the
source file (so the owner sees file:line:col).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.checks.findings import PlacedFinding, Severity, place
from generator.checks.registry import RULES, check_policy
from generator.cli import main
from generator.sources.loading import load_policy
from tests.conftest import FIXTURES, REPO

BASE = FIXTURES / "checks" / "base.yaml"
CHECKS_DOC = REPO / "docs" / "checks.md"

Source = dict[str, Any]
Mutation = Callable[[Source], None]


# --- changing the base policy -------------------------------------------------------


def _walk(source: Source, path: str) -> tuple[Any, str | int]:
    """The container that holds the last segment of a dotted path, and that segment."""
    segments: list[str | int] = [int(s) if s.isdigit() else s for s in path.split(".")]
    node: Any = source
    for segment in segments[:-1]:
        node = node[segment]
    return node, segments[-1]


def change(path: str, value: Any) -> Mutation:
    def apply(source: Source) -> None:
        node, last = _walk(source, path)
        node[last] = copy.deepcopy(value)

    return apply


def remove(path: str) -> Mutation:
    def apply(source: Source) -> None:
        node, last = _walk(source, path)
        del node[last]

    return apply


def add(path: str, item: Any) -> Mutation:
    def apply(source: Source) -> None:
        node, last = _walk(source, path)
        node[last].append(copy.deepcopy(item))

    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(source: Source) -> None:
        for mutation in mutations:
            mutation(source)

    return apply


def unchanged(source: Source) -> None:
    """The base as it is."""


@dataclass(frozen=True)
class Case:
    rule: str
    what: str
    mutation: Mutation
    severity: Severity = Severity.error

    def __str__(self) -> str:
        return f"{self.rule}: {self.what}"


def check_source(tmp_path: Path, mutation: Mutation) -> list[PlacedFinding]:
    """Write the changed base into a source folder, load it like the CLI does and check it."""
    source = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    mutation(source)
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "policy.yaml").write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_policy(folder)
    return place(check_policy(loaded.policy), loaded.source_map)


WARNING = Severity.warning
US_CONTROLLER = change("controller.address.country", "US")
NEWSLETTER_ON_INTEREST = both(
    change("activities.1.purposes.0.legal_basis", "legitimate_interests"),
    change("activities.1.purposes.0.legitimate_interest", "Vårt intresse av att marknadsföra våra varor."),
    change("activities.1.purposes.0.balancing_test", "Intresseavvägning nyhetsbrev"),
)

TRIPS = [
    Case("L-CTRL-1", "no organisation or VAT number", remove("controller.org_number")),
    Case("L-CTRL-1", "no postal address", remove("controller.address")),
    Case("L-CTRL-1", "no e-mail address", remove("controller.email")),
    Case("L-CTRL-2", "a US controller without an EU representative", US_CONTROLLER),
    Case("L-DPO-1", "a DPO without contact details", change("controller.dpo", {"name": "Anna Andersson"})),
    Case(
        "L-JC-1",
        "a joint controller without the arrangement",
        change("controller.joint_controllers", [{"name": "Partner AB", "email": "info@partner.se"}]),
    ),
    Case("L-CAT-1", "an activity without data subjects", change("activities.0.data_subjects", [])),
    Case("L-CAT-1", "an activity without data categories", change("activities.1.data_categories", [])),
    Case("L-PUR-1", "a purpose without legal basis", remove("activities.0.purposes.0.legal_basis")),
    Case("L-PUR-1", "an activity without purposes", change("activities.3.purposes", [])),
    Case(
        "L-PUR-2",
        "'a better experience'",
        change("activities.0.purposes.0.description", "Ge dig en bättre upplevelse."),
        WARNING,
    ),
    Case("L-PUR-2", "a purpose of one word", change("activities.1.purposes.0.description", "Marknadsföring."), WARNING),
    Case("L-LI-1", "legitimate interests without the interest", remove("activities.0.purposes.1.legitimate_interest")),
    Case("L-LI-1", "legitimate interests without a balancing test", remove("activities.0.purposes.1.balancing_test")),
    Case("L-LO-1", "a legal obligation without the law", remove("activities.3.purposes.0.legal_obligation")),
    Case("L-CONS-1", "consent with no way to withdraw it", change("rights.channels", [])),
    Case(
        "L-CHILD-1", "a newsletter to customers who include children", change("data_subjects.0.children", True), WARNING
    ),
    Case(
        "L-CONS-3",
        "a newsletter that does not say how to withdraw its consent",
        remove("activities.1.purposes.0.withdrawal"),
        WARNING,
    ),
    Case(
        "L-CONS-2",
        "consent for data the person must provide",
        change("activities.0.purposes.0.legal_basis", "consent"),
    ),
    Case(
        "L-CONS-2",
        "consent for the account the person asked for",
        change("activities.1.purposes.0.dpv", "dpv:AccountManagement"),
        WARNING,
    ),
    Case("L-SPEC-1", "health data not marked as special", change("data_categories.2.dpv", "pd:Health")),
    Case(
        "L-SPEC-1",
        "special-category data without an Art. 9(2) condition",
        change("data_categories.2.special_category", True),
    ),
    Case("L-MKT-1", "an e-mail newsletter on legitimate interests", NEWSLETTER_ON_INTEREST),
    Case("L-REC-1", "an activity without recipients", change("activities.0.recipients", [])),
    Case("L-REC-1", "an activity with staff only", change("activities.0.recipients", ["staff"]), WARNING),
    Case(
        "L-REC-1",
        "no outside recipients said, yet an outside one named",
        change("activities.0.no_outside_recipients", True),
    ),
    Case("L-TR-1", "a processor without a country", remove("recipients.1.country")),
    Case("L-TR-1", "a US processor without a transfer mechanism", change("recipients.2.country", "US")),
    Case(
        "L-TR-1",
        "standard contractual clauses without where to get a copy",
        both(change("recipients.2.country", "US"), change("recipients.2.transfer", {"mechanism": "scc"})),
    ),
    Case(
        "L-TR-1",
        "an adequacy decision that is not named",
        both(change("recipients.2.country", "US"), change("recipients.2.transfer", {"mechanism": "adequacy"})),
    ),
    Case(
        "L-TR-2",
        "an onward transfer to the USA without a mechanism",
        change("recipients.2.onward_transfers", [{"to": "Google LLC", "country": "US"}]),
    ),
    Case("L-RET-1", "no retention", remove("activities.0.retention")),
    Case("L-RET-1", "'as long as necessary'", change("activities.1.retention", {"until": "så länge som nödvändigt"})),
    Case(
        "L-RET-1",
        "'as long as you are an active customer'",
        change("activities.1.retention", {"until": "så länge du är en aktiv kund"}),
    ),
    Case(
        "L-RET-2",
        "accounting records kept five years",
        change("activities.3.retention", {"period": "P5Y", "counted_from": "köpet"}),
    ),
    Case("L-RET-3", "a period without its start", remove("activities.0.retention.counted_from"), WARNING),
    Case(
        "L-RET-3",
        "an exception without how long",
        remove("activities.0.retention.exceptions.0.retention"),
        WARNING,
    ),
    Case("L-REQ-1", "no statement whether the data is required", remove("activities.0.provision")),
    Case("L-REQ-1", "required data without the consequence", remove("activities.0.provision.consequence")),
    Case("L-SRC-1", "credit information without a source", change("activities.0.sources", []), WARNING),
    Case("L-SRC-2", "a source that names no data", change("activities.0.sources.0.data_categories", [])),
    Case(
        "L-ADM-1",
        "an automated decision without logic, significance and consequences",
        change("activities.0.automated_decisions", [{"description": "Automatisk kreditprövning"}]),
    ),
    Case("L-ADM-2", "no statement on automated decisions", remove("activities.0.automated_decisions"), WARNING),
    Case("L-RIGHTS-1", "no way to use the rights", change("rights.channels", [])),
    Case("L-RIGHTS-1", "an answer time of two months", change("rights.response_time", "P2M")),
    Case(
        "L-RIGHTS-4",
        "direct marketing without how to opt out",
        both(remove("rights.object"), remove("activities.1.purposes.0.withdrawal")),
    ),
    Case(
        "L-RIGHTS-3",
        "erasure refused without a reason",
        remove("activities.0.right_exceptions.0.reason"),
        WARNING,
    ),
    Case(
        "L-SA-1",
        "an authority without an address",
        change("supervisory_authority", {"name": "Integritetsskyddsmyndigheten", "website": "https://www.imy.se/"}),
    ),
    Case(
        "L-SA-1",
        "an authority without a web address",
        change("supervisory_authority", {"name": "IMY", "address": "Box 8114, 104 20 Stockholm"}),
    ),
    Case("L-CK-1", "a statistics cookie serving legitimate interests", change("cookies.1.purpose", "debt_collection")),
    Case(
        "L-CK-1",
        "a consent category that is always on",
        change("consent_categories", [{"id": "necessary", "required": True}, {"id": "statistics", "required": True}]),
    ),
    Case("L-CK-2", "a cookie without duration", remove("cookies.0.duration")),
    Case("L-CK-2", "a cookie without third-party access", remove("cookies.0.third_party_access")),
    Case("L-CK-2", "a cookie without purpose", remove("cookies.1.purpose")),
    Case(
        "L-CK-2", "a provider's cookie that claims no third-party access", change("cookies.1.third_party_access", False)
    ),
    Case("L-CK-2", "a third-party cookie without provider", change("cookies.0.party", "third")),
    Case("L-CK-3", "_ga declared necessary", change("cookies.1.category", "necessary")),
    Case("L-CK-3", "_hjSession_123 declared necessary", change("cookies.0.name", "_hjSession_123")),
    Case("L-CK-3", "a necessary cookie serving a consent-based purpose", change("cookies.0.purpose", "newsletter")),
    Case("L-CK-3", "a necessary cookie without justification", remove("cookies.0.necessity_justification")),
    Case("L-CK-4", "an HttpOnly statistics cookie", change("cookies.1.http_only", True), WARNING),
    Case("L-CK-4", "a third-party statistics cookie", change("cookies.1.party", "third"), WARNING),
    Case(
        "L-CK-8",
        "a .facebook.com cookie declared first party",
        both(change("cookies.1.domain", ".facebook.com"), change("cookies.1.party", "first")),
    ),
    Case("L-CK-5", "the choice kept two years", change("site.consent_lifetime", "P2Y")),
    Case("L-CK-6", "a statistics cookie that lives two years", change("cookies.1.duration", "P2Y"), WARNING),
    Case("L-CK-7", "the Meta pixel's _fbp in statistics", change("cookies.1.name", "_fbp"), WARNING),
    Case("L-REC-2", "a cookie provider that is no recipient", change("activities.2.recipients", ["staff", "hosting"])),
    Case(
        "L-SEC-1",
        "'protected by SSL'",
        change("controller.security_measures", ["Vi skyddar dina uppgifter med SSL."]),
        WARNING,
    ),
    Case("L-SEC-2", "no security measures", remove("controller.security_measures"), WARNING),
    Case("L-LANG-1", "English listed, texts only in Swedish", change("site.languages", ["sv", "en"]), WARNING),
    Case("L-ACT-1", "no activity at all", both(change("activities", []), change("cookies", []))),
    Case("L-TODO-1", "a placeholder left by init", change("controller.name", "[fyll i: företagets namn]")),
    Case("L-TODO-1", "a placeholder web address left by init", change("site.base_url", "https://fyll-i.example/")),
    Case(
        "L-REF-1",
        "a recipient nothing uses",
        add("recipients", {"id": "printer", "label": "Tryckeri", "role": "processor", "country": "SE"}),
        WARNING,
    ),
]

PASSES = [
    Case(
        "L-CTRL-1",
        "a VAT number instead of an organisation number",
        both(remove("controller.org_number"), change("controller.vat_number", "SE556000000001")),
    ),
    Case(
        "L-CTRL-1",
        "a sole trader named by its owner, without a number (its organisation number is a personnummer)",
        both(remove("controller.org_number"), change("controller.owner", "Lina Berg")),
    ),
    Case(
        "L-CTRL-2",
        "a US controller with an EU representative",
        both(US_CONTROLLER, change("controller.representative", {"name": "EU-ombud AB", "email": "ombud@example.se"})),
    ),
    Case("L-DPO-1", "a DPO with an e-mail address only", change("controller.dpo", {"email": "dpo@example.se"})),
    Case(
        "L-JC-1",
        "a joint controller with the arrangement",
        change(
            "controller.joint_controllers",
            [{"name": "Partner AB", "email": "info@partner.se", "responsibilities": "Partner AB svarar på frågor."}],
        ),
    ),
    Case(
        "L-CAT-1",
        "data categories only in a condition",
        both(
            change("activities.1.data_categories", []),
            change(
                "activities.1.conditional_data", [{"condition": "Om du prenumererar", "data_categories": ["contact"]}]
            ),
        ),
    ),
    Case("L-PUR-1", "every purpose with its basis", unchanged),
    Case(
        "L-PUR-2",
        "a short but specific purpose",
        change("activities.0.purposes.0.description", "Hantera din betalning."),
    ),
    Case("L-LI-1", "legitimate interests with interest and balancing test", unchanged),
    Case("L-LO-1", "the law cited", unchanged),
    Case(
        "L-CONS-1",
        "a withdrawal channel of its own",
        both(
            change("rights.channels", []),
            change("rights.withdraw_consent", {"channels": [{"url": "https://shop.example.se/konto/"}]}),
        ),
    ),
    Case("L-CONS-3", "a newsletter that says how to unsubscribe", unchanged),
    Case(
        "L-CHILD-1",
        "children whose guardian consents below 13",
        both(
            change("data_subjects.0.children", True),
            change("activities.1.purposes.0.children", {"approach": "guardian_consent", "how": "Via BankID."}),
            change("activities.2.purposes.0.children", {"approach": "guardian_consent", "how": "I bannern."}),
        ),
    ),
    Case("L-CONS-2", "consent for a voluntary newsletter", unchanged),
    Case(
        "L-SPEC-1",
        "health data with an Art. 9(2) condition",
        both(
            change("data_categories.2.dpv", "pd:Health"),
            change("data_categories.2.special_category", True),
            change("data_categories.2.special_category_condition", "9.2 a"),
        ),
    ),
    Case(
        "L-MKT-1",
        "e-mail to existing customers under the marketing act's exception",
        both(
            NEWSLETTER_ON_INTEREST,
            change(
                "activities.1.purposes.0.legitimate_interest",
                "Erbjudanden om liknande varor till befintliga kunder enligt 19 § marknadsföringslagen.",
            ),
        ),
    ),
    Case(
        "L-MKT-1",
        "postal marketing on legitimate interests",
        both(NEWSLETTER_ON_INTEREST, change("activities.1.purposes.0.description", "Skicka kataloger per post.")),
    ),
    Case("L-REC-1", "a processor among the recipients", unchanged),
    Case(
        "L-REC-1",
        "staff only, the owner having checked that no one outside gets the data",
        both(change("activities.0.recipients", ["staff"]), change("activities.0.no_outside_recipients", True)),
    ),
    Case(
        "L-REC-1",
        "no recipients at all, checked",
        both(change("activities.0.recipients", []), change("activities.0.no_outside_recipients", True)),
    ),
    Case(
        "L-TR-1",
        "a US processor under the Data Privacy Framework",
        both(
            change("recipients.2.country", "US"),
            change("recipients.2.transfer", {"mechanism": "adequacy", "decision": "(EU) 2023/1795"}),
        ),
    ),
    Case(
        "L-TR-1",
        "standard contractual clauses with where to get a copy",
        both(
            change("recipients.2.country", "US"),
            change("recipients.2.transfer", {"mechanism": "scc", "copy_at": "info@example.se"}),
        ),
    ),
    Case("L-TR-1", "internal staff need no country", unchanged),
    Case(
        "L-RET-1",
        "until the account is closed",
        change("activities.1.retention", {"until": "så länge du har ett aktivt konto"}),
    ),
    Case("L-RET-2", "the built-in bookkeeping rule", unchanged),
    Case(
        "L-RET-2",
        "a legal rule of one's own citing the Bookkeeping Act",
        change(
            "activities.3.retention",
            {
                "legal_rule": {
                    "reference": "7 kap. 2 § bokföringslagen (1999:1078)",
                    "description": "till och med det sjunde året efter utgången av det kalenderår "
                    "då räkenskapsåret avslutades",
                }
            },
        ),
    ),
    Case("L-RET-3", "a period with its start, exceptions with their time", unchanged),
    Case("L-REQ-1", "voluntary data without a consequence", unchanged),
    Case("L-SRC-1", "credit information with its source", unchanged),
    Case("L-SRC-2", "a source that names its data", unchanged),
    Case(
        "L-ADM-1",
        "an automated decision explained",
        change(
            "activities.0.automated_decisions",
            [
                {
                    "description": "Automatisk kreditprövning",
                    "logic": "Betalningshistorik och belopp",
                    "significance": "Avgör om du kan betala mot faktura",
                    "consequences": "Du kan betala med kort i stället",
                }
            ],
        ),
    ),
    Case("L-ADM-2", "an empty list: no automated decisions", unchanged),
    Case("L-RIGHTS-1", "one channel for every right", unchanged),
    Case("L-RIGHTS-4", "opt out by e-mail", change("rights.object", {"channels": [{"email": "info@example.se"}]})),
    Case("L-RIGHTS-4", "the newsletter consent's withdrawal is the opt-out", remove("rights.object")),
    Case("L-RIGHTS-3", "a refusal with its reason", unchanged),
    Case("L-SA-1", "IMY by default", unchanged),
    Case(
        "L-SA-1",
        "an authority with address and web address",
        change(
            "supervisory_authority",
            {"name": "IMY", "address": "Box 8114, 104 20 Stockholm", "website": "https://www.imy.se/"},
        ),
    ),
    Case("L-CK-1", "a statistics cookie serving a consent-based purpose", unchanged),
    Case("L-CK-2", "cookies fully declared", unchanged),
    Case("L-CK-3", "a justified cart cookie", unchanged),
    Case("L-CK-4", "an HttpOnly necessary cookie", change("cookies.0.http_only", True)),
    Case("L-CK-5", "the choice kept 13 months", change("site.consent_lifetime", "P13M")),
    Case("L-CK-6", "a necessary cookie that lives two years", change("cookies.0.duration", "P2Y")),
    Case(
        "L-CK-6",
        "an embed's cookie on its own company's domain, which the owner cannot shorten",
        both(change("cookies.1.duration", "P9Y"), change("cookies.1.domain", ".instagram.com")),
    ),
    Case(
        "L-CK-7", "_fbp in marketing", both(change("cookies.1.name", "_fbp"), change("cookies.1.category", "marketing"))
    ),
    Case("L-REC-2", "the cookie provider among the recipients", unchanged),
    Case(
        "L-CK-8",
        "a .facebook.com cookie with its party left to the domain",
        change("cookies.1.domain", ".facebook.com"),
    ),
    Case(
        "L-TR-2",
        "an onward transfer under the Data Privacy Framework",
        change(
            "recipients.2.onward_transfers",
            [{"to": "Google LLC", "country": "US", "mechanism": "adequacy", "decision": "(EU) 2023/1795"}],
        ),
    ),
    Case("L-SEC-1", "TLS", unchanged),
    Case(
        "L-SEC-2",
        "measures of an activity",
        both(
            remove("controller.security_measures"),
            change("activities.0.security_measures", ["Åtkomst med personlig inloggning."]),
        ),
    ),
    Case("L-LANG-1", "a Swedish-only site", unchanged),
    Case("L-REF-1", "every definition used", unchanged),
    Case("L-ACT-1", "activities described", unchanged),
    Case("L-TODO-1", "every fact given", unchanged),
]


@pytest.mark.parametrize("case", TRIPS, ids=str)
def test_rule_trips(case: Case, tmp_path: Path) -> None:
    placed = check_source(tmp_path, case.mutation)
    found = [p for p in placed if p.finding.rule == case.rule]
    assert found, f"{case.rule} did not trip; found {[p.finding.rule for p in placed]}"
    assert case.severity in {p.finding.severity for p in found}
    for p in found:
        assert p.position is not None and p.position.file.name == "policy.yaml", p.finding
        assert p.finding.fix and p.finding.article


@pytest.mark.parametrize("case", PASSES, ids=str)
def test_rule_passes(case: Case, tmp_path: Path) -> None:
    placed = check_source(tmp_path, case.mutation)
    assert [p.finding.message for p in placed if p.finding.rule == case.rule] == []


def test_the_base_policy_is_clean(tmp_path: Path) -> None:
    assert check_source(tmp_path, unchanged) == []


def test_every_case_names_a_rule_of_the_registry() -> None:
    """Every rule's fixture, and its fix, is tested in test_rule_fixtures.py; the cases here add more variants."""
    ids = {rule.id for rule in RULES}
    assert {c.rule for c in TRIPS} <= ids
    assert {c.rule for c in PASSES} <= ids


def test_rule_ids_are_unique_and_documented_in_order() -> None:
    """docs/checks.md lists every rule, in pipeline order, with its severity."""
    rows = re.findall(r"^\| (L-[A-Z]+-\d+) \| (\w+)", CHECKS_DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert rows == [(rule.id, rule.severity.value) for rule in RULES]


def test_every_rule_states_its_article_and_summary() -> None:
    for rule in RULES:
        assert rule.article and rule.summary.endswith("."), rule.id


# --- the command line ------------------------------------------------------------------------


def write_source(tmp_path: Path, mutation: Mutation) -> Path:
    source = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    mutation(source)
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / "policy.yaml").write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def test_clean_policy_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(write_source(tmp_path, unchanged))]) == 0
    assert "No findings" in capsys.readouterr().out


def test_errors_exit_1_with_place_article_and_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_source(tmp_path, remove("activities.0.purposes.0.legal_basis"))
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    line = next(
        n for n, text in enumerate((folder / "policy.yaml").read_text().splitlines(), 1) if "order_handling" in text
    )
    assert f"policy/policy.yaml:{line}:" in out
    assert "error: [L-PUR-1] purpose 'order_handling'" in out
    assert "rests on: GDPR Art. 13(1)(c)" in out
    assert "fix: add legal_basis:" in out
    assert "1 error(s), 0 warning(s)." in out


def test_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_source(tmp_path, remove("activities.0.automated_decisions"))
    assert main(["check", str(folder)]) == 0
    assert "warning: [L-ADM-2]" in capsys.readouterr().out
    assert main(["check", "--strict", str(folder)]) == 1


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_source(tmp_path, both(remove("activities.0.automated_decisions"), remove("controller.email")))
    assert main(["check", "--format", "json", str(folder)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"] == {"errors": 1, "warnings": 1}
    first, second = report["findings"]
    assert (first["rule"], first["severity"]) == ("L-CTRL-1", "error")
    assert (second["rule"], second["severity"]) == ("L-ADM-2", "warning")
    assert second["path"] == "activities.0"
    assert second["file"].endswith("policy.yaml") and second["line"] > 1 and second["column"] >= 1
    assert {"article", "message", "fix"} <= set(first)
