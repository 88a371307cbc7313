"""The privacy page says how long each data category is kept, and how long storage without an expiry lives.

A retention per data category reads as a plain statement, shorter or longer
than the activity's, never as a case of keeping data longer; who decides it is
said apart (our setting in a processor's tool, or an independent controller's
own policy, linked). localStorage and IndexedDB live "until you clear it" or
"until we delete it", sessionStorage "until you close the tab": no invented period.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.support.retention_variant import write_variant


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("retention")
    source = write_variant(folder)
    assert main(["build", str(source), "--out", str(folder / "dist")]) == 0
    return folder / "dist"


def page(dist: Path, language: str) -> str:
    """The page read as words: bidi isolation and break opportunities left out."""
    html = (dist / ("index.html" if language == "sv" else "en/index.html")).read_text(encoding="utf-8")
    return re.sub(r"</?bdi[^>]*>|<wbr>", "", html)


SENTENCES = {
    "sv": [
        "<li>Födelsedatum raderas direkt efter kontrollen.</li>",
        "<li>Beställningsuppgifter sparas tills reklamationstiden har gått ut.</li>",
        "<li>Kreditbeslut: lagringstiden bestäms av Fakturaleverantör som självständigt "
        'personuppgiftsansvarig. <a href="https://uc.example/integritetspolicy">Integritetspolicy för '
        "Fakturaleverantör</a></li>",
        "<li>Betalningsuppgifter raderas fem år efter betalningen. Lagringstiden bestäms av "
        'Betaltjänstleverantörer som självständigt personuppgiftsansvarig. <a href="https://pay.example/privacy">'
        "Integritetspolicy för Betaltjänstleverantörer</a></li>",
        "<li>Klickhistorik på webbplatsen raderas efter 14 månader. Det har vi själva ställt in i "
        "Google Analytics.</li>",
    ],
    "en": [
        "<li>Date of birth: deleted straight after the check.</li>",
        "<li>Order details: kept until the period for complaints has ended.</li>",
        "<li>Credit decision: the retention period is decided by Invoice provider as an independent "
        'controller. <a href="https://uc.example/integritetspolicy">'
        "Privacy policy of Invoice provider</a></li>",
        "<li>Payment details: deleted five years after the payment. The retention period is "
        "decided by Payment service providers as an independent controller. "
        '<a href="https://pay.example/privacy">Privacy policy of Payment service providers</a></li>',
        "<li>Website click history: deleted after 14 months. We set this ourselves in Google Analytics.</li>",
    ],
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_each_retention_per_data_category_is_one_plain_sentence(dist: Path, language: str) -> None:
    html = page(dist, language)
    for sentence in SENTENCES[language]:
        assert sentence in html


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_shorter_retention_is_not_called_an_exception_that_keeps_data_longer(dist: Path, language: str) -> None:
    html = page(dist, language)
    purchase = html.split('id="activity-online_purchase"')[1].split('id="activity-direct_marketing"')[0]
    deleted = "Födelsedatum raderas" if language == "sv" else "Date of birth: deleted"
    assert deleted in purchase
    exceptions = purchase.split('class="retention-exceptions"')[1].split("</table>")[0]
    assert "Födelsedatum" not in exceptions and "Date of birth" not in exceptions
    assert "kept longer" not in html and "sparas längre" not in html


def test_the_cookie_lifetime_and_the_statistics_retention_are_no_longer_mixed_up(dist: Path) -> None:
    """The example said 'Statistik från statistikkakor: 13 månader, kakornas livslängd'."""
    for language in ("sv", "en"):
        html = page(dist, language)
        assert "kakornas livslängd" not in html and "the lifetime of the cookies" not in html


ROWS = {
    "sv": {
        "/.__palette": "tills vi raderar den",
        "jiji-offline": "tills du rensar den",
        "jiji_checkout_step": "tills du stänger fliken",
        "jiji_recently_viewed": "tills du rensar den",
    },
    "en": {
        "/.__palette": "until we delete it",
        "jiji-offline": "until you clear it",
        "jiji_checkout_step": "until you close the tab",
        "jiji_recently_viewed": "until you clear it",
    },
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_storage_without_an_expiry_says_what_ends_it(dist: Path, language: str) -> None:
    html = page(dist, language)
    for name, lifetime in ROWS[language].items():
        row = html.split(f"<code>{name}</code>")[1].split("</tr>")[0]
        assert re.search(f"<td[^>]*>{re.escape(lifetime)}</td>", row), name
    assert "30 dygn" not in html and "30 days" not in html  # the period the example had invented
