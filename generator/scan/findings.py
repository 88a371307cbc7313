"""Compare what the scan saw with what the policy declares: the findings of `policygen scan`.

Each rule says what it rests on (ePrivacy Art. 5(3), in Sweden LEK 9 kap. 28 §,
and the banner rules L-BAN-* of the shared legal checklist). A finding lists
every place it was seen, so a site owner can reproduce it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.checks.findings import Severity
from generator.model import Cookie, Policy
from generator.model.durations import duration_of
from generator.model.vocabulary import NECESSARY
from generator.scan.observations import (
    RECORDED_STORAGE,
    ItemSighting,
    PageVisit,
    Phase,
    Run,
    ScanRecord,
    Sighting,
    StoredItem,
    is_same_site,
)
from generator.texts.cookies import declared_cookies, offered_categories, offers_choice

EPRIVACY = "ePrivacy Directive Art. 5(3); LEK (2022:482) 9 kap. 28 §"

DURATION_TOLERANCE = 0.03
"""A cookie may outlive its declared duration by 3 % (calendar months vary) ..."""
DURATION_SLACK_SECONDS = 60
"""... or by a minute, whichever is more."""


@dataclass(frozen=True)
class ScanFinding:
    """One way the live site differs from its policy, with every place it was seen."""

    rule: str
    severity: Severity
    message: str
    fix: str
    rests_on: str
    seen: tuple[Sighting, ...] = ()

    def order(self) -> tuple[bool, str, str]:
        return (self.severity != Severity.error, self.rule, self.message)


@dataclass(frozen=True)
class ItemSummary:
    """One cookie or storage key over the whole scan, for the report's inventory."""

    item: StoredItem
    declaration: Cookie | None
    phases: tuple[Phase, ...]
    longest_lifetime: int | None
    sightings: tuple[Sighting, ...]


def judge(record: ScanRecord, policy: Policy) -> list[ScanFinding]:
    """Every finding of the scan, errors first, then by rule."""
    declared = declared_cookies(policy)
    summaries = summarize_items(record, declared)
    findings = [
        *_item_findings(summaries, policy),
        *_never_seen(summaries, declared),
        *_request_findings(record, policy),
        *(_banner_findings(record) if offers_choice(policy) else []),  # no choice: no banner to look for
        *_unknown_categories(record, policy),
    ]
    return sorted(findings, key=ScanFinding.order)


def summarize_items(record: ScanRecord, declared: list[Cookie]) -> list[ItemSummary]:
    """Group sightings per item (kind, name, domain), in a stable order."""
    groups: dict[tuple[str, str, str], list[ItemSighting]] = defaultdict(list)
    for seen in record.items:
        groups[seen.item.key].append(seen)
    summaries = []
    for key in sorted(groups):
        group = groups[key]
        item = group[0].item
        lifetimes = [s.item.lifetime for s in group if s.item.lifetime is not None]
        sightings = tuple(sorted({s.sighting for s in group}, key=Sighting.order))
        summaries.append(
            ItemSummary(
                item=item,
                declaration=declaration_of(item, declared),
                phases=tuple(p for p in Phase if any(s.phase == p for s in sightings)),
                longest_lifetime=max(lifetimes) if lifetimes else None,
                sightings=sightings,
            )
        )
    return summaries


def declaration_of(item: StoredItem, declared: list[Cookie]) -> Cookie | None:
    """The first declaration of the same storage kind whose name or pattern covers the item."""
    return next((c for c in declared if c.storage == item.kind and c.matches(item.name)), None)


