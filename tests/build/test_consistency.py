"""The privacy page, the banner's config and the records say the same thing.

All three are rendered from one model; this test reads what a visitor, the
banner and an auditor actually get (the built `index.html` and `en/index.html`,
`consent/config.json`, the records in the same language) and compares them:
the records' facts in the page's wording (`own_wording=False`: the records' own
third-person wording is tested in tests/records/test_register.py), for the
activities on the page (those informed elsewhere are in the records only):
the same activities, purposes, legal bases, data categories, recipients,
transfers and retention; the same cookies in the banner config, in the page's
cookie table and in the records.

The page is read with the standard library's `html.parser`, by its structure:
`section#activity-<id>` per activity with an `h3`, the purposes in `ul.purposes`,
the facts at a glance in `dl.glance`, and folded in its `<details>` an `h4` per
topic, the recipients in `ul.recipients` and the retention exceptions in
`table.retention-exceptions`; the cookies in `table.cookie-table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.i18n import gettext_for
from generator.records.builder import build_records
from generator.sources.loading import load_policy
from generator.texts.plain import label_in_sentence, numbers_in_words
from tests.conftest import EXAMPLE
from tests.support.config_file import read_config

PAGES = {"sv": "index.html", "en": "en/index.html"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --- a small read-only DOM over html.parser ---------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """The text content, whitespace collapsed."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]

    def find_all(self, tag: str | None = None, class_: str | None = None) -> list[Element]:
        found = []
        for child in self.elements():
            classes = child.attrs.get("class", "").split()
            if (tag is None or child.tag == tag) and (class_ is None or class_ in classes):
                found.append(child)
            found += child.find_all(tag, class_)
        return found

    def find(self, tag: str | None = None, class_: str | None = None) -> Element:
        found = self.find_all(tag, class_)
        assert found, f"no <{tag} class={class_}> in <{self.tag} {self.attrs}>"
        return found[0]

    def by_id(self, id_: str) -> Element:
        found = [e for e in self.find_all() if e.attrs.get("id") == id_]
        assert len(found) == 1, f"{len(found)} elements with id {id_}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def topics(section: Element) -> dict[str, list[Element]]:
    """The elements of an activity's section grouped under the h4 that precedes them."""
    groups: dict[str, list[Element]] = {"": []}
    current = ""
    for child in section.elements():
        if child.tag == "h4":
            current = child.text()
            groups[current] = []
        else:
            groups[current].append(child)
    return groups


def list_items(elements: list[Element]) -> list[str]:
    return [li.text() for e in elements if e.tag == "ul" for li in e.elements() if li.tag == "li"]


# --- the three outputs, per language ------------------------------------------------


@dataclass(frozen=True)
class Outputs:
    language: str
    page: Element
    config: dict[str, Any]
    records: dict[str, Any]

    def heading(self, msgid: str) -> str:
        """A heading of the page (the `messages` catalog) in this language."""
        return gettext_for(self.language)(msgid)


@pytest.fixture(scope="module", params=["sv", "en"])
def outputs(request: pytest.FixtureRequest, built_example: Path) -> Outputs:
    language: str = request.param
    records = build_records(load_policy(EXAMPLE).policy, language, own_wording=False).model_dump(mode="json")
    records["records"] = [r for r in records["records"] if r["informed_elsewhere"] is None]
    return Outputs(
        language=language,
        page=parse_html(built_example / PAGES[language]),
        config=read_config((built_example / "consent" / "config.json").read_bytes()),
        records=records,
    )


def activity_sections(outputs: Outputs) -> dict[str, Element]:
    processing = outputs.page.by_id("processing")
    return {
        s.attrs["id"].removeprefix("activity-"): s
        for s in processing.find_all("section")
        if s.attrs.get("id", "").startswith("activity-")
    }


# --- the tests ----------------------------------------------------------------------


def test_the_same_activities_in_the_same_order(outputs: Outputs) -> None:
    sections = activity_sections(outputs)
    assert list(sections) == [r["id"] for r in outputs.records["records"]]
    for record in outputs.records["records"]:
        assert sections[record["id"]].find("h3").text() == record["name"]


def glance(outputs: Outputs, section: Element) -> dict[str, Element]:
    """The activity's facts at a glance (`dl.glance`): label → its `dd`."""
    facts = section.find("dl", "glance")
    return {div.find("dt").text(): div.find("dd") for div in facts.elements() if div.tag == "div"}


