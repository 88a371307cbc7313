"""ropa.jsonld: the records in W3C Data Privacy Vocabulary (DPV 2.3) terms.

Shape (DPV has no normative ROPA shape; see docs/records.md):
a `dpv:DataProcessingRecord` of the controller holds, through
`dpv:hasPersonalDataHandling`, one `dpv:PersonalDataHandling` per activity.
Each names its purposes (`dpv:hasPurpose`), the distinct legal bases
(`dpv:hasLegalBasis`, `eu-gdpr:A6-1-a` …), data subjects, personal data,
recipients (`dpv:hasDataProcessor` for processors, `dpv:hasRecipientDataController`
for controllers, `dpv:hasRecipientThirdParty` for authorities, all also
`dpv:hasRecipient`), third countries, storage conditions, measures and sources.
Because a legal basis belongs to a purpose (Art. 13(1)(c)), each purpose is
also a nested handling with its own purpose and basis; each transfer is a
nested handling with its country and its Chapter V basis.

DPV publishes no JSON-LD context, so the file carries its own. It is plain
JSON written with the standard library; RDF libraries only read it in tests.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from generator.model.durations import UNTIL_CLEARED, UNTIL_DELETED
from generator.records.document import (
    ActivityRecord,
    AutomatedDecisionRecord,
    CategoryRetentionRecord,
    ControllerRecord,
    CookieRecord,
    DataCategoryRecord,
    DocumentRecord,
    PartyRecord,
    RecipientRecord,
    RecordsDocument,
)
from generator.records.jsonld_terms import (
    NON_PUBLIC_SOURCE,
    PUBLIC_SOURCE,
    RECIPIENT_PROPERTIES,
    RECIPIENT_TYPES,
    STORAGE_TYPES,
    TRANSFER_BASIS,
    context,
)

Node = dict[str, Any]


def render_jsonld(document: RecordsDocument) -> bytes:
    graph = _Graph(document)
    data = {"@context": context(document), "@graph": graph.nodes()}
    # Without indentation: RDF tools read it, and indenting made it half as large again (10,000 cookies: 5.9 MB).
    # The standard library's encoder is in C without indentation, and sorts keys as it goes.
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


class _Graph:
    """Collects the nodes of the graph; shared nodes (categories, recipients) are written once."""

    def __init__(self, document: RecordsDocument) -> None:
        self.document = document
        self.shared: dict[str, Node] = {}
        self.durations: dict[tuple[str | None, str | None], str] = {}

    def nodes(self) -> list[Node]:
        document = self.document
        record: Node = {
            "@id": "ropa:records",
            "@type": "dpv:DataProcessingRecord",
            "title": document.title,
            "version": document.policy.version,
            "modified": document.policy.last_updated.isoformat(),
            "hasApplicableLaw": "legal-eu:law-GDPR",
            "hasDataController": "ropa:controller",
            "hasPersonalDataHandling": [f"ropa:activity-{r.id}" for r in document.records],
        }
        record.update(self.controller_links(document.controller))
        record.update(register_links(document))
        activities = [self.activity(r) for r in document.records]
        cookies = [self.cookie_node(c) for c in document.cookies]
        controller = self.party("ropa:controller", "dpv:DataController", document.controller.controller)
        shared = [self.shared[key] for key in sorted(self.shared)]  # after the cookies: their lifetimes are shared
        return [record, controller, *activities, *shared, *cookies]

    # the controller, Art. 30(1)(a)

    def party(self, id_: str, type_: str, party: PartyRecord) -> Node:
        node: Node = {"@id": id_, "@type": type_}
        name = party.legal_name or party.name
        if name:
            node["hasName"] = name
        if party.name and party.legal_name and party.name != party.legal_name:
            node["label"] = party.name
        identifiers = [n for n in (party.org_number, party.vat_number) if n]
        if identifiers:
            node["identifier"] = identifiers
        if party.address:
            a = party.address
            node["hasAddress"] = f"{a.street}, {a.postal_code} {a.city}, {a.country}"
        contacts = [c for c in (party.email, party.phone, party.website) if c]
        if contacts:
            node["hasContact"] = contacts
        if party.responsibilities:
            node["description"] = party.responsibilities
        if party.owner:
            node["description"] = party.owner
        return node

    def controller_links(self, controller: ControllerRecord) -> Node:
        links: Node = {}
        if controller.joint_controllers:
            links["hasJointDataControllers"] = {
                "@type": "dpv:JointDataControllers",
                "hasEntity": [
                    "ropa:controller",
                    *[
                        self.party(f"ropa:joint-controller-{i + 1}", "dpv:DataController", p)
                        for i, p in enumerate(controller.joint_controllers)
                    ],
                ],
            }
        if controller.representative:
            links["hasRepresentative"] = self.party(
                "ropa:representative", "dpv:Representative", controller.representative
            )
        if controller.data_protection_officer:
            links["hasDataProtectionOfficer"] = self.party(
                "ropa:data-protection-officer", "dpv:DataProtectionOfficer", controller.data_protection_officer
            )
        return links

    # one activity

    def activity(self, record: ActivityRecord) -> Node:
        node: Node = {
            "@id": f"ropa:activity-{record.id}",
            "@type": "dpv:PersonalDataHandling",
            "identifier": record.id,
            "title": record.name,
            "version": record.policy.version,
            "modified": record.policy.last_updated.isoformat(),
            "hasDataController": "ropa:controller",
            "hasPurpose": [self.purpose(p.id, p.description, p.dpv) for p in record.purposes],
            "hasLegalBasis": [b.dpv for b in record.legal_bases],
            "hasDataSubject": [self.data_subject(s.id, s.label, s.dpv) for s in record.data_subjects],
            "hasPersonalData": [self.data_category(c) for c in record.data_categories],
            "hasRecipient": [self.recipient(r.id, r.label, r.role, r.name, r.country, r) for r in record.recipients],
            "hasTechnicalOrganisationalMeasure": self.measures(record),
            "hasDataSource": self.sources(record),
            "hasPersonalDataHandling": self.purpose_handlings(record) + self.transfers(record),
        }
        if record.description:
            node["description"] = record.description
        for role, prop in RECIPIENT_PROPERTIES.items():
            ids = [f"ropa:recipient-{r.id}" for r in record.recipients if r.role == role]
            if prop and ids:
                node.setdefault(prop, []).extend(ids)
        joint = [f"ropa:recipient-{r.id}" for r in record.recipients if r.role == "joint_controller"]
        if joint:  # Art. 26: the controller and the joint controllers of this activity
            node["hasJointDataControllers"] = {
                "@type": "dpv:JointDataControllers",
                "hasEntity": ["ropa:controller", *joint],
            }
        countries = sorted({f"loc:{t.country}" for t in record.transfers})
        if countries:
            node["hasThirdCountry"] = countries
        storage = self.storage_conditions(record)
        if storage:
            node["hasStorageCondition"] = storage
        if record.automated_decisions:
            node["hasContext"] = [self.automated_decision(d) for d in record.automated_decisions]
        if record.informed_elsewhere:
            node["hasNotice"] = {"@type": "dpv:PrivacyNotice", "description": record.informed_elsewhere.text}
        if record.impact_assessment:
            node["hasAssessment"] = assessment("dpv:DPIA", record.impact_assessment)
        if record.camera_surveillance:
            camera = record.camera_surveillance
            surveillance = {"@type": "dpv:PhysicalSurveillance", "description": f"{camera.areas}. {camera.signs}"}
            node.setdefault("hasContext", []).append(surveillance)
        return node

    def automated_decision(self, decision: AutomatedDecisionRecord) -> Node:
        """Art. 22: the decision as processing context, with its logic, significance and consequences."""
        node: Node = {"@type": "dpv:AutomatedDecisionMaking", "description": decision.description}
        if decision.logic:
            node["hasAlgorithmicLogic"] = {"@type": "dpv:AlgorithmicLogic", "description": decision.logic}
        if decision.significance:
            node["hasImpact"] = {"@type": "dpv:Impact", "description": decision.significance}
        if decision.consequences:
            node["hasConsequence"] = {"@type": "dpv:Consequence", "description": decision.consequences}
        if decision.decided_by_recipient:
            node["hasEntity"] = f"ropa:recipient-{decision.decided_by_recipient}"
        if decision.contest:
            node["hasNotice"] = {"@type": "dpv:RightExerciseNotice", "description": decision.contest}
        return node

    def purpose(self, id_: str, description: str, dpv: str | None) -> str:
        key = f"ropa:purpose-{id_}"
        self.shared[key] = {
            "@id": key,
            "@type": ["dpv:Purpose", dpv] if dpv else "dpv:Purpose",
            "identifier": id_,
            "description": description,
        }
        return key

    def purpose_handlings(self, record: ActivityRecord) -> list[Node]:
        """One nested handling per purpose: its own legal basis (Art. 13(1)(c)), the interest or the law."""
        handlings = []
        for p in record.purposes:
            bases: list[Any] = []
            if p.legal_basis:
                bases.append(p.legal_basis.dpv)
            if p.legitimate_interest:
                bases.append({"@type": "dpv:LegitimateInterestOfController", "description": p.legitimate_interest})
            if p.legal_obligation:
                bases.append({"@type": "dpv:LegalObligation", "description": p.legal_obligation})
            handling: Node = {
                "@id": f"ropa:activity-{record.id}-purpose-{p.id}",
                "@type": "dpv:PersonalDataHandling",
                "hasPurpose": f"ropa:purpose-{p.id}",
            }
            if bases:
                handling["hasLegalBasis"] = bases
            if p.channel_permission:
                bases.append({"@type": "dpv:LegalBasis", "description": p.channel_permission.text})
                handling["hasLegalBasis"] = bases
            if p.children:
                handling["hasContext"] = {"@type": "dpv:Child", "description": p.children}
            if p.data_subjects:
                handling["hasDataSubject"] = [f"ropa:data-subject-{i}" for i in p.data_subjects]
            if p.balancing_test_document:
                handling["hasAssessment"] = assessment("dpv:LegitimateInterestAssessment", p.balancing_test_document)
            if p.withdrawal:
                handling["hasNotice"] = {"@type": "dpv:RightExerciseNotice", "description": p.withdrawal}
            handlings.append(handling)
        return handlings

    def transfers(self, record: ActivityRecord) -> list[Node]:
        """Art. 30(1)(e): one nested handling per transfer, with the country and its Chapter V basis."""
        handlings = []
        onward: dict[str, int] = {}
        for t in record.transfers:
            suffix = ""
            if t.onward_to:  # a recipient may pass data on more than once: number them
                onward[t.recipient] = onward.get(t.recipient, 0) + 1
                suffix = f"-onward-{onward[t.recipient]}"
            handling: Node = {
                "@id": f"ropa:activity-{record.id}-transfer-{t.recipient}{suffix}",
                "@type": "dpv:PersonalDataHandling",
                "hasProcessing": "dpv:CrossBorderTransfer",
                "hasRecipient": f"ropa:recipient-{t.recipient}",
                "hasThirdCountry": f"loc:{t.country}",
            }
            if t.mechanism:
                handling["hasLegalBasis"] = TRANSFER_BASIS[t.mechanism]
            details = [d for d in (t.mechanism_name, t.decision) if d]
            if details:
                handling["description"] = (f"{t.onward_to}: " if t.onward_to else "") + " ".join(details)
            if t.decision_url:
                handling["seeAlso"] = t.decision_url
            elif t.copy_at and t.copy_at.startswith(("http://", "https://")):
                handling["seeAlso"] = t.copy_at
            handlings.append(handling)
        return handlings

    def data_subject(self, id_: str, label: str, dpv: str | None) -> str:
        key = f"ropa:data-subject-{id_}"
        self.shared[key] = {"@id": key, "@type": dpv or "dpv:DataSubject", "identifier": id_, "label": label}
        return key

    def data_category(self, category: DataCategoryRecord) -> str:
        key = f"ropa:data-{category.id}"
        types = [category.dpv or "dpv:PersonalData"]
        if category.special_category:
            types.append("dpv:SpecialCategoryPersonalData")
        if category.national_identity_number and "pd:OfficialID" not in types:
            types.append("pd:OfficialID")
        node = {"@id": key, "@type": types, "identifier": category.id, "label": category.label}
        if category.national_identity_number:
            node["description"] = category.national_identity_number.text
        self.shared[key] = node
        return key

    def recipient(
        self,
        id_: str,
        label: str,
        role: str,
        name: str | None,
        country: str | None,
        record: RecipientRecord | None = None,
    ) -> str:
        key = f"ropa:recipient-{id_}"
        node: Node = {"@id": key, "@type": ["dpv:Recipient", RECIPIENT_TYPES[role]], "identifier": id_, "label": label}
        if name:
            node["hasName"] = record.legal_entity if record and record.legal_entity else name
        if country:
            node["hasCountry"] = f"loc:{country}"
        if record is not None and (record.established_in or record.onward_transfers or record.joint_arrangement):
            # Where it is established and where the data goes on, in the words of the other formats.
            node["description"] = ". ".join(filter(None, [record.summary, record.joint_arrangement]))
        if record is not None and record.agreement is not None:
            agreement: Node = {"@type": "dpv:DataProcessingAgreement", "description": record.agreement.text}
            if record.agreement.url:
                agreement["seeAlso"] = record.agreement.url
            node["hasLegalMeasure"] = agreement
        links = [u for u in (record.privacy_notice, record.arrangement_url) if u] if record else []
        if links:
            node["seeAlso"] = links[0] if len(links) == 1 else links
        self.shared[key] = node
        return key

    def measures(self, record: ActivityRecord) -> list[Any]:
        """Art. 30(1)(g): the controller's measures (shared nodes) and the activity's own."""
        security = record.security
        links: list[Any] = []
        for i, text in enumerate(security.general_measures):
            key = f"ropa:measure-{i + 1}"
            self.shared[key] = {"@id": key, "@type": "dpv:TechnicalOrganisationalMeasure", "description": text}
            links.append(key)
        links += [{"@type": "dpv:TechnicalOrganisationalMeasure", "description": t} for t in security.activity_measures]
        return links

    def sources(self, record: ActivityRecord) -> list[Node]:
        """Art. 14(2)(f): the other sources, and the data subject for the rest."""
        sources: list[Node] = [
            {
                "@type": ["dpv:DataSource", PUBLIC_SOURCE if s.publicly_accessible else NON_PUBLIC_SOURCE],
                "description": s.description,
                "hasPersonalData": [f"ropa:data-{i}" for i in s.data_categories],
            }
            for s in record.sources
        ]
        sources.append({"@type": "dpv:DataSubjectDataSource"})
        return sources

    def storage_conditions(self, record: ActivityRecord) -> list[Node]:
        """Art. 30(1)(f): how long (a period, an event or a legal rule, and the exceptions), and which cookies."""
        conditions: list[Node] = []
        retention = record.retention
        if retention is not None and retention.kind != "not_stated":
            duration: Node = {"description": retention.summary}
            if retention.kind == "period":
                duration["@type"] = "dpv:TemporalDuration"
                duration["duration"] = retention.period
            elif retention.kind == "event":
                duration["@type"] = "dpv:UntilEventDuration"
            else:
                duration["@type"] = "dpv:UntilTimeDuration"
            conditions.append({"@type": "dpv:StorageDuration", "hasDuration": duration})
            for exception in retention.exceptions:
                text = exception.condition + (f" – {exception.retention}" if exception.retention else "")
                conditions.append(
                    {
                        "@type": "dpv:StorageDuration",
                        "hasDuration": {"@type": "dpv:UntilEventDuration", "description": text},
                    }
                )
            for entry in retention.by_category:
                conditions.append(category_storage_duration(entry))
        if record.cookies:  # one location with every item: a condition per item was 0.4 MB for 10,000 cookies
            conditions.append({"@type": "dpv:StorageLocation", "hasLocation": [cookie_id(n) for n in record.cookies]})
        return conditions

    def cookie_node(self, cookie: CookieRecord) -> Node:
        """A declared cookie or storage item, as a DPV technology node (tech:Cookie, tech:LocalStorage)."""
        node: Node = {
            "@id": cookie_id(cookie.name),
            "@type": STORAGE_TYPES.get(cookie.storage, "tech:DataStorage"),
            "plainLabel": cookie.name,
        }
        if cookie.description:
            node["description"] = cookie.description
        if cookie.duration is not None:
            node["hasDuration"] = self.cookie_duration(cookie)
        return node

    def cookie_duration(self, cookie: CookieRecord) -> str:
        """A shared node per distinct lifetime: 10,000 cookies have a few, and each repeated its own node."""
        key = (cookie.duration, cookie.duration_in_words)
        if key not in self.durations:
            id_ = f"ropa:cookie-duration-{len(self.durations) + 1}"
            duration: Node = {"@id": id_, "description": cookie.duration_in_words}
            if cookie.duration in ("session", UNTIL_CLEARED, UNTIL_DELETED):
                duration["@type"] = "dpv:UntilEventDuration"
            else:
                duration["@type"] = "dpv:TemporalDuration"
                duration["duration"] = cookie.duration
            self.durations[key] = id_
            self.shared[id_] = duration
        return self.durations[key]


def category_storage_duration(entry: CategoryRetentionRecord) -> Node:
    """A retention per data category: a storage duration of those categories only, with who decides it."""
    duration: Node = {"description": entry.summary}
    if entry.kind == "period":
        duration["@type"] = "dpv:TemporalDuration"
        duration["duration"] = entry.period
    else:
        duration["@type"] = "dpv:UntilEventDuration"
    node: Node = {
        "@type": "dpv:StorageDuration",
        "hasDuration": duration,
        "hasPersonalData": [f"ropa:data-{i}" for i in entry.data_categories],
    }
    if entry.set_in is not None:
        node["hasDataProcessor"] = f"ropa:recipient-{entry.set_in}"
    if entry.decided_by is not None:
        node["hasRecipientDataController"] = f"ropa:recipient-{entry.decided_by}"
    if entry.policy_url is not None:
        node["rdfs:seeAlso"] = {"@id": entry.policy_url}
    return node


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")
"""What `quote(…, safe="")` leaves as it is: a name made only of these needs no encoding."""


def cookie_id(name: str) -> str:
    """A cookie's node: its name percent-encoded ('_ga_*' → ropa:cookie-_ga_%2A)."""
    return "ropa:cookie-" + (name if _UNQUOTED.fullmatch(name) else quote(name, safe=""))


def register_links(document: RecordsDocument) -> Node:
    """The register's own metadata: established (dct:created), last reviewed (dct:date), who keeps it, Art. 30(5)."""
    register = document.records_register
    if register is None:
        return {}
    links: Node = {
        "created": register.established.isoformat(),
        "hasResponsibleEntity": {"@type": "dpv:Entity", "description": register.responsible},
    }
    if register.last_reviewed:
        links["reviewed"] = register.last_reviewed.isoformat()
    if register.article_30_5:
        links["hasContext"] = {"@type": "dpv:Context", "description": register.article_30_5}
    return links


def assessment(type_: str, document: DocumentRecord) -> Node:
    """A balancing test or impact assessment as a named document, dated where it is."""
    node: Node = {"@type": type_, "title": document.title, "description": document.text}
    if document.date:
        node["created"] = document.date.isoformat()
    return node
