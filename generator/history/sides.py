"""The two sides of `policygen diff`: a source folder, a source in git (`git:REV:path`), or a release file.

A git source is read with `git archive` into a temporary folder (never a shell; REV is checked first),
loaded there, and only its snapshot is kept.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from generator.errors import SourceErrors, UsageError
from generator.history.snapshot import SNAPSHOT_FORMAT, take_snapshot
from generator.sources.loading import load_policy

GIT_PREFIX = "git:"
SAFE_REVISION = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./@{}~^-]*$")
"""A branch, tag, commit or `HEAD~2`: never an option (no leading '-') and nothing a shell would read."""


def snapshot_of(spec: str, cwd: Path | None = None) -> dict[str, Any]:
    """The snapshot of one side: `git:REV:path`, a release file (`history/1.0.json`) or a source folder."""
    if spec.startswith(GIT_PREFIX):
        return _from_git(spec, cwd or Path.cwd())
    path = Path(spec)
    if path.is_file() and path.suffix == ".json":
        return _from_release(path)
    return take_snapshot(load_policy(path).policy)


def _from_release(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{path}: not a release snapshot ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("format"), int) or data["format"] > SNAPSHOT_FORMAT:
        raise UsageError(
            f"{path}: not a release snapshot this policygen can read\n"
            "  hint: give a source folder, git:REV:path or a file written by `policygen release`"
        )
    return data


def _from_git(spec: str, cwd: Path) -> dict[str, Any]:
    revision, separator, folder = spec[len(GIT_PREFIX) :].partition(":")
    if not separator or not folder or not SAFE_REVISION.match(revision) or ".." in revision:
        raise UsageError(
            f"'{spec}' is not git:REV:path\n"
            "  hint: e.g. git:v1.0:policy_src/my-site or git:HEAD~1:policy (REV a branch, tag or commit)"
        )
    clean = folder.strip("/")
    if not clean or Path(clean).is_absolute() or ".." in Path(clean).parts:
        raise UsageError(f"'{spec}': the path must lie inside the repository\n  hint: e.g. git:HEAD:policy_src/my-site")
    commit = _git(cwd, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}")
    if commit is None:
        raise UsageError(f"'{spec}': git knows no commit '{revision}' here\n  hint: check the name with `git log`")
    archive = _git(cwd, "archive", "--format=tar", commit.decode().strip(), "--", clean)
    if archive is None:
        raise UsageError(
            f"'{spec}': no folder '{clean}' in commit {revision}\n  hint: check it with `git show {revision}:{clean}`"
        )
    with tempfile.TemporaryDirectory(prefix="policygen-diff-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temporary, filter="data")
        try:
            return take_snapshot(load_policy(Path(temporary) / clean).policy)
        except SourceErrors as errors:
            report = errors.format().replace(temporary + "/", f"git:{revision}:")
            raise UsageError(f"the source at {spec} has errors:\n{report}") from None


def _git(cwd: Path, *args: str) -> bytes | None:
    """git's output, or None when it fails (unknown revision, path, or no repository)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise UsageError(f"cannot run git: {error}\n  hint: install git, or give two source folders") from None
    return done.stdout if done.returncode == 0 else None