def _item_findings(summaries: list[ItemSummary], policy: Policy) -> list[ScanFinding]:
    required = {c.id for c in policy.consent_categories if c.required} | {NECESSARY}
    findings = []
    for summary in summaries:
        item, declaration = summary.item, summary.declaration
        what = item.describe()
        if declaration is None:
            findings.append(
                ScanFinding(
                    "S-UNDECLARED",
                    Severity.error,
                    f"{what} is not declared in the policy.",
                    "Declare it under cookies: (name or pattern, storage, category, purpose, duration) or remove "
                    "what sets it; visitors must be told about every item before it is stored.",
                    f"{EPRIVACY}; GDPR Art. 13",
                    summary.sightings,
                )
            )
            continue
        findings += _duration_finding(summary, declaration)
        findings += _attribute_findings(summary, declaration)
        if declaration.category in required:
            continue
        category = f'category "{declaration.category}"'
        for phase, rule, when, fix in (
            (
                Phase.before_choice,
                "S-BEFORE-CHOICE",
                "is stored before the visitor has made any choice",
                'Block what sets it until consent: <script type="text/plain" data-consent="{cat}">.',
            ),
            (
                Phase.after_reject,
                "S-AFTER-REJECT",
                'is stored although the visitor chose "reject all"',
                'Block what sets it until consent (data-consent="{cat}"); the banner deletes declared items '
                "JavaScript can reach, so also check its name, domain and path in the policy.",
            ),
            (
                Phase.after_withdrawal,
                "S-NOT-CLEARED",
                "is still there after the visitor withdrew consent",
                "The banner can only delete what JavaScript reaches: do not set it HttpOnly or from the server, "
                "declare its exact domain and path, and make sure no script sets it again after withdrawal.",
            ),
        ):
            seen = tuple(s for s in summary.sightings if s.phase == phase)
            if seen:
                findings.append(
                    ScanFinding(
                        rule,
                        Severity.error,
                        f"{what} of {category} {when}.",
                        fix.format(cat=declaration.category),
                        f"{EPRIVACY}; GDPR Art. 7(3)" if phase == Phase.after_withdrawal else EPRIVACY,
                        seen,
                    )
                )
    return findings


def _duration_finding(summary: ItemSummary, declaration: Cookie) -> list[ScanFinding]:
    """A cookie that lives longer than the policy says (the visitor was told less than the truth)."""
    if summary.item.kind.value != "cookie" or declaration.duration is None or summary.longest_lifetime is None:
        return []
    declared = duration_of(declaration.duration)
    if declared.has_no_expiry:  # storage without an expiry: no period was declared, none to exceed
        return []
    real = summary.longest_lifetime
    if not declared.is_session:
        allowed = declared.seconds() + max(DURATION_SLACK_SECONDS, DURATION_TOLERANCE * declared.seconds())
        if real <= allowed:
            return []
    said = "the session" if declared.is_session else declaration.duration
    return [
        ScanFinding(
            "S-DURATION",
            Severity.error,
            f"{summary.item.describe()} lives {_days(real)}, longer than the declared {said}.",
            f"Shorten the cookie's Max-Age/Expires to {said}, or declare its real duration.",
            "CJEU C-673/17 Planet49 (duration must be told); GDPR Art. 13(2)(a)",
            summary.sightings,
        )
    ]


def _attribute_findings(summary: ItemSummary, declaration: Cookie) -> list[ScanFinding]:
    """Declared attributes that differ from the real ones (the banner relies on them to delete)."""
    item = summary.item
    if item.kind.value != "cookie":
        return []
    differences = []
    if item.http_only and not declaration.http_only:
        differences.append("it is HttpOnly (JavaScript cannot delete it) but declared without http_only")
    if item.third_party and declaration.party == "first":
        differences.append(f"it is set on {item.domain}, another site, but declared first-party")
    if not differences:
        return []
    return [
        ScanFinding(
            "S-ATTRIBUTES",
            Severity.warning,
            f"{item.describe()} differs from its declaration: {'; '.join(differences)}.",
            "Correct the declaration (http_only, party, domain) so that the page and the banner tell the truth.",
            "CJEU C-673/17 Planet49; GDPR Art. 13",
            summary.sightings,
        )
    ]


def _never_seen(summaries: list[ItemSummary], declared: list[Cookie]) -> list[ScanFinding]:
    findings = []
    for declaration in declared:
        if declaration.storage not in RECORDED_STORAGE:
            continue  # IndexedDB and pixels are not observed
        if any(s.declaration == declaration for s in summaries):
            continue
        kind = {"cookie": "cookie", "local_storage": "localStorage key", "session_storage": "sessionStorage key"}
        findings.append(
            ScanFinding(
                "S-NEVER-SEEN",
                Severity.warning,
                f'Declared {kind[declaration.storage.value]} "{declaration.name}" was never seen on the pages scanned.',
                "If the site no longer sets it, remove the declaration; if it is set on pages the scan did not "
                "reach (checkout, account), raise --max-pages or scan from that page.",
                "GDPR Art. 5(1)(a) and 13 (the information must be accurate)",
            )
        )
    return findings


