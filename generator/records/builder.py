"""The source model resolved into records: every id into its label, legal terms in one language.

`build_records` turns a `Policy` into a `RecordsDocument` (generator.records.document);
the formats are written from that document (generator.records.render).
"""

from __future__ import annotations

from urllib.parse import urljoin

from generator.i18n import N_, gettext_for
from generator.model import (
    Address,
    AutomatedDecision,
    Controller,
    Cookie,
    DataCategory,
    LegalBasis,
    Party,
    Policy,
    ProcessingActivity,
    Purpose,
    Recipient,
    RecipientRole,
    Text,
)
from generator.model.vocabulary import is_first_party
from generator.records.changes import release_records
from generator.records.cookies import cookie_record
from generator.records.document import (
    ActivityRecord,
    AddressRecord,
    AutomatedDecisionRecord,
    CameraSurveillanceRecord,
    ChannelPermissionRecord,
    ControllerRecord,
    CookieRecord,
    DataCategoryRecord,
    DataSubjectRecord,
    InformedElsewhereRecord,
    LegalBasisRecord,
    NationalIdentityNumberRecord,
    PartyRecord,
    PolicyVersion,
    ProvisionRecord,
    PurposeRecord,
    RecipientRecord,
    RecordsDocument,
    RightExceptionRecord,
    SecurityRecord,
    SiteRecord,
    SourceRecord,
)
from generator.records.register import agreement_record, document_record, register_record
from generator.records.retention import retention
from generator.records.transfers import transfers
from generator.records.wording import records_view
from generator.records.words import (
    channel_permission_record,
    children_record,
    document_text,
    joint_controllers_record,
    national_identity_number_record,
    pre_contractual_basis_record,
)
from generator.texts.cookies import declared_cookies
from generator.texts.legal import (
    country_name,
    legal_basis_name,
    legal_basis_with_article,
    provision_name,
    right_article,
    right_name,
    supervisory_authority,
)
from generator.texts.phone import phone_in_words
from generator.texts.recipients import (
    describe_recipient,
    joint_controllers_sentence,
    onward_transfer_sentence,
    recipient_name,
    recipient_summary,
    third_country_recipient,
)
from generator.texts.situations import (
    camera_signs_sentence,
    decided_by_sentence,
    informed_elsewhere_sentence,
    pre_contractual_basis,
)

TITLE = N_("Records of processing activities (Article 30 of the General Data Protection Regulation)")

LEGAL_BASIS_DPV: dict[LegalBasis, str] = {
    LegalBasis.consent: "eu-gdpr:A6-1-a",
    LegalBasis.contract: "eu-gdpr:A6-1-b",
    LegalBasis.legal_obligation: "eu-gdpr:A6-1-c",
    LegalBasis.vital_interests: "eu-gdpr:A6-1-d",
    LegalBasis.public_task: "eu-gdpr:A6-1-e",
    LegalBasis.legitimate_interests: "eu-gdpr:A6-1-f",
}

# --- the model resolved into records ----------------------------------------


def build_records(policy: Policy, language: str, *, own_wording: bool = True) -> RecordsDocument:
    """The records of every activity, in `language`, in source order, in the records' own wording.

    `own_wording=False` keeps the page's wording, so that a test can compare the facts of both."""
    if own_wording:
        policy = records_view(policy)
    builder = _RecordBuilder(policy, language, own_wording=own_wording)
    version = PolicyVersion(version=policy.policy.version, last_updated=policy.policy.last_updated)
    authority = supervisory_authority(policy.supervisory_authority)
    records = [builder.activity(activity, version) for activity in policy.activities]
    return RecordsDocument(
        language=language,  # type: ignore[arg-type]
        title=builder.gettext(TITLE),
        policy=version,
        site=SiteRecord(
            base_url=policy.site.base_url,
            policy_url=policy.site.policy_url,
            records_url=urljoin(policy.site.base_url, policy.site.publish_path) + "records/",
        ),
        controller=builder.controller_record,
        records_register=register_record(policy.records_register, language),
        supervisory_authority=authority.name.get(language),
        records=records,
        cookies=builder.cookies,
        recipients=builder.named_recipients(records),
        changes=release_records(policy, language),
    )


