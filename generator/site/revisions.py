"""The banner's revisions: when a stored choice still holds, per consent category (docs/history.md).

A category's revision is a short hash of the structured facts a visitor consents to in it: its
id; each item's name (or pattern), storage, domain, party, third-party access and duration (only an
increase counts, see `_consented_duration`); each third-party provider's entity, country and transfer
mechanism; each purpose's id, DPV term and legal basis. Texts are left out: rewording a description
asks no one again. A required category's revision covers the list of category ids, so a new or
removed category asks every visitor again. `reconsent`, the owner's switch, is in every revision.

The banner stores, with a choice, the revisions of the categories it grants; a choice holds while
those are unchanged. So a change in marketing asks again only the visitors who granted marketing.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from generator.model import ConsentCategory, Cookie, Policy
from generator.model.durations import duration_of
from generator.model.vocabulary import is_first_party
from generator.texts.cookies import declared_cookies

CATEGORY_REVISION_LENGTH = 8
"""Hex digits of a category's revision: a visitor's stored choice holds one per granted category."""


def category_revisions(policy: Policy, categories: list[ConsentCategory]) -> dict[str, str]:
    """Each offered category's id → its revision."""
    ids = [category.id for category in categories]
    items: dict[str, list[Cookie]] = {category_id: [] for category_id in ids}
    for cookie in declared_cookies(policy):
        if cookie.category in items:
            items[cookie.category].append(cookie)
    revisions = {}
    shared: dict[tuple[str, str | None], tuple[Any, dict[str, Any]]] = {}
    for category in categories:
        facts: dict[str, Any] = {"id": category.id, "reconsent": policy.reconsent}
        if category.required:
            facts["categories"] = ids
        else:
            facts["items"] = [_item_facts(policy, cookie, shared) for cookie in items[category.id]]
        revisions[category.id] = _hash(facts)[:CATEGORY_REVISION_LENGTH]
    return revisions


def overall_revision(revisions: dict[str, str]) -> str:
    """The config's `revision`: one value that changes with any category's revision."""
    return _hash(revisions)[:16]


def _item_facts(
    policy: Policy, cookie: Cookie, shared: dict[tuple[str, str | None], tuple[Any, dict[str, Any]]]
) -> dict[str, Any]:
    """`shared` keeps the provider's and the purpose's facts per (provider, purpose): thousands of items share
    a few, and the same objects are hashed the same way."""
    key = (cookie.provider, cookie.purpose)
    found_facts = shared.get(key)
    if found_facts is None:
        found_facts = shared[key] = (_provider_facts(policy, cookie.provider), _purpose_facts(policy, cookie.purpose))
    provider, purpose = found_facts
    return {
        "name": cookie.name,
        "storage": cookie.storage.value,
        "domain": cookie.domain,
        "party": policy.cookie_party(cookie),
        "third_party_access": cookie.third_party_access,
        "duration": _consented_duration(policy, cookie),
        "provider": provider,
        "purpose": purpose,
    }


def _purpose_facts(policy: Policy, purpose_id: str | None) -> dict[str, Any]:
    found = policy.purposes_by_id.get(purpose_id) if purpose_id else None
    purpose = found[1] if found else None
    return {
        "id": purpose_id,
        "dpv": purpose.dpv if purpose else None,
        "legal_basis": purpose.legal_basis.value if purpose and purpose.legal_basis else None,
    }


def _consented_duration(policy: Policy, cookie: Cookie) -> str | None:
    """The item's duration, or the longest one a released version declared for it when that is no shorter:
    shortening a cookie's life keeps every choice, lengthening it past anything released asks again."""
    if cookie.duration is None:
        return None
    if not policy.history:
        return _duration_text(cookie.duration)
    longest = duration_of(cookie.duration)
    for release in policy.history:
        declared = release.snapshot.get("cookies", {}).get(cookie.name, {})
        if declared.get("storage") != cookie.storage.value or not declared.get("duration"):
            continue
        try:
            released = duration_of(declared["duration"])
        except ValueError:  # a release written by another version of policygen: ignore what it cannot say
            continue
        if released.approximate_days() > longest.approximate_days():
            longest = released
    return str(longest)


@lru_cache(maxsize=1024)
def _duration_text(duration: str) -> str:
    """A declared duration as a revision states it, worked out once per distinct value."""
    return str(duration_of(duration))


def _provider_facts(policy: Policy, provider: str) -> Any:
    """Who the provider is, where, and on what ground data leaves the EU/EEA: its texts left out."""
    if is_first_party(provider):
        return provider
    recipient = policy.recipients_by_id.get(provider)
    if recipient is None:
        return provider
    transfer = recipient.transfer
    return {
        "entity": recipient.legal_entity or recipient.name,
        "established_in": recipient.established_in,
        "country": recipient.country,
        "mechanism": transfer.mechanism.value if transfer and transfer.mechanism else None,
        "onward": [[t.to, t.country, t.mechanism.value if t.mechanism else None] for t in recipient.onward_transfers],
    }


def _hash(facts: Any) -> str:
    canonical = json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def choice_revision(revisions: dict[str, str], granted: list[str]) -> str:
    """The `revision` the banner stores with a choice that grants `granted` (in config order, required ones
    included): the granted categories' revisions, joined. A receipt's revision therefore says what was agreed to."""
    return "".join(revisions[category_id] for category_id in granted)
