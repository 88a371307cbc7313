"""Hostile sources never win: each attack of the loader's bug reports is refused with exit 2 and its place.

Each test copies the bundled example, makes one change, and runs `policygen`
as a user would (in this process, or in a subprocess under a memory guard where
the old behaviour was a bomb or a crash), asserting the exit code, the message
and that a failed build leaves the previous output as it was.
"""

from __future__ import annotations

import copy
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import SourceErrors, display_path
from generator.model.durations import parse_duration
from generator.sources.loading import load_policy

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "policy_src" / "jiji-boutique"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "src"
    shutil.copytree(EXAMPLE, copy)
    return copy


def replace(source: Path, name: str, old: str, new: str) -> None:
    text = (source / name).read_text(encoding="utf-8")
    assert old in text
    (source / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    """Run check and build; both exit 2, and the build leaves the previous dist/ alone. Returns stderr."""
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    out = tmp_path / "dist"
    out.mkdir(exist_ok=True)
    (out / "index.html").write_text("previous", encoding="utf-8")
    assert main(["build", str(source), "--out", str(out)]) == 2
    assert "nothing was written" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert "Traceback" not in err
    return err


def at(path: Path, line: int, column: int) -> str:
    return f"{display_path(path)}:{line}:{column}: error: "


def run_guarded(*args: str) -> subprocess.CompletedProcess[str]:
    """`policygen` in its own process with 1 GiB of address space and a generous hang guard."""

    def guard() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=guard,
    )


# --- 1: aliases ----------------------------------------------------------------------

