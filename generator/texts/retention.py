"""A retention per data category in a reader's words, the same on the page, in the banner and in the records.

Shorter and longer retentions read the same way ("Födelsedatum raderas direkt
efter kontrollen", "… raderas efter 14 månader"), never as an exception that
keeps data longer. Who decides is said apart: a retention set in a processor's
settings is ours, one decided by an independent controller is theirs, with a
link to their policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.i18n import N_, format_words, gettext_for
from generator.model import CategoryRetention, Policy
from generator.texts.cookies import provider_name
from generator.texts.legal import duration_in_words
from generator.texts.plain import label_in_sentence

RetentionKind = Literal["period", "event", "deleted", "decided_by_controller"]

PERIOD = N_("{categories}: deleted after {period}.")
PERIOD_FROM = N_("{categories}: deleted {period} after {start}.")
UNTIL = N_("{categories}: kept {until}.")
DELETED = N_("{categories}: deleted {when}.")
SET_IN = N_("We set this ourselves in {processor}.")
DECIDED_BY = N_("The retention period is decided by {controller} as an independent controller.")
DECIDED_BY_ONLY = N_("{categories}: the retention period is decided by {controller} as an independent controller.")
POLICY_LINK = N_("Privacy policy of {controller}")


@dataclass(frozen=True)
class CategoryRetentionWords:
    """One retention per data category: the sentence readers see, and its facts for the records."""

    data_categories: list[str]
    """The ids of the data categories."""
    categories: str
    """Their labels, as a list in words."""
    kind: RetentionKind
    sentence: str
    """The whole statement, who decides included; the link to a controller's policy is apart."""
    set_in: str | None
    """The processor in whose settings we set it, named."""
    decided_by: str | None
    """The independent controller that decides it, named."""
    policy_url: str | None
    policy_link_text: str | None


def _labels(policy: Policy, ids: list[str], language: str) -> str:
    """'Födelsedatum och kontaktuppgifter': later labels read inside the phrase (`label_in_sentence`)."""
    categories = {c.id: c for c in policy.data_categories}
    labels = [categories[i].label.get(language) if i in categories else i for i in ids]
    labels = [label if n == 0 else label_in_sentence(label) for n, label in enumerate(labels)]
    return format_words(labels, language)


def _settings_of(policy: Policy, provider: str, language: str) -> str:
    """'Google Analytics': a setting lives in a product, so a recipient with one is named by it alone."""
    recipient = policy.recipients_by_id.get(provider)
    if recipient is not None and recipient.product:
        return recipient.product
    return provider_name(policy, provider, language)


def describe_category_retention(policy: Policy, entry: CategoryRetention, language: str) -> CategoryRetentionWords:
    """The one wording of a retention per data category, in `language`."""
    _ = gettext_for(language)
    categories = _labels(policy, entry.data_categories, language)
    processor = provider_name(policy, entry.set_in, language) if entry.set_in else None
    controller = provider_name(policy, entry.decided_by, language) if entry.decided_by else None
    kind: RetentionKind
    if entry.period is not None:
        kind = "period"
        period = duration_in_words(entry.period, language)
        if entry.counted_from is not None:
            sentence = _(PERIOD_FROM).format(
                categories=categories, period=period, start=entry.counted_from.get(language)
            )
        else:
            sentence = _(PERIOD).format(categories=categories, period=period)
    elif entry.until is not None:
        kind = "event"
        sentence = _(UNTIL).format(categories=categories, until=entry.until.get(language))
    elif entry.deleted is not None:
        kind = "deleted"
        sentence = _(DELETED).format(categories=categories, when=entry.deleted.get(language))
    else:
        kind = "decided_by_controller"
        sentence = _(DECIDED_BY_ONLY).format(categories=categories, controller=controller)
    if entry.set_in:
        sentence += " " + _(SET_IN).format(processor=_settings_of(policy, entry.set_in, language))
    if controller is not None and kind != "decided_by_controller":
        sentence += " " + _(DECIDED_BY).format(controller=controller)
    return CategoryRetentionWords(
        data_categories=list(entry.data_categories),
        categories=categories,
        kind=kind,
        sentence=sentence,
        set_in=processor,
        decided_by=controller,
        policy_url=entry.policy_url,
        policy_link_text=_(POLICY_LINK).format(controller=controller) if controller else None,
    )
