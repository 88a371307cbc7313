"""Ids are unique and every reference resolves, else the policy cannot be rendered (a load error, exit 2)."""

from __future__ import annotations

from typing import Any

from generator.model import Policy
from generator.sources.references import Problem, find_reference_errors


def policy(**extra: Any) -> Policy:
    """A small valid policy with one of everything that can be referred to, plus `extra` top-level keys."""
    source: dict[str, Any] = {
        "site": {"base_url": "https://shop.example.se/"},
        "policy": {"version": "1", "last_updated": "2024-01-15"},
        "controller": {"name": "Exempelbutiken"},
        "data_subjects": [{"id": "customers", "label": "Kunder"}],
        "data_categories": [{"id": "contact", "label": "Kontaktuppgifter"}],
        "recipients": [{"id": "hosting", "label": "Webbhotell", "role": "processor"}],
        "activities": [
            {
                "id": "orders",
                "name": "Köp",
                "purposes": [{"id": "order_handling", "description": "Hantera din beställning."}],
                "data_subjects": ["customers"],
                "data_categories": ["contact"],
                "recipients": ["hosting"],
            }
        ],
    }
    source.update(extra)
    return Policy.model_validate(source)


def messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


def test_a_consistent_policy_has_no_problems() -> None:
    assert find_reference_errors(policy()) == []


def test_a_duplicate_id_names_both_places() -> None:
    categories = [{"id": "contact", "label": "Kontakt"}, {"id": "contact", "label": "E-post"}]
    [problem] = find_reference_errors(policy(data_categories=categories))
    assert problem.message == "data category 'contact' is defined twice"
    assert problem.path == ("data_categories", 1, "id")
    assert problem.first == ("data_categories", 0, "id")


def test_a_purpose_id_is_unique_across_activities() -> None:
    base = policy().activities[0].model_dump(mode="json", exclude_none=True)
    second = {**base, "id": "returns"}
    problems = find_reference_errors(policy(activities=[base, second]))
    assert messages(problems) == ["purpose 'order_handling' is defined twice"]


def test_a_cookie_is_declared_once_per_storage() -> None:
    cookie = {"name": "cart", "category": "necessary"}
    assert messages(find_reference_errors(policy(cookies=[cookie, cookie]))) == [
        "cookie 'cart (cookie)' is defined twice"
    ]
    other = {**cookie, "storage": "local_storage"}
    assert find_reference_errors(policy(cookies=[cookie, other])) == []


def test_dangling_references_in_an_activity_with_did_you_mean() -> None:
    activity = policy().activities[0].model_dump(mode="json", exclude_none=True)
    activity |= {"data_subjects": ["customer"], "data_categories": ["contacts"], "recipients": ["hostng"]}
    problems = find_reference_errors(policy(activities=[activity]))
    assert messages(problems) == [
        "unknown data subject category 'customer'",
        "unknown data category 'contacts'",
        "unknown recipient 'hostng'",
    ]
    assert problems[0].path == ("activities", 0, "data_subjects", 0)
    assert problems[2].hint.startswith("did you mean 'hosting'? define it, or use one of: hosting")


def test_dangling_references_of_conditional_data_and_sources() -> None:
    activity = policy().activities[0].model_dump(mode="json", exclude_none=True)
    activity["conditional_data"] = [{"condition": "Om du har ett konto", "data_categories": ["account"]}]
    activity["sources"] = [{"description": "Kreditupplysningsföretag", "data_categories": ["credit"]}]
    problems = find_reference_errors(policy(activities=[activity]))
    assert [p.path for p in problems] == [
        ("activities", 0, "conditional_data", 0, "data_categories", 0),
        ("activities", 0, "sources", 0, "data_categories", 0),
    ]


def test_dangling_references_of_a_cookie() -> None:
    cookie = {"name": "_ga", "category": "statistic", "purpose": "analytics", "provider": "google"}
    problems = find_reference_errors(policy(cookies=[cookie]))
    assert messages(problems) == [
        "unknown consent category 'statistic'",
        "unknown purpose 'analytics'",
        "unknown recipient 'google'",
    ]
    assert problems[0].hint.startswith("did you mean 'statistics'?")
    assert problems[0].path == ("cookies", 0, "category")
    assert "first_party" in problems[2].hint


def test_the_necessary_category_must_exist() -> None:
    """The banner's own consent cookie belongs to it."""
    problems = find_reference_errors(policy(consent_categories=[{"id": "statistics"}]))
    assert messages(problems) == ["there is no 'necessary' consent category"]
    assert find_reference_errors(policy(consent_categories=[{"id": "necessary", "required": True}])) == []
