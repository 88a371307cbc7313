"""What `policygen scan` saw in the browser: the vocabulary shared by the crawler, the judge and the report.

The crawler (`scanning_browser`) only records; `scanning_findings` compares the
record with the policy; `scanning_report` prints it. Keeping the record plain
data lets each step be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from generator.model import StorageType


class Run(StrEnum):
    """The four visits, each in a fresh browser profile."""

    untouched = "untouched"
    """The banner is left alone: nothing but necessary items may appear."""
    reject_all = "reject-all"
    """'Reject all' on the first page, then the other pages."""
    accept_all = "accept-all"
    """'Accept all' on the first page, then the other pages."""
    withdraw = "withdraw"
    """'Accept all', then the settings are reopened and everything is turned off."""

    @property
    def label(self) -> str:
        return RUN_LABELS[self]


RUN_LABELS = {
    Run.untouched: "banner untouched",
    Run.reject_all: "reject all",
    Run.accept_all: "accept all",
    Run.withdraw: "accept, then withdraw",
}


class Phase(StrEnum):
    """The visitor's state of choice when something was seen; findings depend on it."""

    before_choice = "before-choice"
    after_reject = "after-reject"
    after_accept = "after-accept"
    after_withdrawal = "after-withdrawal"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS = {
    Phase.before_choice: "before any choice",
    Phase.after_reject: "after reject all",
    Phase.after_accept: "after accept all",
    Phase.after_withdrawal: "after withdrawal",
}

RECORDED_STORAGE = (StorageType.cookie, StorageType.local_storage, StorageType.session_storage)
"""The kinds of storage the scanner reads; IndexedDB and pixels are not observed."""


@dataclass(frozen=True)
class Sighting:
    """Where and when something was seen: a run, the visitor's phase in it, a page."""

    run: Run
    phase: Phase
    page: str

    def describe(self) -> str:
        return f"{self.phase.label} ({self.run.label} run) on {self.page}"

    def order(self) -> tuple[int, int, str]:
        """Runs and phases in the order they happen, then the page."""
        return (list(Run).index(self.run), list(Phase).index(self.phase), self.page)


@dataclass(frozen=True)
class StoredItem:
    """A cookie or a Web Storage key as the browser holds it."""

    kind: StorageType
    name: str
    domain: str
    """The cookie's domain as the browser reports it (".example.se" or "www.example.se"), or the storage's host."""
    path: str = ""
    lifetime: int | None = None
    """Seconds left until the cookie expires when it was seen; None for a session cookie or a storage key."""
    http_only: bool = False
    third_party: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        """One item whatever its lifetime: kind, name, domain."""
        return (self.kind.value, self.name, self.domain)

    def describe(self) -> str:
        if self.kind == StorageType.cookie:
            party = "third-party " if self.third_party else ""
            return f'{party}cookie "{self.name}" (domain {self.domain}, path {self.path})'
        storage = "localStorage" if self.kind == StorageType.local_storage else "sessionStorage"
        party = "third-party " if self.third_party else ""
        return f'{party}{storage} key "{self.name}" (on {self.domain})'


@dataclass(frozen=True)
class ItemSighting:
    item: StoredItem
    sighting: Sighting


@dataclass(frozen=True)
class RequestSighting:
    """A request from the page to a host other than the scanned site's."""

    url: str
    host: str
    resource_type: str
    sighting: Sighting


@dataclass(frozen=True)
class BannerProbe:
    """What of the banner a visitor could see when a page had loaded."""

    shown: bool
    """An 'accept all' control is visible: the first layer is up."""
    reject_on_first_layer: bool
    reopen_control: bool
    """A control the banner reopens its settings from is visible somewhere on the page (`SETTINGS_CONTROL`)."""
    hidden_reopen_control: bool = False
    """There is such a control, but none is visible (e.g. in a closed menu, or hidden by CSS)."""


@dataclass(frozen=True)
class PageVisit:
    run: Run
    page: str
    banner: BannerProbe | None = None
    error: str | None = None
    """Why the page could not be scanned (HTTP status, time-out), if it could not."""
    stuck: bool = False
    """The page loaded but did not let itself be read before its deadline (a script kept it busy)."""


@dataclass(frozen=True)
class ChoiceFailure:
    """A run could not make its choice through the banner's hooks."""

    run: Run
    page: str
    reason: str


@dataclass(frozen=True)
class HeldElement:
    """A script or iframe the page marks with `data-consent`, for the banner to hold until that category."""

    tag: str
    category: str
    sighting: Sighting


@dataclass
class ScanTiming:
    """Where the runs' time went, in seconds summed over the four runs (they run at the same time)."""

    runs: float = 0.0
    """The runs from their first page to their last."""
    settle: float = 0.0
    """Waiting for pages to settle (network idle and the DOM quiet, see `NetworkWatch.settle`)."""
    discovery_wait: float = 0.0
    """Runs 2–4 waiting for run 1 to find their next page."""


@dataclass
class ScanRecord:
    """Everything the runs saw, in the order they saw it."""

    start_url: str
    site_host: str
    pages: list[str] = field(default_factory=list)
    visits: list[PageVisit] = field(default_factory=list)
    items: list[ItemSighting] = field(default_factory=list)
    requests: list[RequestSighting] = field(default_factory=list)
    choice_failures: list[ChoiceFailure] = field(default_factory=list)
    held: list[HeldElement] = field(default_factory=list)
    """The `data-consent` scripts and iframes of each page as it loaded, before any choice (untouched run)."""
    seconds: float = 0.0
    timing: ScanTiming = field(default_factory=ScanTiming)
    deadline: float | None = None
    """The overall deadline in seconds, if the scan stopped there before it had visited every page."""
    not_reached: dict[str, set[Run]] = field(default_factory=dict)
    """Pages (found or linked) that runs had not visited when the deadline stopped the scan."""
    runs: tuple[Run, ...] = tuple(Run)
    """The runs made: only the untouched one when the policy offers no choice (there is no banner to use)."""


def is_same_site(host: str, site_host: str, shared_domains: tuple[str, ...] = ()) -> bool:
    """Whether `host` (or a cookie domain) belongs to the scanned site rather than a third party.

    The site's own host, its parent and child domains, and the domains the policy
    shares its consent cookie over (`site.cookie_domain`) count as the site.
    Without a public-suffix list this is a heuristic; it errs towards "third party".
    """
    host = host.lstrip(".").lower()
    site_host = site_host.lower()
    if host == site_host or host.endswith("." + site_host) or (host.count(".") >= 1 and site_host.endswith("." + host)):
        return True
    return any(host == d or host.endswith("." + d) for d in (s.lstrip(".").lower() for s in shared_domains))
