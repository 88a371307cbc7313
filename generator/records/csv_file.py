"""ropa.csv: one row per processing activity, one column per item of Art. 30(1)(a)–(g).

Column headers use the wording of the Swedish text of the regulation (the
`records` catalog; English with `--lang en`), plus the legal basis and the
source of the data. The file is UTF-8 with a byte order mark (so that Excel
reads the encoding right), comma-separated, quoted where needed (RFC 4180).

A cell with several items holds one item per line (a line feed inside the
quoted cell): spreadsheets show each item on its own line, and an item may
itself contain commas or semicolons. The n-th line of "legal basis" belongs to
the n-th line of "purposes".
"""

from __future__ import annotations

import csv
import io

from generator.i18n import N_, gettext_for
from generator.records.csv_register import register_cells, register_columns
from generator.records.document import (
    ActivityRecord,
    ControllerRecord,
    DataSubjectRecord,
    NationalIdentityNumberRecord,
    PartyRecord,
    PurposeRecord,
    RecipientRecord,
    RecordsDocument,
)

ITEM_SEPARATOR = "\n"
"""Between the items of a multi-valued cell (see docs/records.md)."""

BOM = "\ufeff"

COLUMNS: list[str] = [
    N_("Id"),
    N_("Processing activity"),
    N_(
        "Name and contact details of the controller and, where applicable, the joint controller, "
        "the controller's representative and the data protection officer (Article 30(1)(a))"
    ),
    N_("The purposes of the processing (Article 30(1)(b))"),
    N_("Categories of data subjects (Article 30(1)(c))"),
    N_("Categories of personal data (Article 30(1)(c))"),
    N_(
        "The categories of recipients to whom the personal data have been or will be disclosed, "
        "including recipients in third countries (Article 30(1)(d))"
    ),
    N_(
        "Transfers of personal data to a third country, including the identification of that third country, "
        "and the safeguards (Article 30(1)(e))"
    ),
    N_("The envisaged time limits for erasure of the different categories of data (Article 30(1)(f))"),
    N_(
        "A general description of the technical and organisational security measures referred to in "
        "Article 32(1) (Article 30(1)(g))"
    ),
    N_("Legal basis for each purpose (Article 6(1))"),
    N_("Source of the personal data (Article 14(2)(f))"),
    N_("Policy version"),
    N_("Policy date"),
    # Added after the policy date, so that the columns that existed keep their place.
    N_("Automated decision-making, including profiling (Article 22)"),
    N_("Camera surveillance"),
    N_("Informed by another notice"),
    N_("Processors and their data processing agreements (Article 28(3))"),
    N_("Balancing tests and impact assessments (Articles 6(1)(f) and 35)"),
    N_("Register established"),
    N_("Register last reviewed"),
    N_("Responsible for the register"),
    N_("Assessment under Article 30(5)"),
]


def render_csv(document: RecordsDocument) -> bytes:
    _ = gettext_for(document.language, "records")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_(column) for column in COLUMNS])
    register = register_cells(document)
    for record in document.records:
        row = [*_row(record, document.language), *register_columns(record, document.language), *register]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a spreadsheet may read as the start of a formula: = + - @, their full-width forms ＝ ＋ － ＠
