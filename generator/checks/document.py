"""The policy as a whole: security statements, languages, definitions that nothing uses.

Each rule is a small function with the article it rests on; the order in
which rules run is the list in `generator.checks.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.checks.base import Gap, activity_path, policy_texts, purposes_with_paths, quoted, rule, texts
from generator.checks.findings import Severity
from generator.model import Policy
from generator.model.dpv import closest_dpv_terms, dpv_terms
from generator.model.vocabulary import is_placeholder
from generator.sources.source_map import Path_

# SSL was withdrawn (RFC 6176, RFC 7568); a policy that promises it is wrong or describes a weak setup.
OBSOLETE_SECURITY_WORDS = ("ssl", "secure sockets layer")

# A Swedish statute by its SFS number, "(2022:260)", and an EU act by its number, "(EU) 2023/1795":
# the year comes first.
SFS_NUMBER = re.compile(r"(?<![\d:/.-])((?:1[6-9]|20)\d\d):\d{1,4}(?![\d:])")
EU_ACT_NUMBER = re.compile(r"\(EU\)\s*(?:(?:nr|no\.?)\s*)?((?:19|20)\d\d)/\d{1,4}(?!\d)", re.IGNORECASE)
CITED_NUMBER = re.compile(r"\d[:/]\d")
"""What every match of SFS_NUMBER or EU_ACT_NUMBER holds: a text without it cites neither."""


@rule("L-SEC-1", Severity.warning, "GDPR Art. 5(1)(a), 12(1), 32")
def security_statements_current(policy: Policy) -> Iterator[Gap]:
    """Security statements name current protection: not SSL, which was withdrawn (RFC 7568)."""
    for at, text in _security_texts(policy):
        if any(_has_word(version, OBSOLETE_SECURITY_WORDS) for version in texts(text)):
            yield Gap(
                at,
                "the security text promises SSL, a withdrawn protocol (RFC 7568): the statement is out of date",
                "rewrite the statement (security_measures, or the security fragment): the protection you use "
                "(e.g. TLS 1.2 or later) and who really has access to the data",
            )


@rule("L-SEC-2", Severity.warning, "GDPR Art. 30(1)(g), 32")
def security_measures_described(policy: Policy) -> Iterator[Gap]:
    """The records describe the technical and organisational security measures in general terms."""
    if not policy.controller.security_measures and not any(a.security_measures for a in policy.activities):
        yield Gap(
            ("controller",),
            "no technical or organisational security measures are described for the records",
            "add controller.security_measures: e.g. encryption in transit, access control, processor agreements",
        )


@rule("L-LANG-1", Severity.warning, "GDPR Art. 12(1)")
def english_texts(policy: Policy) -> Iterator[Gap]:
    """When the site lists English, every text has an English version (else the English page shows Swedish)."""
    if "en" not in policy.site.languages:
        return
    for path, text in policy_texts(policy):
        if text.en is None:
            # A Markdown fragment has no line of its own in the YAML: point at its Swedish file.
            at = (*path, "sv") if path[0] == "prose" else path
            yield Gap(
                at,
                f"no English text at {'.'.join(map(str, path))}: {quoted(text)}",
                "add en: the English text (for a fragment: <name>.en.md), or remove en from site.languages",
            )


@rule("L-TODO-1", Severity.error, "GDPR Art. 12(1), 13(1)")
def no_placeholders_left(policy: Policy) -> Iterator[Gap]:
    """No placeholder that `policygen init` wrote is left: every fact it stands for is given."""
    # Only the parts `init` writes: dumping a whole policy of 1,000 activities took a fifth of a second.
    written_by_init = {
        ("site",): policy.site,
        ("controller",): policy.controller,
        ("rights",): policy.rights,
    }
    for at, part in written_by_init.items():
        for path, value in _strings(part.model_dump(mode="json", exclude_none=True), at):
            if not is_placeholder(value):
                continue
            key = next((name for name in reversed(path) if isinstance(name, str)), "value")
            yield Gap(path, f"a placeholder is still here: {value!r}", f"replace it with the real {key}")


@rule("L-ACT-1", Severity.error, "GDPR Art. 13(1)(c), 30(1)(b)")
def some_processing_described(policy: Policy) -> Iterator[Gap]:
    """The policy describes at least one processing activity: an empty policy is never complete."""
    if not policy.activities:
        yield Gap(
            ("activities",),
            "the policy describes no processing of personal data at all",
            "add an activity under activities: for each purpose area (orders, customer service, newsletter, "
            "web statistics…), with its purposes, data, people, recipients and retention, and declare under "
            "cookies: the cookies that serve its purposes",
        )


@rule("L-REF-1", Severity.warning, "GDPR Art. 5(1)(a), 30(1)")
def definitions_used(policy: Policy) -> Iterator[Gap]:
    """Every defined data category, data subject category and recipient is used somewhere."""
    used_categories = {c for a in policy.activities for c in a.all_data_categories()}
    used_subjects = {s for a in policy.activities for s in a.data_subjects}
    used_recipients = {r for a in policy.activities for r in a.recipients} | {c.provider for c in policy.cookies}
    groups = [
        ("data_categories", "data category", [c.id for c in policy.data_categories], used_categories),
        ("data_subjects", "data subject category", [s.id for s in policy.data_subjects], used_subjects),
        ("recipients", "recipient", [r.id for r in policy.recipients], used_recipients),
    ]
    for key, kind, defined, used in groups:
        for i, id_ in enumerate(defined):
            if id_ not in used:
                yield Gap(
                    (key, i, "id"),
                    f"{kind} '{id_}' is defined but nothing uses it",
                    f"use it in the activity (or cookie) it belongs to, or delete it from {key}",
                )


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every string in a dumped model, with its path of keys and indexes."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


@rule("L-DATE-1", Severity.error, "GDPR Art. 5(1)(a), 12(1)")
def date_after_cited_acts(policy: Policy) -> Iterator[Gap]:
    """The policy's date is not earlier than the year of a law or EU act it cites (SFS YYYY:NNN, (EU) YYYY/NNNN)."""
    updated = policy.policy.last_updated
    reported: set[str] = set()
    for path, text in policy_texts(policy):
        at = (*path, "sv") if path[0] == "prose" else path
        for version in (text.sv, text.en):
            if version is None or CITED_NUMBER.search(version) is None:
                continue  # most texts cite nothing: one search instead of two, for each of 10,000s of texts
            for match in [*SFS_NUMBER.finditer(version or ""), *EU_ACT_NUMBER.finditer(version or "")]:
                act = " ".join(match.group(0).split())
                if int(match.group(1)) > updated.year and act not in reported:
                    reported.add(act)
                    yield Gap(
                        at,
                        f"the policy is dated {updated.isoformat()} but cites {act}, an act of {match.group(1)}",
                        "set policy.last_updated to the date of this version (no earlier than the act it cites) "
                        "and raise policy.version",
                    )


