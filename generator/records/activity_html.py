"""The records page's activity sections, written in Python rather than in a Jinja loop.

A register of 1,000 activities made the template loop call a filter, a translation and an escape for every
value of every record (most of the page's render time); here each value is escaped once. The words stay in a
template, `site_templates/records/activity.html`, translated once per page (the catalogs extract them there,
as before). The markup is exactly what the loop wrote; the page's frame (`site_templates/records/index.html`)
places the sections where the loop was.
"""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment, UndefinedError
from markupsafe import Markup, escape

from generator.records.document import (
    ActivityRecord,
    AutomatedDecisionRecord,
    CategoryRetentionRecord,
    DataCategoryRecord,
    PurposeRecord,
    RecordsDocument,
    RetentionRecord,
    TransferRecord,
)
from generator.texts.templates import breakable, isolate

LABELS_TEMPLATE = "records/activity.html"


class Labels:
    """The words of a record, as `LABELS_TEMPLATE` translates them (a `{% set %}` each). A plain class: a
    NamedTuple of so many fields took half a millisecond to create, at every start."""

    id: Markup
    controller: Markup
    joint_controller: Markup
    arrangement: Markup
    purposes: Markup
    legal_basis: Markup
    not_stated: Markup
    legitimate_interest: Markup
    balancing_test: Markup
    legal_obligation: Markup
    direct_marketing: Markup
    applies_to: Markup
    withdrawal: Markup
    data_subjects: Markup
    data_categories: Markup
    special_category: Markup
    recipients: Markup
    transfers: Markup
    safeguard: Markup
    about_decision: Markup
    copy_at: Markup
    none_text: Markup
    retention: Markup
    exception: Markup
    security: Markup
    every_activity_measures: Markup
    impact_assessment: Markup
    sources: Markup
    publicly_accessible: Markup
    other_data: Markup
    from_data_subject: Markup
    provision: Markup
    observed: Markup
    obligatory: Markup
    not_obligatory: Markup
    automated_decisions: Markup
    logic: Markup
    significance: Markup
    consequences: Markup
    decided_by: Markup
    contest: Markup
    cookies: Markup
    cookie_table: Markup
    camera: Markup
    areas: Markup
    viewers: Markup
    right_exceptions: Markup


def activity_sections(document: RecordsDocument, environment: Environment) -> Markup:
    """Every record's `<section>`, one after another, each ending in a newline."""
    words = _labels(environment)
    cookie_table_url = escape(document.site.policy_url or "../index.html")
    return Markup("".join(_section(record, words, cookie_table_url) for record in document.records))


def _labels(environment: Environment) -> Labels:
    """The words as the template sets them; an owner's own copy (`build --templates`) must set each of them."""
    module = environment.get_template(LABELS_TEMPLATE).module
    names = Labels.__annotations__
    missing = [name for name in names if not hasattr(module, name)]
    if missing:
        raise UndefinedError(f"{LABELS_TEMPLATE} does not set {', '.join(missing)}")
    words = Labels()
    for name in names:
        setattr(words, name, getattr(module, name))
    return words


