"""Write the built site: never a file policygen did not write, and all or nothing.

The output folder carries a manifest of policygen's own files, written last. A
build replaces those files and removes those of its own that it no longer
writes; a file it did not write is never touched. A folder that holds files
of someone else's (an MkDocs `docs/`, a site's output, another policy's
sources) is refused, unless `--force` asks to write beside them: then they
stay, and a file of theirs at a path policygen would write is refused too. A
folder from before the manifest is recognised by its files and adopted.

Normally the new output is written into a fresh marked folder and swapped in
whole, so a build that fails for any reason leaves the previous output exactly
as it was. Beside foreign files (`--force`) each file is replaced on its own,
atomically, after everything was rendered in memory.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import tempfile
from pathlib import Path

import pydantic_core

from generator.errors import SourceError, SourceErrors

OutputFiles = dict[str, bytes]
"""Relative POSIX path inside the output folder → file content."""


MANIFEST = ".policygen-manifest.json"
"""The list of policygen's own files in an output folder; written after every file is in place."""

EARLIER_OUTPUT_FOLDERS = ("consent", "records", "assets")
"""Folders that only policygen writes: with `index.html`, `snippet.html`, `<lang>/index.html` and the
fragments, what an output from before the manifest holds, so that existing `dist/` folders keep working."""

STAGING_MARKER = ".policygen-staging"
"""The file that marks a hidden folder beside the output as policygen's own work in progress.

A build that is killed leaves its staging folder (`.dist.new-…`) or the previous
output it was replacing (`.dist.old-…`); the next build removes those, and only
those that carry this marker, never a look-alike folder someone else made.
"""


def write_output(files: OutputFiles, out: Path, *, protected: list[Path], force: bool = False) -> None:
    """Write `files` into `out` with their manifest, never touching a file policygen did not write."""
    out = out.absolute()
    _refuse_dangerous_target(out, protected)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(out)
    foreign = _foreign_files(out)
    if foreign and not force:
        raise SourceErrors(
            [
                SourceError(
                    f"--out {out} holds files that policygen did not write ({_listed(foreign)}): nothing was changed",
                    hint="build into a folder of its own (e.g. dist), or add --force to write beside those "
                    "files (they stay as they are)",
                )
            ]
        )
    files = {**files, MANIFEST: manifest(files)}
    if foreign:
        collisions = sorted(set(files) & set(foreign))
        if collisions:
            raise SourceErrors(
                [
                    SourceError(
                        f"--out {out} holds files of its own where policygen would write ({_listed(collisions)}): "
                        "nothing was changed",
                        hint="move or rename those files, or build into another folder",
                    )
                ]
            )
        _write_beside(files, out)
    else:
        _swap_in(files, out)


def manifest(files: OutputFiles) -> bytes:
    """The manifest of an output: policygen's own files, sorted, so that the same build writes the same bytes."""
    return json_file({"generator": "policygen", "files": sorted(files)})


def _own_files(out: Path) -> set[str] | None:
    """The files policygen wrote into `out`, by its manifest; None when there is no readable manifest."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    return {name for name in listed if isinstance(name, str)} | {MANIFEST}


def _foreign_files(out: Path) -> list[str]:
    """Files in `out` that policygen did not write (by the manifest, or by the shape of an earlier output)."""
    if not out.is_dir():
        return []
    present = sorted(path.relative_to(out).as_posix() for path in out.rglob("*") if not path.is_dir())
    own = _own_files(out)
    if own is None:  # recognisably an earlier output of policygen as a whole, or nothing in it is ours
        earlier = "snippet.html" in present and all(_earlier_output_file(name) for name in present)
        own = set(present) if earlier else set()
    return [name for name in present if name not in own]


def _earlier_output_file(name: str) -> bool:
    parts = name.split("/")
    if len(parts) == 1:
        return name in ("index.html", "snippet.html", "fragment.html")
    if parts[0] in EARLIER_OUTPUT_FOLDERS:
        return True
    return len(parts) == 2 and parts[1] in ("index.html", "fragment.html") and len(parts[0]) == 2 and parts[0].isalpha()


def _listed(names: list[str], shown: int = 5) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _write_beside(files: OutputFiles, out: Path) -> None:
    """Replace policygen's files one by one beside foreign ones; remove its files it no longer writes."""
    previous = (_own_files(out) or set()) - set(files)
    for relative, content in sorted(files.items()):
        if relative == MANIFEST:
            continue
        _replace_file(out / relative, content)
    for relative in sorted(previous):
        target = out / relative
        if target.is_file() and not target.is_symlink():
            target.unlink()
    _replace_file(out / MANIFEST, files[MANIFEST])


def _replace_file(target: Path, content: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _swap_in(files: OutputFiles, out: Path) -> None:
    """Write every file into a fresh marked folder, the manifest last, then swap it in for `out` whole."""
    # The new site is built in `site/` of a marked folder, so the folder is marked from its first moment on.
    staging = _marked_folder(out, "new")
    site = staging / "site"
    try:
        site.mkdir(mode=0o755)
        for relative in [*sorted(files.keys() - {MANIFEST}), MANIFEST]:  # the manifest last
            content = files[relative]
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


def json_file(data: object, *, sort_keys: bool = False, indent: int | None = 2) -> bytes:
    """`data` as a JSON file: two-space indent (or none: `indent=None`, for files that programs read), UTF-8
    as is, a final newline.

    The same bytes as `json.dumps(data, ensure_ascii=False, indent=2)`, but from
    pydantic-core's serializer: the standard library's indenting encoder is pure
    Python and was most of the build time of a large policy.
    """
    if sort_keys:
        data = _sorted_keys(data)
    return pydantic_core.to_json(data, indent=indent) + b"\n"


def _sorted_keys(data: object) -> object:
    if isinstance(data, dict):
        return {key: _sorted_keys(data[key]) for key in sorted(data)}
    if isinstance(data, list):
        return [_sorted_keys(item) for item in data]
    return data
