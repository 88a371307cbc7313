"""The register's own facts as records: its metadata, processor agreements, documented assessments."""

from __future__ import annotations

from generator.i18n import gettext_for
from generator.model import AssessmentDocument, Recipient, RecipientRole, Register
from generator.records.document import AgreementRecord, DocumentRecord, RegisterRecord
from generator.records.words import document_text


def register_record(register: Register | None, language: str) -> RegisterRecord | None:
    """Established, last reviewed, who keeps it, and the Art. 30(5) assessment."""
    if register is None:
        return None
    return RegisterRecord(
        established=register.established,
        last_reviewed=register.last_reviewed,
        responsible=register.responsible.get(language),
        fewer_than_250_employees=register.fewer_than_250_employees,
        article_30_5=register.article_30_5.get(language) if register.article_30_5 else None,
    )


def document_record(document: str | AssessmentDocument | None, language: str) -> DocumentRecord | None:
    """A balancing test or impact assessment as a named document an auditor can ask for."""
    if document is None:
        return None
    text = document_text(document, language)
    assert text is not None
    if isinstance(document, str):
        return DocumentRecord(title=document, date=None, kept_at=None, text=text)
    return DocumentRecord(
        title=document.title.get(language), date=document.date, kept_at=document.kept_at.get(language), text=text
    )


def agreement_record(recipient: Recipient, language: str) -> AgreementRecord | None:
    """Art. 28(3): a processor's data processing agreement; for a processor without one, null."""
    agreement = recipient.agreement
    if agreement is None or recipient.role != RecipientRole.processor:
        return None
    _ = gettext_for(language, "records")
    name = agreement.name.get(language) if agreement.name else None
    parts = [name or _("Data processing agreement")]
    if agreement.date is not None:
        parts.append(agreement.date.isoformat())
    if agreement.url is not None:
        parts.append(agreement.url)
    return AgreementRecord(name=name, url=agreement.url, date=agreement.date, text=", ".join(parts))


def agreement_summary(record: AgreementRecord | None, language: str) -> str:
    """The agreement in the records' words; for a processor without one, that none is recorded."""
    if record is not None:
        return record.text
    return str(gettext_for(language, "records")("No data processing agreement recorded"))
