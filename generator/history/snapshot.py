"""A snapshot: the facts of a policy that a visitor or an auditor would want to know changed.

One compact, deterministic dict per version, made from the model only (never the clock):
`policygen release` writes it to `history/<version>.json`, `policygen diff` compares two,
and the page and records list the changes between consecutive releases. It holds names in
both languages, so that a change can be put into words long after the source has changed.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model import Policy, Recipient
from generator.model.values import LANGUAGES
from generator.model.vocabulary import outside_eu_eea
from generator.texts.cookies import declared_cookies
from generator.texts.legal import consent_category_label, retention_in_words
from generator.texts.recipients import recipient_name
from generator.texts.retention import describe_category_retention

SNAPSHOT_FORMAT = 1
"""Version of the snapshot format; a reader refuses a newer one."""

SECTIONS = (
    "consent_categories",
    "cookies",
    "purposes",
    "data_categories",
    "recipients",
    "transfers",
    "retention",
)
"""The sections of a snapshot that hold items by id, in the order their changes are told."""


def _words(get: Any) -> dict[str, str]:
    """A text in every language: {'sv': …, 'en': …}."""
    return {language: get(language) for language in LANGUAGES}


def take_snapshot(policy: Policy) -> dict[str, Any]:
    """The facts of `policy` as plain JSON values, keys sorted when written (`snapshot_json`).

    Items that only activities informed elsewhere use (staff, suppliers) are marked `records_only`:
    their changes go to the records' change log, never to the page's.
    """
    return _mark_records_only(policy, _facts(policy))


def _mark_records_only(policy: Policy, snapshot: dict[str, Any]) -> dict[str, Any]:
    on_page = [a for a in policy.activities if a.informed_elsewhere is None]
    used = {"data_categories": set(), "recipients": set()}  # type: dict[str, set[str]]
    for activity in on_page:
        _collect(activity.model_dump(), used)
    elsewhere_purposes = {p.id for a, p in policy.purposes() if a.informed_elsewhere is not None}
    elsewhere_activities = {a.id for a in policy.activities if a.informed_elsewhere is not None}
    hidden = {
        "purposes": elsewhere_purposes,
        "retention": elsewhere_activities,
        "data_categories": {c.id for c in policy.data_categories} - used["data_categories"],
        "recipients": {r.id for r in policy.recipients} - used["recipients"],
        "transfers": {t for t in snapshot["transfers"] if t.split(">")[0] not in used["recipients"]},
    }
    for section, ids in hidden.items():
        for item_id in ids & set(snapshot[section]):
            snapshot[section][item_id]["records_only"] = True
    return snapshot


def _collect(node: Any, used: dict[str, set[str]]) -> None:
    """Every data category and recipient id an activity refers to, wherever in the activity."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in used and isinstance(value, list):
                used[key].update(v for v in value if isinstance(v, str))
            _collect(value, used)
    elif isinstance(node, list):
        for value in node:
            _collect(value, used)


def _facts(policy: Policy) -> dict[str, Any]:
    return {
        "format": SNAPSHOT_FORMAT,
        "version": policy.policy.version,
        "date": policy.policy.last_updated.isoformat(),
        "controller": _controller(policy),
        "consent_categories": {
            c.id: {"name": _words(lambda lang, c=c: consent_category_label(c, lang))} for c in policy.consent_categories
        },
        "cookies": {
            cookie.name: {
                "name": {language: cookie.name for language in LANGUAGES},
                "category": cookie.category,
                "storage": cookie.storage.value,
                "provider": cookie.provider,
                "duration": cookie.duration,
                "party": policy.cookie_party(cookie),
                "third_party_access": cookie.third_party_access,
            }
            for cookie in declared_cookies(policy)
        },
        "purposes": {
            purpose.id: {
                "name": _words(purpose.description.get),
                "activity": _words(activity.name.get),
                "legal_basis": purpose.legal_basis.value if purpose.legal_basis else None,
            }
            for activity, purpose in policy.purposes()
        },
        "data_categories": {c.id: {"name": _words(c.label.get)} for c in policy.data_categories},
        "recipients": {r.id: {"name": _words(lambda lang, r=r: _recipient(r, lang))} for r in policy.recipients},
        "transfers": _transfers(policy),
        "retention": {
            activity.id: {
                "name": _words(activity.name.get),
                "rule": _words(lambda lang, a=activity: _retention(policy, a, lang)),
            }
            for activity in policy.activities
            if activity.retention is not None
        },
    }


def snapshot_json(snapshot: dict[str, Any]) -> bytes:
    """Compact and deterministic: sorted keys, no spaces, UTF-8, one final newline."""
    return (json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _controller(policy: Policy) -> dict[str, str]:
    """The controller's details a visitor uses to reach them: name, numbers, address, e-mail, phone, DPO."""
    controller = policy.controller
    address = controller.address
    details = {
        "name": controller.name,
        "legal_name": controller.legal_name,
        "org_number": controller.org_number,
        "address": f"{address.street}, {address.postal_code} {address.city}" if address else None,
        "email": controller.email,
        "phone": controller.phone,
        "website": controller.website,
        "dpo": (controller.dpo.email or controller.dpo.name) if controller.dpo else None,
    }
    return {key: value for key, value in details.items() if value}


def _recipient(recipient: Recipient, language: str) -> str:
    name = recipient_name(recipient, language)
    label = recipient.label.get(language)
    return f"{label} ({name})" if name and name != label else label


def _transfers(policy: Policy) -> dict[str, dict[str, Any]]:
    """Each transfer outside the EU/EEA, by recipient (and onward entity): where to and on what ground."""
    transfers: dict[str, dict[str, Any]] = {}
    for recipient in policy.recipients:
        mechanism = recipient.transfer.mechanism if recipient.transfer else None
        where = recipient.country if outside_eu_eea(recipient.country) else recipient.established_in
        if outside_eu_eea(where):
            transfers[recipient.id] = {
                "name": _words(lambda lang, r=recipient: _recipient(r, lang)),
                "country": where,
                "mechanism": mechanism.value if mechanism else None,
            }
        for onward in recipient.onward_transfers:
            if outside_eu_eea(onward.country):
                transfers[f"{recipient.id}>{onward.to}"] = {
                    "name": {language: onward.to for language in LANGUAGES},
                    "country": onward.country,
                    "mechanism": onward.mechanism.value if onward.mechanism else None,
                }
    return transfers


def _retention(policy: Policy, activity: Any, language: str) -> str:
    """The activity's retention as one line: the main rule, then each rule per data category."""
    retention = activity.retention
    main = retention_in_words(retention, language).rstrip(".")
    parts = [main[:1].upper() + main[1:] + "."]
    parts += [describe_category_retention(policy, entry, language).sentence for entry in retention.by_category]
    return " ".join(parts)
