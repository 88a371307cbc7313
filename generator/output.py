"""Write the built site: everything into a fresh folder, then swap it in.

A build that fails for any reason leaves the previous output exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pydantic_core

from generator.errors import SourceError, SourceErrors

OutputFiles = dict[str, bytes]
"""Relative POSIX path inside the output folder → file content."""


def write_output(files: OutputFiles, out: Path, *, protected: list[Path]) -> None:
    """Replace the folder `out` with exactly `files`; refuse to replace anything in `protected`."""
    out = out.absolute()
    _refuse_dangerous_target(out, protected)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        staging.chmod(0o755)
        if out.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            previous.rmdir()
            out.rename(previous)
            try:
                staging.rename(out)
            except BaseException:
                previous.rename(out)
                raise
            shutil.rmtree(previous, ignore_errors=True)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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
