"""The page in layers (WP260): a short first layer, one compact block per activity, details folded.

`PageLayers` is mixed into `generator.site.page.PageView`: it answers what the
layered templates ask (what to say once for the whole page, what each block
shows at a glance, which examples were already given), so that no sentence of
the page is said twice.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from markupsafe import Markup

from generator.i18n import gettext_for
from generator.model import (
    DataCategory,
    OnwardTransfer,
    Policy,
    ProcessingActivity,
    Purpose,
    Recipient,
    RecipientRole,
    Right,
    SupervisoryAuthority,
)
from generator.model.vocabulary import outside_eu_eea
from generator.texts import legal as texts
from generator.texts.change_summary import changed_topics_sentence
from generator.texts.plain import (
    CHILDREN_SEE,
    article_citation,
    duration_in_running_text,
    label_in_sentence,
    legal_basis_short,
    pre_contractual_short,
    provision_sentence,
    retention_in_running_text,
    special_category_ground,
    title_quotes,
)
from generator.texts.recipients import onward_transfer_destination, recipient_location


class PageLayers:
    """What the layered page says once, and what each activity's block shows at a glance."""

    policy: Policy
    language: str

    # Provided by PageView.
    activities: list[ProcessingActivity]
    prose: dict[str, Markup]

    def text(self, value: object) -> Markup:  # pragma: no cover - PageView's
        raise NotImplementedError

    def in_sentence(self, value: object) -> Markup:  # pragma: no cover - PageView's
        raise NotImplementedError

    def clause(self, value: object) -> Markup:  # pragma: no cover - PageView's
        raise NotImplementedError

    def children(self, purpose: Purpose) -> str | None:  # pragma: no cover - PageView's
        raise NotImplementedError

    def data_categories(self, ids: list[str]) -> list[DataCategory]:  # pragma: no cover - PageView's
        raise NotImplementedError

    def recipients(self, activity: ProcessingActivity) -> list[Recipient]:  # pragma: no cover - PageView's
        raise NotImplementedError

    def onward_transfer(self, transfer: Any) -> str:  # pragma: no cover - PageView's
        raise NotImplementedError

    def link(self, href: str, text: str | Markup) -> Markup:  # pragma: no cover - PageView's
        raise NotImplementedError

    def absolute(self, url: str) -> str:  # pragma: no cover - PageView's
        raise NotImplementedError

    # --- said once for the page ---------------------------------------------

    @property
    def home_country(self) -> str:
        """The controller's country: recipients there are not labelled one by one."""
        address = self.policy.controller.address
        return address.country if address is not None else "SE"

    def staff(self) -> list[Recipient]:
        """Our own staff (role internal), named once for the page instead of in every activity."""
        seen: dict[str, Recipient] = {}
        for activity in self.activities:
            for recipient in self.recipients(activity):
                if recipient.role == RecipientRole.internal:
                    seen.setdefault(recipient.id, recipient)
        return list(seen.values())

    def others(self, activity: ProcessingActivity) -> list[Recipient]:
        """The activity's recipients outside our own organisation."""
        return [r for r in self.recipients(activity) if r.role != RecipientRole.internal]

    def recipient_labels(self) -> list[Markup]:
        """Every outside recipient's label once, in page order, for the first layer."""
        labels: dict[str, Markup] = {}
        for activity in self.activities:
            for recipient in self.others(activity):
                # an authority's label may start with its name ('Skatteverket, när lag kräver det'), or not
                # ('Myndigheter, till exempel Skatteverket')
                named = recipient.role == RecipientRole.authority and not _generic_authority(
                    recipient.label.get(self.language)
                )
                label = self.text(recipient.label) if named else self.in_sentence(recipient.label)
                labels.setdefault(str(label).casefold(), label)
        return list(labels.values())

    def described_in(self, activity: ProcessingActivity, recipient: Recipient) -> ProcessingActivity | None:
        """The earlier activity where the recipient is already described, so that this block only links to it."""
        positions, first_with = self._first_described
        earlier = first_with.get(recipient.id)
        if earlier is None or positions.get(earlier.id, len(positions)) >= positions.get(activity.id, len(positions)):
            return None
        return earlier

    @cached_property
    def _first_described(self) -> tuple[dict[str, int], dict[str, ProcessingActivity]]:
        """Each activity's position on the page and each recipient's first activity, found once per page:
        `described_in` is asked for every recipient of every activity (a search each was quadratic)."""
        positions: dict[str, int] = {}
        first_with: dict[str, ProcessingActivity] = {}
        for position, activity in enumerate(self.activities):
            positions.setdefault(activity.id, position)
            for recipient_id in activity.recipients:
                first_with.setdefault(recipient_id, activity)
        return positions, first_with

    def recipient_does(self, recipient: Recipient, notice_label: str) -> Markup:
        """What the recipient does, where it passes the data on within the EU/EEA, and a link to its own privacy
        notice. A transfer outside the EU/EEA is said once, under "Does the data leave the EU/EEA?"."""
        parts = [self.in_sentence(recipient.purpose)] if recipient.purpose else []
        parts += [
            Markup("{}").format(self.onward_transfer(o))
            for o in recipient.onward_transfers
            if not outside_eu_eea(o.country)
        ]
        if recipient.privacy_notice:
            parts.append(self.link(self.absolute(recipient.privacy_notice), notice_label))
        return Markup(" ").join(parts)

    def onward_destination(self, transfer: OnwardTransfer) -> str:
        """Where the data goes on, without its ground: the safeguard and the decision follow as facts. It
        continues the recipient's name and a colon, in lower case."""
        return label_in_sentence(onward_transfer_destination(transfer, self.language))

    def recipient_groups(self, activity: ProcessingActivity) -> list[tuple[str | None, list[Recipient]]]:
        """The activity's outside recipients by role, each role named once in the plural ('Personuppgiftsbiträden'):
        a role after each recipient could not agree in number with a label that may be plural or singular
        ('Betaltjänstleverantörer', 'Fakturaleverantör'). Authorities follow as 'Andra mottagare' (under no
        heading when they are the only ones): their labels say what they are ('Myndigheter, till exempel
        Skatteverket')."""
        others = self.others(activity)
        groups: list[tuple[str | None, list[Recipient]]] = []
        for role in texts.RECIPIENT_GROUP_NAMES:
            members = [r for r in others if r.role == role]
            if members:
                groups.append((texts.recipient_group_name(role, self.language), members))
        rest = [r for r in others if r.role not in texts.RECIPIENT_GROUP_NAMES]
        if not rest:
            return groups
        return [*groups, (texts.recipient_group_name(None, self.language), rest)] if groups else [(None, rest)]

    def recipient_place(self, recipient: Recipient) -> str:
        """'Irland': where a recipient is, in a list item's brackets, when it is not ours (where it is
        established, and where it handles the data when that differs)."""
        if recipient.established_in and recipient.country != recipient.established_in:
            # 'etablerad i Irland, behandlar uppgifterna i USA' (or where it is established, only)
            return label_in_sentence(recipient_location(recipient, self.language) or "").rstrip(".")
        country = self.country_shown(recipient)
        if recipient.established_in and country is None and recipient.established_in != self.home_country:
            country = texts.country_name(recipient.established_in, self.language)
        return country or ""

    def country_shown(self, recipient: Recipient) -> str | None:
        """The recipient's country when it is not ours; 'not stated' when the source gives none."""
        if recipient.country is None:
            return None if recipient.established_in else gettext_for(self.language)("not stated")
        if recipient.country == self.home_country and recipient.established_in in (None, self.home_country):
            return None
        return texts.country_name(recipient.country, self.language)

    @property
    def omits_home_country(self) -> bool:
        """Some recipient's country is left out because it is ours: the page says so once."""
        return any(
            r.country == self.home_country and self.country_shown(r) is None
            for a in self.activities
            for r in self.others(a)
        )

    @property
    def home_country_name(self) -> str:
        return texts.country_name(self.home_country, self.language)

    def without_automated_decisions(self) -> list[ProcessingActivity]:
        """Activities whose source says that no Art. 22 decision is made in them."""
        return [a for a in self.activities if a.automated_decisions == []]

    def with_automated_decisions(self) -> list[ProcessingActivity]:
        return [a for a in self.activities if a.automated_decisions]

    @property
    def all_decisions_stated(self) -> bool:
        """Every activity says whether it makes Art. 22 decisions: one sentence covers the page."""
        return all(a.automated_decisions is not None for a in self.activities)

    def objection_activities(self, *, direct_marketing: bool) -> list[ProcessingActivity]:
        """The activities with a purpose open to objection (Art. 21(1) or 21(2)), each once."""
        found: list[ProcessingActivity] = []
        for activity in self.activities:
            for purpose in activity.purposes:
                matches = purpose.open_to_objection and purpose.direct_marketing == direct_marketing
                if matches and activity not in found:
                    found.append(activity)
        return found

    def right_refusals(self, right: Right) -> list[Markup]:
        """When this right may be refused or limited, one sentence group per reason, said under the right itself
        (where a reader looks when using it): 'du har en pågående fråga hos vår kundservice. Uppgifterna …'."""
        groups: dict[str, tuple[list[Markup], Any]] = {}
        for activity in self.activities:
            for exception in activity.right_exceptions:
                if exception.right != right:
                    continue
                key = exception.reason.get(self.language) if exception.reason else ""
                groups.setdefault(key, ([], exception.reason))[0].append(self.in_sentence(exception.condition))
        said = []
        for conditions, reason in groups.values():
            parts = [*conditions, self.text(reason)] if reason else conditions
            said.append(Markup(" ").join(parts))
        return said

    def authority_address(self, authority: SupervisoryAuthority) -> str:
        """The authority's postal address, with 'Sweden' on a page in another language than Swedish."""
        assert authority.address is not None
        if self.language != "sv" and authority.address == texts.IMY_ADDRESS:
            return f"{authority.address}, {texts.country_name('SE', self.language)}"
        return authority.address

    def authority_in_sentence(self, authority: SupervisoryAuthority, *, linked: bool = False) -> Markup:
        """'the Swedish Authority for Privacy Protection (IMY)' inside an English sentence; its name elsewhere,
        `linked` to its website (the complaint section lists no other contact details when it says how to complain)."""
        name = self.text(authority.name)
        if linked and authority.website:
            name = self.link(authority.website, name)
        if self.language == "en" and authority.address == texts.IMY_ADDRESS:
            return Markup("the ") + name
        return name

    def own_channels(self, right: Right) -> bool:
        """This right is used in other ways than the rights in general: its block says how."""
        return list(self.policy.rights.channels_for(right)) != list(self.policy.rights.channels)

    # --- one activity at a glance ---------------------------------------------

    def shown_examples(self) -> set[tuple[str, str]]:
        """(activity id, category id) pairs whose examples are shown: at a category's first mention only."""
        shown: set[tuple[str, str]] = set()
        seen: set[str] = set()
        for activity in self.activities:
            ids = list(activity.data_categories) + [c for g in activity.conditional_data for c in g.data_categories]
            for category in ids:
                if category not in seen:
                    seen.add(category)
                    shown.add((activity.id, category))
        return shown

    def children_once(self, purpose: Purpose) -> str | Markup | None:
        """How a child's data is given (Art. 8), in full at its first purpose; later ones link to it."""
        sentence = self.children(purpose)
        if sentence is None:
            return None
        for activity in self.activities:
            for earlier in activity.purposes:
                if earlier is purpose:
                    return sentence
                said = earlier.children
                if said is not None and (said.approach, said.age) == (purpose.children.approach, purpose.children.age):
                    if self.children(earlier) != sentence:
                        return self.text(purpose.children.how)  # the rule is said; what differs is how
                    link = Markup('<a href="#activity-{}">{}</a>').format(activity.id, self.text(activity.name))
                    see = gettext_for(self.language)(CHILDREN_SEE)
                    return Markup(see).format(area=link)
        return sentence

    def common_basis(self, activity: ProcessingActivity) -> str | None:
        """The activity's one legal basis, when all its purposes share it (then said once in its block)."""
        bases = {(p.legal_basis, p.pre_contractual) for p in activity.purposes}
        if len(bases) != 1:
            return None
        return self.basis_short(activity.purposes[0])

    def purposes_by_basis(self, activity: ProcessingActivity) -> list[tuple[str, list[Purpose]]]:
        """The activity's purposes grouped by legal basis, in order of first appearance; the basis in a sentence."""
        groups: dict[str, list[Purpose]] = {}
        for purpose in activity.purposes:
            basis = self.basis_short(purpose)
            groups.setdefault(basis[:1].lower() + basis[1:], []).append(purpose)
        return list(groups.items())

    def release_date(self, release: Any) -> str:
        """A released version's date in the page's own words ('10 November 2019'), whatever it was released with.
        `release` is a `generator.model.history.Release`."""
        return texts.date_in_words(release.date, self.language)

    def prose_has_headings(self, key: str) -> bool:
        """The owner's Markdown for a section has headings of its own: what follows it needs one too."""
        return "<h3" in str(self.prose.get(key, ""))

    def release_changes(self, release: Any) -> list[str]:
        """A released version's changes on the page: one sentence naming the parts that changed, or, for a
        release without structured changes (the first), its texts as released."""
        sentence = changed_topics_sentence(release.changed_sections(), self.language)
        return [sentence] if sentence else release.summary_texts(self.language)

    def decisions_only_by_others(self) -> bool:
        """Every automated decision the page describes is made by another controller, not by us."""
        return all(d.decided_by is not None for a in self.activities for d in a.automated_decisions)

    def only_marketing_activity_is_named_so(self, activities: list[ProcessingActivity]) -> bool:
        """The one activity direct marketing applies to is called 'Direktmarknadsföring': naming it says nothing."""
        _ = gettext_for(self.language)
        return (
            len(activities) == 1
            and (activities[0].name.get(self.language) or "").casefold() == _("Direct marketing").casefold()
        )

    def activity_links(self, activities: list[ProcessingActivity]) -> list[Markup]:
        """Links to the activities' blocks, named as their headings and quoted as titles in running text
        (”Köp i webbutiken”, ‘Purchases’), so that names with 'och' in them can be told apart in a list."""
        quoted = title_quotes(self.language)
        made = self._activity_links_made
        for a in activities:
            if a.id not in made:
                link = Markup('<a href="#activity-{}">{}</a>').format(a.id, self.text(a.name))
                made[a.id] = Markup(quoted).format(link)
        return [made[a.id] for a in activities]

    @cached_property
    def _activity_links_made(self) -> dict[str, Markup]:
        """Activity id → its link: each recipient described earlier links to its activity, so most are asked for
        again and again."""
        return {}

    def basis_short(self, purpose: Purpose) -> str:
        """'Avtal (artikel 6.1 b)'."""
        _ = gettext_for(self.language)
        if purpose.legal_basis is None:
            return _("not stated")
        if purpose.pre_contractual:
            return pre_contractual_short(self.language)
        return legal_basis_short(purpose.legal_basis, self.language)

    def retention_text(self, activity: ProcessingActivity) -> str:
        if activity.retention is None:
            return gettext_for(self.language)("not stated")
        return retention_in_running_text(activity.retention, self.language)

    def duration_text(self, value: str | None) -> str:
        """A duration in a sentence: 'en månad'."""
        if value is None:
            return gettext_for(self.language)("not stated")
        return duration_in_running_text(value, self.language)

    def special_categories(self, activity: ProcessingActivity) -> list[Markup]:
        """'Allergier: bara med ditt uttryckliga samtycke (artikel 9.2 a)': the activity's data of Art. 9(1) and
        the point of Art. 9(2) that allows it, grouped by that point. The legal basis alone does not say it."""
        ids = [*activity.data_categories, *(i for group in activity.conditional_data for i in group.data_categories)]
        by_ground: dict[str, list[Any]] = {}
        for category in self.data_categories(list(dict.fromkeys(ids))):
            if category.special_category and category.special_category_condition:
                ground = special_category_ground(category.special_category_condition, self.language)
                if ground is not None:
                    by_ground.setdefault(ground, []).append(category.label)
        return [
            Markup("{}: {}").format(
                self.join([self.text(labels[0]), *(self.in_sentence(label) for label in labels[1:])]), ground
            )
            for ground, labels in by_ground.items()
        ]

    def provision_text(self, activity: ProcessingActivity) -> Markup:
        """Art. 13(2)(e) for the activity, in a sentence that is true for its kind of requirement."""
        provision = activity.provision
        assert provision is not None
        duty = str(self.clause(provision.duty)) if provision.duty and provision.obligatory else None
        consequence = str(self.text(provision.consequence)) if provision.consequence else None
        in_sentence = str(self.in_sentence(provision.consequence)) if provision.consequence else None
        return Markup(provision_sentence(provision, duty, consequence, self.language, in_sentence=in_sentence))

    def article(self, right: Right) -> str:
        """'artikel 15' / 'Article 15 GDPR'."""
        return article_citation(right.article, self.language)

    def right_title(self, right: Right) -> str:
        """'Rätt till tillgång (artikel 15)'."""
        return f"{texts.right_name(right, self.language)} ({self.article(right)})"


GENERIC_AUTHORITY_WORDS = frozenset({"myndigheter", "myndighet", "authorities", "authority", "public"})
"""First words of an authority's label that name no authority: the label reads in lower case in a sentence."""


def _generic_authority(label: str) -> bool:
    """'Myndigheter, till exempel Skatteverket' starts with a common noun, 'Skatteverket, när …' with a name."""
    first = label.split(" ", 1)[0].strip(",.;:").casefold()
    return first in GENERIC_AUTHORITY_WORDS
