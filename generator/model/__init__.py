"""The policy model: one structured description of a site's processing.

Every output (privacy page, consent config, records of processing) is rendered
from a `Policy`. Fields that GDPR requires in the *text* are optional here and
required by `generator.checks.registry`, so that an incomplete policy still loads and
its gaps become findings instead of load errors.

Field descriptions become the JSON Schema that editors show while the site
owner types (`policygen schema`).

The model lives in modules by concept (values, legal, parties, processing, cookies, policy);
this package re-exports their public names, so `from generator.model import Policy` works everywhere.
"""

from __future__ import annotations

from generator.model.cookies import (
    ConsentCategory,
    Cookie,
    wildcard_pattern,
)
from generator.model.data import (
    DataCategory,
    DataSubjectCategory,
    JointArrangement,
    NationalIdentityNumber,
    OnwardTransfer,
    Recipient,
    Transfer,
)
from generator.model.legal import (
    LEGAL_BASIS_NAMES,
    RIGHT_ARTICLES,
    ConsentModeSignal,
    LegalBasis,
    ProvisionRequirement,
    RecipientRole,
    Right,
    StorageType,
    TransferMechanism,
)
from generator.model.parties import (
    Address,
    Channel,
    Controller,
    Party,
    RightDetails,
    Rights,
    Site,
    SupervisoryAuthority,
)
from generator.model.policy import (
    Policy,
    PolicyDocument,
    Prose,
)
from generator.model.processing import (
    OBJECTION_BASES,
    AutomatedDecision,
    CameraSurveillance,
    ChannelPermission,
    ChildrenStatement,
    ConditionalData,
    DataSource,
    InformedElsewhere,
    ProcessingActivity,
    Provision,
    Purpose,
    RightException,
)
from generator.model.register import (
    AssessmentDocument,
    ProcessorAgreement,
    Register,
)
from generator.model.retention import (
    CategoryRetention,
    LegalRule,
    Retention,
    RetentionException,
)
from generator.model.values import (
    ID_PATTERN,
    LANGUAGES,
    CountryCode,
    Duration,
    Email,
    Id,
    Language,
    StorageDuration,
    StrictModel,
    Text,
    Url,
)
from generator.model.vocabulary import DEFAULT_CONSENT_CATEGORIES

__all__ = [
    "DEFAULT_CONSENT_CATEGORIES",
    "ID_PATTERN",
    "LANGUAGES",
    "LEGAL_BASIS_NAMES",
    "OBJECTION_BASES",
    "RIGHT_ARTICLES",
    "Address",
    "AssessmentDocument",
    "AutomatedDecision",
    "CameraSurveillance",
    "CategoryRetention",
    "Channel",
    "ChannelPermission",
    "ChildrenStatement",
    "ConditionalData",
    "ConsentCategory",
    "ConsentModeSignal",
    "Controller",
    "Cookie",
    "CountryCode",
    "DataCategory",
    "DataSource",
    "DataSubjectCategory",
    "Duration",
    "Email",
    "Id",
    "InformedElsewhere",
    "JointArrangement",
    "Language",
    "LegalBasis",
    "LegalRule",
    "NationalIdentityNumber",
    "OnwardTransfer",
    "Party",
    "Policy",
    "PolicyDocument",
    "ProcessingActivity",
    "ProcessorAgreement",
    "Prose",
    "Provision",
    "ProvisionRequirement",
    "Purpose",
    "Recipient",
    "RecipientRole",
    "Register",
    "Retention",
    "RetentionException",
    "Right",
    "RightDetails",
    "RightException",
    "Rights",
    "Site",
    "StorageDuration",
    "StorageType",
    "StrictModel",
    "SupervisoryAuthority",
    "Text",
    "Transfer",
    "TransferMechanism",
    "Url",
    "wildcard_pattern",
]
