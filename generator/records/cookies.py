"""A cookie or other stored item as the records describe it: once per document, in the records' words."""

from __future__ import annotations

from generator.model import Cookie, Policy
from generator.records.document import CookieRecord
from generator.records.words import consent_cookie_record, storage_lifetime_record
from generator.texts.cookies import describe_cookie


def cookie_record(
    policy: Policy,
    cookie: Cookie,
    language: str,
    *,
    own_wording: bool,
    words: dict[tuple[object, ...], dict[str, object]],
) -> CookieRecord:
    """`words` keeps what a record says of each combination of provider, category, duration and kind (the names,
    the party, the duration in words): a policy may declare 10,000 items that share a few of them."""
    activity_id = None
    if cookie.purpose is not None:
        activity_id = policy.purpose(cookie.purpose)[0].id
    key = (*cookie.shared_facts, own_wording)
    shared = words.get(key)
    if shared is None:
        said = describe_cookie(policy, cookie, language)
        duration_in_words = said.duration
        if own_wording:
            duration_in_words = storage_lifetime_record(cookie, language) or said.duration
        shared = words[key] = {
            "storage": cookie.storage.value,
            "storage_name": said.storage,
            "category": cookie.category,
            "category_label": said.category,
            "provider": cookie.provider,
            "provider_name": said.provider,
            "duration": cookie.duration,
            "duration_in_words": duration_in_words,
            "party": policy.cookie_party(cookie),
            "domain": cookie.domain,
            "third_party_access": cookie.third_party_access,
        }
    description = None if cookie.description is None else cookie.description.get(language)
    justification = cookie.necessity_justification
    necessity = None if justification is None else justification.get(language)
    if own_wording and cookie.purpose is None and cookie.name == policy.site.consent_cookie_name:
        description = consent_cookie_record(language)
    return CookieRecord.model_validate(
        {
            **shared,
            "name": cookie.name,
            "purpose": cookie.purpose,
            "activity": activity_id,
            "description": description,
            "necessity_justification": necessity,
            "path": cookie.path,
            "http_only": cookie.http_only,
        }
    )
