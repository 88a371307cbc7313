"""Runs a batch of `policygen` commands in one process, for the fuzz test: starting Python and
importing pydantic for each of 300 cases would cost more than the cases themselves.

Reads a JSON list of argument lists on stdin and prints one JSON result per line:
the exit code, the start of stderr, and whether an exception escaped `main` (the
traceback a user would have seen). The test runs this under memory and time guards
and, if the process dies, runs the batch's cases one by one.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback

from generator.cli import main

STDERR_KEPT = 4000


def run(args: list[str]) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    crashed = False
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 2
    except BaseException:  # noqa: BLE001 - the point: anything that escapes is a traceback for the user
        err.write(traceback.format_exc())
        crashed, code = True, 1
    text = err.getvalue()
    return {"code": code, "stderr": text[:STDERR_KEPT], "traceback": crashed or "Traceback" in text}


if __name__ == "__main__":
    for arguments in json.load(sys.stdin):
        print(json.dumps(run(arguments)), flush=True)
