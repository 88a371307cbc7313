"""`policygen init`: a new owner's first hour, from an empty folder to a built page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO

FLAGS = [
    "--company",
    "Lindqvist Snickeri AB",
    "--org-number",
    "556677-8899",
    "--street",
    "Verkstadsgatan 3",
    "--postal-code",
    "903 27",
    "--city",
    "Umeå",
    "--email",
    "info@lindqvist-snickeri.se",
    "--url",
    "https://www.lindqvist-snickeri.se",
]

ACTIVITY = {
    "id": "quotes",
    "name": {"sv": "Offerter", "en": "Quotes"},
    "purposes": [
        {
            "id": "answer_quote_requests",
            "description": {
                "sv": "Besvara förfrågningar och skicka de offerter som efterfrågas.",
                "en": "Answer enquiries and send the quotes asked for.",
            },
            "legal_basis": "contract",
            "dpv": "dpv:CustomerCare",
        }
    ],
    "data_subjects": ["enquirers"],
    "data_categories": ["contact_details"],
    "recipients": ["staff", "email"],
    "provision": {
        "requirement": "contractual",
        "obligatory": False,
        "consequence": {"sv": "Utan kontaktuppgifter kan vi inte svara.", "en": "Without them we cannot reply."},
    },
    "automated_decisions": [],
    "retention": {"period": "P1Y", "counted_from": {"sv": "att offerten skickades", "en": "the quote was sent"}},
}


# A processor comes with its data processing agreement (L-DPA-1, Art. 28(3)).
AGREEMENT = {"name": "Personuppgiftsbiträdesavtal", "date": "2025-01-15"}


def policygen(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def test_in_an_empty_folder_check_exits_2_and_mentions_init(tmp_path: Path) -> None:
    result = policygen(tmp_path, "check")
    assert result.returncode == 2
    assert "policygen init" in result.stderr and "Traceback" not in result.stderr


def test_the_journey_from_init_to_a_built_page(tmp_path: Path) -> None:
    started = policygen(tmp_path, "init", *FLAGS)
    assert started.returncode == 0, started.stderr
    assert (tmp_path / "policygen.toml").is_file() and (tmp_path / "policy" / "site.yaml").is_file()

    first = policygen(tmp_path, "check")
    assert first.returncode == 1, "an empty policy is never complete"
    assert "Checking policy (Lindqvist Snickeri AB)" in first.stderr
    assert "[L-ACT-1]" in first.stdout and "fix:" in first.stdout

    data = tmp_path / "policy" / "activities.yaml"
    content = yaml.safe_load(data.read_text(encoding="utf-8"))
    content["data_subjects"] = [{"id": "enquirers", "label": {"sv": "Personer som begär offert", "en": "Enquirers"}}]
    content["data_categories"] = [
        {"id": "contact_details", "label": {"sv": "Kontaktuppgifter", "en": "Contact details"}}
    ]
    content["recipients"] = [
        {"id": "staff", "label": {"sv": "Våra anställda", "en": "Our staff"}, "role": "internal"},
        {
            "id": "email",
            "label": {"sv": "E-posttjänst", "en": "E-mail service"},
            "role": "processor",
            "purpose": {"sv": "Tar emot och lagrar vår e-post.", "en": "Receives and stores our e-mail."},
            "country": "SE",
            "agreement": AGREEMENT,
        },
    ]
    content["activities"] = [ACTIVITY]
    data.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    controller = tmp_path / "policy" / "controller.yaml"
    controller.write_text(
        controller.read_text(encoding="utf-8").replace(
            "rights:",
            "  security_measures:\n    - {sv: Krypterad överföring och behörighetsstyrning., "
            "en: Encrypted transfer and access control.}\n\nrights:",
        ),
        encoding="utf-8",
    )

    strict = policygen(tmp_path, "check", "--strict")
    assert strict.returncode == 0, strict.stdout + strict.stderr

    built = policygen(tmp_path, "build")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    assert "Lindqvist Snickeri AB" in page and "Offerter" in page


def test_without_a_terminal_init_never_waits_and_leaves_placeholders_that_check_reports(tmp_path: Path) -> None:
    started = policygen(tmp_path, "init", "shop")
    assert started.returncode == 0, started.stderr
    checked = policygen(tmp_path, "check")
    assert checked.returncode == 1
    assert "[L-TODO-1] a placeholder is still here: '[fyll i: företagets namn]'" in checked.stdout


def test_init_never_overwrites_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "mine.yaml").write_text("keep: me\n")
    result = policygen(tmp_path, "init")
    assert result.returncode == 2 and "never overwrites" in result.stderr
    assert (tmp_path / "policy" / "mine.yaml").read_text() == "keep: me\n"


class _NoAliases(yaml.SafeDumper):
    """The loader refuses YAML aliases: write repeated values out."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _activity(id_: str, name: str, purpose: dict, subjects: list, data: list, recipients: list, kept: dict) -> dict:
    voluntary = {
        "requirement": "voluntary",
        "obligatory": False,
        "consequence": {"sv": "Det påverkar inget annat på webbplatsen.", "en": "It changes nothing else."},
    }
    return {
        "id": id_,
        "name": {"sv": name, "en": name},
        "purposes": [purpose],
        "data_subjects": subjects,
        "data_categories": data,
        "recipients": recipients,
        "provision": voluntary,
        "automated_decisions": [],
        "retention": kept,
    }


