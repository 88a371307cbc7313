"""Sentences for what ordinary businesses really do, shared by the page and the records.

Decisions made by someone else, national identity numbers, consent given
outside the banner, observed data and notices given elsewhere: each is said
once here, so that the page and every records format use the same words.
"""

from __future__ import annotations

from generator.i18n import gettext_for
from generator.model import CameraSurveillance, ChannelPermission, ChildrenStatement, NationalIdentityNumber
from generator.texts.plain import label_in_sentence, title_quotes


def decided_by_sentence(name: str | None, label: str, language: str) -> str:
    """Art. 22 and 13(2)(f): the decision is another controller's, not ours. A recipient without a name is
    named by its label as a title ('Mottagaren ”Fakturaleverantör”'): a label is no name and has no definite form."""
    _ = gettext_for(language)
    who = name or _("The recipient {label}").format(label=title_quotes(language).format(label))
    return _("{who} makes the decision and is responsible for it, not us.").format(who=who)


def national_identity_number_sentence(number: NationalIdentityNumber, language: str) -> str:
    """Dataskyddslagen (2018:218) 3 kap. 10 §: personnummer only with consent or when clearly justified."""
    _ = gettext_for(language)
    if number.ground == "consent":
        return _(
            "We use your personal identity number or coordination number only {cases}, and only with your consent "
            "(Chapter 3, Section 10 of the Swedish Data Protection Act (2018:218))."
        ).format(cases=number.cases.get(language))
    assert number.justification is not None  # the model guarantees it
    justification = number.justification.get(language)
    return _(
        "We use your personal identity number or coordination number only {cases}, because {justification} "
        "(Chapter 3, Section 10 of the Swedish Data Protection Act (2018:218))."
    ).format(cases=number.cases.get(language), justification=label_in_sentence(justification.rstrip(".")))


def withdrawal_sentence(how: str, *, direct_marketing: bool, language: str) -> str:
    """Art. 7(3): how to withdraw this consent; for direct marketing, withdrawing and objecting are one action."""
    _ = gettext_for(language)
    how = label_in_sentence(how)  # it continues the sentence after the colon
    if direct_marketing:
        return _("You can withdraw your consent at any time, which also counts as objecting: {how}").format(how=how)
    return _("You can withdraw your consent to this at any time: {how}").format(how=how)


def pre_contractual_basis(language: str) -> str:
    """Art. 6(1)(b), second half: steps at the person's request before a contract (a job application, a quote)."""
    _ = gettext_for(language)
    return _(
        "Steps taken at your request before entering into a contract – Article 6.1 b of the General Data "
        "Protection Regulation"
    )


def existing_customer_sentence(permission: ChannelPermission, language: str) -> str:
    """Marknadsföringslagen (2008:486) 19 § second paragraph: marketing to existing customers without consent,
    with the opt-out it requires."""
    _ = gettext_for(language)
    channel = _("e-mail") if permission.channel == "email" else _("text message")
    return _(
        "As you are already our customer, we send you marketing for our own similar products by {channel} without "
        "asking for your consent first, as Section 19, second paragraph, of the Swedish Marketing Act (2008:486) "
        "allows. You could say no when you gave us your address, and you can say no, free of charge, in every "
        "message (Article 21.2)."
    ).format(channel=channel)


def camera_signs_sentence(camera: CameraSurveillance, language: str) -> str:
    """Kamerabevakningslagen (2018:1200) 15 §: people are told by clear signs."""
    _ = gettext_for(language)
    return _(
        "We tell people about the camera surveillance with clear signs {where} (Section 15 of the Swedish Camera "
        "Surveillance Act (2018:1200))."
    ).format(where=camera.signs.get(language))


def camera_sign_text(controller: str, contact: str | None, areas: str, policy_url: str) -> str:
    """The text for the entrance sign, in Swedish: who is responsible, what is monitored, where to read more."""
    _ = gettext_for("sv")
    lines = [
        _("Camera surveillance"),
        "",
        _("This area is monitored by camera: {areas}.").format(areas=areas),
        _("Controller: {controller}").format(controller=controller),
    ]
    if contact:
        lines.append(_("Contact: {contact}").format(contact=contact))
    lines.append(_("Read more about the surveillance and your rights: {url}").format(url=policy_url))
    return "\n".join(lines) + "\n"


def informed_elsewhere_sentence(notice: str, kept_at: str, language: str) -> str:
    """Art. 13: the people of an activity left off the public page are informed by another notice."""
    _ = gettext_for(language)
    return _("Not on the public privacy page: the data subjects are informed by “{notice}”, kept in {kept_at}.").format(
        notice=notice, kept_at=kept_at
    )


def children_sentence(statement: ChildrenStatement, language: str) -> str:
    """Art. 8 and dataskyddslagen 2 kap. 4 §: guardian consent below an age, or data given by a parent."""
    _ = gettext_for(language)
    how = statement.how.get(language)
    if statement.approach == "guardian_consent":
        return _(
            "If you are under {age}, we need the consent of your parent or guardian (Article 8 and Chapter 2, "
            "Section 4 of the Swedish Data Protection Act (2018:218)). {how}"
        ).format(age=statement.age, how=how)
    return _("Data about a child is given by the child's parent or guardian. {how}").format(how=how)
