"""Built-in legal texts shared by the page, the banner config and the records.

Names of legal bases, rights, recipient roles and transfer mechanisms, and
durations and retention rules in words. msgids are English; the Swedish
wording follows the Swedish text of the GDPR and IMY's terms (see
IMY's terms). Nothing here is hard-coded Swedish: every
visitor-facing string goes through the catalogs (`generator/locale`).
"""

from __future__ import annotations

import datetime
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.units import format_unit

from generator.i18n import N_, format_words, gettext_for
from generator.model import (
    LEGAL_BASIS_NAMES,
    ConsentCategory,
    LegalBasis,
    LegalRule,
    ProvisionRequirement,
    RecipientRole,
    Retention,
    Right,
    StorageType,
    SupervisoryAuthority,
    Text,
    TransferMechanism,
)
from generator.model.durations import UNTIL_CLEARED, UNTIL_DELETED, duration_of
from generator.model.vocabulary import NECESSARY

RIGHT_NAMES: dict[Right, str] = {
    Right.access: N_("Right of access"),
    Right.rectification: N_("Right to rectification"),
    Right.erasure: N_("Right to erasure (‘right to be forgotten’)"),
    Right.restriction: N_("Right to restriction of processing"),
    Right.portability: N_("Right to data portability"),
    Right.object: N_("Right to object"),
    Right.withdraw_consent: N_("Right to withdraw consent"),
    Right.complaint: N_("Right to lodge a complaint with a supervisory authority"),
}

RECIPIENT_ROLE_NAMES: dict[RecipientRole, str] = {
    RecipientRole.processor: N_("Processor"),
    RecipientRole.controller: N_("Independent controller"),
    RecipientRole.joint_controller: N_("Joint controller"),
    RecipientRole.authority: N_("Public authority"),
    RecipientRole.internal: N_("Within our organisation"),
}

RECIPIENT_GROUP_NAMES: dict[RecipientRole, str] = {
    RecipientRole.processor: N_("Processors"),
    RecipientRole.controller: N_("Independent controllers"),
    RecipientRole.joint_controller: N_("Joint controllers"),
}
"""The roles the page lists an activity's recipients under, in this order, named once in the plural."""
OTHER_RECIPIENTS = N_("Other recipients")
"""The heading of the recipients in no such role (authorities), after those that are."""

TRANSFER_MECHANISM_NAMES: dict[TransferMechanism, str] = {
    TransferMechanism.adequacy: N_("Adequacy decision of the European Commission (Article 45 GDPR)"),
    TransferMechanism.scc: N_(
        "Standard contractual clauses adopted by the European Commission (Article 46(2)(c) GDPR)"
    ),
    TransferMechanism.bcr: N_("Binding corporate rules (Articles 46(2)(b) and 47 GDPR)"),
    TransferMechanism.derogation: N_("Derogation for a specific situation (Article 49 GDPR)"),
}

PROVISION_NAMES: dict[ProvisionRequirement, str] = {
    ProvisionRequirement.statutory: N_("Required by law"),
    ProvisionRequirement.contractual: N_("Required by contract"),
    ProvisionRequirement.pre_contractual: N_("Required to enter into a contract"),
    ProvisionRequirement.voluntary: N_("Voluntary"),
}

# The banner's default categories; the page, the banner and the records use the same words.
CONSENT_CATEGORY_LABELS: dict[str, str] = {
    NECESSARY: N_("Necessary"),
    "preferences": N_("Preferences"),
    "statistics": N_("Statistics"),
    "marketing": N_("Marketing"),
}

CONSENT_CATEGORY_DESCRIPTIONS: dict[str, str] = {
    NECESSARY: N_("Needed for the website to work and to remember your choice about cookies."),
    "preferences": N_("Remembers your choices and settings, so that the website can be adapted to you."),
    "statistics": N_("Helps us understand how the website is used, so that we can improve it."),
    "marketing": N_("Used to show you relevant advertising and to measure its effect, also on other websites."),
}

STORAGE_TYPE_NAMES: dict[StorageType, str] = {
    StorageType.cookie: N_("Cookie"),
    StorageType.local_storage: N_("Local storage (localStorage)"),
    StorageType.session_storage: N_("Session storage (sessionStorage)"),
    StorageType.indexed_db: N_("Database in the browser (IndexedDB)"),
    StorageType.pixel: N_("Pixel"),
}