def test_the_same_purposes_with_the_same_legal_basis(outputs: Outputs) -> None:
    sections = activity_sections(outputs)
    for record in outputs.records["records"]:
        section = sections[record["id"]]
        common = glance(outputs, section).get(outputs.heading("Legal basis"))
        shown: list[tuple[str, str]] = []  # (purpose item, the basis said for it)
        lead = ""
        for child in section.elements():
            if child.tag == "p":
                lead = child.text()
            if child.tag == "ul" and "purposes" in child.attrs.get("class", ""):
                basis = common.text() if common is not None else lead
                shown += [(li.text(), basis) for li in child.elements() if li.tag == "li"]
        assert len(shown) == len(record["purposes"]), record["id"]
        by_description = {p["description"]: p for p in record["purposes"]}
        for text, basis in shown:
            # A list that continues 'för att:' reads in lower case, as does a text after a colon.
            purpose = next(p for d, p in by_description.items() if text.startswith(label_in_sentence(d)))
            assert purpose["legal_basis"]["article"].split(".")[0] in basis
            if not purpose["pre_contractual"]:
                assert purpose["legal_basis"]["name"].lower() in basis.lower()
            if purpose["legitimate_interest"]:
                assert label_in_sentence(purpose["legitimate_interest"]) in text
            if purpose["legal_obligation"]:  # 'Det kräver bokföringslagen …' / 'The Swedish Bookkeeping Act … requires'
                assert purpose["legal_obligation"].rstrip(".").lower() in text.lower()


def test_the_same_data_subjects_and_categories_of_personal_data(outputs: Outputs) -> None:
    """Each category once with its examples (at its first mention on the page), else by its label."""
    sections = activity_sections(outputs)
    for record in outputs.records["records"]:
        facts = glance(outputs, sections[record["id"]])
        # "Uppgifter om kunder och kontohavare": the data subjects name the list of data
        lead = outputs.heading("Data about %(subjects)s").split("%(")[0]
        subjects = next(label for label in facts if label.startswith(lead))
        for subject in record["data_subjects"]:
            assert subject["label"].casefold() in subjects.casefold(), record["id"]
        shown = [
            li.text()
            for label, dd in facts.items()
            if label not in (outputs.heading("Whose data"), outputs.heading("Legal basis"))
            for ul in dd.find_all("ul")
            for li in ul.elements()
        ]
        expected = [c["label"] for c in record["data_categories"]]
        assert sorted(s.split(" (")[0] for s in shown) == sorted(expected), record["id"]
        for text in shown:
            category = next(c for c in record["data_categories"] if text.split(" (")[0] == c["label"])
            assert text in (category["label"], f"{category['label']} ({category['examples']})"), text


GROUP_HEADINGS = {
    "processor": "Processors",
    "controller": "Independent controllers",
    "joint_controller": "Joint controllers",
}


def recipient_items(section: Element) -> dict[str, tuple[str, Element]]:
    """Each recipient's list item in a block, by its label, with the heading of its role's group ('' for none)."""
    items: dict[str, tuple[str, Element]] = {}
    for li in section.find("ul", "recipients").elements():
        nested = [e for e in li.elements() if e.tag == "ul"]
        if nested:  # a role's group: 'Personuppgiftsbiträden:' and its recipients
            heading = "".join(c for c in li.children if isinstance(c, str)).strip().rstrip(":")
            members = [(heading, member) for member in nested[0].elements() if member.tag == "li"]
        else:
            members = [("", li)]
        for heading, member in members:
            items[member.find("strong").text()] = (heading, member)
    return items


def test_the_same_recipients_and_transfers(outputs: Outputs) -> None:
    """Outside recipients in each block's list (our own staff are said once for the page), under the heading of
    their role; one described in an earlier block links to it instead of being described again."""
    sections = activity_sections(outputs)
    for record in outputs.records["records"]:
        section = sections[record["id"]]
        outside = [r for r in record["recipients"] if r["role"] != "internal"]
        items = recipient_items(section) if outside else {}
        assert sorted(items) == sorted(r["label"] for r in outside), record["id"]
        grouped = any(heading for heading, _ in items.values())
        for recipient in outside:
            heading, li = items[recipient["label"]]
            role = recipient["role"]
            expected = GROUP_HEADINGS.get(role, "Other recipients" if grouped else "")
            assert heading == (outputs.heading(expected) if expected else ""), recipient["label"]
            if any(a.attrs.get("href", "").startswith("#activity-") for a in li.find_all("a")):
                continue  # "se ”Köp i webbutiken”": said there
            if recipient["country_name"] and recipient["country"] != "SE":
                assert recipient["country_name"] in li.text()
        details = topics(section.find("details"))
        shown = list_items(details.get(outputs.heading("Does the data leave the EU/EEA?"), []))
        assert len(shown) == len(record["transfers"]), record["id"]
        for text, transfer in zip(shown, record["transfers"], strict=True):
            assert transfer["country_name"] in text
            if transfer["mechanism"] == "adequacy":  # the decision is named, under its heading
                assert outputs.heading("Adequacy decision (Article 45 GDPR)") in text
            else:
                assert transfer["mechanism_name"] in text
            assert transfer["decision"] in text