def _request_findings(record: ScanRecord, policy: Policy) -> list[ScanFinding]:
    """Requests to other hosts before consent or after a refusal reveal the visitor to them."""
    own_hosts = {
        urlsplit(url).hostname
        for url in (policy.site.base_url, policy.site.policy_url, policy.site.receipt_endpoint)
        if url and url.startswith("http")
    }
    shared = (policy.site.cookie_domain,) if policy.site.cookie_domain else ()
    by_host: dict[tuple[str, str], set[Sighting]] = defaultdict(set)
    for request in record.requests:
        if request.host in own_hosts or is_same_site(request.host, record.site_host, shared):
            continue
        if request.sighting.phase == Phase.before_choice:
            by_host[("S-REQUEST-BEFORE-CHOICE", request.host)].add(request.sighting)
        elif request.sighting.phase in (Phase.after_reject, Phase.after_withdrawal):
            by_host[("S-REQUEST-AFTER-REJECT", request.host)].add(request.sighting)
    findings = []
    for (rule, host), sightings in sorted(by_host.items()):
        when = "before the visitor made any choice" if rule == "S-REQUEST-BEFORE-CHOICE" else "after a refusal"
        findings.append(
            ScanFinding(
                rule,
                Severity.error,
                f"The page sends requests to {host} {when}: it learns the visitor's IP address and may read "
                "or set its cookies.",
                f"Load what calls {host} only after consent (data-consent on the script or iframe), "
                "or serve the file from your own site.",
                f"{EPRIVACY}; GDPR Art. 6(1)",
                tuple(sorted(sightings, key=Sighting.order)),
            )
        )
    return findings


def _banner_findings(record: ScanRecord) -> list[ScanFinding]:
    def pages_where(condition: Callable[[PageVisit], bool], run: Run | None = None) -> tuple[Sighting, ...]:
        found = {
            Sighting(v.run, _phase_after(v.run), v.page)
            for v in record.visits
            if v.banner is not None and (run is None or v.run == run) and condition(v)
        }
        return tuple(sorted(found, key=Sighting.order))

    findings = []
    checks = (
        (
            "S-NO-BANNER",
            Severity.error,
            pages_where(lambda v: not v.banner.shown, Run.untouched),
            'Pages without the cookie banner: no visible control with data-consent-action="accept-all" '
            "before any choice.",
            "Paste snippet.html into the <head> of every page (templates, landing pages, error pages).",
            "ePrivacy Directive Art. 5(3); GDPR Art. 7",
        ),
        (
            "S-NO-REJECT",
            Severity.error,
            pages_where(lambda v: v.banner.shown and not v.banner.reject_on_first_layer, Run.untouched),
            'The banner\'s first layer offers no "reject all" (data-consent-action="reject-all") next to "accept all".',
            'Show "Avvisa alla" on the first layer, as easy to use as "Acceptera alla"; do not hide it with CSS.',
            "L-BAN-1: EDPB Cookie Banner Taskforce §§ 7–8; PTS",
        ),
        _no_reopen(pages_where),
        (
            "S-BANNER-AGAIN",
            Severity.warning,
            tuple(s for s in pages_where(lambda v: v.banner.shown) if s.run != Run.untouched),
            "The banner asked again after the visitor had chosen: the choice was not kept (is the consent "
            "cookie's domain or path right for this host?).",
            "Check site.cookie_domain and that the consent cookie is set on this host; a choice must be "
            "remembered across pages.",
            "EDPB Cookie Banner Taskforce; GDPR Art. 7",
        ),
    )
    for rule, severity, seen, message, fix, rests_on in checks:
        if seen:
            findings.append(ScanFinding(rule, severity, message, fix, rests_on, seen))
    for failure in record.choice_failures:
        findings.append(
            ScanFinding(
                "S-CHOICE-FAILED",
                Severity.error,
                f'The "{failure.run.label}" run could not make its choice: {failure.reason}.',
                "Keep the banner's controls (data-consent-action) visible and clickable.",
                "GDPR Art. 7(3); EDPB Guidelines 05/2020 §§ 113–114",
                (Sighting(failure.run, Phase.before_choice, failure.page),),
            )
        )
    stuck = {Sighting(v.run, _phase_after(v.run), v.page) for v in record.visits if v.stuck}
    if stuck:
        findings.append(
            ScanFinding(
                "S-PAGE-STUCK",
                Severity.error,
                "A page loaded but did not let itself be read before its deadline: a script keeps the browser "
                "busy (an endless loop?), so the banner and the storage of that page could not be checked.",
                "Find the script that blocks the page (the browser's performance panel shows it) and fix it; "
                "visitors' browsers hang on this page too. Raise --timeout only if the page is merely slow.",
                f"{EPRIVACY} (what is stored must be checkable)",
                tuple(sorted(stuck, key=Sighting.order)),
            )
        )
    findings += _incomplete_finding(record)
    errors: dict[str, set[Sighting]] = defaultdict(set)
    for visit in record.visits:
        if visit.error is not None and not visit.stuck:
            errors[visit.error].add(Sighting(visit.run, _phase_after(visit.run), visit.page))
    for error, seen in sorted(errors.items()):
        findings.append(
            ScanFinding(
                "S-PAGE-ERROR",
                Severity.warning,
                f"A page could not be scanned: {error}.",
                "Fix the link or the page, or raise --timeout for slow pages.",
                "—",
                tuple(sorted(seen, key=Sighting.order)),
            )
        )
    return findings


