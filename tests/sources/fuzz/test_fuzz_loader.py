"""Fuzz the loader with the seeded corpus of `corpus.py`: no hostile or broken source ever wins.

Oracle for every case: exit code 0, 1 or 2; exit 2 for the known-bad ones, with
`file:line:col: error:`; no traceback; a failed build leaves the previous `dist/`
byte for byte; nothing from outside the source folder is ever shown. Cases run in
batches in subprocesses, two at a time, under guards far above a normal run (1 GiB
of address space, 30 s per case): guards against a bomb or a hang, not timings.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.output import MANIFEST, manifest

from .corpus import CLASSES, REPRODUCED, Case, generate

REPO = Path(__file__).resolve().parents[3]
MEMORY_GUARD = 1024 * 1024 * 1024
SECONDS_PER_CASE_GUARD = 30
BATCH = 12
POSITIONED_ERROR = re.compile(r"^\S.*:\d+:\d+: error: ", re.MULTILINE)
LEAKS = ("SECRET-OUTSIDE-THE-SOURCE", "root:x:0:0")
RUNNER = Path(__file__).with_name("runner.py")
# This checkout's `generator`, whatever else is installed.
ENVIRONMENT = {**os.environ, "PYTHONPATH": str(REPO)}


def _guards() -> None:
    """In the child: a bomb runs out of address space instead of taking the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_GUARD, MEMORY_GUARD))


def _arguments(case: Case) -> list[str]:
    if case.command == "build":
        return ["build", str(case.source), "--out", str(case.out)]
    return ["check", str(case.source)]


def _alone(case: Case) -> dict[str, object]:
    """One case in its own `policygen` process: what a user would see."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "generator", *_arguments(case)],
            cwd=REPO,
            env=ENVIRONMENT,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=SECONDS_PER_CASE_GUARD,
            preexec_fn=_guards,
        )
    except subprocess.TimeoutExpired:
        return {"code": None, "stderr": f"still running after {SECONDS_PER_CASE_GUARD} s", "traceback": False}
    return {"code": done.returncode, "stderr": done.stderr[:4000], "traceback": "Traceback" in done.stderr}


def _run_batch(cases: list[Case]) -> list[dict[str, object]]:
    """The cases in one process; those it did not finish (it died, or hung) each in a process of their own."""
    results: list[dict[str, object]] = []
    try:
        done = subprocess.run(
            [sys.executable, str(RUNNER)],
            input=json.dumps([_arguments(case) for case in cases]),
            cwd=REPO,
            env=ENVIRONMENT,
            capture_output=True,
            text=True,
            timeout=SECONDS_PER_CASE_GUARD * 2 + 5 * len(cases),
            preexec_fn=_guards,
        )
        results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        assert "No module named" not in done.stderr, f"the batch runner cannot start: {done.stderr[-2000:]}"
    except subprocess.TimeoutExpired as timeout:
        output = timeout.stdout.decode() if isinstance(timeout.stdout, bytes) else timeout.stdout or ""
        results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return results + [_alone(case) for case in cases[len(results) :]]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    return generate(tmp_path_factory.mktemp("fuzz"))


def test_the_corpus_has_every_class_and_every_reproduced_case(corpus: list[Case]) -> None:
    kinds = Counter(case.kind for case in corpus)
    assert all(kinds[kind] >= 10 for kind, *_ in CLASSES), kinds
    assert sum(count for kind, count in kinds.items() if kind != "reproduced") >= 300
    assert kinds["reproduced"] == len(REPRODUCED)


def test_no_hostile_source_wins(corpus: list[Case]) -> None:
    before: dict[str, dict[str, bytes]] = {}
    for case in corpus:
        if case.command == "build":
            case.out.mkdir()
            (case.out / "index.html").write_text(f"previous build of {case.name}\n", encoding="utf-8")
            (case.out / MANIFEST).write_bytes(manifest({"index.html": b""}))  # a previous output of policygen's
            before[case.name] = _snapshot(case.out)

    started = time.monotonic()
    batches = [corpus[i : i + BATCH] for i in range(0, len(corpus), BATCH)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [result for batch in pool.map(_run_batch, batches) for result in batch]
    seconds = time.monotonic() - started

    failures = []
    for case, result in zip(corpus, results, strict=True):
        code, stderr = result["code"], str(result["stderr"])
        problems = []
        if code not in (0, 1, 2):
            problems.append(f"exit code {code}")
        if result["traceback"]:
            problems.append("a traceback")
        if case.must_refuse and code != 2:
            problems.append(f"exit {code} for a known-bad source, not 2")
        if code == 2 and not POSITIONED_ERROR.search(stderr):
            problems.append("exit 2 without a 'file:line:col: error:' message")
        if any(leak in stderr for leak in LEAKS):
            problems.append("a file from outside the source folder is shown")
        if case.command == "build" and code != 0 and _snapshot(case.out) != before[case.name]:
            problems.append("the failed build changed the previous dist/")
        if problems:
            failures.append(f"{case.name} ({case.command}): {', '.join(problems)}\n{stderr[:600]}")
    print(f"\nfuzz corpus: {len(corpus)} cases in {seconds:.1f} s")
    assert not failures, f"{len(failures)} of {len(corpus)} cases failed:\n\n" + "\n\n".join(failures[:15])
