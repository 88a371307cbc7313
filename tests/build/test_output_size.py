"""The build at scale writes each large list once: a cookie is described once per output, and the bytes each
added activity (with its ten cookies) costs stay within a budget (`make bench` measures 1,000).

Two small generated policies (bench/large_policy.py), so the test is quick; no timing is measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.large_policy import write_large_policy
from generator.build import build

SMALL, LARGE = 61, 81
"""Activities of the two builds; the difference is what an activity costs. Both above the records page's
limit for its data-flow picture (60), as a policy of 1,000 activities is."""

BUDGET = {
    # The files policygen writes for the auditor and the banner, in bytes per activity with ten cookies (1,000
    # activities: 67 MB in all when every record repeated its cookies and each page had a fragment; 35 MB
    # before each shared fact was written once in the records and the banner's config).
    "records/ropa.json": 2_300,
    "records/ropa.jsonld": 3_200,
    "records/index.html": 3_500,
    "records/ropa.csv": 1_700,
    "consent/config.json": 900,
}
ALL_OUTPUTS = 20_000
"""Every file of the build, the privacy pages included: the target of 20 MB for 1,000 activities × 10 cookies."""


def built(tmp_path: Path, activities: int) -> dict[str, bytes]:
    source = write_large_policy(tmp_path / f"policy-{activities}", activities)
    out = tmp_path / f"dist-{activities}"
    build(source, out)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("size")
    return built(folder, SMALL), built(folder, LARGE)


def test_no_fragment_and_no_file_grows_beyond_its_budget_per_activity(
    builds: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    small, large = builds
    assert set(small) == set(large)
    assert not any(name.endswith("fragment.html") for name in large)  # only with --fragments
    per_activity = {name: (len(large[name]) - len(small[name])) / (LARGE - SMALL) for name in large}
    over = {name: round(size) for name, size in per_activity.items() if size > BUDGET.get(name, float("inf"))}
    assert not over, f"bytes per activity over budget: {over}"


def test_every_output_together_stays_within_20_kb_per_activity(
    builds: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    small, large = builds
    per_activity = (sum(map(len, large.values())) - sum(map(len, small.values()))) / (LARGE - SMALL)
    each = {name: round((len(large[name]) - len(small[name])) / (LARGE - SMALL)) for name in large}
    assert per_activity <= ALL_OUTPUTS, each


def test_each_cookie_is_described_once_in_each_output(builds: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    _, large = builds
    name = "stat_7_3"  # a generated cookie: its name where it is described, its details in words
    described = {
        "index.html": 1,  # the Art. 13 list stays on the privacy page, in full
        "en/index.html": 1,
        "consent/config.json": 1,
        "records/ropa.json": 2,  # in the document's cookies (its shared facts once), named by its record
        "records/ropa.jsonld": 2,  # its node, and the record's storage location that points to it
        "records/index.html": 1,  # named in its record, described on the privacy page
    }
    quoted = {".json": f'"{name}"', ".jsonld": f'"ropa:cookie-{name}"', ".html": "stat_<wbr>7_<wbr>3<"}
    for file, times in described.items():
        text = large[file].decode("utf-8")
        assert text.count(quoted[Path(file).suffix]) == times, file


def test_the_records_page_of_many_activities_leaves_out_the_picture_and_says_so(
    builds: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    _, large = builds
    page = large["records/index.html"].decode()
    assert "<svg" not in page  # 81 activities: a picture nobody could read
    assert "Bilden av dataflödet ritas för högst 60 behandlingar" in page