CHOSEN = (Run.reject_all, Run.accept_all, Run.withdraw)
"""The runs whose pages come after a choice: there the visitor must be able to change it."""


def _no_reopen(pages_where: Callable[..., tuple[Sighting, ...]]) -> tuple[str, Severity, tuple, str, str, str]:
    """Pages where, after a choice, nothing visible reopens the settings (L-BAN-4): withdrawing must be as easy
    as consenting. Any control the banner reopens its settings from counts, its own floating button too."""
    seen = tuple(s for s in pages_where(lambda v: not v.banner.reopen_control) if s.run in CHOSEN)
    hidden = {s.page for s in pages_where(lambda v: v.banner.hidden_reopen_control) if s.run in CHOSEN}
    message = (
        "Pages without a visible control to reopen the cookie settings after a choice: nothing the banner "
        'opens its settings from (data-consent-action="open") can be seen, so the visitor cannot change or '
        "withdraw consent there."
    )
    if hidden:
        message += f" On {len(hidden)} of them there is one, but it is hidden (a closed menu, or the site's CSS)."
    fix = (
        'Put an "Inställningar för kakor" button or link with data-consent-action="open" in the footer of every '
        "page (docs/banner.md), visible without opening a menu, or turn on the banner's floating settings button."
    )
    return (
        "S-NO-REOPEN",
        Severity.warning,
        seen,
        message,
        fix,
        "L-BAN-4: GDPR Art. 7(3); EDPB Guidelines 05/2020 § 114",
    )


def _incomplete_finding(record: ScanRecord) -> list[ScanFinding]:
    """Pages a run did not reach: the scan cannot vouch for them, so it does not pass."""
    if not record.not_reached:
        return []
    seen = tuple(
        sorted(
            (Sighting(run, _phase_after(run), page) for page, runs in record.not_reached.items() for run in runs),
            key=Sighting.order,
        )
    )
    pages = len(record.not_reached)
    if record.deadline is not None:
        why = f"The scan stopped at its deadline of {record.deadline:g} s"
        fix = "Raise --deadline, lower --max-pages, or fix the pages that time out (see S-PAGE-ERROR, S-PAGE-STUCK)."
    else:
        why = "A run stopped early (the browser would not give it a new page)"
        fix = "Run the scan again; if it stops again, fix the pages that hang the browser (see S-PAGE-STUCK)."
    return [
        ScanFinding(
            "S-INCOMPLETE",
            Severity.error,
            f"{why}: {pages} page{'' if pages == 1 else 's'} not scanned in every run, so the verdict "
            "covers only part of the site.",
            fix,
            "—",
            seen,
        )
    ]


def _unknown_categories(record: ScanRecord, policy: Policy) -> list[ScanFinding]:
    """A script or iframe held for a category the banner does not offer (one the policy lacks, or a default
    category without items, which the banner leaves out): the banner never releases it."""
    known = [NECESSARY, *(c.id for c in offered_categories(policy) if c.id != NECESSARY)]
    where: dict[tuple[str, str], set[Sighting]] = defaultdict(set)
    for element in record.held:
        if element.category not in known:
            where[(element.tag, element.category)].add(element.sighting)
    return [
        ScanFinding(
            "S-UNKNOWN-CATEGORY",
            Severity.warning,
            f'A <{tag}> with data-consent="{category}": the banner offers no category "{category}" '
            f"(only {', '.join(known)}), so it never releases it and no visitor sees it run.",
            f"Name the category of the service's cookies in data-consent: one of {', '.join(known)} "
            "(a catalogue service's category is in docs/catalogue.md).",
            "policygen's banner (docs/banner.md): data-consent names a consent category of the policy",
            tuple(sorted(seen, key=Sighting.order)),
        )
        for (tag, category), seen in sorted(where.items())
    ]


def _phase_after(run: Run) -> Phase:
    return {
        Run.untouched: Phase.before_choice,
        Run.reject_all: Phase.after_reject,
        Run.accept_all: Phase.after_accept,
        Run.withdraw: Phase.after_withdrawal,
    }[run]


def _days(seconds: int) -> str:
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.0f} days"
