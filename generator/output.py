"""Write the built site: everything into a fresh folder, then swap it in.

A build that fails for any reason leaves the previous output exactly as it was.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from pathlib import Path

import pydantic_core

from generator.errors import SourceError, SourceErrors

OutputFiles = dict[str, bytes]
"""Relative POSIX path inside the output folder → file content."""


STAGING_MARKER = ".policygen-staging"
"""The file that marks a hidden folder beside the output as policygen's own work in progress.

A build that is killed leaves its staging folder (`.dist.new-…`) or the previous
output it was replacing (`.dist.old-…`); the next build removes those, and only
those that carry this marker, never a look-alike folder someone else made.
"""


def write_output(files: OutputFiles, out: Path, *, protected: list[Path]) -> None:
    """Replace the folder `out` with exactly `files`; refuse to replace anything in `protected`."""
    out = out.absolute()
    _refuse_dangerous_target(out, protected)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(out)
    # The new site is built in `site/` of a marked folder, so the folder is marked from its first moment on.
    staging = _marked_folder(out, "new")
    site = staging / "site"
    try:
        site.mkdir(mode=0o755)
        for relative, content in sorted(files.items()):
            target = site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        site.chmod(0o755)
        if out.exists():
            previous = _marked_folder(out, "old")
            out.rename(previous / "site")
            try:
                site.rename(out)
            except BaseException:
                (previous / "site").rename(out)
                shutil.rmtree(previous, ignore_errors=True)
                raise
            shutil.rmtree(previous, ignore_errors=True)
        else:
            site.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _marked_folder(out: Path, kind: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.{kind}-", dir=out.parent))
    (folder / STAGING_MARKER).write_text(f"policygen {kind} output of {out.name}\npid {os.getpid()}\n", "utf-8")
    return folder


def remove_abandoned_staging(out: Path) -> None:
    """Remove the marked staging folders of builds of `out` that were killed; leave everything else."""
    for kind in ("new", "old"):
        for folder in sorted(out.parent.glob(f".{glob.escape(out.name)}.{kind}-*")):
            marker = folder / STAGING_MARKER
            if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
                continue
            if _written_by_a_running_build(marker):
                continue
            shutil.rmtree(folder, ignore_errors=True)


def _written_by_a_running_build(marker: Path) -> bool:
    """Whether another policygen process that is still running (a parallel build) owns the folder."""
    try:
        last_line = marker.read_text(encoding="utf-8").splitlines()[-1]
        pid = int(last_line.removeprefix("pid "))
    except (OSError, UnicodeDecodeError, IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def _refuse_dangerous_target(out: Path, protected: list[Path]) -> None:
    """The output folder is replaced as a whole: never let it be a folder that holds other work."""
    if out.exists() and not out.is_dir():
        raise SourceErrors([SourceError(f"{out} exists and is not a folder", hint="choose another --out")])
    for path in [Path.cwd(), *protected]:
        path = path.absolute()
        if out == path or out in path.parents:
            raise SourceErrors(
                [
                    SourceError(
                        f"--out {out} would replace {path}",
                        hint="the output folder is replaced as a whole: use a folder of its own, e.g. dist",
                    )
                ]
            )


def json_file(data: object, *, sort_keys: bool = False) -> bytes:
    """`data` as a JSON file: two-space indent, UTF-8 as is, a final newline.

    The same bytes as `json.dumps(data, ensure_ascii=False, indent=2)`, but from
    pydantic-core's serializer: the standard library's indenting encoder is pure
    Python and was most of the build time of a large policy.
    """
    if sort_keys:
        data = _sorted_keys(data)
    return pydantic_core.to_json(data, indent=2) + b"\n"


def _sorted_keys(data: object) -> object:
    if isinstance(data, dict):
        return {key: _sorted_keys(data[key]) for key in sorted(data)}
    if isinstance(data, list):
        return [_sorted_keys(item) for item in data]
    return data