class _RecordBuilder:
    """Resolves the source model's ids into labelled records in one language."""

    def __init__(self, policy: Policy, language: str, *, own_wording: bool = True) -> None:
        self.policy = policy
        self.language = language
        self.own_wording = own_wording
        self.gettext = gettext_for(language, "records")
        # The records are immutable, and the document repeats some in many places: each is made once.
        # The controller is in the document and in every activity's record.
        self.controller_record = self.controller(policy.controller)
        # The document lists every declared cookie, and each activity the cookies of its purposes.
        self.cookie_words: dict[tuple[object, ...], dict[str, object]] = {}
        self.cookies = [self.cookie(cookie) for cookie in declared_cookies(policy)]
        self.cookies_by_purpose: dict[str, list[tuple[int, CookieRecord]]] = {}
        for position, record in enumerate(self.cookies):
            if record.purpose is not None:
                self.cookies_by_purpose.setdefault(record.purpose, []).append((position, record))
        # Legal bases, data subjects and recipients recur in many activities: made when first asked for.
        self.legal_basis_records: dict[LegalBasis, LegalBasisRecord] = {}
        self.data_subject_records: dict[str, DataSubjectRecord] = {}
        self.recipient_records: dict[str, RecipientRecord] = {}

    def activity_cookies(self, activity: ProcessingActivity) -> list[str]:
        """The names of the declared cookies that serve a purpose of `activity`, in declaration order: each
        is described once, in the document's `cookies` (a record repeating them made ropa.json three times
        as large for 10,000 cookies)."""
        found = [entry for purpose in activity.purposes for entry in self.cookies_by_purpose.get(purpose.id, [])]
        return [record.name for _, record in sorted(found, key=lambda entry: entry[0])]

    def named_recipients(self, records: list[ActivityRecord]) -> list[RecipientRecord]:
        """Every recipient a record or a cookie names, in source order: ropa.json describes each once."""
        named = {r.id for record in records for r in record.recipients}
        named.update(cookie.provider for cookie in self.cookies if not is_first_party(cookie.provider))
        return [self.recipient(r.id) for r in self.policy.recipients if r.id in named]

    def country_name(self, code: str) -> str:
        return country_name(code, self.language)

    # Art. 30(1)(a)

    def address(self, address: Address | None) -> AddressRecord | None:
        if address is None:
            return None
        return AddressRecord(
            street=address.street,
            postal_code=address.postal_code,
            city=address.city,
            country=address.country,
            country_name=self.country_name(address.country),
        )

    def party(self, party: Party) -> PartyRecord:
        return PartyRecord(
            name=party.name,
            address=self.address(party.address),
            email=party.email,
            phone=phone_in_words(party.phone, self.language) if party.phone else None,
            website=party.url,
            responsibilities=party.responsibilities.get(self.language) if party.responsibilities else None,
        )

    def controller(self, controller: Controller) -> ControllerRecord:
        return ControllerRecord(
            controller=PartyRecord(
                name=controller.name,
                legal_name=controller.legal_name,
                owner=controller.owner.get(self.language) if controller.owner else None,
                org_number=controller.org_number,
                vat_number=controller.vat_number,
                address=self.address(controller.address),
                email=controller.email,
                phone=phone_in_words(controller.phone, self.language) if controller.phone else None,
                website=controller.website,
            ),
            joint_controllers=[self.party(p) for p in controller.joint_controllers],
            representative=self.party(controller.representative) if controller.representative else None,
            data_protection_officer=self.party(controller.dpo) if controller.dpo else None,
        )

    # one activity

    def activity(self, activity: ProcessingActivity, version: PolicyVersion) -> ActivityRecord:
        text = self.text
        return ActivityRecord(
            id=activity.id,
            name=activity.name.get(self.language),
            description=text(activity.description),
            policy=version,
            controller=self.activity_controller(activity),
            purposes=[
                PurposeRecord(
                    id=p.id,
                    description=p.description.get(self.language),
                    legal_basis=self.purpose_legal_basis(p),
                    legitimate_interest=text(p.legitimate_interest),
                    balancing_test=document_text(p.balancing_test, self.language),
                    balancing_test_document=document_record(p.balancing_test, self.language),
                    legal_obligation=text(p.legal_obligation),
                    direct_marketing=p.direct_marketing,
                    dpv=p.dpv,
                    withdrawal=text(p.withdrawal) if p.legal_basis == LegalBasis.consent else None,
                    pre_contractual=p.pre_contractual,
                    data_subjects=list(p.data_subjects),
                    channel_permission=self.channel_permission(p),
                    children=children_record(p.children, self.language) if p.children else None,
                )
                for p in activity.purposes
            ],
            data_subjects=[self.data_subject(i) for i in activity.data_subjects],
            data_categories=self.data_categories(activity),
            recipients=[self.recipient(i) for i in activity.recipients],
            transfers=transfers(self.policy, self.language, activity),
            retention=retention(self.policy, self.language, activity.retention) if activity.retention else None,
            security=SecurityRecord(
                general_measures=[m.get(self.language) for m in self.policy.controller.security_measures],
                activity_measures=[m.get(self.language) for m in activity.security_measures],
            ),
            impact_assessment=document_record(activity.impact_assessment, self.language),
            legal_bases=[self.legal_basis(b) for b in activity.legal_bases()],
            sources=[
                SourceRecord(
                    description=s.description.get(self.language),
                    data_categories=list(s.data_categories),
                    publicly_accessible=s.publicly_accessible,
                )
                for s in activity.sources
            ],
            provision=self.provision(activity),
            automated_decisions=None
            if activity.automated_decisions is None
            else [self.automated_decision(d) for d in activity.automated_decisions],
            cookies=self.activity_cookies(activity),
            observed=activity.is_observed,
            camera_surveillance=self.camera_surveillance(activity),
            informed_elsewhere=self.informed_elsewhere(activity),
            right_exceptions=[
                RightExceptionRecord(
                    right=e.right.value,
                    right_name=right_name(e.right, self.language),
                    article=right_article(e.right, self.language),
                    condition=e.condition.get(self.language),
                    reason=text(e.reason),
                )
                for e in activity.right_exceptions
            ],
        )

    def automated_decision(self, decision: AutomatedDecision) -> AutomatedDecisionRecord:
        """Art. 22: the decision; if someone else makes it, who, in the page's words."""
        text = self.text
        who = None
        if decision.decided_by is not None:
            who = self.recipient(decision.decided_by).label
        return AutomatedDecisionRecord(
            description=decision.description.get(self.language),
            logic=text(decision.logic),
            significance=text(decision.significance),
            consequences=text(decision.consequences),
            decided_by=who,
            decided_by_recipient=decision.decided_by,
            decided_by_text=self.decided_by_text(decision.decided_by),
            contest=text(decision.contest),
        )

    def decided_by_text(self, id_: str | None) -> str | None:
        if id_ is None:
            return None
        recipient = self.policy.recipient(id_)
        return decided_by_sentence(recipient.name, recipient.label.get(self.language), self.language)

    def informed_elsewhere(self, activity: ProcessingActivity) -> InformedElsewhereRecord | None:
        elsewhere = activity.informed_elsewhere
        if elsewhere is None:
            return None
        notice, kept_at = elsewhere.notice.get(self.language), elsewhere.kept_at.get(self.language)
        return InformedElsewhereRecord(
            notice=notice, kept_at=kept_at, text=informed_elsewhere_sentence(notice, kept_at, self.language)
        )

    def camera_surveillance(self, activity: ProcessingActivity) -> CameraSurveillanceRecord | None:
        camera = activity.camera_surveillance
        if camera is None:
            return None
        return CameraSurveillanceRecord(
            areas=camera.areas.get(self.language),
            signs=camera_signs_sentence(camera, self.language),
            viewers=camera.viewers.get(self.language),
        )

    def text(self, value: Text | None) -> str | None:
        """A text of the sources in the records' language, or None."""
        return None if value is None else value.get(self.language)

    def purpose_legal_basis(self, purpose: Purpose) -> LegalBasisRecord | None:
        """The purpose's basis; steps before a contract are Art. 6(1)(b) in words of their own."""
        if purpose.legal_basis is None:
            return None
        if purpose.pre_contractual:
            return LegalBasisRecord(
                code="contract",
                article=LegalBasis.contract.article,
                name=legal_basis_name(LegalBasis.contract, self.language),
                text=pre_contractual_basis_record(self.language)
                if self.own_wording
                else pre_contractual_basis(self.language),
                dpv="eu-gdpr:A6-1-b-enter-into-contract",
            )
        return self.legal_basis(purpose.legal_basis)

    def channel_permission(self, purpose: Purpose) -> ChannelPermissionRecord | None:
        permission = purpose.channel_permission
        if permission is None:
            return None
        return ChannelPermissionRecord(
            channel=permission.channel,
            ground=permission.ground,
            text=channel_permission_record(permission, self.language),
        )

    def legal_basis(self, basis: LegalBasis) -> LegalBasisRecord:
        if basis not in self.legal_basis_records:
            self.legal_basis_records[basis] = LegalBasisRecord(
                code=basis.value,  # type: ignore[arg-type]
                article=basis.article,
                name=legal_basis_name(basis, self.language),
                text=legal_basis_with_article(basis, self.language),
                dpv=LEGAL_BASIS_DPV[basis],
            )
        return self.legal_basis_records[basis]

    def data_subject(self, id_: str) -> DataSubjectRecord:
        if id_ not in self.data_subject_records:
            subject = self.policy.data_subject(id_)
            self.data_subject_records[id_] = DataSubjectRecord(
                id=subject.id, label=subject.label.get(self.language), dpv=subject.dpv
            )
        return self.data_subject_records[id_]

    def data_categories(self, activity: ProcessingActivity) -> list[DataCategoryRecord]:
        """Every category of the activity; a conditional one carries its condition."""
        conditions: dict[str, str] = {}
        for group in activity.conditional_data:
            for id_ in group.data_categories:
                if id_ not in activity.data_categories:
                    conditions.setdefault(id_, group.condition.get(self.language))
        records = []
        for id_ in activity.all_data_categories():
            category = self.policy.data_category(id_)
            records.append(
                DataCategoryRecord(
                    id=category.id,
                    label=category.label.get(self.language),
                    examples=self.text(category.examples),
                    condition=conditions.get(id_),
                    special_category=category.special_category,
                    special_category_condition=category.special_category_condition,
                    dpv=category.dpv,
                    national_identity_number=self.national_identity_number(category),
                )
            )
        return records

    def national_identity_number(self, category: DataCategory) -> NationalIdentityNumberRecord | None:
        """Personnummer in a category: the ground and cases (dataskyddslagen 3 kap. 10 §), in the page's words."""
        number = category.national_identity_number
        if number is None:
            return None
        return NationalIdentityNumberRecord(
            ground=number.ground,
            cases=number.cases.get(self.language),
            text=national_identity_number_record(number, self.language),
        )

    def recipient(self, id_: str) -> RecipientRecord:
        if id_ not in self.recipient_records:
            recipient = self.policy.recipient(id_)
            words = describe_recipient(recipient, self.language)
            self.recipient_records[id_] = RecipientRecord(
                id=recipient.id,
                label=words.label,
                role=recipient.role.value,  # type: ignore[arg-type]
                role_name=words.role,
                name=recipient_name(recipient, self.language),
                legal_entity=recipient.legal_entity,
                product=recipient.product,
                established_in=recipient.established_in,
                established_in_name=country_name(recipient.established_in, self.language)
                if recipient.established_in
                else None,
                country=recipient.country,
                country_name=words.country,
                third_country=third_country_recipient(recipient),
                purpose=self.text(recipient.purpose),
                summary=recipient_summary(recipient, self.language),
                onward_transfers=[onward_transfer_sentence(t, self.language) for t in recipient.onward_transfers],
                privacy_notice=recipient.privacy_notice,
                joint_arrangement=self.joint_arrangement(recipient),
                arrangement_url=recipient.arrangement.url if recipient.arrangement else None,
                agreement=agreement_record(recipient, self.language),
            )
        return self.recipient_records[id_]

    def joint_arrangement(self, recipient: Recipient) -> str | None:
        """A joint controller's Art. 26 sentence: the register's own, or the page's with `own_wording=False`."""
        if recipient.role != RecipientRole.joint_controller:
            return None
        if self.own_wording:
            return joint_controllers_record(recipient, self.language)
        return joint_controllers_sentence(recipient, self.language)

    def activity_controller(self, activity: ProcessingActivity) -> ControllerRecord:
        """Art. 30(1)(a): the controller, with the joint controllers of this activity among its recipients."""
        joint = [self.policy.recipient(i) for i in activity.recipients]
        joint = [r for r in joint if r.role == RecipientRole.joint_controller]
        if not joint:
            return self.controller_record
        extra = [self.joint_party(r) for r in joint]
        return self.controller_record.model_copy(
            update={"joint_controllers": [*self.controller_record.joint_controllers, *extra]}
        )

    def joint_party(self, recipient: Recipient) -> PartyRecord:
        arrangement = recipient.arrangement
        return PartyRecord(
            name=recipient_name(recipient, self.language) or recipient.label.get(self.language),
            legal_name=recipient.legal_entity,
            website=recipient.privacy_notice,
            responsibilities=arrangement.essence.get(self.language) if arrangement else None,
            arrangement_url=arrangement.url if arrangement else None,
        )

    def provision(self, activity: ProcessingActivity) -> ProvisionRecord | None:
        provision = activity.provision
        if provision is None:
            return None
        return ProvisionRecord(
            requirement=provision.requirement.value,  # type: ignore[arg-type]
            requirement_name=provision_name(provision.requirement, self.language),
            obligatory=provision.obligatory,
            consequence=self.text(provision.consequence),
        )

    def cookie(self, cookie: Cookie) -> CookieRecord:
        return cookie_record(self.policy, cookie, self.language, own_wording=self.own_wording, words=self.cookie_words)