# GDPR Art. 77 and 13(2)(d): the Swedish supervisory authority.
IMY_NAME = N_("Swedish Authority for Privacy Protection (IMY)")
IMY_ADDRESS = "Box 8114, 104 20 Stockholm"
IMY_EMAIL = "imy@imy.se"
IMY_PHONE = "08-657 61 00"
IMY_WEBSITE = "https://www.imy.se"
IMY_COMPLAINT_URL = "https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/"
IMY_IN_ENGLISH = {  # IMY's own pages in English, for the English page
    "website": "https://www.imy.se/en/",
    "complaint_url": "https://www.imy.se/en/privatperson/forms-and-e-services/file-a-gdpr-complaint/",
}

_DURATION_UNITS = {
    "years": "duration-year",
    "months": "duration-month",
    "weeks": "duration-week",
    "days": "duration-day",
    "hours": "duration-hour",
    "minutes": "duration-minute",
    "seconds": "duration-second",
}


def legal_basis_name(basis: LegalBasis, language: str) -> str:
    """'Contract', in the catalog's wording."""
    return gettext_for(language)(LEGAL_BASIS_NAMES[basis])


def legal_basis_with_article(basis: LegalBasis, language: str) -> str:
    """'Avtal – artikel 6.1 b i dataskyddsförordningen'."""
    _ = gettext_for(language)
    return _("{name} – Article {article} of the General Data Protection Regulation").format(
        name=_(LEGAL_BASIS_NAMES[basis]), article=basis.article
    )


def right_name(right: Right, language: str) -> str:
    return gettext_for(language)(RIGHT_NAMES[right])


def right_article(right: Right, language: str) -> str:
    """'artikel 15' / 'Article 15'."""
    _ = gettext_for(language)
    return _("Article {article}").format(article=right.article)


def recipient_role_name(role: RecipientRole, language: str) -> str:
    return gettext_for(language)(RECIPIENT_ROLE_NAMES[role])


def recipient_group_name(role: RecipientRole | None, language: str) -> str:
    """'Personuppgiftsbiträden': the heading of the recipients in one role ('Andra mottagare' for None)."""
    return gettext_for(language)(RECIPIENT_GROUP_NAMES[role] if role else OTHER_RECIPIENTS)


def transfer_mechanism_name(mechanism: TransferMechanism, language: str) -> str:
    return gettext_for(language)(TRANSFER_MECHANISM_NAMES[mechanism])


def provision_name(requirement: ProvisionRequirement, language: str) -> str:
    return gettext_for(language)(PROVISION_NAMES[requirement])


@cache  # pure, and Babel's unit formatting is slow: every cookie of every output asks again
def duration_in_words(text: str, language: str) -> str:
    """'P13M' → '13 månader', 'P1Y6M' → '1 år och 6 månader', 'session' → 'tills du stänger webbläsaren'.

    Never rounded."""
    duration = duration_of(text)
    if duration.is_session:
        _ = gettext_for(language)
        return _("until you close your browser")
    if duration.has_no_expiry:
        return gettext_for(language)(NO_EXPIRY_WORDS[duration])
    words = [
        format_unit(amount, _DURATION_UNITS[unit], length="long", locale=language) for unit, amount in duration.parts
    ]
    return format_words(words, language)


NO_EXPIRY_WORDS = {
    UNTIL_CLEARED: N_("until you clear it"),
    UNTIL_DELETED: N_("until we delete it"),
}
"""Storage without an expiry (localStorage, IndexedDB): what ends it, never an invented period."""

UNTIL_TAB_CLOSED = N_("until you close the tab")
UNTIL_BROWSER_CLOSED = N_("until you close the browser")


def storage_duration_in_words(text: str, storage: StorageType, language: str) -> str:
    """A cookie's or storage item's lifetime: sessionStorage lives 'until you close the tab', not 'the session'."""
    if storage == StorageType.session_storage and duration_of(text).is_session:
        return gettext_for(language)(UNTIL_TAB_CLOSED)
    if storage == StorageType.cookie and duration_of(text).is_session:  # a session cookie: what ends it, in words
        return gettext_for(language)(UNTIL_BROWSER_CLOSED)
    return duration_in_words(text, language)


def date_in_words(date: datetime.date, language: str) -> str:
    """'10 november 2019' / '10 November 2019' (UK order on the English page)."""
    return format_date(date, format="long", locale="en_GB" if language == "en" else language)