(which Excel folds to ASCII in East Asian locales), and a tab or carriage return."""


def spreadsheet_safe(cell: str) -> str:
    """A cell that starts like a formula gets a leading apostrophe, so a spreadsheet shows it as text.

    Excel and LibreOffice evaluate a CSV cell starting with = + - @ as a formula
    (CSV injection, OWASP), also after leading spaces or tabs, which they skip;
    the model's texts must never run in an auditor's Excel.
    """
    return "'" + cell if cell.lstrip().startswith(FORMULA_STARTS) or cell.startswith(FORMULA_STARTS) else cell


def _join(items: list[str]) -> str:
    return ITEM_SEPARATOR.join(items)


def _row(record: ActivityRecord, language: str) -> list[str]:
    _ = gettext_for(language, "records")
    none = _("None")
    return [
        record.id,
        record.name,
        _join(_controller_lines(record.controller, language)),
        _join([p.description for p in record.purposes]),
        _join([s.label for s in record.data_subjects]),
        _join(
            [
                _national_id(_category_line(c.label, c.examples, c.condition, language), c.national_identity_number)
                for c in record.data_categories
            ]
        ),
        _join([_recipient_line(r, language) for r in record.recipients]) or none,
        _join(
            [
                _("{recipient}: {country}; {mechanism}").format(
                    recipient=t.onward_to or t.recipient_label,
                    country=t.country_name,
                    mechanism=_with_details(
                        t.mechanism_name or _("no safeguard stated"), [t.decision, t.decision_url, t.copy_at]
                    ),
                )
                for t in record.transfers
            ]
        )
        or none,
        _join(_retention_lines(record, language)),
        _join(record.security.general_measures + record.security.activity_measures),
        _join([_legal_basis_line(p, record.data_subjects, language) for p in record.purposes]),
        _join(_source_lines(record, language)),
        record.policy.version,
        record.policy.last_updated.isoformat(),
        _join(_automated_decision_lines(record, language)),
        _join(_camera_lines(record, language)),
        record.informed_elsewhere.text if record.informed_elsewhere else _("No: the activity is on the privacy page"),
    ]


def _recipient_line(recipient: RecipientRecord, language: str) -> str:
    """'Label (role; entity and product; where)', then onward transfers, its own notice and a joint arrangement."""
    _ = gettext_for(language, "records")
    line = _with_details(recipient.label, _recipient_details(recipient, language))
    notice = _("Privacy notice: {url}.").format(url=recipient.privacy_notice) if recipient.privacy_notice else None
    after = [*recipient.onward_transfers, notice, recipient.joint_arrangement]
    given = [a for a in after if a]
    return " ".join([line + ".", *given]) if given else line


def _recipient_details(recipient: RecipientRecord, language: str) -> list[str | None]:
    """Role, entity and product, and where it is established and processes the data."""
    _ = gettext_for(language, "records")
    if recipient.established_in_name is None:
        where = [recipient.country_name]
    elif recipient.country_name is None:
        where = [_("established in {country}").format(country=recipient.established_in_name)]
    else:
        where = [
            _("established in {established}, processes the data in {country}").format(
                established=recipient.established_in_name, country=recipient.country_name
            )
        ]
    return [recipient.role_name, recipient.name, *where]


def _with_details(main: str, details: list[str | None]) -> str:
    given = [d for d in details if d]
    return f"{main} ({'; '.join(given)})" if given else main


def _party_line(party: PartyRecord, language: str) -> str:
    _ = gettext_for(language, "records")
    parts: list[str] = [party.owner] if party.owner else []
    if party.legal_name and party.name and party.legal_name != party.name:
        parts.append(_("{legal_name} (trading as {name})").format(legal_name=party.legal_name, name=party.name))
    elif party.legal_name or party.name:
        parts.append(party.legal_name or party.name or "")
    if party.org_number:
        parts.append(_("organisation number {number}").format(number=party.org_number))
    if party.vat_number:
        parts.append(_("VAT number {number}").format(number=party.vat_number))
    if party.address:
        a = party.address
        parts.append(f"{a.street}, {a.postal_code} {a.city}, {a.country_name}")
    parts += [value for value in (party.email, party.phone, party.website) if value]
    if party.responsibilities:
        parts.append(_("arrangement: {essence}").format(essence=party.responsibilities))
    if party.arrangement_url:
        parts.append(party.arrangement_url)
    return ", ".join(parts)


def _controller_lines(controller: ControllerRecord, language: str) -> list[str]:
    _ = gettext_for(language, "records")
    lines = [_("Controller: {party}").format(party=_party_line(controller.controller, language))]
    for joint in controller.joint_controllers:
        lines.append(_("Joint controller: {party}").format(party=_party_line(joint, language)))
    if controller.representative:
        lines.append(_("Representative: {party}").format(party=_party_line(controller.representative, language)))
    if controller.data_protection_officer:
        lines.append(
            _("Data protection officer: {party}").format(
                party=_party_line(controller.data_protection_officer, language)
            )
        )
    return lines


def _category_line(label: str, examples: str | None, condition: str | None, language: str) -> str:
    _ = gettext_for(language, "records")
    line = f"{label} ({examples})" if examples else label
    return _("{category} – {condition}").format(category=line, condition=condition) if condition else line


def _national_id(line: str, number: NationalIdentityNumberRecord | None) -> str:
    """A category that holds personnummer says so, with the cases and the ground (dataskyddslagen 3 kap. 10 §)."""
    return f"{line} – {number.text}" if number else line


def _retention_lines(record: ActivityRecord, language: str) -> list[str]:
    _ = gettext_for(language, "records")
    retention = record.retention
    if retention is None:
        return [_("Not stated")]
    lines = [retention.summary]
    for exception in retention.exceptions:
        lines.append(
            _("Exception: {condition} – {retention}").format(
                condition=exception.condition, retention=exception.retention or _("not stated")
            )
        )
    for entry in retention.by_category:
        lines.append(entry.summary + (f" {entry.policy_url}" if entry.policy_url else ""))
    return lines


def _legal_basis_line(purpose: PurposeRecord, subjects: list[DataSubjectRecord], language: str) -> str:
    _ = gettext_for(language, "records")
    if purpose.legal_basis is None:
        return _("Not stated")
    line = purpose.legal_basis.text
    if purpose.legitimate_interest:
        line += ": " + purpose.legitimate_interest
    if purpose.legal_obligation:
        line += ": " + purpose.legal_obligation
    if purpose.data_subjects:
        labels = {s.id: s.label for s in subjects}
        line += " – " + _("applies to: {groups}").format(
            groups=", ".join(labels.get(i, i) for i in purpose.data_subjects)
        )
    if purpose.channel_permission:
        line += " – " + purpose.channel_permission.text
    if purpose.children:
        line += " – " + purpose.children
    if purpose.withdrawal:
        line += " – " + _("How to withdraw consent: {how}").format(how=purpose.withdrawal)
    return line


def _source_lines(record: ActivityRecord, language: str) -> list[str]:
    _ = gettext_for(language, "records")
    labels = {c.id: c.label for c in record.data_categories}
    lines = []
    for source in record.sources:
        categories = ", ".join(labels.get(i, i) for i in source.data_categories)
        line = f"{source.description} ({categories})" if categories else source.description
        if source.publicly_accessible:
            line += " – " + _("publicly accessible source")
        lines.append(line)
    if lines:
        lines.append(_("Other data: collected from the data subject"))
    else:
        lines.append(_("Collected from the data subject"))
    return lines


def _automated_decision_lines(record: ActivityRecord, language: str) -> list[str]:
    """Art. 22: each decision, who makes it if not the controller, and how to contest it."""
    _ = gettext_for(language, "records")
    if record.automated_decisions is None:
        return [_("Not stated")]
    if not record.automated_decisions:
        return [_("None")]
    lines = []
    for decision in record.automated_decisions:
        line = decision.description
        if decision.decided_by_text:
            line += " " + decision.decided_by_text
        if decision.contest:
            line += " " + _("How to contest the decision") + ": " + decision.contest
        lines.append(line)
    return lines


def _camera_lines(record: ActivityRecord, language: str) -> list[str]:
    """The areas, who may watch, and the signs (kamerabevakningslagen (2018:1200) 15 §)."""
    _ = gettext_for(language, "records")
    camera = record.camera_surveillance
    if camera is None:
        return [_("None")]
    return [
        _("Areas covered: {areas}").format(areas=camera.areas),
        _("Who may watch the recordings: {viewers}").format(viewers=camera.viewers),
        camera.signs,
    ]
