"""Art. 30(1)(f): how long an activity's data is kept, per data category too, as records."""

from __future__ import annotations

from generator.model import CategoryRetention, Policy, Retention, Text
from generator.records.document import (
    CategoryRetentionRecord,
    LegalRuleRecord,
    RetentionExceptionRecord,
    RetentionRecord,
)
from generator.texts.legal import legal_rule_text, retention_in_words
from generator.texts.retention import describe_category_retention


def _text(value: Text | None, language: str) -> str | None:
    return None if value is None else value.get(language)


def retention(policy: Policy, language: str, kept: Retention) -> RetentionRecord:
    rule = None
    if kept.legal_rule is not None:
        rule_text, law = legal_rule_text(kept.legal_rule, language)
        rule = LegalRuleRecord(known=kept.legal_rule.known, rule=rule_text, law=law)
    if kept.period is not None:
        kind = "period"
    elif kept.until is not None:
        kind = "event"
    elif rule is not None:
        kind = "legal_rule"
    else:
        kind = "not_stated"
    return RetentionRecord(
        summary=retention_in_words(kept, language),
        kind=kind,  # type: ignore[arg-type]
        period=kept.period,
        counted_from=_text(kept.counted_from, language),
        event=_text(kept.until, language),
        legal_rule=rule,
        exceptions=[
            RetentionExceptionRecord(condition=e.condition.get(language), retention=_text(e.retention, language))
            for e in kept.exceptions
        ],
        by_category=[category_retention(policy, language, e) for e in kept.by_category],
    )


def category_retention(policy: Policy, language: str, entry: CategoryRetention) -> CategoryRetentionRecord:
    words = describe_category_retention(policy, entry, language)
    return CategoryRetentionRecord(
        data_categories=words.data_categories,
        summary=words.sentence,
        kind=words.kind,
        period=entry.period,
        counted_from=_text(entry.counted_from, language),
        event=_text(entry.until, language),
        deleted=_text(entry.deleted, language),
        set_in=entry.set_in,
        set_in_name=words.set_in,
        decided_by=entry.decided_by,
        decided_by_name=words.decided_by,
        policy_url=entry.policy_url,
    )
