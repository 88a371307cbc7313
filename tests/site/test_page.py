"""The privacy page as a visitor and an auditor read it: content, legal texts, structure, escaping, validity.

Browser checks (axe-core, 320 px, escaping in Chromium) are in test_page_browser.py.
"""

from __future__ import annotations

import csv
import difflib
import io
import itertools
import re
import subprocess
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from jinja2 import StrictUndefined
from pydantic import ValidationError

from generator.build import render_site
from generator.model import Channel, Policy
from generator.site.banner_config import build_banner_config, consent_head_tags
from generator.site.page import _environment, page_path
from generator.site.page import render_privacy_pages as render_pages
from generator.sources.loading import LoadedPolicy, load_policy
from generator.sources.references import find_reference_errors
from generator.texts.cookies import declared_cookies
from generator.texts.plain import label_in_sentence
from tests.conftest import EXAMPLE, EXAMPLE_2019, GOLDEN_ROOT, TESTS, VNU_JAR

GOLDEN = GOLDEN_ROOT / "page"
SEED_FACTS = TESTS / "seed_facts.txt"
HEAD_TAGS_MARK = "<!-- consent_head_tags(policy, base) -->"


# --- reading a rendered page ------------------------------------------------------


class PageReader(HTMLParser):
    """What a test asks of a page: its text, elements, headings, ids and links."""

    INLINE = frozenset({"a", "span", "strong", "em", "b", "i", "code", "time", "abbr", "small", "bdi", "wbr"})
    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "base", "col", "embed"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text_parts: list[str] = []
        self.tables: list[dict[str, Any]] = []
        self.script_texts: list[str] = []
        self._open: list[str] = []
        self._heading: list[str] | None = None
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag not in self.INLINE:
            self.text_parts.append(" ")
        if tag not in self.VOID:
            self._open.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
        if tag == "table":
            named = attributes.get("aria-label") or attributes.get("aria-labelledby")
            self.tables.append({"caption": bool(named), "th_scopes": []})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables:
            self.tables[-1]["th_scopes"].append(attributes.get("scope"))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.INLINE:
            self.text_parts.append(" ")
        if self._open and self._open[-1] == tag:
            self._open.pop()
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split())))
            self._heading = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_texts.append(data)
            return
        if "title" in self._open or "style" in self._open:
            return
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading.append(data)

    @property
    def text(self) -> str:
        """The visible text with whitespace (non-breaking spaces included) collapsed."""
        return " ".join("".join(self.text_parts).replace("\u00a0", " ").replace("\u202f", " ").split())

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.elements if name == tag]

    @property
    def ids(self) -> list[str]:
        return [attrs["id"] for _, attrs in self.elements if "id" in attrs]


def render_privacy_pages(loaded: LoadedPolicy) -> dict[str, bytes]:
    """The pages of a loaded source, loading the banner config a build would make for it."""
    return render_pages(loaded.policy, build_banner_config(loaded.policy))


@pytest.fixture(scope="module")
def pages(example_loaded: LoadedPolicy) -> dict[str, str]:
    return {path: content.decode("utf-8") for path, content in render_privacy_pages(example_loaded).items()}


@pytest.fixture(scope="module")
def swedish(pages: dict[str, str]) -> PageReader:
    return PageReader(pages["index.html"])


@pytest.fixture(scope="module")
def english(pages: dict[str, str]) -> PageReader:
    return PageReader(pages["en/index.html"])


def with_changes(loaded: LoadedPolicy, change: Callable[[dict[str, Any]], None]) -> LoadedPolicy:
    """The same sources with `change` applied to the policy's data."""
    data = loaded.policy.model_dump(mode="json", exclude_none=True)
    change(data)
    return LoadedPolicy(Policy.model_validate(data), loaded.source_map, loaded.directory, loaded.files)


# --- the output files -------------------------------------------------------------


def test_the_site_gets_a_swedish_and_an_english_page_and_a_stylesheet(pages: dict[str, str]) -> None:
    assert sorted(pages) == ["assets/page.css", "en/index.html", "index.html"]
    assert page_path("sv") == "index.html" and page_path("en") == "en/index.html"


def test_a_swedish_only_site_gets_no_english_page(example_loaded: LoadedPolicy) -> None:
    def swedish_only(data: dict[str, Any]) -> None:
        data["site"]["languages"] = ["sv"]

    assert "en/index.html" not in render_privacy_pages(with_changes(example_loaded, swedish_only))