def _section(record: ActivityRecord, w: Labels, cookie_table_url: str) -> str:
    """One record of processing: every item of Art. 30(1)(a)–(g), and what the auditor needs besides."""
    id_ = escape(record.id)
    out = [
        f'<section class="activity" id="activity-{id_}" aria-labelledby="activity-{id_}-title" '
        f'data-record="{id_}" data-legal-bases="{_ids(b.code for b in record.legal_bases)}" '
        f'data-data-categories="{_ids(c.id for c in record.data_categories)}" '
        f'data-recipients="{_ids(r.id for r in record.recipients)}">\n'
        f'  <h2 id="activity-{id_}-title">{isolate(record.name)}</h2>\n'
    ]
    if record.description:
        out.append(f"<p>{isolate(record.description)}</p>")
    if record.informed_elsewhere:
        out.append(f'<p class="informed-elsewhere">{isolate(record.informed_elsewhere.text)}</p>')
    out.append(f'  <table class="record" aria-labelledby="activity-{id_}-title">\n<tbody>\n')
    out.append(_fact_row(w.id, f"<code>{breakable(record.id)}</code>"))
    out.append(_controller_row(record, w))
    out.append(f'<tr>\n<th scope="row">{w.purposes}</th>\n<td><ul>\n')
    out += (_purpose(purpose, record, w) for purpose in record.purposes)
    out.append(
        f'</ul></td>\n</tr>\n<tr>\n<th scope="row">{w.data_subjects}</th>\n'
        f"<td><ul>{''.join(f'<li>{isolate(s.label)}</li>' for s in record.data_subjects)}</ul></td>\n</tr>\n"
        f'<tr>\n<th scope="row">{w.data_categories}</th>\n<td><ul>\n'
    )
    out += (_data_category(category, w) for category in record.data_categories)
    recipients = "".join(
        f'<li><a href="#recipient-{escape(r.id)}">{isolate(r.label)}</a> – {escape(r.role_name)}</li>'
        for r in record.recipients
    )
    recipients_cell = f"<ul>{recipients}</ul>" if recipients else str(w.none_text)  # nobody: said, not left blank
    out.append(
        f'</ul></td>\n</tr><tr>\n<th scope="row">{w.recipients}</th>\n'
        f"<td>{recipients_cell}</td>\n</tr>\n"
        f'<tr>\n<th scope="row">{w.transfers}</th>\n<td>'
    )
    if record.transfers:
        out.append("<ul>\n")
        out += (_transfer(transfer, w) for transfer in record.transfers)
        out.append("</ul>")
    else:
        out.append(w.none_text)
    out.append(f'</td>\n</tr>\n<tr>\n<th scope="row">{w.retention}</th>\n<td>')
    out.append(_retention(record.retention, w) if record.retention else w.not_stated)
    measures = record.security.activity_measures
    out.append(
        "</td>\n</tr>"
        f'<tr>\n<th scope="row">{w.security}</th>\n'
        f"<td>{_list(isolate(m) for m in measures) if measures else ''}"
        f'<a href="#security-title">{w.every_activity_measures}</a></td>\n</tr>\n'
    )
    if record.impact_assessment:
        out.append(_fact_row(w.impact_assessment, isolate(record.impact_assessment.text)))
        out.append("\n")
    out.append(_sources_row(record, w))
    out.append(_provision_row(record, w))
    out.append(f'<tr>\n<th scope="row">{w.automated_decisions}</th>\n<td>')
    if record.automated_decisions is None:
        out.append(w.not_stated)
    elif not record.automated_decisions:
        out.append(w.none_text)
    else:
        out.append("<ul>\n")
        out += (_decision(decision, w) for decision in record.automated_decisions)
        out.append("</ul>")
    out.append(f'</td>\n</tr>\n<tr>\n<th scope="row">{w.cookies}</th>\n<td>')
    if record.cookies:
        names = ", ".join(f"<code>{breakable(name)}</code>" for name in record.cookies)
        out.append(f'<p>{names}</p>\n<a href="{cookie_table_url}#cookies">{w.cookie_table}</a>')
    else:
        out.append(w.none_text)
    out.append("</td>\n</tr>\n")
    camera = record.camera_surveillance
    if camera:
        out.append(
            f'<tr>\n<th scope="row">{w.camera}</th>\n'
            f"<td>{w.areas.format(areas=camera.areas)}\n"
            f"<br>{w.viewers.format(viewers=camera.viewers)}\n"
            f"<br>{escape(camera.signs)}</td>\n</tr>\n"
        )
    if record.right_exceptions:
        out.append(f'<tr>\n<th scope="row">{w.right_exceptions}</th>\n<td><ul>\n')
        for exception in record.right_exceptions:
            reason = f" {isolate(exception.reason)}" if exception.reason else ""
            out.append(
                f"<li>{escape(exception.right_name)} ({escape(exception.article)}): "
                f"{isolate(exception.condition)}{reason}</li>\n"
            )
        out.append("</ul></td>\n</tr>\n")
    out.append("</tbody>\n</table>\n</section>\n")
    return "".join(out)


def _ids(ids: Iterable[str]) -> Markup:
    """An attribute value of space-separated ids, for the page's filters."""
    return escape(" ".join(ids))


def _fact_row(label: str, value: str) -> str:
    return f'<tr><th scope="row">{label}</th><td>{value}</td></tr>'


def _list(items: Iterable[str]) -> str:
    return f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>"


def _controller_row(record: ActivityRecord, w: Labels) -> str:
    """The controller is described once, above; a record names it and its own joint controllers."""
    controller = record.controller.controller
    joints = []
    for joint in record.controller.joint_controllers:
        joints.append(f"<br>{w.joint_controller}: {isolate(joint.name)}")
        if joint.arrangement_url:
            url = joint.arrangement_url
            joints.append(f', {w.arrangement}: <a href="{escape(url)}">{breakable(url)}</a>')
    return (
        f'<tr>\n<th scope="row">{w.controller}</th>\n'
        f'<td><a href="#controller-title">{isolate(controller.legal_name or controller.name)}</a>'
        f"{''.join(joints)}</td>\n</tr>\n"
    )


def _purpose(purpose: PurposeRecord, record: ActivityRecord, w: Labels) -> str:
    basis = escape(purpose.legal_basis.text) if purpose.legal_basis else w.not_stated
    out = [f'<li id="purpose-{escape(purpose.id)}">{isolate(purpose.description)}\n']
    out.append(f"<br><strong>{w.legal_basis}:</strong> {basis}\n")
    out.append(
        _given(
            (w.legitimate_interest, purpose.legitimate_interest),
            (w.balancing_test, purpose.balancing_test),
            (w.legal_obligation, purpose.legal_obligation),
        )
    )
    if purpose.direct_marketing:
        out.append(f"<br>{w.direct_marketing}")
    if purpose.data_subjects:
        labels = ", ".join(s.label for s in record.data_subjects if s.id in purpose.data_subjects)
        out.append(f"<br>{w.applies_to}: {escape(labels)}")
    if purpose.channel_permission:
        out.append(f"<br>{escape(purpose.channel_permission.text)}")
    if purpose.children:
        out.append(f"<br>{escape(purpose.children)}")
    if purpose.withdrawal:
        out.append(f"<br>{w.withdrawal.format(how=purpose.withdrawal)}")
    out.append("</li>\n")
    return "".join(out)