def test_the_journey_with_three_catalogue_services(tmp_path: Path) -> None:
    """init with three services → check lists the gaps → the owner fills them → strict → a page naming them."""
    started = policygen(tmp_path, "init", *FLAGS, "--uses", "google-analytics-4,youtube,klarna")
    assert started.returncode == 0, started.stderr

    first = policygen(tmp_path, "check")
    assert first.returncode == 1
    assert "[L-ACT-1]" in first.stdout and "cookie '_ga' has no purpose" in first.stdout
    assert "recipient 'klarna' is defined but nothing uses it" in first.stdout

    def purpose(id_: str, sv: str, basis: str, dpv: str) -> dict:
        return {"id": id_, "description": {"sv": sv, "en": sv}, "legal_basis": basis, "dpv": dpv}

    data = tmp_path / "policy" / "activities.yaml"
    content = yaml.safe_load(data.read_text(encoding="utf-8"))
    content["data_subjects"] = [
        {"id": "customers", "label": {"sv": "Kunder", "en": "Customers"}},
        {"id": "visitors", "label": {"sv": "Besökare på webbplatsen", "en": "Visitors to the website"}},
    ]
    content["data_categories"] = [
        {"id": "contact_details", "label": {"sv": "Kontaktuppgifter", "en": "Contact details"}},
        {"id": "browsing", "label": {"sv": "Hur webbplatsen används", "en": "How the website is used"}},
    ]
    content["recipients"] = [
        {"id": "staff", "label": {"sv": "Våra anställda", "en": "Our staff"}, "role": "internal"},
        {
            "id": "hosting",
            "label": {"sv": "Webbhotell", "en": "Web host"},
            "role": "processor",
            "purpose": {"sv": "Driver vår webbplats.", "en": "Runs our website."},
            "country": "SE",
            "agreement": AGREEMENT,
        },
    ]
    period = {"period": "P14M", "counted_from": {"sv": "besöket", "en": "the visit"}}
    content["activities"] = [
        _activity(
            "orders",
            "Beställningar",
            purpose("order_payment", "Ta emot och ta betalt för beställningar.", "contract", "dpv:PaymentManagement"),
            ["customers"],
            ["contact_details"],
            ["staff", "hosting", "klarna"],
            {"period": "P3Y", "counted_from": {"sv": "leveransen", "en": "the delivery"}},
        ),
        _activity(
            "statistics",
            "Webbstatistik",
            purpose(
                "web_analytics",
                "Mäta hur webbplatsen används, med besökarens samtycke.",
                "consent",
                "dpv:ServiceUsageAnalytics",
            ),
            ["visitors"],
            ["browsing"],
            ["staff"],
            period,
        ),
        _activity(
            "videos",
            "Inbäddade filmer",
            purpose(
                "embedded_videos", "Visa filmer från YouTube, med besökarens samtycke.", "consent", "dpv:Marketing"
            ),
            ["visitors"],
            ["browsing"],
            ["staff"],
            {"until": {"sv": "tills YouTube raderar dem enligt sin policy", "en": "until YouTube deletes them"}},
        ),
    ]
    data.write_text(yaml.dump(content, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cookies = tmp_path / "policy" / "cookies.yaml"
    cookies.write_text(
        cookies.read_text(encoding="utf-8")
        .replace("  - google-analytics-4\n", "  - {service: google-analytics-4, purpose: web_analytics}\n")
        .replace("  - youtube\n", "  - {service: youtube, purpose: embedded_videos}\n")
        .replace("cookies: []", "cookies:\n  - {name: _ga, duration: P13M}\n  - {name: _ga_*, duration: P13M}"),
        encoding="utf-8",
    )
    controller = tmp_path / "policy" / "controller.yaml"
    controller.write_text(
        controller.read_text(encoding="utf-8").replace(
            "rights:",
            "  security_measures:\n    - {sv: Krypterad överföring., en: Encrypted transfer.}\n\nrights:",
        ),
        encoding="utf-8",
    )

    strict = policygen(tmp_path, "check", "--strict")
    assert strict.returncode == 0, strict.stdout + strict.stderr
    assert policygen(tmp_path, "build").returncode == 0
    page = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    for name in ("Google Analytics, från Google Ireland Limited", "YouTube", "Klarna"):
        assert name in page
    config = json.loads((tmp_path / "dist" / "consent" / "config.json").read_text(encoding="utf-8"))
    offered = {category["id"]: [item["name"] for item in category["items"]] for category in config["categories"]}
    assert offered == {
        "necessary": ["consent"],
        "statistics": ["_ga", "_ga_*"],
        "marketing": ["YSC", "VISITOR_INFO1_LIVE"],
    }


def test_a_sole_trader_is_named_by_its_owner_and_publishes_no_personnummer(tmp_path: Path) -> None:
    flags = [f for f in FLAGS if f not in ("--org-number", "556677-8899")]
    started = policygen(tmp_path, "init", *flags, "--owner", "Maja Lind")
    assert started.returncode == 0, started.stderr
    controller = yaml.safe_load((tmp_path / "policy" / "controller.yaml").read_text(encoding="utf-8"))["controller"]
    assert controller["owner"] == "Maja Lind"
    site = yaml.safe_load((tmp_path / "policy" / "site.yaml").read_text(encoding="utf-8"))
    assert site["format"] == 2, "a new policy starts in the current source format"
    assert "org_number" not in controller and "vat_number" not in controller
    checked = policygen(tmp_path, "check")
    assert "[L-CTRL-1]" not in checked.stdout  # the owner identifies the controller (Art. 13(1)(a))


def test_a_vat_number_typed_without_se_is_written_as_a_vat_number(tmp_path: Path) -> None:
    flags = [f if f != "556677-8899" else "790601112201" for f in FLAGS]
    assert policygen(tmp_path, "init", *flags).returncode == 0
    controller = yaml.safe_load((tmp_path / "policy" / "controller.yaml").read_text(encoding="utf-8"))["controller"]
    assert controller["vat_number"] == "SE790601112201" and "org_number" not in controller


def test_a_service_whose_role_is_the_owners_choice_is_written_and_asked_for(tmp_path: Path) -> None:
    """Stripe's role is left to the owner: init writes the policy and says so; check asks at its line."""
    started = policygen(tmp_path, "init", *FLAGS, "--uses", "stripe")
    assert started.returncode == 0, started.stderr
    assert "Wrote policy/cookies.yaml" in started.stdout and "Välj rollen för stripe" in started.stdout
    cookies = tmp_path / "policy" / "cookies.yaml"
    checked = policygen(tmp_path, "check")
    assert checked.returncode == 2
    assert "cookies.yaml:8:5: error: the catalogue leaves the role of 'stripe' to you" in checked.stderr
    assert "{service: stripe, role: processor}" in checked.stderr
    cookies.write_text(
        cookies.read_text(encoding="utf-8").replace("  - stripe ", "  - {service: stripe, role: controller} "),
        encoding="utf-8",
    )
    chosen = policygen(tmp_path, "check")
    assert chosen.returncode == 1 and "leaves the role" not in chosen.stderr + chosen.stdout