def test_the_same_retention_and_exceptions(outputs: Outputs) -> None:
    sections = activity_sections(outputs)
    for record in outputs.records["records"]:
        retention = record["retention"]
        section = sections[record["id"]]
        said = glance(outputs, section)[outputs.heading("Retention")].text()
        assert numbers_in_words(retention["summary"], outputs.language) == said, record["id"]
        tables = section.find_all("table", "retention-exceptions")
        rows = [[td.text() for td in tr.find_all("td")] for t in tables for tr in t.find("tbody").find_all("tr")]
        assert rows == [[e["condition"], e["retention"]] for e in retention["exceptions"]], record["id"]


PARTIES = {"first": "First party", "third": "Third party"}
ACCESS = {True: "Yes", False: "No", None: "not stated"}


def test_the_banner_config_the_cookie_table_and_the_records_declare_the_same_cookies(outputs: Outputs) -> None:
    _ = gettext_for(outputs.language, "messages")
    (table,) = outputs.page.by_id("cookies").find_all("table", "cookie-table")
    rows = [(group, tr) for group in table.find_all("tbody") for tr in group.find_all("tr")[1:]]
    page_rows = {tr.find("th").find("code").text(): (group, tr) for group, tr in rows}
    config_items = {
        item["name"]: (category["id"], item) for category in outputs.config["categories"] for item in category["items"]
    }
    record_cookies = {c["name"]: c for c in outputs.records["cookies"]}

    # Grouped by category in the banner's order, each group in source order (the consent cookie first).
    order = [c["id"] for c in outputs.config["categories"]]
    assert list(page_rows) == sorted(record_cookies, key=lambda n: order.index(record_cookies[n]["category"]))
    assert set(config_items) == set(record_cookies)
    in_activities = [name for r in outputs.records["records"] for name in r["cookies"]]
    assert sorted([*in_activities, outputs.config["cookie"]["name"]]) == sorted(record_cookies)

    for name, cookie in record_cookies.items():
        category, item = config_items[name]
        assert category == cookie["category"], name
        assert (item["storage"], item["path"], item["domain"]) == (
            cookie["storage"],
            cookie["path"],
            cookie["domain"],
        ), name
        group, tr = page_rows[name]
        spans = {
            span.attrs.get("class"): span.text()
            for cell in [tr.find("th"), *tr.find_all("td")]
            for span in cell.find_all("span")
        }
        cells = {td.attrs["data-label"]: td for td in tr.find_all("td")}
        provider = cells[_("Provider")].find("bdi").text()
        assert group.find("span", "category").text() == cookie["category_label"], name
        assert provider == cookie["provider_name"], name
        assert cells[_("Retention")].text() == cookie["duration_in_words"], name
        # What holds for most items is said once under the tables; a row says only where it differs.
        third = cookie["party"] == "third"
        assert spans.get("party") == (_(PARTIES["third"]) if third else None), name
        assert spans.get("domain") == (cookie["domain"] if third else None), name
        access = (
            None
            if cookie["third_party_access"] is False
            else _("Third-party access") + ": " + _(ACCESS[cookie["third_party_access"]])
        )
        assert spans.get("access") == access, name
        assert spans.get("storage") == (None if cookie["storage"] == "cookie" else cookie["storage_name"]), name
        details = item["details"][outputs.language]
        assert cookie["duration_in_words"] in details and cookie["provider_name"] in details, name
        banner = gettext_for(outputs.language, "banner")
        assert (banner("Third-party access") in details) == bool(cookie["third_party_access"]), name
    assert _("Unless stated otherwise, each item is a cookie of ours that no third party can read.") in (
        outputs.page.by_id("cookies").text()
    )


def test_the_same_policy_version_and_consent_categories(outputs: Outputs) -> None:
    assert outputs.config["policy_version"] == outputs.records["policy"]["version"]
    config_categories = [c["id"] for c in outputs.config["categories"]]
    assert {c["category"] for c in outputs.records["cookies"]} <= set(config_categories)
    page_categories = [span.text() for span in outputs.page.by_id("cookies").find_all("span", "category")]
    labels = {c["category"]: c["category_label"] for c in outputs.records["cookies"]}
    for category in config_categories:
        if category in labels:
            assert any(text.startswith(labels[category]) for text in page_categories), category
