"""User-facing errors: each carries its exit code, and those about the sources their place.

Every error a user can fix is a `PolicygenError`: it knows its exit code and
the text to show (`report()`), and only the command layer prints it. A mistake
in the sources is a `SourceError` (file, line, column, what is wrong, how to
fix it), raised together with the others as one `SourceErrors` (exit 2).
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourcePosition:
    """A place in a source file; line and column count from 1."""

    file: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"

    def source_line(self) -> str | None:
        """The text of the line, to show under the message."""
        try:
            lines = self.file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        if 1 <= self.line <= len(lines):
            return lines[self.line - 1]
        return None


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True)
class SourceError:
    """One thing wrong with the sources."""

    message: str
    position: SourcePosition | None = None
    hint: str | None = None

    def format(self, *, show_source: bool = True) -> str:
        where = f"{self.position}: " if self.position else ""
        text = f"{where}error: {self.message}"
        if show_source and self.position is not None:
            line = self.position.source_line()
            if line is not None:
                caret = " " * (self.position.column - 1) + "^"
                text += f"\n    {line}\n    {caret}"
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

    def format(self) -> str:
        return "\n".join(error.format() for error in self.errors)

    def report(self) -> str:
        count = len(self.errors)
        return f"{self.format()}\n\n{count} error{'s' if count != 1 else ''}."


class UsageError(PolicygenError):
    """Bad flags, arguments or addresses that argparse cannot see (exit 2)."""
