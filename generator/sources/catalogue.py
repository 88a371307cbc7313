"""The service catalogue: `uses: [google-analytics-4]` instead of writing a common service out (docs/catalogue.md).

Each bundled `catalogue/<id>.yaml` holds a recipient and its cookies in the
source format's own shape, and the public source of every fact. The loader
adds them to the raw source before validation, as if the owner had written
them, so every later step (model, checks, page, banner) sees no difference.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.errors import SourceError, SourcePosition
from generator.sources.source_map import SourceMap
from generator.sources.yaml_reader import read_yaml_file

CATALOGUE_DIR = Path(__file__).parent / "catalogue"
USES_KEY = "uses"
CATALOGUE_DOC = "docs/catalogue.md"


@dataclass(frozen=True)
class Service:
    """One catalogue entry, as plain data in the shape the source format reads."""

    id: str
    recipient: dict[str, Any]
    cookies: list[dict[str, Any]]
    sources: list[dict[str, Any]]

    @property
    def leaves_role_open(self) -> bool:
        """No source states the service's role (Stripe: processor or controller): the owner chooses it."""
        return "role" not in self.recipient


def service_ids() -> list[str]:
    """Every service id of the bundled catalogue, sorted."""
    return sorted(p.stem for p in CATALOGUE_DIR.glob("*.yaml"))


@cache
def load_service(service_id: str) -> Service:
    """Read one bundled entry; a broken entry is a bug of policygen, not of the owner's source."""
    errors: list[SourceError] = []
    data = read_yaml_file(CATALOGUE_DIR / f"{service_id}.yaml", SourceMap(), errors)
    if errors or data is None:
        raise RuntimeError(f"catalogue entry {service_id} is broken: {'; '.join(str(e) for e in errors)}")
    return Service(service_id, data["recipient"], list(data.get("cookies") or []), list(data["sources"]))


def apply_uses(raw: dict[str, Any], source_map: SourceMap, errors: list[SourceError]) -> None:
    """Replace the top-level `uses` of `raw` with the recipients and cookies of the services it names.

    What the source writes itself wins field by field: a recipient with the service's id, or a
    cookie with the name of one of its cookies, is the catalogue's entry with the source's fields
    laid over it. Items the catalogue adds are placed, in errors, at their `uses` entry.
    """
    if USES_KEY not in raw:
        return
    uses = raw.pop(USES_KEY)
    if not isinstance(uses, list):
        errors.append(
            SourceError(
                "'uses' is a list of catalogue services",
                source_map.position((USES_KEY,)),
                "write e.g. 'uses: [google-analytics-4, youtube]' (see " + CATALOGUE_DOC + ")",
            )
        )
        return
    seen: set[str] = set()
    for index, entry in enumerate(uses):
        read = _read_entry(entry, (USES_KEY, index), source_map, errors)
        if read is None:
            continue
        service_id, purpose, category, role = read
        if service_id in seen:
            errors.append(
                SourceError(
                    f"the service '{service_id}' is named twice in 'uses'",
                    source_map.position((USES_KEY, index)),
                    "remove one of them",
                )
            )
            continue
        seen.add(service_id)
        service = load_service(service_id)
        where = source_map.position((USES_KEY, index))
        if role is None and service.leaves_role_open and not _own_recipient_has_role(raw, service_id):
            errors.append(
                SourceError(
                    f"the catalogue leaves the role of '{service_id}' to you",
                    where,
                    f"write '{{service: {service_id}, role: processor}}' if it handles the data only on your "
                    "instructions, or 'role: controller' if it also uses it for its own purposes (its terms say "
                    f"which; see {CATALOGUE_DOC})",
                )
            )
            continue  # not added: the model would report the same missing role again, less clearly
        _add_service(raw, service, purpose, category, role, where, source_map)


