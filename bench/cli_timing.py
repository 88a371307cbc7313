"""The CLI timed as a user runs it: whole processes, paired and interleaved.

Each round runs every command once, in an order rotated from round to round, so that a slow spell of the
shared machine falls on all commands alike; ratios are taken per round (paired), then the median.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def policygen(*args: str) -> list[str]:
    """The command line of `policygen ARGS` in this checkout."""
    return [sys.executable, "-m", "generator", *args]


BYTECODE = Path(tempfile.gettempdir()) / "policygen-bench-bytecode"
"""Where the timed processes cache their bytecode, outside the checkout."""


def user_environment() -> dict[str, str]:
    """The environment with Python's bytecode cache on, as a user has it (pip compiles an installed package;
    Python caches what it compiles), even when this shell turns it off (PYTHONDONTWRITEBYTECODE): otherwise
    every timed process would compile policygen's modules again, which a user's never does."""
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    return environment


def run_once(command: Sequence[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process, start-up included; a failing command stops the bench.
    CPU time (user + system) is what a busy shared machine stretches least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, cwd=REPO, check=False, env=user_environment())
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):  # 1: findings, as `check` of a policy with warnings may end
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def interleaved(
    commands: Mapping[str, Sequence[str]], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(wall, CPU) seconds of each command in each round (index r of every list: the same round)."""
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    run_once(commands[names[0]])  # not timed: caches the bytecode of the modules (the first command imports them all)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            elapsed, used = run_once(commands[name])
            wall[name].append(elapsed)
            cpu[name].append(used)
    return wall, cpu


def paired_ratios(numerator: Sequence[float], denominator: Sequence[float]) -> list[float]:
    """Round-by-round ratios of two commands timed in the same rounds."""
    return [a / b for a, b in zip(numerator, denominator, strict=True) if b > 0]


def output_bytes(folder: Path) -> int:
    """Every file of a build's output, the manifest included."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
