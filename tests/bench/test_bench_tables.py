"""The bench's own arithmetic and tables: small, fast, and never timed."""

from __future__ import annotations

import math

from bench.browser import embedded_config_bytes, script_and_blocking_time
from bench.cli_timing import paired_ratios
from bench.readability_report import page_text, readability_table
from bench.tables import Table, markdown_table, median, p90, ratio, results_markdown, spread, text_table


def test_the_targets_table_prints_aligned_and_as_markdown() -> None:
    table = Table("Targets", ("measure", "policygen", "vanilla-cookieconsent 3.1.0", "ours ÷ peer"))
    table.add("banner JS+CSS brotli", "3,946 B", "13,600 B", ratio(3946, 13600))
    table.add("a | b", "1", "2", ratio(1, 0))
    lines = text_table(table).splitlines()
    assert lines[0] == "Targets"
    assert lines[1].startswith("measure") and lines[1].endswith("ours ÷ peer")
    assert len({len(line) for line in lines[1:]}) == 1  # every row as wide as the header
    assert "0.29×" in lines[3] and lines[4].endswith("–")
    markdown = markdown_table(table)
    assert markdown.splitlines()[2:4] == [
        "| measure | policygen | vanilla-cookieconsent 3.1.0 | ours ÷ peer |",
        "| --- | ---: | ---: | ---: |",
    ]
    assert "| a \\| b |" in markdown
    document = results_markdown([table], "Run of today.")
    assert document.startswith("# `make bench` results\n\nRun of today.\n\n## Targets\n")


def test_median_p90_and_spread_of_loads() -> None:
    loads = [10.0, 12.0, 11.0, 50.0, 13.0, 9.0, 14.0, 12.5, 11.5, 10.5]
    assert median(loads) == 11.75
    assert p90(loads) == 14.0  # nearest rank: the 9th of 10
    assert spread(loads) == "12 ms (14 ms)"
    assert math.isnan(median([])) and spread([]) == "– (–)"


def test_ratios_are_paired_round_by_round() -> None:
    assert paired_ratios([2.0, 3.0, 4.0], [1.0, 1.5, 0.0]) == [2.0, 2.0]


def test_script_time_is_the_union_of_script_events_on_the_busiest_renderer_main_thread() -> None:
    def event(name: str, start_ms: float, ms: float, tid: int = 1) -> dict[str, object]:
        return {"name": name, "ph": "X", "pid": 7, "tid": tid, "ts": start_ms * 1000, "dur": ms * 1000}

    names = [
        {"name": "thread_name", "ph": "M", "pid": 7, "tid": 1, "args": {"name": "CrRendererMain"}},
        {"name": "thread_name", "ph": "M", "pid": 7, "tid": 2, "args": {"name": "Compositor"}},
    ]
    trace = {
        "traceEvents": [
            *names,
            {**event("EvaluateScript", 0, 10), "args": {"data": {"url": "http://127.0.0.1/consent.js"}}},
            event("FunctionCall", 5, 3),  # nested: counted once
            event("FunctionCall", 20, 4),
            event("FunctionCall", 0, 100, tid=2),  # another thread
            event("RunTask", 0, 80),
            event("RunTask", 100, 30),
        ]
    }
    assert script_and_blocking_time(trace) == (14.0, 30.0)


def test_embedded_config_bytes_count_the_snippet_script_only() -> None:
    html = '<head><script type="application/json" id="consent-config">{"a":"å"}</script></head>'
    assert embedded_config_bytes(html) == len('{"a":"å"}'.encode())
    assert embedded_config_bytes("<head></head>") == 0


def test_readability_reads_the_visible_text_and_says_why_there_are_no_figures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = page_text("<h1>Rubrik</h1><script>var x;</script><p>Ett  stycke.</p><style>p{}</style>")
    assert text == "Rubrik\nEtt stycke."
    (tmp_path / "index.html").write_text(
        "<main><h1>Rubrik</h1><p>Vi sparar dina uppgifter i tre år. Vi sparar dina uppgifter i tre år.</p></main>"
    )
    table = readability_table(tmp_path)
    assert table.header == ("page", "words", "repeated sentences", "LIX")
    assert table.rows == [("index.html", "15", "1", "18")]  # 15 words, one sentence said twice
