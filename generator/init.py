"""`policygen init [DIR]`: a new owner's starting point, from the few facts only the owner knows.

It asks for the company, its organisation or VAT number, address, e-mail, the
site's address and its languages (in Swedish unless `--lang en`), or takes them
as flags for scripts. Without a terminal it never waits for input: what was not
given becomes a placeholder that `policygen check` reports (rule L-TODO-1), so
the source always loads and `check` lists what is still missing, each gap with
its fix. It writes `DIR/` (default `policy/`) and a `policygen.toml` naming it,
and never overwrites a file.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from generator.errors import UsageError, display_path
from generator.model.vocabulary import PLACEHOLDER_EMAIL, PLACEHOLDER_URL, placeholder
from generator.project import PROJECT_FILE
from generator.sources.catalogue import load_service, service_ids
from generator.sources.loading import load_policy
from generator.sources.schema import source_schema_json

SCHEMA_FILE = "policy.schema.json"
"""The JSON Schema of the source format, beside the sources: editors validate while the owner types."""


@dataclass
class OwnerFacts:
    """What only the owner knows; None until given."""

    company: str | None = None
    org_number: str | None = None
    owner: str | None = None
    """A sole trader's name: the controller is then this person, and no number is needed."""
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    email: str | None = None
    url: str | None = None
    languages: str | None = None
    services: str | None = None
    """Services of the catalogue the site uses, comma separated (generator/sources/catalogue/)."""


QUESTIONS: dict[str, dict[str, str]] = {
    "sv": {
        "company": "Företagets namn (som besökarna känner det)",
        "org_number": "Organisationsnummer eller momsregistreringsnummer (en enskild firma kan lämna det tomt)",
        "owner": "Innehavarens namn, om företaget är en enskild firma (Enter annars)",
        "street": "Gatuadress",
        "postal_code": "Postnummer",
        "city": "Ort",
        "email": "E-postadress för frågor om personuppgifter",
        "url": "Webbplatsens adress (https://…)",
        "languages": "Språk på webbplatsen: sv, eller sv,en",
        "services": "Tjänster som webbplatsen använder, med kommatecken (t.ex. google-analytics-4, youtube); "
        "Enter för inga",
    },
    "en": {
        "company": "Company name (as visitors know it)",
        "org_number": "Organisation number or VAT number (a sole trader may leave it empty)",
        "owner": "The owner's name, if the business is a sole trader (Enter otherwise)",
        "street": "Street address",
        "postal_code": "Postal code",
        "city": "City",
        "email": "E-mail address for questions about personal data",
        "url": "The site's address (https://…)",
        "languages": "Languages of the site: sv, or sv,en",
        "services": "Services the site uses, comma separated (e.g. google-analytics-4, youtube); Enter for none",
    },
}

ROLE_TO_CHOOSE = {
    "sv": "Välj rollen för {service} i cookies.yaml: personuppgiftsbiträde (role: processor) eller "
    "självständigt personuppgiftsansvarig (role: controller); leverantörens villkor säger vilken.",
    "en": "Choose the role of {service} in cookies.yaml: processor (role: processor) or independent controller "
    "(role: controller); the provider's terms say which.",
}

NEXT_STEPS = {
    "sv": "Nästa steg: kör `policygen check` och rätta det som står där, ett fynd i taget.",
    "en": "Next: run `policygen check` and fix what it lists, one finding at a time.",
}


def run_init(
    folder: Path,
    facts: OwnerFacts,
    *,
    language: str = "sv",
    ask: Callable[[str], str] | None = None,
    today: datetime.date | None = None,
) -> list[Path]:
    """Write a new policy source into `folder` and a project file beside it; return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(
            f"{display_path(folder)} already exists and is not empty: policygen init never overwrites files.\n"
            "  hint: name a new folder, e.g. `policygen init policy`"
        )
    if ask is not None:
        for field in fields(OwnerFacts):
            if getattr(facts, field.name) is None:
                answer = ask(QUESTIONS[language][field.name]).strip()
                setattr(facts, field.name, answer or None)
    languages = _languages(facts.languages)
    services = parse_services(facts.services)
    files = {
        SCHEMA_FILE: source_schema_json(),
        "site.yaml": _site_yaml(facts, languages, today or datetime.date.today()),
        "controller.yaml": _controller_yaml(facts),
        "activities.yaml": ACTIVITIES_YAML,
        "cookies.yaml": _cookies_yaml(services),
    }
    project = folder.parent / PROJECT_FILE
    written: list[Path] = []
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if not project.exists():
        project.write_text(
            f'# Which policy `policygen` works on in this folder (see the README).\nsource = "{folder.name}"\n'
            'out = "dist"\n',
            encoding="utf-8",
        )
        written.append(project)
    if not roles_to_choose(services):
        load_policy(folder)  # what init writes loads; a failure here is a bug, not the owner's mistake
    # else `policygen check` asks for each role, at its line: init cannot know it
    return written


def roles_to_choose(services: list[str]) -> list[str]:
    """The services whose role the catalogue leaves to the owner (Stripe: processor or controller)."""
    return [service for service in services if load_service(service).leaves_role_open]


def ask_in_terminal(question: str) -> str:
    """One question on the terminal; Ctrl+D answers nothing."""
    try:
        return input(f"{question}: ")
    except EOFError:
        return ""


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _languages(text: str | None) -> list[str]:
    if not text:
        return ["sv"]
    wanted = [part.strip().lower() for part in text.replace(" ", ",").split(",") if part.strip()]
    unknown = [code for code in wanted if code not in ("sv", "en")]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}: policygen writes pages in sv and en")
    return ["sv", *[code for code in wanted if code != "sv"]]


def parse_services(text: str | None) -> list[str]:
    """The catalogue services named, each checked: a typo is a usage error that lists what there is."""
    wanted = [part.strip().lower() for part in (text or "").replace(" ", ",").split(",") if part.strip()]
    known = service_ids()
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UsageError(
            f"{', '.join(unknown)}: not in the service catalogue\n  hint: the catalogue has {', '.join(known)}"
        )
    return list(dict.fromkeys(wanted))


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar: safe for any text the owner types."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _site_url(facts: OwnerFacts) -> str:
    if not facts.url:
        return PLACEHOLDER_URL
    url = facts.url if "://" in facts.url else f"https://{facts.url}"
    return url if url.endswith("/") else f"{url}/"


def _site_yaml(facts: OwnerFacts, languages: list[str], today: datetime.date) -> str:
    base = _site_url(facts)
    return f"""# yaml-language-server: $schema=policy.schema.json