def test_the_same_input_gives_byte_identical_pages(example_loaded: LoadedPolicy) -> None:
    assert render_privacy_pages(example_loaded) == render_privacy_pages(load_policy(EXAMPLE))


def test_templates_escape_everything_and_refuse_undefined_names() -> None:
    environment = _environment("sv")
    assert environment.autoescape is True
    assert environment.undefined is StrictUndefined


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_the_pages_match_their_golden_files(
    pages: dict[str, str], example_loaded: LoadedPolicy, update_golden: bool, path: str
) -> None:
    """The whole page, for a reviewer to read as a diff. The banner's head tags are checked, then masked:
    they belong to the banner's own tests (test_consent_config.py)."""
    html = pages[path]
    head_tags = str(
        consent_head_tags(build_banner_config(example_loaded.policy), "" if path == "index.html" else "../")
    )
    assert html.count(head_tags) == 1, "the page loads the banner through consent_head_tags"
    html = (
        html.replace(head_tags, HEAD_TAGS_MARK) if head_tags else html.replace("</head>", f"{HEAD_TAGS_MARK}\n</head>")
    )
    golden = GOLDEN / path
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run pytest tests/test_page.py --update-golden"
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), html.splitlines(True), str(golden), "rendered"))
        pytest.fail(f"the page differs from {golden} (run pytest --update-golden if intended):\n{diff[:6000]}")


# --- content: the seed's facts and GDPR Art. 13/14 ------------------------------------


def seed_facts() -> list[str]:
    lines = SEED_FACTS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("fact", seed_facts())
def test_each_fact_of_the_published_policy_is_on_the_swedish_page(swedish: PageReader, fact: str) -> None:
    """tests/seed_facts.txt: facts of Jiji Boutique's published policy; 'href:' lines are link targets."""
    if fact.startswith("href:"):
        assert fact.removeprefix("href:") in [a.get("href") for a in swedish.all("a")]
    else:  # a purpose continues 'för att:' and so reads in lower case
        assert fact in swedish.text or fact[:1].lower() + fact[1:] in swedish.text


BASIS_WITH_ARTICLE = r"(Samtycke|Avtal|Rättslig förpliktelse|Berättigat intresse) \(artikel 6\.1 [a-f]\)"


def test_every_purpose_shows_its_legal_basis_with_its_article(
    pages: dict[str, str], example_loaded: LoadedPolicy
) -> None:
    """Said once for the block when all its purposes share it, else as the label of each group of purposes,
    continuing the lead: 'Vi använder uppgifterna', then 'med stöd av avtal (artikel 6.1 b) för att:' and its
    purposes."""
    for activity in example_loaded.policy.activities:
        if activity.informed_elsewhere is not None:  # records only: staff and supplier contacts
            continue
        html = pages["index.html"].split(f'<section id="activity-{activity.id}"')[1].split("<details")[0]
        text = PageReader(html).text
        common = re.search("Rättslig grund " + BASIS_WITH_ARTICLE, text)
        for purpose in activity.purposes:
            before = text[: text.index(label_in_sentence(purpose.description.sv))]
            leads = re.findall("med stöd av " + BASIS_WITH_ARTICLE.lower() + " för att:", before)
            assert common or leads, purpose.id
            if purpose.legitimate_interest:
                assert f"Vårt berättigade intresse: {label_in_sentence(purpose.legitimate_interest.sv)}" in text


def test_the_rights_are_explained_with_their_articles_and_the_sites_own_channels(swedish: PageReader) -> None:
    text = swedish.text
    for heading in [
        "Rätt till tillgång (artikel 15)",
        "Rätt till rättelse (artikel 16)",
        "Rätt till radering (”rätten att bli bortglömd”) (artikel 17)",
        "Rätt till begränsning av behandling (artikel 18)",
        "Rätt till dataportabilitet (artikel 20)",
        "Rätt att invända (artikel 21)",
        "Rätt att återkalla samtycke (artikel 7.3)",
    ]:
        assert heading in [h for _, h in swedish.headings], heading
    assert "Vi svarar inom en månad." in text and "då berättar vi varför inom en månad" in text
    assert "Dataskyddsförordningen ger dig följande rättigheter, utan kostnad." in text
    start = text.index("Rätt till rättelse (artikel 16)")
    rectification = text[start : text.index("Rätt till radering (", start)]
    assert "Du använder rättigheten via Mitt konto eller e-post till info@jiji-boutique.se." in rectification
    hrefs = [a.get("href") for a in swedish.all("a")]
    assert "https://www.jiji-boutique.se/myaccount/" in hrefs and "mailto:info@jiji-boutique.se" in hrefs


