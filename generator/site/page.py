"""The privacy page a visitor reads: `index.html` in Swedish, `en/index.html` in English.

The templates in `site_templates/page/` (starting at `index.html`) walk
the model; `PageView` gives them the built-in legal texts (from the
`messages` catalog, through `generator.texts.legal`) and the few lookups that would
be clumsy in Jinja. Autoescaping is switched on explicitly and undefined
names are errors, so every model string reaches the page as text, never as
markup.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from urllib.parse import quote, urljoin

from babel import Locale
from jinja2 import Environment
from markupsafe import Markup, escape

from generator.i18n import format_words, gettext_for
from generator.model import (
    Address,
    AutomatedDecision,
    Channel,
    DataCategory,
    DataSubjectCategory,
    LegalBasis,
    OnwardTransfer,
    Policy,
    ProcessingActivity,
    Purpose,
    Recipient,
    RecipientRole,
    Right,
    RightException,
    SupervisoryAuthority,
    Text,
    Transfer,
)
from generator.model.vocabulary import MAIN_LANGUAGE, outside_eu_eea, page_path, root_from
from generator.output import OutputFiles
from generator.performance import cyclic_garbage_collection_paused
from generator.site.banner_config import BannerConfig, consent_head_tags
from generator.site.page_cookies import PageCookies
from generator.site.page_layers import PageLayers
from generator.texts import legal as texts
from generator.texts.phone import phone_e164, phone_in_words
from generator.texts.plain import label_in_sentence, numbers_in_words
from generator.texts.prose import render_prose
from generator.texts.recipients import (
    describe_recipient,
    joint_controllers_sentence,
    onward_transfer_sentence,
    recipient_name,
    third_country_recipient,
)
from generator.texts.retention import CategoryRetentionWords, describe_category_retention
from generator.texts.situations import (
    camera_signs_sentence,
    children_sentence,
    existing_customer_sentence,
    national_identity_number_sentence,
    pre_contractual_basis,
    withdrawal_sentence,
)
from generator.texts.templates import isolate, mailto_url, template_environment, template_file

PAGE_TEMPLATE = "page/index.html"
PAGE_CSS = "assets/page.css"
"""The page's stylesheet, copied from site_templates/ to the same path in the output."""

PROSE_HEADING_LEVELS = {"introduction": 2, "security": 3, "cookies": 3, "notes": 3}
"""The level of a fragment's top heading: one below the heading of the section that holds it."""

RIGHTS_ON_PAGE = (
    Right.access,
    Right.rectification,
    Right.erasure,
    Right.restriction,
    Right.portability,
    Right.object,
    Right.withdraw_consent,
)
"""GDPR Art. 13(2)(b) and (c): the rights explained one by one (Art. 77 has a section of its own)."""


def render_privacy_pages(policy: Policy, banner: BannerConfig) -> OutputFiles:
    """The page in each language of the site (`page_path`), loading the build's banner, and its stylesheet."""
    languages = list(policy.site.languages)
    prose = render_prose(policy, languages, PROSE_HEADING_LEVELS)
    files: OutputFiles = {PAGE_CSS: template_file(PAGE_CSS).read_bytes()}
    with cyclic_garbage_collection_paused():
        for language in languages:
            page_prose = {key: html for (key, lang), html in prose.items() if lang == language}
            view = PageView(policy, language, root_from(language), page_prose, banner)
            html = _environment(language).get_template(PAGE_TEMPLATE).render(policy=policy, page=view)
            files[page_path(language)] = html.encode("utf-8")
    return files


@lru_cache(maxsize=256)
def _list_pattern(count: int, style: str, language: str) -> str:
    """'\x000\x00, \x001\x00 och \x002\x00': Babel's list of `count` placeholders, escaped, made once per length
    (`PageView.join` is asked for thousands of lists on a large page, and Babel parses its locale each time)."""
    return str(escape(format_words([f"\x00{i}\x00" for i in range(count)], language, style)))


