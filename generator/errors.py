"""User-facing errors: each carries its exit code, and those about the sources their place.

Every error a user can fix is a `PolicygenError`: it knows its exit code and
the text to show (`report()`), and only the command layer prints it. A mistake
in the sources is a `SourceError` (file, line, column, what is wrong, how to
fix it), raised together with the others as one `SourceErrors` (exit 2).
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MAX_SHOWN_LINE = 200
"""At most this many characters of a source line are shown under a message (around the column)."""
MAX_ERRORS_PER_FILE = 50
"""Text reports show this many errors per file, then how many more there are."""
_MAX_READ_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SourcePosition:
    """A place in a source file; line and column count from 1."""

    file: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"

    def source_line(self, lines: LineCache | None = None) -> str | None:
        """The text of the line, to show under the message (`lines` reads each file once)."""
        found = (lines or LineCache()).lines(self.file)
        if found is not None and 1 <= self.line <= len(found):
            return found[self.line - 1]
        return None


class LineCache:
    """The lines of each source file, read once per report: re-reading per error was quadratic."""

    def __init__(self) -> None:
        self._lines: dict[Path, list[str] | None] = {}

    def lines(self, file: Path) -> list[str] | None:
        if file not in self._lines:
            self._lines[file] = _read_lines(file)
        return self._lines[file]


def _read_lines(file: Path) -> list[str] | None:
    """Only a regular file of sane size is read: never a FIFO (it would block) or a device."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_READ_BYTES:
            return None
        try:
            return handle.read(_MAX_READ_BYTES).decode("utf-8").removeprefix("\ufeff").splitlines()
        except (OSError, UnicodeDecodeError):
            return None


# Control characters are shown as their pictures (U+2400…): printed raw, they would ring or garble the terminal.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20) if code != 0x09} | {0x7F: 0x2421}


def excerpt(line: str, column: int) -> tuple[str, int]:
    """At most `MAX_SHOWN_LINE` characters of `line` around `column`, and the caret's column in them."""
    line = line.translate(_CONTROL_PICTURES)
    if len(line) <= MAX_SHOWN_LINE:
        return line, column
    start = max(0, min(column - 1 - MAX_SHOWN_LINE // 2, len(line) - MAX_SHOWN_LINE))
    shown = line[start : start + MAX_SHOWN_LINE]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + MAX_SHOWN_LINE < len(line) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, else as an absolute path
    ('/tmp/site', not '../../tmp/site')."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return os.path.abspath(path)
    return relative


@dataclass(frozen=True)
class SourceError:
    """One thing wrong with the sources."""

    message: str
    position: SourcePosition | None = None
    hint: str | None = None
    quote_source: bool = True
    """False when the file must not be read or shown: a link out of the folder, a FIFO, a device."""

    def format(self, *, show_source: bool = True, lines: LineCache | None = None) -> str:
        where = f"{self.position}: " if self.position else ""
        text = f"{where}error: {self.message}"
        if show_source and self.quote_source and self.position is not None:
            line = self.position.source_line(lines)
            if line is not None:
                shown, column = excerpt(line, self.position.column)
                caret = " " * (column - 1) + "^"
                text += f"\n    {shown}\n    {caret}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


# Exit codes of every command.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class PolicygenError(Exception):
    """An error the user can fix; the command layer prints `report()` and exits with `exit_code`."""

    exit_code = EXIT_BAD_INPUT
    nothing_written = False
    """The command stopped before writing, so a command that writes says that nothing was written."""

    def report(self) -> str:
        return f"policygen: error: {self}"


class SourceErrors(PolicygenError):
    """The sources cannot be used; `errors` lists every problem found."""

    nothing_written = True

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__(f"{len(errors)} error(s) in the policy sources")
        self.errors = errors

    def format(self, *, per_file: int = MAX_ERRORS_PER_FILE) -> str:
        """Every error, but at most `per_file` of each file, then the count of the rest."""
        lines = LineCache()
        shown: Counter[Path | None] = Counter()
        blocks = []
        for error in self.errors:
            file = error.position.file if error.position else None
            shown[file] += 1
            if shown[file] <= per_file:
                blocks.append(error.format(lines=lines))
        for file, count in shown.items():
            if count > per_file:
                where = f" in {display_path(file)}" if file is not None else ""
                blocks.append(f"… and {count - per_file:,} more errors{where}")
        return "\n".join(blocks)

    def report(self) -> str:
        count = len(self.errors)
        return f"{self.format()}\n\n{count} error{'s' if count != 1 else ''}."


class UsageError(PolicygenError):
    """Bad flags, arguments or addresses that argparse cannot see (exit 2)."""