def legal_rule_text(rule: LegalRule, language: str) -> tuple[str, str]:
    """(what the rule says, the law it rests on), in full."""
    _ = gettext_for(language)
    if rule.known == "bookkeeping_act":
        return (
            _("for seven years after the end of the calendar year in which the financial year ended"),
            _("Chapter 7, Section 2 of the Swedish Bookkeeping Act (1999:1078)"),
        )
    assert rule.description is not None and rule.reference is not None  # the model guarantees it
    return rule.description.get(language), rule.reference.get(language)


def retention_in_words(retention: Retention, language: str) -> str:
    """The main retention as one phrase, e.g. '1 år från att ärendet avslutades'."""
    _ = gettext_for(language)
    if retention.period is not None:
        period = duration_in_words(retention.period, language)
        if retention.counted_from is not None:
            return _("{period} from {start}").format(period=period, start=retention.counted_from.get(language))
        return period
    if retention.until is not None:
        return retention.until.get(language)
    if retention.legal_rule is not None:
        rule, law = legal_rule_text(retention.legal_rule, language)
        return _("{rule} ({law})").format(rule=rule, law=law)
    return _("not stated")


def consent_category_label(category: ConsentCategory, language: str) -> str:
    """The category's own label, else the built-in name of a default category ('Nödvändiga'), else its id."""
    if category.label is not None:
        return category.label.get(language)
    if category.id in CONSENT_CATEGORY_LABELS:
        return gettext_for(language)(CONSENT_CATEGORY_LABELS[category.id])
    return category.id


ARTICLE_9_2_GROUNDS: dict[str, str] = {
    "a": N_("only with your explicit consent"),
    "b": N_("to meet obligations in employment and social security law"),
    "c": N_("to protect someone's vital interests"),
    "d": N_("as an association, about our members and people in regular contact with us"),
    "e": N_("because you have made the data public yourself"),
    "f": N_("to establish, exercise or defend legal claims"),
    "g": N_("for reasons of substantial public interest, as the law allows"),
    "h": N_("for health or social care, as the law allows"),
    "i": N_("for reasons of public health, as the law allows"),
    "j": N_("for archiving, research or statistics, as the law allows"),
}
"""What each point of Art. 9(2) lets us do, as the page says it after the data it applies to."""

NECESSARY_WITHOUT_CHOICE = N_("Needed for the website to work.")
"""The necessary category's words when the banner asks nothing: there is no choice to remember."""


def consent_category_description(category: ConsentCategory, language: str, *, choice: bool = True) -> str | None:
    """The category's own description, else the built-in text of a default category, else None. Without a
    `choice` to make, the necessary category does not speak of remembering one."""
    if category.description is not None:
        return category.description.get(language)
    if category.id == NECESSARY and not choice:
        return gettext_for(language)(NECESSARY_WITHOUT_CHOICE)
    if category.id in CONSENT_CATEGORY_DESCRIPTIONS:
        return gettext_for(language)(CONSENT_CATEGORY_DESCRIPTIONS[category.id])
    return None


def storage_type_name(storage: StorageType, language: str) -> str:
    """'Kaka', 'Lokal lagring (localStorage)'."""
    return gettext_for(language)(STORAGE_TYPE_NAMES[storage])


@cache  # Babel's locale lookup is slow, and every recipient of every activity asks again
def country_name(code: str, language: str) -> str:
    """'SE' → 'Sverige' / 'Sweden', from Babel's locale data."""
    return Locale.parse(language).territories.get(code, code)


COUNTRIES_WITH_THE = {"AE", "BS", "CF", "DO", "GB", "GM", "KM", "MH", "MV", "NL", "PH", "SB", "US"}
"""Countries whose English name takes 'the' inside a sentence ('in the United States')."""


def country_in_sentence(code: str, language: str) -> str:
    """'USA', 'the United States': a country's name as it reads after 'in'."""
    name = country_name(code, language)
    return f"the {name}" if language == "en" and code in COUNTRIES_WITH_THE else name


def supervisory_authority(authority: SupervisoryAuthority | None, language: str = "sv") -> SupervisoryAuthority:
    """The policy's own authority, else IMY with its contact details (its pages in English for `en`)."""
    if authority is not None:
        return authority
    imy = SupervisoryAuthority(
        name=Text(sv=gettext_for("sv")(IMY_NAME), en=gettext_for("en")(IMY_NAME)),
        address=IMY_ADDRESS,
        email=IMY_EMAIL,
        phone=IMY_PHONE,
        website=IMY_WEBSITE,
        complaint_url=IMY_COMPLAINT_URL,
    )
    return imy.model_copy(update=IMY_IN_ENGLISH) if language == "en" else imy
