"""`policygen scan --suggest`: ready YAML for each item the scan saw that the policy does not declare.

A suggestion is a starting point the owner pastes into the source and checks: a
catalogue service where the catalogue knows the item (docs/catalogue.md), else a
cookie entry with what the browser showed (name, storage, lifetime, domain). The
category is guessed only from well-known names; otherwise it is left empty with a
comment, so that the loader stops until the owner has chosen.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from generator.checks.known import known_kind
from generator.model import Policy, StorageType
from generator.model.cookies import wildcard_pattern
from generator.model.durations import UNTIL_CLEARED
from generator.scan.findings import ItemSummary
from generator.scan.observations import StoredItem
from generator.sources.catalogue import Service, load_service, service_ids

DAY_SECONDS = 86400
KIND_TO_CATEGORY = {"analytics": "statistics", "marketing": "marketing"}
"""The consent category a well-known cookie of each kind (generator/checks/known.py) belongs in."""
_DOMAIN = re.compile(r"^\.?[a-z0-9.-]+$")
"""What the model accepts as a cookie's domain."""


def suggestions(summaries: list[ItemSummary], policy: Policy) -> list[str]:
    """One YAML snippet per undeclared item (one per catalogue service), in the inventory's order."""
    snippets: list[str] = []
    services_done: set[str] = set()
    for summary in summaries:
        if summary.declaration is not None:
            continue
        service = catalogue_service_of(summary.item)
        if service is not None:
            if service.id not in services_done:
                services_done.add(service.id)
                snippets.append(_uses_snippet(service, summary.item, policy))
            continue
        snippets.append(_cookie_snippet(summary, policy))
    return snippets


def catalogue_service_of(item: StoredItem) -> Service | None:
    """The bundled service one of whose cookies (same storage kind, name or pattern) covers the item."""
    for service_id in service_ids():
        service = load_service(service_id)
        for cookie in service.cookies:
            storage = cookie.get("storage", StorageType.cookie.value)
            if storage == item.kind.value and re.fullmatch(wildcard_pattern(str(cookie["name"])), item.name):
                return service
    return None


def _uses_snippet(service: Service, item: StoredItem, policy: Policy) -> str:
    """`uses:` with the purpose the policy already gives items of the service's category, if it has one."""
    categories = {c.id for c in policy.consent_categories}
    service_categories = sorted({str(c["category"]) for c in service.cookies if "category" in c})
    lines = [f"# {item.describe()}: the catalogue knows it as part of {service.id} (docs/catalogue.md)"]
    missing = [c for c in service_categories if c not in categories]
    purposes = Counter(c.purpose for c in policy.cookies if c.purpose is not None and c.category in service_categories)
    purpose = min(purposes, key=lambda p: (-purposes[p], p)) if purposes else None
    entry = f"service: {service.id}"
    if purpose is not None:
        entry += f", purpose: {purpose}"
    else:
        lines.append("# add 'purpose: <id>' (a purpose of one of your activities) to link its cookies to it")
    if missing:
        lines.append(
            f"# your banner has no category {', '.join(map(repr, missing))}: add 'category: <id>', one of "
            f"{', '.join(sorted(categories))}"
        )
    lines += ["uses:", f"  - {{{entry}}}"]
    return "\n".join(lines)


def _cookie_snippet(summary: ItemSummary, policy: Policy) -> str:
    """A `cookies:` entry in the loader's form, from what the browser showed."""
    item = summary.item
    categories = sorted(c.id for c in policy.consent_categories)
    lines = [f"# {item.describe()}", "cookies:", f"  - name: {yaml_string(item.name)}"]
    if item.kind != StorageType.cookie:
        lines.append(f"    storage: {item.kind.value}")
    guess = KIND_TO_CATEGORY.get(known_kind(item.name) or "")
    if guess is not None and guess in categories:
        lines.append(f"    category: {guess}  # a well-known name of this category")
    else:
        lines.append(f"    category:  # choose one of: {', '.join(categories)}")
    lines.append("    # purpose: <id of the purpose it serves, one of your activities'>")
    lines.append("    # description: {sv: …, en: …}")
    lines.append(f"    duration: {_duration(item, summary.longest_lifetime)}")
    if item.kind == StorageType.cookie and item.third_party:
        domain = item.domain.lower()
        if _DOMAIN.match(domain):
            lines.append(f"    domain: {yaml_string(domain)}")
        lines.append("    party: third")
    if item.http_only:
        lines.append("    http_only: true")
    return "\n".join(lines)


def _duration(item: StoredItem, lifetime: int | None) -> str:
    """The longest lifetime seen, in whole days (at least one); storage without an expiry says so."""
    if item.kind == StorageType.local_storage:
        return UNTIL_CLEARED
    if lifetime is None:
        return "session"
    return f"P{max(1, round(lifetime / DAY_SECONDS))}D"


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: any storage key (slashes, colons, quotes, '#') reads back unchanged."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in quoted)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
