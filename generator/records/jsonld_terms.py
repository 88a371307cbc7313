"""The W3C DPV 2.3 terms the records use, and the JSON-LD @context that names them (DPV publishes none)."""

from __future__ import annotations

from typing import Any

from generator.records.document import RecordsDocument

NAMESPACES: dict[str, str] = {
    "dpv": "https://w3id.org/dpv#",
    "pd": "https://w3id.org/dpv/pd#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "legal-eu": "https://w3id.org/dpv/legal/eu#",
    "loc": "https://w3id.org/dpv/loc#",
    "tech": "https://w3id.org/dpv/tech#",
    "dct": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# DPV properties whose values are nodes (IRIs or compact IRIs such as loc:US).
LINK_PROPERTIES = [
    "hasPersonalDataHandling",
    "hasDataController",
    "hasJointDataControllers",
    "hasEntity",
    "hasRepresentative",
    "hasDataProtectionOfficer",
    "hasApplicableLaw",
    "hasPurpose",
    "hasLegalBasis",
    "hasDataSubject",
    "hasPersonalData",
    "hasRecipient",
    "hasDataProcessor",
    "hasRecipientDataController",
    "hasRecipientThirdParty",
    "hasThirdCountry",
    "hasCountry",
    "hasProcessing",
    "hasStorageCondition",
    "hasDuration",
    "hasLocation",
    "hasTechnicalOrganisationalMeasure",
    "hasDataSource",
    "hasContext",
    "hasAlgorithmicLogic",
    "hasImpact",
    "hasConsequence",
    "hasNotice",
    "hasAssessment",
    "hasLegalMeasure",
    "hasResponsibleEntity",
]
# DPV properties whose values are plain strings in no language (names, e-mail addresses).
LITERAL_PROPERTIES = ["hasName", "hasContact", "hasAddress"]

TRANSFER_BASIS: dict[str, str] = {
    "adequacy": "eu-gdpr:A45-3",
    "scc": "eu-gdpr:A46-2-c",
    "bcr": "eu-gdpr:A46-2-b",
    # Art. 49 has no single IRI in DPV 2.3 (only A49-1-a … g): the generic class, with the text.
    "derogation": "dpv:DataTransferLegalBasis",
}

RECIPIENT_TYPES: dict[str, str] = {
    "processor": "dpv:DataProcessor",
    "controller": "dpv:DataController",
    "joint_controller": "dpv:DataController",
    "authority": "dpv:Authority",
    "internal": "dpv:OrganisationalUnit",
}

RECIPIENT_PROPERTIES: dict[str, str | None] = {
    "processor": "hasDataProcessor",
    "controller": "hasRecipientDataController",
    "joint_controller": "hasRecipientDataController",
    "authority": "hasRecipientThirdParty",
    "internal": None,
}

PUBLIC_SOURCE = "dpv:PublicDataSource"
NON_PUBLIC_SOURCE = "dpv:NonPublicDataSource"

STORAGE_TYPES: dict[str, str] = {
    "cookie": "tech:Cookie",
    "local_storage": "tech:LocalStorage",
}


def context(document: RecordsDocument) -> dict[str, Any]:
    """Our own @context: DPV prefixes, short names for the properties, `ropa:` for the records' own nodes."""
    result: dict[str, Any] = dict(NAMESPACES)
    result["ropa"] = records_base(document)
    result["@language"] = document.language
    for name in LINK_PROPERTIES:
        result[name] = {"@id": f"dpv:{name}", "@type": "@id"}
    for name in LITERAL_PROPERTIES:
        result[name] = {"@id": f"dpv:{name}", "@language": None}
    result.update(
        {
            "title": {"@id": "dct:title"},
            "description": {"@id": "dct:description"},
            "label": {"@id": "rdfs:label"},
            "plainLabel": {"@id": "rdfs:label", "@language": None},
            "identifier": {"@id": "dct:identifier", "@language": None},
            "version": {"@id": "owl:versionInfo", "@language": None},
            "modified": {"@id": "dct:modified", "@type": "xsd:date"},
            "created": {"@id": "dct:created", "@type": "xsd:date"},
            "reviewed": {"@id": "dct:date", "@type": "xsd:date"},
            "duration": {"@id": "rdf:value", "@type": "xsd:duration"},
            "seeAlso": {"@id": "rdfs:seeAlso", "@type": "@id"},
        }
    )
    return result


def records_base(document: RecordsDocument) -> str:
    """IRIs of the records' own nodes: the published ropa.jsonld, with a fragment per node."""
    return document.site.records_url + "ropa.jsonld#"
