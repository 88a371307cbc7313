"""Built-in sentences of the records in the third person, where the page's sentence speaks to the visitor.

The page says "Vi använder ditt personnummer bara …"; an auditor reads "Personnumret
används bara …". Each function here is the records' twin of a sentence in
generator.texts, in the records' catalog.
"""

from __future__ import annotations

import datetime

from generator.i18n import N_, gettext_for
from generator.model import (
    AssessmentDocument,
    ChannelPermission,
    ChildrenStatement,
    Cookie,
    NationalIdentityNumber,
    Recipient,
    StorageType,
)
from generator.model.durations import SESSION
from generator.model.durations import UNTIL_CLEARED as UNTIL_CLEARED_VALUE
from generator.model.durations import UNTIL_DELETED as UNTIL_DELETED_VALUE
from generator.texts.recipients import JOINT_ARRANGEMENT, joint_controller_name


def national_identity_number_record(number: NationalIdentityNumber, language: str) -> str:
    """Dataskyddslagen (2018:218) 3 kap. 10 §, as the register states it."""
    _ = gettext_for(language, "records")
    cases = number.cases.for_records().get(language)
    if number.ground == "consent":
        return _(
            "The personal identity number or coordination number is used only {cases}, and only with the data "
            "subject's consent (Chapter 3, Section 10 of the Swedish Data Protection Act (2018:218))."
        ).format(cases=cases)
    assert number.justification is not None  # the model guarantees it
    return _(
        "The personal identity number or coordination number is used only {cases}. This is clearly justified: "
        "{justification} (Chapter 3, Section 10 of the Swedish Data Protection Act (2018:218))."
    ).format(cases=cases, justification=number.justification.for_records().get(language).rstrip("."))


def channel_permission_record(permission: ChannelPermission, language: str) -> str:
    """Marknadsföringslagen (2008:486) 19 §, as the register states it."""
    _ = gettext_for(language, "records")
    channel = _("e-mail") if permission.channel == "email" else _("text message")
    if permission.ground == "consent":
        return _(
            "Marketing by {channel} is sent only with the data subject's consent (Section 19, first paragraph, of "
            "the Swedish Marketing Act (2008:486))."
        ).format(channel=channel)
    return _(
        "Marketing of own similar products is sent by {channel} to existing customers without prior consent, as "
        "Section 19, second paragraph, of the Swedish Marketing Act (2008:486) allows; the customer could opt out "
        "when giving the address and can opt out, free of charge, in every message (Article 21.2)."
    ).format(channel=channel)


def children_record(statement: ChildrenStatement, language: str) -> str:
    """Art. 8 and dataskyddslagen 2 kap. 4 §, as the register states it."""
    _ = gettext_for(language, "records")
    how = statement.how.for_records().get(language)
    if statement.approach == "guardian_consent":
        return _(
            "For a child under {age}, the consent of a parent or guardian is required (Article 8 and Chapter 2, "
            "Section 4 of the Swedish Data Protection Act (2018:218)). {how}"
        ).format(age=statement.age, how=how)
    return _("Data about a child is given by the child's parent or guardian. {how}").format(how=how)


def pre_contractual_basis_record(language: str) -> str:
    """Art. 6(1)(b), second half, as the register states it: at the data subject's request, not 'your'."""
    _ = gettext_for(language, "records")
    return str(
        _(
            "Steps taken at the data subject's request before entering into a contract – Article 6.1 b of the "
            "General Data Protection Regulation"
        )
    )


def joint_controllers_record(recipient: Recipient, language: str) -> str:
    """Art. 26 joint controllership as the register states it, then the arrangement's essence."""
    _ = gettext_for(language, "records")
    who = joint_controller_name(recipient, language)
    sentence = _(
        "For this processing we and {who} are joint controllers (Article 26) for what we decide on together. "
        "The data subject can exercise their rights with each of us."
    ).format(who=who)
    if recipient.arrangement is not None:
        essence = recipient.arrangement.essence.get(language)
        sentence += " " + gettext_for(language)(JOINT_ARRANGEMENT).format(essence=essence)
    return str(sentence)


CONSENT_COOKIE = N_(
    "Stores the visitor's choice in the cookie banner, so that the banner does not ask again on every page."
)
UNTIL_CLEARED = N_("until the visitor clears it")
UNTIL_DELETED = N_("until the website deletes it")
UNTIL_TAB_CLOSED = N_("until the visitor closes the tab")
UNTIL_BROWSER_CLOSED = N_("until the visitor closes the browser")


def consent_cookie_record(language: str) -> str:
    """The banner's own cookie, described for the register."""
    return str(gettext_for(language, "records")(CONSENT_COOKIE))


def storage_lifetime_record(cookie: Cookie, language: str) -> str | None:
    """Storage without an expiry, or sessionStorage, in the third person; None: the page's words hold."""
    _ = gettext_for(language, "records")
    if cookie.duration == UNTIL_CLEARED_VALUE:
        return str(_(UNTIL_CLEARED))
    if cookie.duration == UNTIL_DELETED_VALUE:
        return str(_(UNTIL_DELETED))
    if cookie.storage == StorageType.session_storage and cookie.duration == SESSION:
        return str(_(UNTIL_TAB_CLOSED))
    if cookie.storage == StorageType.cookie and cookie.duration == SESSION:
        return str(_(UNTIL_BROWSER_CLOSED))
    return None


def document_text(document: str | AssessmentDocument | None, language: str) -> str | None:
    """A balancing test or impact assessment in one line: 'title, date (kept at …)'."""
    if document is None or isinstance(document, str):
        return document
    _ = gettext_for(language, "records")
    title = document.title.for_records().get(language)
    kept_at = document.kept_at.for_records().get(language)
    if document.date is None:
        return _("{title}, undated (kept at: {kept_at})").format(title=title, kept_at=kept_at)
    return _("{title}, {date} (kept at: {kept_at})").format(title=title, date=_iso(document.date), kept_at=kept_at)


def _iso(day: datetime.date) -> str:
    return day.isoformat()