def _own_recipient_has_role(raw: dict[str, Any], service_id: str) -> bool:
    """The source writes the service's recipient itself, with its role (`recipients: - {id: stripe, role: …}`)."""
    recipients = raw.get("recipients")
    return isinstance(recipients, list) and any(
        isinstance(r, dict) and r.get("id") == service_id and "role" in r for r in recipients
    )


def _read_entry(
    entry: Any, path: tuple[str | int, ...], source_map: SourceMap, errors: list[SourceError]
) -> tuple[str, str | None, str | None, str | None] | None:
    """The service id, purpose, category and role of one `uses` entry: a plain id or {service, purpose, …}."""
    purpose = category = role = None
    service_path = path
    if isinstance(entry, dict):
        unknown = sorted(set(entry) - {"service", "purpose", "category", "role"})
        if unknown or not isinstance(entry.get("service"), str):
            errors.append(
                SourceError(
                    f"a 'uses' entry {'has the unknown key ' + repr(unknown[0]) if unknown else 'needs service'}",
                    source_map.position((*path, unknown[0]) if unknown else path),
                    "write '{service: google-analytics-4, purpose: web_analytics}' "
                    "(keys: service, purpose, category, role)",
                )
            )
            return None
        service_id, purpose, category = entry["service"], entry.get("purpose"), entry.get("category")
        role = entry.get("role")
        service_path = (*path, "service")
    elif isinstance(entry, str):
        service_id = entry
    else:
        errors.append(
            SourceError(
                "a 'uses' entry is a service id or {service: …, purpose: …}",
                source_map.position(path),
                "write e.g. 'google-analytics-4'",
            )
        )
        return None
    known = service_ids()
    if service_id not in known:
        close = difflib.get_close_matches(service_id, known, n=1)
        suggestion = f"did you mean '{close[0]}'? " if close else ""
        errors.append(
            SourceError(
                f"'{service_id}' is not a service of the catalogue",
                source_map.position(service_path),
                f"{suggestion}services: {', '.join(known)} (see {CATALOGUE_DOC}); "
                "or declare the recipient and cookies yourself",
            )
        )
        return None
    return service_id, purpose, category, role


def _add_service(
    raw: dict[str, Any],
    service: Service,
    purpose: str | None,
    category: str | None,
    role: str | None,
    where: SourcePosition | None,
    source_map: SourceMap,
) -> None:
    recipient = {"id": service.id, **service.recipient, **({"role": role} if role is not None else {})}
    _merge(raw, "recipients", "id", recipient, where, source_map)
    for cookie in service.cookies:
        added = {**cookie, "provider": service.id}
        if purpose is not None:
            added["purpose"] = purpose
        if category is not None:
            added["category"] = category
        _merge(raw, "cookies", "name", added, where, source_map)
    if purpose is not None:
        _add_to_activity(raw, service.id, purpose)


def _add_to_activity(raw: dict[str, Any], recipient_id: str, purpose: str) -> None:
    """The service reads its cookies for `purpose`: it is a recipient of the activity that has that purpose."""
    for activity in raw.get("activities") or []:
        if not isinstance(activity, dict) or not isinstance(activity.get("purposes"), list):
            continue
        if any(isinstance(p, dict) and p.get("id") == purpose for p in activity["purposes"]):
            recipients = activity.setdefault("recipients", [])
            if isinstance(recipients, list) and recipient_id not in recipients:
                recipients.append(recipient_id)


def _merge(
    raw: dict[str, Any],
    key: str,
    id_field: str,
    item: dict[str, Any],
    where: SourcePosition | None,
    source_map: SourceMap,
) -> None:
    """Lay the source's own item with the same id over `item`, or append `item` placed at `where`."""
    items = raw.setdefault(key, [])
    if not isinstance(items, list):
        return  # the model reports the wrong shape at the source's own value
    for index, own in enumerate(items):
        if isinstance(own, dict) and own.get(id_field) == item[id_field]:
            items[index] = {**item, **own}
            return
    if where is not None:
        source_map.add_position((key, len(items)), where)
    items.append(item)
