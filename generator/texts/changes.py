"""What changed between two versions of a policy, in words a visitor understands (docs/history.md).

The page's "Ändringar i policyn", the records' change log and `policygen diff` all say a change
with these sentences, so they never disagree. A change is given as its section of the snapshot
(`generator.history.snapshot`), its kind (added, removed, changed), the item's name and, for a
change, the values before and after.
"""

from __future__ import annotations

from typing import Any

from generator.i18n import N_, gettext_for
from generator.model import LegalBasis, StorageType, TransferMechanism
from generator.texts.legal import (
    country_in_sentence,
    legal_basis_name,
    storage_duration_in_words,
    transfer_mechanism_name,
)

SENTENCES: dict[tuple[str, str], str] = {
    ("consent_categories", "added"): N_("New cookie category: {name}."),
    ("consent_categories", "removed"): N_("The cookie category “{name}” has been removed."),
    ("cookies", "added"): N_("New cookie or other stored item: {name}."),
    ("cookies", "removed"): N_("We no longer use {name}."),
    ("cookies", "changed"): N_("What we say about {name} has changed: see the list of cookies."),
    ("cookies", "duration"): N_("{name} is now kept for {after} (before: {before})."),
    ("purposes", "added"): N_("New purpose, with {after} as the legal basis: {name}"),
    ("purposes", "removed"): N_("We no longer process personal data for this purpose: {name}"),
    ("purposes", "changed"): N_("The legal basis is now {after} instead of {before} for this purpose: {name}"),
    ("data_categories", "added"): N_("We now process a new category of personal data: {name}."),
    ("data_categories", "removed"): N_("We no longer process this category of personal data: {name}."),
    ("recipients", "added"): N_("New recipient of personal data: {name}."),
    ("recipients", "removed"): N_("This recipient no longer receives personal data: {name}."),
    ("transfers", "added"): N_("New transfer outside the EU/EEA: to {name} in {country}{ground}."),
    ("transfers", "removed"): N_("Personal data is no longer transferred to {name} in {country}."),
    ("transfers", "changed"): N_("The transfer to {name} in {country} now rests on {after}."),
    ("retention", "changed"): N_("New retention for “{name}”: {after} Before: {before}"),
    ("controller", "added"): N_("New detail about us: {field}: {after}."),
    ("controller", "removed"): N_("We no longer give our {field}."),
    ("controller", "changed"): N_("Our {field} has changed to {after} (before: {before})."),
}
"""Each kind of change in words; msgids in English, translated in the `messages` catalog."""

CONTROLLER_FIELDS = {
    "name": N_("name"),
    "legal_name": N_("legal name"),
    "org_number": N_("organisation number"),
    "address": N_("postal address"),
    "email": N_("e-mail address"),
    "phone": N_("phone number"),
    "website": N_("website"),
    "dpo": N_("data protection officer"),
}
"""The controller's details as `_controller` in `generator.history.snapshot` names them."""

RECORD_SENTENCES: dict[tuple[str, str], str] = {
    ("purposes", "added"): N_("New purpose in “{activity}”, with {after} as the legal basis: {id}."),
    ("purposes", "removed"): N_("Purpose removed from “{activity}”: {id}."),
    ("purposes", "changed"): N_(
        "The legal basis of the purpose {id} in “{activity}” is now {after} instead of {before}."
    ),
    ("retention", "changed"): N_("The retention of “{name}” has changed; the record states it."),
}
"""The records' own wording where the page's would quote texts written to the visitor (a purpose, a retention)."""

FIRST_RELEASE = N_("The first published version.")
NO_CHANGES = N_("No changes that the history records: only wording.")
CHANGES_HEADING = N_("Changes to the policy")
DIFF_HEADING = N_("Changes from version {old} ({old_date}) to version {new} ({new_date}):")
DIFF_NONE = N_("No changes from version {old} ({old_date}) to version {new} ({new_date}).")


def change_sentence(
    section: str,
    kind: str,
    item: dict[str, Any],
    before: Any,
    after: Any,
    language: str,
    *,
    for_records: bool = False,
    item_id: str = "",
) -> str:
    """One change as a whole sentence in `language`; `for_records`: in the records' own words, where they differ."""
    _ = gettext_for(language)
    name = (item.get("name") or {}).get(language, "") if isinstance(item.get("name"), dict) else ""
    activity = (item.get("activity") or {}).get(language, "") if isinstance(item.get("activity"), dict) else ""
    values = {"name": name, "before": before, "after": after, "field": "", "country": "", "ground": ""}
    values.update(activity=activity, id=item_id)
    if section == "purposes" and kind != "removed":
        values["after"] = _basis(after if kind == "changed" else item.get("legal_basis"), language)
        values["before"] = _basis(before, language)
    elif section == "transfers":
        values["country"] = country_in_sentence(item["country"], language) if item.get("country") else ""
        mechanism = _mechanism(item.get("mechanism"), language)
        values["ground"] = f" – {mechanism}" if mechanism else ""
        values["after"] = mechanism
    elif section == "cookies" and kind == "changed" and before and after and before != after:
        storage = StorageType(item.get("storage", "cookie"))
        values["before"] = storage_duration_in_words(before, storage, language)
        values["after"] = storage_duration_in_words(after, storage, language)
        kind = "duration"
    elif section == "retention":
        values["before"] = (before or {}).get(language, "")
        values["after"] = (after or {}).get(language, "")
    elif section == "controller":
        values["field"] = _(CONTROLLER_FIELDS.get(item["field"], item["field"]))
    if for_records and (section, kind) in RECORD_SENTENCES:
        return _(RECORD_SENTENCES[(section, kind)]).format(**values)
    return _(SENTENCES[(section, kind)]).format(**values)


def _basis(value: str | None, language: str) -> str:
    if value is None:
        return gettext_for(language)("not stated")
    name = legal_basis_name(LegalBasis(value), language)
    return name[:1].lower() + name[1:]


def _mechanism(value: str | None, language: str) -> str:
    if value is None:
        return ""
    name = transfer_mechanism_name(TransferMechanism(value), language)
    return name[:1].lower() + name[1:]


def first_release(language: str) -> str:
    return gettext_for(language)(FIRST_RELEASE)


def no_changes(language: str) -> str:
    return gettext_for(language)(NO_CHANGES)


def changes_heading(language: str) -> str:
    return gettext_for(language)(CHANGES_HEADING)


def diff_heading(old: dict[str, Any], new: dict[str, Any], language: str, *, changed: bool) -> str:
    """The first line of `policygen diff`: which versions, and whether anything changed."""
    _ = gettext_for(language)
    return _(DIFF_HEADING if changed else DIFF_NONE).format(
        old=old.get("version"), old_date=old.get("date"), new=new.get("version"), new_date=new.get("date")
    )