OBJECTION = "Kan du invända mot hur vi använder dina uppgifter?"


def test_the_right_to_object_stands_apart_where_legitimate_interest_or_direct_marketing_is_used(
    swedish: PageReader, example_loaded: LoadedPolicy
) -> None:
    """GDPR Art. 21(4): presented clearly and separately from any other information (rule L-RIGHTS-2)."""
    assert (2, OBJECTION) in swedish.headings
    section = swedish.text[swedish.text.index(OBJECTION + " När vi stöder oss") :]
    section = section[: section.index("Vilka rättigheter har du? Dataskyddsförordningen ger dig")]
    assert "(artikel 21.1)" in section and "(artikel 21.2)" in section
    assert "Det gäller Direktmarknadsföring." not in section  # the heading says it already
    assert (
        "Det gäller ”Köp i webbutiken”, ”Kundservice”, ”Utveckling och förbättring” och ”Drift och säkerhet på "
        "webbplatsen”." in section
    )

    def no_objectionable_purposes(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            for purpose in activity["purposes"]:
                purpose.update(legal_basis="contract", direct_marketing=False)
                purpose.pop("legitimate_interest", None)
                purpose.pop("channel_permission", None)  # a marketing permission belongs to marketing

    plain = PageReader(
        render_privacy_pages(with_changes(example_loaded, no_objectionable_purposes))["index.html"].decode()
    )
    assert OBJECTION not in [h for _, h in plain.headings]
    assert "Rätt att invända (artikel 21)" in [h for _, h in plain.headings]


def test_processing_for_a_task_in_the_public_interest_is_open_to_objection_too(example_loaded: Policy) -> None:
    """Art. 21(1) covers 6(1)(e) as well as 6(1)(f)."""

    def bookkeeping_as_public_task(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            for purpose in activity["purposes"]:
                if purpose["id"] == "bookkeeping":
                    purpose.update(legal_basis="public_task")
                    purpose.pop("legal_obligation", None)

    page = PageReader(
        render_privacy_pages(with_changes(example_loaded, bookkeeping_as_public_task))["index.html"].decode()
    )
    section = page.text[page.text.index(OBJECTION + " När vi") :]
    section = section[: section.index("Vilka rättigheter har du? Dataskyddsförordningen ger dig")]
    assert "en uppgift av allmänt intresse eller som ett led i myndighetsutövning" in section
    assert "Fullgörande av rättsliga förpliktelser" in section


def test_recipients_are_listed_under_their_role_named_once_in_the_plural(pages: dict[str, str]) -> None:
    """A role after each recipient could not agree in number with its label ('Betaltjänstleverantörer',
    'Fakturaleverantör'); an authority, in no such role, comes last as 'Andra mottagare'."""
    html = pages["index.html"]
    block = html.split('<section id="activity-legal_obligations"')[1].split("</section>")[0]
    text = PageReader(block).text
    assert "Personuppgiftsbiträden: Leverantörer av bokförings- och lönesystem: " in text
    assert "Andra mottagare: Myndigheter, till exempel Skatteverket: kan begära uppgifter." in text
    assert "(personuppgiftsbiträde)" not in html and "(självständigt personuppgiftsansvarig)" not in html


def test_the_complaint_goes_to_imy_and_says_how(swedish: PageReader) -> None:
    assert "kan du klaga hos Integritetsskyddsmyndigheten (IMY)" in swedish.text
    links = {a.get("href") for a in swedish.all("a")}
    assert "https://www.imy.se" in links  # IMY's name links its website
    assert "https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/" in links
    assert "Box 8114" not in swedish.text  # its page for complaints says the rest


def test_the_english_page_links_imys_pages_in_english(english: PageReader) -> None:
    links = {a.get("href") for a in english.all("a")}
    assert "https://www.imy.se/en/" in links
    assert "https://www.imy.se/en/privatperson/forms-and-e-services/file-a-gdpr-complaint/" in links
    assert not any(link and "lamna-ett-klagomal" in link for link in links)


def test_dpo_representative_and_joint_controllers_are_shown_with_their_contact_details(
    example_loaded: LoadedPolicy,
) -> None:
    """GDPR Art. 13(1)(a)-(b) and 26(2): where the source names them (rule L-DPO-1)."""

    def add_parties(data: dict[str, Any]) -> None:
        data["controller"]["dpo"] = {"email": "dso@jiji-boutique.se"}
        data["controller"]["representative"] = {"name": "EU Rep AB", "email": "rep@example_loaded.se"}
        data["controller"]["joint_controllers"] = [
            {"name": "Partner AB", "responsibilities": {"sv": "Partner AB svarar på frågor om kampanjen."}}
        ]

    page = PageReader(render_privacy_pages(with_changes(example_loaded, add_parties))["index.html"].decode())
    headings = [h for _, h in page.headings]
    assert {"Har vi ett dataskyddsombud?", "Vem företräder oss i EU?", "Vem delar ansvaret med oss?"} <= set(headings)
    hrefs = [a.get("href") for a in page.all("a")]
    assert "mailto:dso@jiji-boutique.se" in hrefs and "mailto:rep@example_loaded.se" in hrefs
    assert "Vem som ansvarar för vad Partner AB svarar på frågor om kampanjen." in page.text


def test_a_supervisory_authority_of_the_source_replaces_imy(example_loaded: LoadedPolicy) -> None:
    def other_authority(data: dict[str, Any]) -> None:
        data["supervisory_authority"] = {"name": {"sv": "Datatilsynet"}, "website": "https://www.datatilsynet.no/"}

    page = PageReader(render_privacy_pages(with_changes(example_loaded, other_authority))["index.html"].decode())
    assert (
        "kan du klaga hos Datatilsynet, eller hos tillsynsmyndigheten i det EU- eller EES-land där du bor eller arbetar"
        in page.text
    )
    assert "Integritetsskyddsmyndigheten" not in page.text


def test_a_notes_fragment_gets_its_own_section_with_headings_below_it(example_loaded: LoadedPolicy) -> None:
    def add_notes(data: dict[str, Any]) -> None:
        data["prose"]["notes"] = {
            "sv": "# Ändringar\n\nVi meddelar ändringar här.\n\n### Tidigare versioner\n\nSe arkivet.\n"
        }

    page = PageReader(render_privacy_pages(with_changes(example_loaded, add_notes))["index.html"].decode())
    at = page.headings.index((2, "Vill du veta mer?"))
    assert page.headings[at + 1 : at + 3] == [(3, "Ändringar"), (4, "Tidigare versioner")]
    assert "Vi meddelar ändringar här." in page.text


def test_the_cookie_tables_declare_every_cookie_by_category_with_the_consent_cookie_first(
    pages: dict[str, str], example_loaded: LoadedPolicy
) -> None:
    section = pages["index.html"].split('<section id="cookies">')[1].split("</section>")[0].replace("<wbr>", "")
    assert section.count("<table") == 1, "one table: its columns are named once for every category"
    groups = [g.split("</tbody>")[0] for g in section.split("<tbody")[1:]]
    headings = [re.search(r'<span class="category">([^<]+)</span>', g)[1] for g in groups]  # type: ignore[index]
    assert headings == ["Nödvändiga", "Personliga rekommendationer", "Statistik"]
    assert all('<th scope="rowgroup" colspan="4">' in g for g in groups)
    names = [n for g in groups for n in re.findall(r'<th scope="row"><code>([^<]+)</code>', g)]
    assert sorted(names) == sorted(unescape(c.name) for c in declared_cookies(example_loaded.policy))
    assert names[0] == "consent"
    ga_row = PageReader(section.split("<code>_ga</code>")[1].split("</tr>")[0]).text
    for cell in ["Google Analytics, från Google Ireland Limited", "Åtkomst för tredje part: Ja", "13 månader"]:
        assert cell in ga_row
    assert "tills du stänger webbläsaren" in section and "Lokal lagring (localStorage)" in section
    # What holds for most items is said once, under the tables.
    assert section.count("Kaka (cookie)") == 0 and section.count("Åtkomst för tredje part: Nej") == 0
    assert "Om inget annat anges är det en kaka under vår egen domän, som ingen tredje part kan läsa." in section


def test_durations_read_as_written_and_the_bookkeeping_rule_in_full(swedish: PageReader) -> None:
    text = swedish.text
    # Small numbers in words in running text (Svenska skrivregler), numerals in the cookie table.
    assert "Lagringstid tre år från leveransen" in text and "13 månader" in text and "2 dygn" in text
    assert (
        "till och med det sjunde året efter utgången av det kalenderår då räkenskapsåret avslutades "
        "(7 kap. 2 § bokföringslagen (1999:1078))" in text
    )


def test_the_english_page_is_in_english(english: PageReader) -> None:
    text = english.text
    # UK date order and citation style, IMY with its article, phone numbers as +46.
    assert "Last updated 15 January 2025 · Version 2.0" in text
    assert "We use the data based on contract (Article 6(1)(b) GDPR) to:" in text
    assert "the Swedish Authority for Privacy Protection (IMY)" in text
    assert "Can you object to how we use your data?" in text
    assert "Contact us by e-mail to info@jiji-boutique.se and tell us which right you want to use." in text
    assert "Cookie settings" in text
    for swedish_term in ["Personuppgiftsansvarig", "Rättslig grund", "Så använder du", "Inställningar för kakor"]:
        assert swedish_term not in text


def test_an_english_page_marks_swedish_fallback_texts_as_swedish(example_loaded: LoadedPolicy) -> None:
    def no_english_name(data: dict[str, Any]) -> None:
        data["activities"][0]["name"] = {"sv": "Köp i webbutiken"}

    html = render_privacy_pages(with_changes(example_loaded, no_english_name))["en/index.html"].decode()
    assert '<h3><bdi lang="sv">Köp i webbutiken</bdi></h3>' in html


def test_a_policy_with_gaps_still_renders_and_says_what_is_missing() -> None:
    """The 2019 seed as published: `build` refuses it (check errors), but rendering must not crash."""
    text = PageReader(render_privacy_pages(load_policy(EXAMPLE_2019))["index.html"].decode()).text
    assert "inte angivet" in text


# --- structure and accessibility in the HTML -------------------------------------------


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_the_page_is_semantic_html_with_headings_in_order(pages: dict[str, str], path: str) -> None:
    page = PageReader(pages[path])
    assert page.all("html")[0]["lang"] == ("sv" if path == "index.html" else "en")
    for landmark in ("header", "nav", "main", "footer"):
        assert page.all(landmark), landmark
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"
    # Every table has a name (a caption, or an aria-label where the heading or summary above says it).
    assert page.tables and all(t["caption"] and all(t["th_scopes"]) for t in page.tables)
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_every_anchor_of_the_table_of_contents_and_the_page_resolves(pages: dict[str, str], path: str) -> None:
    page = PageReader(pages[path])
    targets = {a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")}
    assert targets and targets <= set(page.ids), targets - set(page.ids)
    contents = pages[path].split('<nav class="contents"')[1].split("</nav>")[0]
    assert "#controller" in contents and "#processing" in contents and "#cookies" in contents
    assert "#activity-online_purchase" in pages[path].split('<section id="summary"')[1].split("</section>")[0]


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_the_page_loads_nothing_from_other_hosts_and_links_inside_the_output_are_relative(
    pages: dict[str, str], path: str
) -> None:
    page = PageReader(pages[path])
    resources = [a["href"] for a in page.all("link")] + [s["src"] for s in page.all("script") if "src" in s]
    resources += [i["src"] for i in page.all("img")]
    assert resources and all(not re.match(r"^([a-z]+:|//|/)", url) for url in resources), resources
    prefix = "" if path == "index.html" else "../"
    assert f'href="{prefix}assets/page.css"' in pages[path]
    assert not page.all("style") and not any("style" in attrs for _, attrs in page.elements), "no inline style"
    switch = [a["href"] for a in page.all("a") if a.get("hreflang")]
    assert switch == ([prefix + "index.html", prefix + "en/index.html"])


def test_the_page_has_a_cookie_settings_button_that_reopens_the_banner(swedish: PageReader) -> None:
    buttons = [b for b in swedish.all("button") if b.get("data-consent-action") == "open"]
    assert buttons and all(b.get("type") == "button" for b in buttons)
    assert "Inställningar för kakor" in swedish.text


def test_the_stylesheet_has_a_dark_scheme_a_print_style_and_no_external_resource(pages: dict[str, str]) -> None:
    css = pages["assets/page.css"]
    assert "@media (prefers-color-scheme: dark)" in css and "@media print" in css
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_the_nu_html_checker_finds_no_error(pages: dict[str, str], tmp_path: Path, path: str) -> None:
    """The W3C Nu Html Checker (vnu-jar, installed by `make test-deps`)."""
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(pages[path], encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", str(target)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr + result.stdout


# --- escaping: every text field holds HTML and JavaScript ----------------------------------

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
PAYLOAD = SCRIPT_PAYLOAD + "\"><img src=x onerror=alert(1)>'><svg onload=alert(2)> {{ 7*7 }} %(name)s {name}"
COMPACT_PAYLOADS = [
    '"><svg/onload=alert(3)>',
    'https://x.test/"><svg/onload=alert(4)>',
    '"><svg/onload=alert(5)>@x.se',
]
MARKDOWN_PAYLOAD = PAYLOAD + '\n\n[länk](https://x.test/"onmouseover="alert(6)) <b onclick=alert(7)>fet</b>\n'
PARTY = {"name": "x", "email": "a@b.se", "phone": "08-1", "url": "https://x.test/", "responsibilities": {"sv": "x"}}
PARTY["address"] = {"street": "x", "postal_code": "1", "city": "x", "country": "SE"}


def poisoned_policy() -> Policy:
    """The example with every string the model accepts replaced by HTML and JavaScript payloads.

    Each string leaf gets the long payload; where the model refuses it (ids,
    e-mail, URL and other patterns) a compact one without spaces; where it
    refuses all (enums, dates, durations, references) the original value.
    Optional fields the example leaves out are filled first, so they are
    poisoned too.
    """
    data = load_policy(EXAMPLE).policy.model_dump(mode="json", exclude_none=True)
    controller = data["controller"]
    controller.update(org_number="x", phone="08-1", dpo=dict(PARTY), representative=dict(PARTY))
    controller["joint_controllers"] = [dict(PARTY)]
    data["supervisory_authority"] = {
        "name": {"sv": "x", "en": "x"},
        "address": "x",
        "email": "a@b.se",
        "phone": "08-1",
        "website": "https://x.test/",
        "complaint_url": "https://x.test/",
    }
    data["prose"]["notes"] = {"sv": "x", "en": "x"}
    data["rights"]["channels"].append({"phone": "08-1", "label": {"sv": "x"}})
    data["rights"]["channels"].append({"post": True})
    data["activities"][0]["security_measures"] = [{"sv": "x", "en": "x"}]

    leaves = list(_string_leaves(data))
    choice = dict.fromkeys((path for path, _ in leaves), 0)
    originals = dict(leaves)
    for _ in range(2 * (len(COMPACT_PAYLOADS) + 3)):  # model-level rules (a cookie name) come after fields
        candidate = _with_payloads(data, choice, originals)
        try:
            policy = Policy.model_validate(candidate)
        except ValidationError as error:
            for item in error.errors():
                for path in _leaves_under(_data_path(candidate, item["loc"]), choice):
                    choice[path] += 1
            continue
        problems = find_reference_errors(policy)
        if not problems:
            return policy
        for problem in problems:
            path = problem[0]
            for leaf in _leaves_under(path, choice):
                choice[leaf] = len(COMPACT_PAYLOADS) + 1  # the original value
    raise AssertionError("could not build a valid poisoned policy")


def _string_leaves(value: Any, path: tuple[Any, ...] = ()) -> Any:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _string_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _string_leaves(item, (*path, index))


def _with_payloads(data: Any, choice: dict[tuple[Any, ...], int], originals: dict[tuple[Any, ...], str]) -> Any:
    def replace(value: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(value, dict):
            return {k: replace(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [replace(v, (*path, i)) for i, v in enumerate(value)]
        if not isinstance(value, str):
            return value
        options = [MARKDOWN_PAYLOAD if path[0] == "prose" else PAYLOAD, *COMPACT_PAYLOADS]
        index = choice[path]
        return options[index] if index < len(options) else originals[path]

    return replace(data, ())


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A pydantic error location without the validator names it adds."""
    path: tuple[Any, ...] = ()
    for segment in loc:
        if (isinstance(data, dict) and segment in data) or (isinstance(data, list) and isinstance(segment, int)):
            data = data[segment]
            path = (*path, segment)
    return path


def _leaves_under(path: tuple[Any, ...], leaves: dict[tuple[Any, ...], int]) -> list[tuple[Any, ...]]:
    return [leaf for leaf in leaves if leaf[: len(path)] == path]


@pytest.fixture(scope="module")
def poisoned_site() -> dict[str, bytes]:
    policy = poisoned_policy()
    return render_site(policy)


def test_the_poisoned_policy_really_carries_payloads_in_its_text_fields() -> None:
    policy = poisoned_policy()
    assert policy.controller.name == PAYLOAD
    assert policy.activities[0].purposes[0].description.en == PAYLOAD
    assert policy.controller.email == COMPACT_PAYLOADS[2]
    assert policy.controller.website == COMPACT_PAYLOADS[1]
    assert policy.prose.introduction is not None and policy.prose.introduction.sv == MARKDOWN_PAYLOAD


def test_payloads_in_every_text_field_reach_the_records_page_and_csv_as_text(poisoned_site: dict[str, bytes]) -> None:
    """The auditor's page and spreadsheet get the same poisoned model."""
    page = PageReader(poisoned_site["records/index.html"].decode("utf-8"))
    assert not page.all("img") and not page.all("b")
    assert len(page.all("svg")) == 1, "only the data-flow picture"
    handlers = [(tag, name) for tag, attrs in page.elements for name in attrs if name.startswith("on")]
    assert handlers == []
    assert all(s.get("src", "").endswith(".js") and not page.script_texts for s in page.all("script"))
    rows = list(csv.reader(io.StringIO(poisoned_site["records/ropa.csv"].decode("utf-8-sig"))))
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("path", ["index.html", "en/index.html"])
def test_payloads_in_every_text_field_reach_the_page_as_text(poisoned_site: dict[str, bytes], path: str) -> None:
    page = PageReader(poisoned_site[path].decode("utf-8"))
    assert not page.all("img") and not page.all("svg") and not page.all("b")
    handlers = [(tag, name) for tag, attrs in page.elements for name in attrs if name.startswith("on")]
    assert handlers == []
    scripts = page.all("script")
    assert all(s.get("type") == "application/json" or s.get("src", "").endswith("consent/consent.js") for s in scripts)
    assert all("</script" not in text.lower() for text in page.script_texts)
    assert page.text.count(SCRIPT_PAYLOAD) > 20, "the payloads are shown as text"
    assert "{{ 7*7 }} %(name)s {name}" in page.text and "49" not in page.text
    links = [a["href"] for a in page.all("a")]
    assert all(not href.lower().lstrip().startswith(("javascript:", "data:", "vbscript:")) for href in links)


def test_the_model_refuses_javascript_urls_where_it_takes_a_url() -> None:
    with pytest.raises(ValidationError):
        Channel(url="javascript:alert(1)")


def test_data_needed_for_a_contract_is_not_required_by_law_and_the_page_says_why_it_is_needed(
    swedish: PageReader, english: PageReader
) -> None:
    """Art. 13(2)(e): no law obliges the customer; without the data there is no delivery (one sentence)."""
    assert "Nej, men utan namn, adress och e-postadress kan vi inte leverera din beställning." in swedish.text
    assert "No, but without your name, address and e-mail address we cannot deliver your order." in english.text
    assert "Inte enligt lag" not in swedish.text


def test_when_a_right_may_be_refused_is_said_under_that_right_once(pages: dict[str, str]) -> None:
    """Each of the example's exceptions to erasure stands in the right's own section, and no activity repeats it."""
    page = pages["index.html"]
    start = page.index('<section id="right-erasure">')
    erasure = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page[start : page.index("</section>", start)]))
    assert "Vi kan neka en begäran när:" in erasure
    assert "du har en pågående fråga hos vår kundservice. Uppgifterna behövs för att hantera ärendet." in erasure
    assert "du har gjort köp på vår webbplats. Vi måste spara uppgifterna om transaktionen" in erasure
    assert page.count("Vi kan neka en begäran när:") == 1
