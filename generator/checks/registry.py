"""`policygen check`: the completeness lint against GDPR Art. 13/14 and the cookie rules.

`RULES` is the pipeline: a named list of rules run in this order, each a small
function with its id (docs/checks.md explains them), its severity and the
article it rests on. docs/checks.md explains each of them; a test keeps the
two in step. The rules assume a loaded policy, whose references all resolve
(`generator.sources.references` refuses dangling ones at load time).
"""

from __future__ import annotations

from generator.checks import controller, cookies, data_flow, document, purposes, records_wording, register
from generator.checks.base import Rule, texts_walked_once
from generator.checks.findings import Finding
from generator.model import Policy

RULES: list[Rule] = [
    # who is responsible (Art. 13(1)(a)-(b), 26, 27)
    controller.controller_identity,
    controller.representative_outside_eu,
    controller.dpo_contact,
    controller.joint_controllers,
    # what is processed, why, on which basis (Art. 6, 7, 9, 13(1)(c)-(d), 30(1)(b)-(c))
    document.some_processing_described,
    purposes.data_and_subjects_stated,
    purposes.purposes_with_legal_basis,
    purposes.specific_purposes,
    purposes.legitimate_interest_stated,
    purposes.legal_obligation_cited,
    purposes.consent_can_be_withdrawn,
    purposes.consent_withdrawal_per_purpose,
    purposes.children_consent_stated,
    purposes.children_data_given_stated,
    purposes.consent_not_a_condition,
    purposes.special_categories,
    purposes.special_category_conditions,
    purposes.electronic_marketing_consent,
    # who receives it, where (Art. 13(1)(e)-(f))
    data_flow.recipients_stated,
    data_flow.recipients_described,
    data_flow.transfers_stated,
    data_flow.transfer_countries_agree,
    register.processor_agreements_recorded,
    # how long (Art. 13(2)(a))
    data_flow.retention_concrete,
    data_flow.bookkeeping_retention,
    data_flow.retention_complete,
    # must the person provide it, where else it comes from, automated decisions (Art. 13(2)(e)-(f), 14)
    data_flow.provision_stated,
    data_flow.provision_duty_on_the_person,
    data_flow.source_of_data_from_others,
    data_flow.source_names_data,
    data_flow.automated_decisions_explained,
    data_flow.automated_decisions_stated,
    # rights (Art. 12, 13(2)(b)-(d), 21, 77)
    controller.rights_usable,
    controller.direct_marketing_opt_out,
    controller.right_exceptions_explained,
    controller.supervisory_authority_reachable,
    # cookies and the banner (ePrivacy Art. 5(3), Planet49, EDPB cookie banner taskforce)
    cookies.non_necessary_cookies_need_consent,
    cookies.cookies_fully_declared,
    cookies.necessary_cookies_are_necessary,
    cookies.consent_cookies_deletable,
    cookies.consent_lifetime,
    cookies.consent_cookies_short_lived,
    cookies.advertising_cookies_in_marketing,
    cookies.declared_categories_used,
    cookies.cookie_providers_are_recipients,
    cookies.cookie_party_matches_domain,
    register.categories_hold_what_they_say,
    # the policy as a whole (Art. 12(1), 30(1)(g), 32)
    document.security_statements_current,
    document.security_measures_described,
    document.english_texts,
    document.no_placeholders_left,
    document.definitions_used,
    document.date_after_cited_acts,
    document.dpv_terms_known,
    register.assessments_dated,
    records_wording.records_speak_of_the_person,
    document.published_beside_the_home_page,
]


def check_policy(policy: Policy) -> list[Finding]:
    """Every finding for `policy`; an empty list means complete and consistent."""
    with texts_walked_once(policy):
        return [finding for rule in RULES for finding in rule.findings(policy)]
