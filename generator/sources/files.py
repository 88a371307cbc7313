"""Which files of a source folder are read, and how: sizes, links, encodings (docs/limits.md).

A source folder holds YAML files and Markdown fragments. A file that resolves
outside the folder, a dangling or looping link, a FIFO or device, a file over
the size limit, a file that is not UTF-8 or holds control characters: each is
a positioned error, never skipped silently and never waited on.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from generator.errors import SourceError, SourcePosition

YAML_SUFFIXES = (".yaml", ".yml")
# Limits on what a source may hold (docs/limits.md): beyond them, a hostile or broken source would
# cost gigabytes or crash the parser; each is a positioned error instead.
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest source file, YAML or Markdown (the benchmark policies need tens of MiB)."""
MAX_VALUE_CHARS = 100_000
"""Longest single value: a YAML scalar or key, or a Markdown fragment."""
# C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE and U+FFFF. YAML forbids them and
# nobody means them in a text a visitor reads.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def ignored(path: Path) -> bool:
    """Emacs lock files (`.#site.yaml`) are dangling links by design, present while a file is edited."""
    return path.name.startswith(".#")


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def check_source_file(path: Path, directory: Path, errors: list[SourceError]) -> bool:
    """Whether `path` may be read: a regular file of sane size inside the source folder.

    A link out of the folder would publish whatever it points to (/etc/passwd on the privacy
    page); a dangling link or a FIFO skipped silently would publish a page without its content.
    """
    where = SourcePosition(path)
    link = f"'{path.name}' is a symbolic link" if path.is_symlink() else None
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        target = os.readlink(path) if path.is_symlink() else path
        errors.append(
            SourceError(
                f"{link or repr(path.name)} to {target}, which does not exist",
                where,
                "point the link at an existing file in the source folder, or remove it",
                quote_source=False,
            )
        )
        return False
    except (RuntimeError, OSError):  # a loop of links: RuntimeError before Python 3.13, OSError (ELOOP) after
        errors.append(
            SourceError(
                f"{link or repr(path.name)} that loops (it leads back to itself)",
                where,
                "replace the link with the file itself",
                quote_source=False,
            )
        )
        return False
    root = directory.resolve()
    if not resolved.is_relative_to(root):
        errors.append(
            SourceError(
                f"'{path.name}' resolves to {resolved}, outside the source folder {root}",
                where,
                "copy the file into the source folder: files outside it are never read or published",
                quote_source=False,
            )
        )
        return False
    info = resolved.stat()
    kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), None)
    if kind is not None or not stat.S_ISREG(info.st_mode):
        errors.append(
            SourceError(
                f"'{path.name}' is {kind or 'not a regular file'}, not a source file",
                where,
                "remove it, or rename it so that its name does not end in .yaml, .yml or .md",
                quote_source=False,
            )
        )
        return False
    if info.st_size > MAX_FILE_BYTES:
        errors.append(_too_large(path, info.st_size))
        return False
    return True


def _too_large(path: Path, size: int) -> SourceError:
    return SourceError(
        f"the file is {size:,} bytes: source files may be at most {MAX_FILE_BYTES:,} bytes (64 MiB)",
        SourcePosition(path),
        "split it into several files, each with its own top-level keys (see docs/limits.md)",
        quote_source=False,
    )


def read_bytes(path: Path, errors: list[SourceError]) -> bytes | None:
    """The file's bytes, opened without blocking (a FIFO swapped in after the check) and read bounded."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        errors.append(SourceError(f"cannot read the file: {error.strerror}", SourcePosition(path), quote_source=False))
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            errors.append(SourceError("the file is not a regular file", SourcePosition(path), quote_source=False))
            return None
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        errors.append(_too_large(path, len(data)))
        return None
    return data


def decode(path: Path, errors: list[SourceError]) -> str | None:
    data = read_bytes(path, errors)
    if data is None:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        errors.append(
            SourceError(
                "the file is UTF-16, not UTF-8",
                SourcePosition(path),
                "save the file as UTF-8 (most editors: 'Save with encoding')",
                quote_source=False,
            )
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = data[error.start : error.start + 1]
        guess = byte.decode("cp1252", errors="replace")
        errors.append(
            SourceError(
                f"the file is not UTF-8: byte 0x{byte[0]:02x} (in Windows-1252 or Latin-1 that is '{guess}')",
                SourcePosition(path, line, column),
                "save the file as UTF-8 (most editors: 'Save with encoding' or 'Reopen with encoding')",
            )
        )
        return None
    if not text.strip():
        errors.append(SourceError("the file is empty", SourcePosition(path), "add its content or delete the file"))
        return None
    text = text.removeprefix("\ufeff")
    control = CONTROL_CHARACTER.search(text)
    if control is not None:
        before = text[: control.start()]
        line = before.count("\n") + 1
        column = control.start() - (before.rfind("\n") + 1) + 1
        errors.append(
            SourceError(
                f"a control character U+{ord(control[0]):04X} is in the text",
                SourcePosition(path, line, column),
                "delete it (it is invisible in most editors: move the cursor over it); "
                "YAML and the pages allow only tab, line feed and carriage return",
            )
        )
        return None
    return text
