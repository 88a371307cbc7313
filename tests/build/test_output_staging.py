"""Staging folders of killed builds: marked as policygen's, removed by the next build, look-alikes kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.output import STAGING_MARKER
from tests.conftest import EXAMPLE, REPO


def policygen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def leftover_of_a_killed_build(out: Path, kind: str) -> Path:
    """A marked folder with some output in it, made by a process that is gone, as a killed build leaves it."""
    code = (
        "import sys; from pathlib import Path; from generator.output import _marked_folder; "
        f"folder = _marked_folder(Path({str(out)!r}), {kind!r}); "
        "(folder / 'site').mkdir(); (folder / 'site' / 'index.html').write_text('half'); print(folder)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


def test_the_next_build_removes_marked_leftovers_only(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    killed_new = leftover_of_a_killed_build(out, "new")
    killed_old = leftover_of_a_killed_build(out, "old")
    look_alike = tmp_path / ".dist.new-mine"
    look_alike.mkdir()
    (look_alike / "notes.txt").write_text("my work", encoding="utf-8")
    fake_marker = tmp_path / ".dist.old-symlinked"
    fake_marker.mkdir()
    (fake_marker / STAGING_MARKER).symlink_to(killed_new / STAGING_MARKER)
    other_site = tmp_path / ".public.new-x"  # another output folder's name: not ours to judge
    other_site.mkdir()
    (other_site / STAGING_MARKER).write_text("policygen new output of public\npid 999999999\n", encoding="utf-8")

    result = policygen("build", str(EXAMPLE), "--out", str(out), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert not killed_new.exists() and not killed_old.exists()
    assert (look_alike / "notes.txt").read_text(encoding="utf-8") == "my work"
    assert fake_marker.is_dir() and other_site.is_dir()
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["dist", ".dist.new-mine", ".dist.old-symlinked", ".public.new-x"]
    )


def test_a_staging_folder_of_a_running_build_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    running = tmp_path / ".dist.new-running"
    running.mkdir()
    # This test's own process stands for a parallel build that is still writing.
    (running / STAGING_MARKER).write_text(f"policygen new output of dist\npid {os.getpid()}\n", encoding="utf-8")

    result = policygen("build", str(EXAMPLE), "--out", str(out), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert running.is_dir()


def test_builds_leave_no_hidden_folders_and_no_marker_in_the_output(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    for _ in range(2):  # the first creates the output, the second replaces it
        result = policygen("build", str(EXAMPLE), "--out", str(out), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]
    assert not list(out.rglob(STAGING_MARKER))
    assert oct(out.stat().st_mode & 0o777) == oct(0o755)