BILLION_LAUGHS = "".join(
    f"  {name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_a_billion_laughs_inside_controller_is_refused_at_the_first_alias(source: Path, tmp_path: Path) -> None:
    bomb = '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + BILLION_LAUGHS
    replace(source, "controller.yaml", "controller:\n", "controller:\n" + bomb)
    out = tmp_path / "dist"
    done = run_guarded("build", str(source), "--out", str(out))
    assert done.returncode == 2
    assert "controller.yaml:" in done.stderr and ": error: YAML aliases (*a) are not allowed" in done.stderr
    assert "hint: write the value out in full" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.parametrize("text", ["x: &s [*s]\n", "x: &s {y: *s}\n", "b: &b {k: v}\nc:\n  <<: *b\n"])
def test_self_referencing_and_merge_aliases_are_refused(
    text: str, source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (source / "extra.yaml").write_text(text, encoding="utf-8")
    err = refused(source, capsys, tmp_path)
    assert re.search(r"extra\.yaml:\d+:\d+: error: YAML aliases \(\*[sb]\) are not allowed", err)


# --- 7: links and files that are not files ---------------------------------------------------


def test_a_link_to_etc_passwd_is_refused_and_never_shown(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (source / "notes.sv.md").symlink_to("/etc/passwd")
    err = refused(source, capsys, tmp_path)
    assert at(source / "notes.sv.md", 1, 1) + "'notes.sv.md' resolves to /etc/passwd, outside the source folder" in err
    assert "root:" not in err


def test_a_dangling_cookies_link_is_reported_not_skipped(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (source / "cookies.yaml").unlink()
    (source / "cookies.yaml").symlink_to("cookies-2024.yaml")
    err = refused(source, capsys, tmp_path)
    assert "'cookies.yaml' is a symbolic link to cookies-2024.yaml, which does not exist" in err
    assert "missing required field" not in err  # one error, not one per key the file would have held


def test_looping_links_a_fifo_and_a_folder_are_reported_and_nothing_blocks(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (source / "a.yaml").symlink_to("b.yaml")
    (source / "b.yaml").symlink_to("a.yaml")
    os.mkfifo(source / "pipe.yaml")
    os.mkfifo(source / "notes.sv.md")
    (source / "more.yml").mkdir()
    err = refused(source, capsys, tmp_path)
    assert "'a.yaml' is a symbolic link that loops" in err
    assert at(source / "pipe.yaml", 1, 1) + "'pipe.yaml' is a named pipe (FIFO), not a source file" in err
    assert "'notes.sv.md' is a named pipe (FIFO)" in err
    assert "'more.yml' is a folder, not a source file" in err


def test_a_link_to_a_file_inside_the_folder_is_read(source: Path) -> None:
    (source / "site.yaml").rename(source / "site.txt")
    (source / "site.yaml").symlink_to("site.txt")
    assert load_policy(source).policy.site.publish_path == "/integritetspolicy/"


# --- 8: tracebacks that are now positioned errors ------------------------------------------------


@pytest.mark.parametrize("depth", [64, 600, 100_000])
def test_deep_nesting_is_refused_at_level_65(depth: int, source: Path) -> None:
    """The file's mapping is level 1, so the 64th bracket opens level 65 (before: a crash or a RecursionError)."""
    (source / "deep.yaml").write_text("x: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    done = run_guarded("check", str(source))
    assert done.returncode == 2
    where = os.path.abspath(source / "deep.yaml")  # outside the working directory: shown whole
    assert f"{where}:1:67: error: the values are nested more than 64 levels deep" in done.stderr
    assert "Traceback" not in done.stderr


def test_nesting_of_64_levels_is_allowed_by_the_loader(source: Path) -> None:
    (source / "deep.yaml").write_text("x: " + "[" * 63 + "]" * 63 + "\n", encoding="utf-8")
    with pytest.raises(SourceErrors) as raised:
        load_policy(source)
    assert [e.message for e in raised.value.errors] == ["unknown key 'x'"]


@pytest.mark.parametrize(("character", "name"), [("\x07", "U+0007"), ("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_a_raw_control_character_is_refused_at_its_place(
    character: str, name: str, source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    line, column = value_place(source / "site.yaml", "consent_cookie_name: consent")
    replace(source, "site.yaml", "consent_cookie_name: consent", f"consent_cookie_name: con{character}sent")
    err = refused(source, capsys, tmp_path)
    assert at(source / "site.yaml", line, column + 3) + f"a control character {name} is in the text" in err
    assert character not in err  # shown as a picture, not sent to the terminal


def test_a_control_character_in_a_fragment_is_refused(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (source / "notes.sv.md").write_text("Hej\n\nDu\x07 där\n", encoding="utf-8")
    err = refused(source, capsys, tmp_path)
    assert at(source / "notes.sv.md", 3, 3) + "a control character U+0007" in err


@pytest.mark.parametrize(
    "value",
    ["P" + "9" * 300 + "M", "P١Y", "P101Y", "P1201M", '"P6M\\n"', "P0000000000001Y"],
)
def test_bad_durations_are_refused_by_check_as_well_as_build(
    value: str, source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    line, column = value_place(source / "site.yaml", "consent_lifetime: P6M")
    replace(source, "site.yaml", "consent_lifetime: P6M", f"consent_lifetime: {value}")
    err = refused(source, capsys, tmp_path)
    assert at(source / "site.yaml", line, column) in err


@pytest.mark.parametrize(("text", "days"), [("P100Y", 36524.25), ("P1200M", 36524.25), ("PT30M", 30 / 1440)])
def test_durations_up_to_a_hundred_years_are_read(text: str, days: float) -> None:
    assert parse_duration(text).approximate_days() == pytest.approx(days)


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_duration_of_at_most_100_years_or_a_value_error(text: str) -> None:
    try:
        duration = parse_duration(text)
    except ValueError:
        return
    assert text == "session" or re.fullmatch(r"P[0-9YMWDTHS]+", text)
    assert duration.approximate_days() <= 36525


# --- 10: many errors -------------------------------------------------------------------------------


def test_twenty_thousand_errors_print_fifty_per_file_and_the_count(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = "".join(f"  - name: c{i}\n    category: necessary\n    bogus: {i}\n" for i in range(20_000))
    replace(source, "cookies.yaml", "cookies:\n", "cookies:\n" + extra)
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.count("error: unknown key 'bogus'") == 50
    assert f"… and 19,950 more errors in {display_path(source / 'cookies.yaml')}" in err
    assert err.rstrip().endswith("20000 errors.")
    with pytest.raises(SourceErrors) as raised:
        load_policy(source)
    assert sum(e.message == "unknown key 'bogus'" for e in raised.value.errors) == 20_000


# --- 11: huge values -------------------------------------------------------------------------------


def test_a_ten_megabyte_name_is_refused_and_its_line_shown_in_200_characters(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    replace(source, "controller.yaml", "  name: Jiji Boutique", "  name: " + "J" * 10_000_000)
    err = refused(source, capsys, tmp_path)
    assert at(source / "controller.yaml", 5, 9) + "the value is 10,000,000 characters long" in err
    assert max(len(line) for line in err.splitlines()) < 400


def test_the_caret_points_at_the_column_in_a_long_line(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (source / "extra.yaml").write_text("x: [" + "a, " * 5_000 + "b: ]\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    lines = capsys.readouterr().err.splitlines()
    shown, caret = next((lines[i + 1], lines[i + 2]) for i, line in enumerate(lines) if "extra.yaml" in line)
    assert len(shown) <= 4 + 202 and caret.strip() == "^"
    column = int(re.search(r"extra\.yaml:1:(\d+):", "\n".join(lines))[1])  # type: ignore[index]
    line = (source / "extra.yaml").read_text(encoding="utf-8")
    # The shown excerpt holds the character the caret points at, under the caret.
    assert shown[len(caret) - 1] == line[column - 1]


def test_a_source_file_over_64_mib_is_refused_without_reading_it(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with open(source / "big.yaml", "wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)
    err = refused(source, capsys, tmp_path)
    assert at(source / "big.yaml", 1, 1) + "the file is 67,108,865 bytes: source files may be at most" in err


def test_a_fragment_over_100000_characters_is_refused(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (source / "notes.sv.md").write_text("ord " * 25_001, encoding="utf-8")
    err = refused(source, capsys, tmp_path)
    assert "the fragment is 100,004 characters long: at most 100,000 are allowed" in err


# --- 16 and 18: URLs and tags ------------------------------------------------------------------------


POLICY_URL = "policy_url: https://www.jiji-boutique.se/integritetspolicy/"


DECISION_URL = "decision_url: https://eur-lex.europa.eu/eli/dec_impl/2023/1795/oj"
"""A transfer field of the example, replaced by a `copy_at` to test that field."""


def value_place(file: Path, old: str, new: str | None = None) -> tuple[int, int]:
    """(line, column) of the value once 'key: value' `old` in the example's file is replaced by `new`."""
    text = file.read_text(encoding="utf-8")
    offset = text.index(old)
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + (new or old).index(":") + 3


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        ("data.yaml", DECISION_URL, "copy_at: se avtalet", "copy_at"),
        ("data.yaml", DECISION_URL, "copy_at: https://", "copy_at"),
        ("site.yaml", "publish_path: /integritetspolicy/", "publish_path: //evil.example/", "this site"),
        ("site.yaml", "publish_path: /integritetspolicy/", "publish_path: /\\evil.example/", "this site"),
        ("site.yaml", POLICY_URL, "policy_url: https://", "not a complete URL"),
        ("site.yaml", "base_url: https://www.jiji-boutique.se/", "base_url: //evil.example/", "another host"),
        ("site.yaml", "gpc: true", "gpc: !!python/object:os.system true", "tag !!python/object:os.system"),
        ("site.yaml", "gpc: true", "gpc: !foo true", "the YAML tag !foo is not allowed"),
        ("site.yaml", "languages: [sv, en]", "languages: !!set [sv, en]", "tag !!set"),
    ],
)  # fmt: skip
def test_urls_and_tags_are_checked_at_load(
    file: str,
    old: str,
    new: str,
    words: str,
    source: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    line, column = value_place(source / file, old, new)
    replace(source, file, old, new)
    err = refused(source, capsys, tmp_path)
    first = err.split("\n\n")[0]
    assert at(source / file, line, column) in first and words in first, err


@pytest.mark.parametrize("copy_at", ["dpo@jiji-boutique.se", "https://example.com/scc.pdf"])
def test_copy_at_may_be_a_url_or_an_e_mail_address(copy_at: str, source: Path) -> None:
    replace(source, "data.yaml", DECISION_URL, f"copy_at: {copy_at}")
    assert load_policy(source).policy is not None


# --- encodings ----------------------------------------------------------------------------------------


def test_a_utf16_file_is_named_as_such(source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (source / "site.yaml").read_text(encoding="utf-8")
    (source / "site.yaml").write_bytes(text.encode("utf-16"))
    err = refused(source, capsys, tmp_path)
    assert at(source / "site.yaml", 1, 1) + "the file is UTF-16, not UTF-8" in err


@given(text=st.text(max_size=200))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_in_a_yaml_file_loads_or_is_a_positioned_source_error(text: str, source: Path) -> None:
    (source / "extra.yaml").write_text(text, encoding="utf-8", newline="")
    try:
        load_policy(source)
    except SourceErrors as raised:
        assert all(error.position is not None for error in raised.errors)


def test_check_text_shows_fifty_findings_per_file_and_json_all(
    source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load((source / "cookies.yaml").read_text(encoding="utf-8"))
    template = next(c for c in data["cookies"] if c["category"] != "necessary")
    # Deep copies: PyYAML would write a shared value once with an anchor, and aliases are refused.
    data["cookies"] += [{**copy.deepcopy(template), "name": f"long_lived_{i}", "duration": "P2Y"} for i in range(60)]
    (source / "cookies.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    main(["check", str(source)])
    text = capsys.readouterr().out
    assert text.count("[L-CK-6]") <= 50
    assert re.search(rf"… and \d+ more warnings in {re.escape(display_path(source / 'cookies.yaml'))}", text)
    main(["check", str(source), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert sum(f["rule"] == "L-CK-6" for f in findings) >= 60
