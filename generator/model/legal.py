"""Enums of legal concepts (GDPR, ePrivacy), each citing its article."""

from __future__ import annotations

from enum import StrEnum

from generator.i18n import N_


class LegalBasis(StrEnum):
    """The six legal bases of GDPR Art. 6(1)."""

    consent = "consent"
    """Art. 6(1)(a): the data subject has given consent (samtycke)."""
    contract = "contract"
    """Art. 6(1)(b): necessary for a contract with the data subject (avtal)."""
    legal_obligation = "legal_obligation"
    """Art. 6(1)(c): necessary for a legal obligation (rättslig förpliktelse)."""
    vital_interests = "vital_interests"
    """Art. 6(1)(d): to protect vital interests (grundläggande intresse)."""
    public_task = "public_task"
    """Art. 6(1)(e): a task in the public interest or official authority."""
    legitimate_interests = "legitimate_interests"
    """Art. 6(1)(f): legitimate interests (berättigat intresse)."""

    @property
    def article(self) -> str:
        letter = "abcdef"[list(LegalBasis).index(self)]
        return f"6.1 {letter}"


# The names readers see, translated by the catalogs (generator.texts.legal); the loader's hints use them too.
LEGAL_BASIS_NAMES: dict[LegalBasis, str] = {
    LegalBasis.consent: N_("Consent"),
    LegalBasis.contract: N_("Contract"),
    LegalBasis.legal_obligation: N_("Legal obligation"),
    LegalBasis.vital_interests: N_("Vital interests"),
    LegalBasis.public_task: N_("Public interest or official authority"),
    LegalBasis.legitimate_interests: N_("Legitimate interests"),
}


class Right(StrEnum):
    """The data subject's rights that a policy must explain."""

    access = "access"  # Art. 15
    rectification = "rectification"  # Art. 16
    erasure = "erasure"  # Art. 17
    restriction = "restriction"  # Art. 18
    portability = "portability"  # Art. 20
    object = "object"  # Art. 21
    withdraw_consent = "withdraw_consent"  # Art. 7(3)
    complaint = "complaint"  # Art. 77

    @property
    def article(self) -> str:
        return RIGHT_ARTICLES[self]


RIGHT_ARTICLES: dict[Right, str] = {
    Right.access: "15",
    Right.rectification: "16",
    Right.erasure: "17",
    Right.restriction: "18",
    Right.portability: "20",
    Right.object: "21",
    Right.withdraw_consent: "7.3",
    Right.complaint: "77",
}


class RecipientRole(StrEnum):
    """How a recipient (Art. 4(9)) stands towards the controller."""

    processor = "processor"
    """Processes on the controller's behalf under an Art. 28 agreement (personuppgiftsbiträde)."""
    controller = "controller"
    """An independent controller with its own purposes (självständigt personuppgiftsansvarig)."""
    joint_controller = "joint_controller"
    """Decides purposes and means together with the controller (Art. 26)."""
    authority = "authority"
    """A public authority receiving data under law."""
    internal = "internal"
    """Staff of the controller itself; not a recipient outside the controller."""


class TransferMechanism(StrEnum):
    """The ground for a transfer to a third country (GDPR Chapter V)."""

    adequacy = "adequacy"
    """Art. 45: a Commission adequacy decision (e.g. EU-US Data Privacy Framework, 2023/1795)."""
    scc = "scc"
    """Art. 46(2)(c): standard contractual clauses adopted by the Commission."""
    bcr = "bcr"
    """Art. 46(2)(b) and 47: binding corporate rules."""
    derogation = "derogation"
    """Art. 49: a derogation for a specific situation."""


class StorageType(StrEnum):
    """Where a declared item is stored in the visitor's terminal (ePrivacy Art. 5(3))."""

    cookie = "cookie"
    local_storage = "local_storage"
    session_storage = "session_storage"
    indexed_db = "indexed_db"
    pixel = "pixel"


class ProvisionRequirement(StrEnum):
    """GDPR Art. 13(2)(e): why (or whether) the data subject must provide the data."""

    statutory = "statutory"
    contractual = "contractual"
    pre_contractual = "pre_contractual"
    """Necessary to enter into a contract."""
    voluntary = "voluntary"


class ConsentModeSignal(StrEnum):
    """Google Consent Mode v2 parameters a consent category grants."""

    ad_storage = "ad_storage"
    ad_user_data = "ad_user_data"
    ad_personalization = "ad_personalization"
    analytics_storage = "analytics_storage"
    functionality_storage = "functionality_storage"
    personalization_storage = "personalization_storage"
    security_storage = "security_storage"
