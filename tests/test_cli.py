"""The `policygen` command line: usage errors are exit 2 with a message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EXAMPLE, REPO


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "check", "export", "scan", "serve", "schema"):
        assert command in out


@pytest.mark.parametrize(
    "arguments",
    [["serve", "--port", "99999"], ["serve", "--port", "eighty"], ["check", "--format", "xml"], ["frobnicate"]],
)
def test_bad_flags_exit_2_with_a_message(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_a_missing_source_folder_exits_2_and_says_which(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "no policy source folder" in err
    assert "nothing was written" not in err, "check writes nothing anyway"


def test_build_says_nothing_was_written_when_the_source_is_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path / "dist")]) == 2
    assert "nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "dist").exists()


def test_python_dash_m_generator_works_like_policygen() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(EXAMPLE)], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "No findings" in result.stdout


def test_a_reader_that_stops_early_causes_no_traceback() -> None:
    """`policygen check … | head -1`: the pipe closes while policygen still writes."""
    result = subprocess.run(
        f"{sys.executable} -m generator check policy_src/jiji-boutique-2019 --format json | head -c 10",
        shell=True,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_the_process_prints_everything_before_it_ends(capsys: pytest.CaptureFixture[str]) -> None:
    """`policygen` ends its process without the interpreter's teardown (`generator.cli.run`): what it printed
    to a pipe, and its exit code, are those of `main` itself."""
    source = REPO / "policy_src" / "jiji-boutique-2019"
    code = main(["check", str(source)])
    expected = capsys.readouterr()
    ran = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(source)], capture_output=True, text=True, cwd=REPO
    )
    assert code == ran.returncode == 1
    assert ran.stdout == expected.out and len(ran.stdout) > 1000
    assert ran.stderr == expected.err


def test_build_says_to_keep_the_records_off_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The register is internal (docs/records.md): the build's own report says so where it says what to publish."""
    assert main(["build", "--example", "--out", str(tmp_path / "dist")]) == 0
    assert "records/ is your register of processing, for you and your auditor" in capsys.readouterr().out