# The site, the policy document and the banner's behaviour. Written by `policygen init`.

# The version of the source format (docs/source-format.md): a new policy starts in the current one.
format: 2

site:
  base_url: {_quoted(base)}
  # Where dist/ is published on the site; the privacy page is its index.html.
  publish_path: /integritetspolicy/
  policy_url: {_quoted(base + "integritetspolicy/")}
  languages: [{", ".join(languages)}]

policy:
  version: "1.0"
  last_updated: {today.isoformat()}
"""


def _controller_yaml(facts: OwnerFacts) -> str:
    def value(given: str | None, what: str) -> str:
        return _quoted(given) if given else _quoted(placeholder(what))

    number = (facts.org_number or "").strip()
    digits = re.sub(r"\D", "", number)
    if number.upper().startswith("SE") or (len(digits) == 12 and digits.endswith("01")):
        # a VAT number (SE + ten digits + 01), also when typed without its SE
        number_line = f"  vat_number: {_quoted('SE' + digits)}\n"
    elif number:
        number_line = f"  org_number: {_quoted(number)}\n"
    elif facts.owner:
        number_line = ""  # a sole trader is identified by its owner: no personnummer on the page
    else:
        number_line = f"  org_number: {_quoted(placeholder('organisationsnummer'))}\n"
    owner_line = f"  owner: {_quoted(facts.owner)}\n" if facts.owner else ""
    email = _quoted(facts.email) if facts.email else _quoted(PLACEHOLDER_EMAIL)
    return f"""# yaml-language-server: $schema=policy.schema.json
# Who is responsible for the personal data (personuppgiftsansvarig), and how people use their rights.

controller:
  name: {value(facts.company, "företagets namn")}
{owner_line}{number_line}  address:
    street: {value(facts.street, "gatuadress")}
    postal_code: {value(facts.postal_code, "postnummer")}
    city: {value(facts.city, "ort")}
  email: {email}

rights:
  channels:
    - email: {email}
"""


ACTIVITIES_YAML = """# yaml-language-server: $schema=policy.schema.json
# What you do with personal data: one activity per purpose area (purchases, customer service, newsletter…).
# `policygen check` says what each one still needs. An example to copy and adapt:
#
#   - id: customer_service
#     name: {sv: Kundservice, en: Customer service}
#     purposes:
#       - id: answer_questions
#         description:
#           sv: Besvara dina frågor.
#           en: Answer your questions.
#           records: {sv: Besvara frågor från kunder., en: Answer customers' questions.}  # the register's words
#         legal_basis: legitimate_interests
#     data_subjects: [enquirers]
#     data_categories: [contact_details]
#     recipients: [staff]
#     retention: {period: P1Y, counted_from: {sv: att ärendet avslutades, en: the closing of the case}}

data_subjects: []
data_categories: []
recipients: []
activities: []
"""


def _cookies_yaml(services: list[str]) -> str:
    """The cookies file: the catalogue services the site uses, and room for the site's own cookies."""
    open_roles = set(roles_to_choose(services))

    def entry(service: str) -> str:
        if service in open_roles:  # the owner's choice: `check` stops here until it is made
            choice = f"{{service: {service}, role: processor}} or role: controller"
            return f"  - {service}    # its role is yours to choose: {choice}\n"
        return f"  - {service}\n"

    uses = (
        "# Services of the catalogue (docs/catalogue.md): their recipient and cookies are added as if written\n"
        "# out. Give each the purpose it serves, e.g. - {service: google-analytics-4, purpose: web_analytics}.\n"
        "uses:\n" + "".join(entry(service) for service in services) + "\n"
        if services
        else ""
    )
    return f"""# yaml-language-server: $schema=policy.schema.json
# Every cookie and storage item the site uses. The banner offers only the categories that hold an item
# (necessary, preferences, statistics, marketing), and adds its own consent cookie.

{uses}cookies: []
"""