def _data_category(category: DataCategoryRecord, w: Labels) -> str:
    examples = f" ({isolate(category.examples)})" if category.examples else ""
    condition = f" – {isolate(category.condition)}" if category.condition else ""
    special = ""
    if category.special_category:
        article_9 = category.special_category_condition
        special = f" – {w.special_category}" + (f", {isolate(article_9)}" if article_9 else "")
    number = category.national_identity_number
    identity_number = f" – {isolate(number.text)}" if number else ""
    return f"<li>{isolate(category.label)}{examples}{condition}{special}{identity_number}</li>\n"


def _transfer(transfer: TransferRecord, w: Labels) -> str:
    onward = f" → {isolate(transfer.onward_to)}" if transfer.onward_to else ""
    out = [
        f"<li>{isolate(transfer.recipient_label)}{onward}: {escape(transfer.country_name)}\n"
        f"<br>{w.safeguard}: {escape(transfer.mechanism_name) if transfer.mechanism_name else w.not_stated}\n"
    ]
    if transfer.decision:
        decision = isolate(transfer.decision)
        if transfer.decision_url:
            decision = Markup(f'<a href="{escape(transfer.decision_url)}">{decision}</a>')
        out.append(f"<br>{decision}")
    if transfer.copy_at:
        label = w.about_decision if transfer.mechanism == "adequacy" else w.copy_at
        out.append(f"<br>{label}: {isolate(transfer.copy_at)}")
    out.append("</li>\n")
    return "".join(out)


def _retention(retention: RetentionRecord, w: Labels) -> str:
    period = f" (<code>{escape(retention.period)}</code>)" if retention.period else ""
    exceptions = [
        f"{w.exception}: {isolate(e.condition)}" + (f" – {isolate(e.retention)}" if e.retention else "")
        for e in retention.exceptions
    ]
    by_category = [_category_retention(entry) for entry in retention.by_category]
    return (
        f"{isolate(retention.summary)}\n{period}"
        + (_line_list(exceptions, "<ul>") if exceptions else "")
        + (_line_list(by_category, '<ul class="retention-by-category">') if by_category else "")
    )


def _category_retention(entry: CategoryRetentionRecord) -> str:
    period = f" (<code>{escape(entry.period)}</code>)" if entry.period else ""
    url = f' <a href="{escape(entry.policy_url)}">{escape(entry.policy_url)}</a>' if entry.policy_url else ""
    return f"{escape(entry.summary)}{period}{url}"


def _line_list(items: list[str], opening: str) -> str:
    """A list with each item on a line of its own."""
    return opening + "\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n"


def _sources_row(record: ActivityRecord, w: Labels) -> str:
    out = [f'<tr>\n<th scope="row">{w.sources}</th>\n<td>']
    if record.sources:
        out.append("<ul>\n")
        for source in record.sources:
            out.append(f"<li>{isolate(source.description)}")
            if source.data_categories:
                labels = (isolate(c.label) for c in record.data_categories if c.id in source.data_categories)
                out.append(f": {', '.join(labels)}")
            if source.publicly_accessible:
                out.append(f" ({w.publicly_accessible})")
            out.append("</li>\n")
        out.append(f"<li>{w.other_data}</li>\n</ul>")
    else:
        out.append(w.from_data_subject)
    out.append("</td>\n</tr>\n")
    return "".join(out)


def _provision_row(record: ActivityRecord, w: Labels) -> str:
    provision = record.provision
    if record.observed and not provision:
        text = w.observed
    elif provision:
        obligatory = w.obligatory if provision.obligatory else w.not_obligatory
        consequence = f". {isolate(provision.consequence)}" if provision.consequence else ""
        text = f"{escape(provision.requirement_name)}; {obligatory}{consequence}"
    else:
        text = w.not_stated
    return f'<tr>\n<th scope="row">{w.provision}</th>\n<td>{text}</td>\n</tr>\n'


def _decision(decision: AutomatedDecisionRecord, w: Labels) -> str:
    details = _given(
        (w.logic, decision.logic),
        (w.significance, decision.significance),
        (w.consequences, decision.consequences),
        (w.decided_by, decision.decided_by),
        (w.contest, decision.contest),
    )
    return f"<li>{isolate(decision.description)}\n{details}</li>\n"


def _given(*facts: tuple[Markup, str | None]) -> str:
    """`<br>label: value` for each fact that has a value."""
    return "".join(f"<br>{label}: {isolate(value)}" for label, value in facts if value)
