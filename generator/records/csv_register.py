"""ropa.csv: the register's own columns (processor agreements, assessments, the register's metadata)."""

from __future__ import annotations

from generator.i18n import gettext_for
from generator.records.document import ActivityRecord, RecordsDocument
from generator.records.register import agreement_summary


def register_columns(record: ActivityRecord, language: str) -> list[str]:
    """Processors with their agreements, and the documented assessments, one item a line."""
    _ = gettext_for(language, "records")
    processors = [
        f"{r.name or r.label}: {agreement_summary(r.agreement, language)}"
        for r in record.recipients
        if r.role == "processor"
    ]
    documents = [
        _("Balancing test ({purpose}): {document}").format(purpose=p.id, document=p.balancing_test)
        for p in record.purposes
        if p.balancing_test
    ]
    if record.impact_assessment:
        documents.append(_("Impact assessment: {document}").format(document=record.impact_assessment.text))
    return ["\n".join(processors) or _("None"), "\n".join(documents) or _("None")]


def register_cells(document: RecordsDocument) -> list[str]:
    """Established, last reviewed, responsible and the Art. 30(5) assessment: the same in every row."""
    register = document.records_register
    if register is None:
        return ["", "", "", ""]
    return [
        register.established.isoformat(),
        register.last_reviewed.isoformat() if register.last_reviewed else "",
        register.responsible,
        register.article_30_5 or "",
    ]