@rule("L-DPV-1", Severity.error, "GDPR Art. 30(1); W3C Data Privacy Vocabulary 2.3")
def dpv_terms_known(policy: Policy) -> Iterator[Gap]:
    """Every `dpv:` and `pd:` term is a term of the W3C DPV 2.3 vocabulary, so that the records mean something."""
    known = dpv_terms()
    used: list[tuple[Path_, str | None]] = [
        *((("data_categories", i, "dpv"), c.dpv) for i, c in enumerate(policy.data_categories)),
        *((("data_subjects", i, "dpv"), s.dpv) for i, s in enumerate(policy.data_subjects)),
        *(((*at, "dpv"), p.dpv) for at, p in purposes_with_paths(policy)),
    ]
    for at, term in used:
        if term is None or term in known:
            continue
        close = closest_dpv_terms(term, term.split(":")[0] + ":")
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        yield Gap(
            at,
            f"'{term}' is not a term of W3C DPV 2.3",
            f"{hint}write dpv: a term of https://w3id.org/dpv (purposes, data subjects: dpv:…; data: pd:…), "
            "or leave dpv out",
        )


def _security_texts(policy: Policy) -> Iterator[tuple[Path_, Any]]:
    """Every text that describes security, with its path: measures of the controller and activities, prose."""
    for k, text in enumerate(policy.controller.security_measures):
        yield ("controller", "security_measures", k), text
    for i, activity in enumerate(policy.activities):
        for k, text in enumerate(activity.security_measures):
            yield (*activity_path(i), "security_measures", k), text
    if policy.prose.security is not None:
        yield ("prose", "security", "sv"), policy.prose.security


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of `words` occurs as a whole word (so 'ssl' does not match inside another word)."""
    return any(re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", text) for w in words)


HOME_PAGE_PATH = "/"
RECOMMENDED_PUBLISH_PATH = "/integritetspolicy/"


@rule("L-PUB-1", Severity.warning, "GDPR Art. 12(1)")
def published_beside_the_home_page(policy: Policy) -> Iterator[Gap]:
    """The built files are published in a folder of their own (`site.publish_path`), not at the site's root."""
    if policy.site.publish_path == HOME_PAGE_PATH:
        yield Gap(
            ("site", "publish_path"),
            "publish_path is '/': the privacy page (index.html) would replace the site's home page",
            f"set site.publish_path: {RECOMMENDED_PUBLISH_PATH} (or another folder of its own) and publish the "
            "built folder there; snippet.html then links the banner from that folder",
        )
