"""The message catalogs are current: extracted from today's code and templates, compiled, Swedish complete."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_catalogs_are_current_and_swedish_is_complete() -> None:
    """`python -m generator.catalogs check` exits 0: no stale .pot/.po/.mo and no untranslated Swedish text."""
    result = subprocess.run(
        [sys.executable, "-m", "generator.catalogs", "check"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"run `make catalogs` and translate:\n{result.stdout}{result.stderr}"


def test_built_in_terms_read_in_swedish_legal_wording() -> None:
    """A few terms a Swedish data protection officer checks first (Swedish GDPR text, IMY)."""
    from generator.model import ConsentCategory, LegalBasis, RecipientRole
    from generator.texts.legal import (
        consent_category_label,
        legal_basis_with_article,
        recipient_role_name,
        supervisory_authority,
    )

    assert legal_basis_with_article(LegalBasis.contract, "sv") == "Avtal – artikel 6.1 b i dataskyddsförordningen"
    assert legal_basis_with_article(LegalBasis.legitimate_interests, "sv").startswith(
        "Berättigat intresse – artikel 6.1 f"
    )
    assert recipient_role_name(RecipientRole.processor, "sv") == "Personuppgiftsbiträde"
    labels = [
        consent_category_label(ConsentCategory(id=i), "sv")
        for i in ("necessary", "preferences", "statistics", "marketing")
    ]
    assert labels == ["Nödvändiga", "Inställningar", "Statistik", "Marknadsföring"]
    assert supervisory_authority(None).name.sv == "Integritetsskyddsmyndigheten (IMY)"