def _environment(language: str) -> Environment:
    return template_environment(language, "messages")


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    href: str
    current: bool


class PageView(PageLayers, PageCookies):
    """What the templates ask of the model, in one language."""

    def __init__(
        self, policy: Policy, language: str, base: str, prose: dict[str, Markup], banner: BannerConfig
    ) -> None:
        self.policy = policy
        self.language = language
        self.base = base
        self.prose = prose
        self.banner = banner
        self._ = gettext_for(language)

    # --- texts of the model -------------------------------------------------

    def _isolated(self, value: Text | None, shape: Callable[[str], str]) -> Markup:
        """A model text in the page's language, shaped, bidi-isolated (see `isolate`); a Swedish fallback on
        the English page is marked lang="sv"."""
        if value is None:
            return Markup("")
        if self.language != MAIN_LANGUAGE and getattr(value, self.language, None) is None:
            return Markup('<bdi lang="sv">{}</bdi>').format(shape(value.sv))
        return isolate(shape(value.get(self.language)))

    def text(self, value: Text | None) -> Markup:
        """A model text as written."""
        return self._isolated(value, str)

    def clause(self, value: Text | None) -> Markup:
        """A model text that the page's own sentence continues and ends: without its final full stop."""
        return self._isolated(value, lambda text: text.rstrip(" ."))

    def in_sentence(self, value: Text) -> Markup:
        """A label the owner wrote as a heading, read inside a sentence (`label_in_sentence`)."""
        return self._isolated(value, label_in_sentence)

    def clause_at_start(self, value: Text) -> Markup:
        """`clause`, opening a sentence: 'The Swedish Bookkeeping Act (1999:1078) requires this.'"""
        return self._isolated(value, lambda text: text[:1].upper() + text.rstrip(" .")[1:])

    def clause_in_sentence(self, value: Text) -> Markup:
        """`clause`, read inside a sentence: 'följer av bokföringslagen (1999:1078)'."""
        return self._isolated(value, lambda text: label_in_sentence(text.rstrip(" .")))

    @property
    def title(self) -> str:
        title = self.policy.policy.title
        return title.get(self.language) if title is not None else self._("Privacy policy")

    @property
    def last_updated(self) -> Markup:
        date: datetime.date = self.policy.policy.last_updated
        words = texts.date_in_words(date, self.language)
        return Markup('<time datetime="{}">{}</time>').format(date.isoformat(), words)

    @property
    def head_tags(self) -> Markup:
        """The tags that load the banner, as on any page of the site."""
        return Markup(consent_head_tags(self.banner, self.base))

    @property
    def languages(self) -> list[LanguageLink]:
        links = []
        for code in self.policy.site.languages:
            name = Locale.parse(code).get_display_name(code) or code
            links.append(
                LanguageLink(code, name[:1].upper() + name[1:], self.base + page_path(code), code == self.language)
            )
        return links

    def labels_listed(self, items: list[DataSubjectCategory]) -> list[Markup]:
        """Labels to be joined into one phrase: the first as written, the others read inside it."""
        return [self.text(item.label) if n == 0 else self.in_sentence(item.label) for n, item in enumerate(items)]

    def labels_in_sentence(self, items: list[DataCategory] | list[DataSubjectCategory]) -> list[Markup]:
        """Labels read inside a sentence, each with a lower-case first letter unless it looks like a name."""
        return [self.in_sentence(item.label) for item in items]

    def join(self, items: list[Markup] | list[str], style: str = "standard") -> Markup:
        """'a, b och c' (or 'a, b eller c' with style='or'), each item escaped unless it is markup."""
        escaped = [escape(item) for item in items]
        placeholders = [f"\x00{i}\x00" for i in range(len(escaped))]
        joined = _list_pattern(len(escaped), style, self.language) if escaped else ""
        for placeholder, item in zip(placeholders, escaped, strict=True):
            joined = joined.replace(placeholder, str(item))
        return Markup(joined)

    @cached_property
    def activities(self) -> list[ProcessingActivity]:
        """The activities on the public page: those whose people are informed by another notice are left off.
        Made once per page: the templates ask for it in every activity's block."""
        return [a for a in self.policy.activities if a.informed_elsewhere is None]

    def purposes(self) -> list[tuple[ProcessingActivity, Purpose]]:
        return [(a, p) for a in self.activities for p in a.purposes]

    @property
    def rights_on_page(self) -> tuple[Right, ...]:
        return RIGHTS_ON_PAGE

    # --- legal terms --------------------------------------------------------

    def legal_basis(self, purpose: Purpose) -> str:
        if purpose.legal_basis is None:
            return self._("not stated")
        if purpose.pre_contractual:
            return pre_contractual_basis(self.language)
        return texts.legal_basis_with_article(purpose.legal_basis, self.language)

    def camera_signs(self, activity: ProcessingActivity) -> str:
        assert activity.camera_surveillance is not None
        return camera_signs_sentence(activity.camera_surveillance, self.language)

    def children(self, purpose: Purpose) -> str | None:
        return children_sentence(purpose.children, self.language) if purpose.children else None

    def channel_permission(self, purpose: Purpose) -> str | None:
        """Marketing by e-mail or SMS without consent: the existing-customer exception (marknadsföringslagen 19 §
        second paragraph). Marketing on consent says so in its legal basis; the records name the statute."""
        if purpose.channel_permission is None or purpose.channel_permission.ground == "consent":
            return None
        return existing_customer_sentence(purpose.channel_permission, self.language)

    def purpose_subjects(self, purpose: Purpose) -> list[Markup]:
        """The groups a purpose's legal basis applies to, when it names them."""
        return [self.in_sentence(self.policy.data_subjects_by_id[i].label) for i in purpose.data_subjects]

    def withdrawal(self, purpose: Purpose) -> str | None:
        """How to withdraw the consent of this purpose, when it is given outside the banner (Art. 7(3))."""
        if purpose.legal_basis != LegalBasis.consent or purpose.withdrawal is None:
            return None
        how = purpose.withdrawal.get(self.language)
        return withdrawal_sentence(how, direct_marketing=purpose.direct_marketing, language=self.language)

    def retention(self, activity: ProcessingActivity) -> str:
        if activity.retention is None:
            return self._("not stated")
        return texts.retention_in_words(activity.retention, self.language)

    def retention_by_category(self, activity: ProcessingActivity) -> list[CategoryRetentionWords]:
        """Data categories kept for another time than the activity's, in the words the records use too
        (small numbers spelled out, as running text on the page)."""
        if activity.retention is None:
            return []
        described = [describe_category_retention(self.policy, e, self.language) for e in activity.retention.by_category]
        return [replace(words, sentence=numbers_in_words(words.sentence, self.language)) for words in described]

    def duration(self, value: str | None) -> str:
        if value is None:
            return self._("not stated")
        return texts.duration_in_words(value, self.language)

    def country(self, code: str) -> str:
        return texts.country_name(code, self.language)

    def provision(self, activity: ProcessingActivity) -> str:
        assert activity.provision is not None
        return texts.provision_name(activity.provision.requirement, self.language)

    def transfer_mechanism(self, recipient: Recipient) -> str | None:
        return describe_recipient(recipient, self.language).mechanism

    def national_identity_numbers(self, activity: ProcessingActivity) -> list[str]:
        """One sentence per category of the activity that holds personnummer (dataskyddslagen 3 kap. 10 §)."""
        categories = self.data_categories(activity.all_data_categories())
        return [
            national_identity_number_sentence(c.national_identity_number, self.language)
            for c in categories
            if c.national_identity_number is not None
        ]

    def decider(self, decision: AutomatedDecision) -> Markup | None:
        """'Fakturaleverantör', for a decision another controller makes (Art. 22, 13(2)(f)); the page says once,
        above the first activity, that an independent controller is responsible for its own use of the data."""
        if decision.decided_by is None:
            return None
        recipient = self.policy.recipients_by_id[decision.decided_by]
        name = self.recipient_name(recipient)
        return isolate(name) if name else self.text(recipient.label)  # each isolated once, as a model string

    def right_heading(self, right: Right) -> str:
        """'Rätt till tillgång – artikel 15'."""
        return f"{texts.right_name(right, self.language)} – {texts.right_article(right, self.language)}"

    def right_name(self, right: Right) -> str:
        return texts.right_name(right, self.language)

    # --- lookups ------------------------------------------------------------

    def data_categories(self, ids: list[str]) -> list[DataCategory]:
        return [self.policy.data_categories_by_id[i] for i in ids]

    def data_subjects(self, activity: ProcessingActivity) -> list[DataSubjectCategory]:
        return [self.policy.data_subjects_by_id[i] for i in activity.data_subjects]

    def recipients(self, activity: ProcessingActivity) -> list[Recipient]:
        return [self.policy.recipients_by_id[i] for i in activity.recipients]

    def transfers(self, activity: ProcessingActivity) -> list[Recipient]:
        """Recipients of the activity through which data leaves the EU/EEA (Art. 13(1)(f))."""
        return [r for r in self.recipients(activity) if third_country_recipient(r)]

    def direct_transfer(self, recipient: Recipient) -> bool:
        """The recipient itself processes, or is established, outside the EU/EEA."""
        return outside_eu_eea(recipient.country) or outside_eu_eea(recipient.established_in)

    def transfer_country(self, recipient: Recipient) -> str:
        """The country a transfer goes to, as it reads after 'in' ('in the United States')."""
        code = recipient.country if outside_eu_eea(recipient.country) else recipient.established_in
        return texts.country_in_sentence(code, self.language) if code else ""

    def joint_controllers(self, activity: ProcessingActivity) -> list[Recipient]:
        """Recipients of the activity that are joint controllers with us (Art. 26): only this activity shows them."""
        return [r for r in self.recipients(activity) if r.role == RecipientRole.joint_controller]

    def joint_controllers_sentence(self, recipient: Recipient) -> str:
        return joint_controllers_sentence(recipient, self.language)

    def recipient_name(self, recipient: Recipient) -> str | None:
        """'Google Analytics, by Google Ireland Limited', or the format-1 name; None when it only repeats the
        label it stands beside ('Skatteverket (Skatteverket)')."""
        name = recipient_name(recipient, self.language)
        return None if name and name.casefold() == recipient.label.get(self.language).casefold() else name

    def short_name(self, recipient: Recipient) -> str:
        """'Google Analytics': a recipient named in full just above, in the same block, by its product alone."""
        return recipient.product or recipient_name(recipient, self.language) or self.text(recipient.label)

    def outside_eu_eea(self, country: str | None) -> bool:
        return outside_eu_eea(country)

    def mechanism_name(self, transfer: Transfer | None) -> str | None:
        if transfer is None or transfer.mechanism is None:
            return None
        return texts.transfer_mechanism_name(transfer.mechanism, self.language)

    def onward_transfer(self, transfer: OnwardTransfer) -> str:
        return onward_transfer_sentence(transfer, self.language)

    def right_exceptions(self, right: Right) -> list[tuple[ProcessingActivity, RightException]]:
        return [(a, e) for a in self.activities for e in a.right_exceptions if e.right == right]

    def objectionable_purposes(self, *, direct_marketing: bool) -> list[tuple[ProcessingActivity, Purpose]]:
        """Purposes open to objection: Art. 21(2) direct marketing, or 21(1) public task and legitimate interest."""
        if direct_marketing:
            return [(a, p) for a, p in self.purposes() if p.direct_marketing]
        return [(a, p) for a, p in self.purposes() if p.open_to_objection and not p.direct_marketing]

    @property
    def uses_public_task(self) -> bool:
        return any(LegalBasis.public_task in a.legal_bases() for a in self.activities)

    @property
    def shows_objection_apart(self) -> bool:
        """Art. 21(4): the right to object is presented separately wherever it applies."""
        return any(p.open_to_objection for _, p in self.purposes())

    @property
    def uses_consent(self) -> bool:
        """Art. 7(3) and 13(2)(c) apply: a purpose on consent, or a cookie that needs consent."""
        required = {c.id for c in self.policy.consent_categories if c.required}
        return any(LegalBasis.consent in a.legal_bases() for a in self.activities) or any(
            c.category not in required for c in self.policy.cookies
        )

    @cached_property
    def supervisory_authority(self) -> SupervisoryAuthority:
        """The policy's authority, else IMY: made once per page, though several sections name it."""
        return texts.supervisory_authority(self.policy.supervisory_authority, self.language)

    def rights_details_note(self, right: Right) -> Text | None:
        details = self.policy.rights.details(right)
        return details.note if details else None

    # --- links --------------------------------------------------------------

    def absolute(self, url: str) -> str:
        """A model URL: absolute as written, a path from the site root resolved against the site's address."""
        return urljoin(self.policy.site.base_url, url)

    def channels(self, right: Right | None = None) -> list[Markup]:
        """The ways to use a right (or any right), each a link or a postal address."""
        channels = self.policy.rights.channels_for(right) if right else list(self.policy.rights.channels)
        return [self.channel(c) for c in channels]

    def channel(self, channel: Channel) -> Markup:
        """'via e-post till info@…', 'via Mitt konto', 'via telefon 08-…', 'med brev till Långängen 9, …': each
        way with its own preposition ('by e-mail to', 'through My account'), so that a list of them reads."""
        _ = self._
        label = channel.label.get(self.language) if channel.label else None
        if channel.email is not None:
            if label:
                return Markup(_("through {link}")).format(link=self.link(self.mailto(channel.email), isolate(label)))
            address = self.link(self.mailto(channel.email), isolate(channel.email))
            return Markup(_("by e-mail to {address}")).format(address=address)
        if channel.url is not None:
            link = self.link(self.absolute(channel.url), isolate(label or channel.url))
            return Markup(_("through {link}")).format(link=link)
        if channel.phone is not None:
            if label:
                return Markup(_("through {link}")).format(link=self.link(self.tel(channel.phone), isolate(label)))
            return Markup(_("by phone on {number}")).format(
                number=self.link(self.tel(channel.phone), isolate(self.phone(channel.phone)))
            )
        address = self.policy.controller.address
        postal = isolate(self.postal_address(address)) if address else _("our postal address")
        return Markup(_("by letter to {address}")).format(address=postal)

    def link(self, href: str, text: str | Markup) -> Markup:
        # What Markup.format does with these two, without its formatter (thousands of links on a large page).
        return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')

    def mailto(self, email: str) -> str:
        return mailto_url(email)

    def tel(self, phone: str) -> str:
        """E.164, so that the link dials from abroad too: 'tel:+46311234567'."""
        return "tel:" + quote(phone_e164(phone), safe="+")

    def phone(self, phone: str) -> str:
        """'031-123 45 67' on the Swedish page, '+46 31 123 45 67' on the English one."""
        return phone_in_words(phone, self.language)

    def postal_address(self, address: Address) -> str:
        parts = [address.street, f"{address.postal_code} {address.city}"]
        if address.country != "SE" or self.language != "sv":
            parts.append(self.country(address.country))
        return ", ".join(parts)

    def url_or_email(self, value: str) -> Markup:
        """Where a copy of a safeguard is: a link for a URL or an e-mail address, else the text."""
        if value.startswith(("https://", "http://")):
            return self.link(value, value)
        if "@" in value and " " not in value:
            return self.link(self.mailto(value), value)
        return escape(value)
