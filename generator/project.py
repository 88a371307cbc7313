"""Which policy a command works on: a SOURCE argument, else the project file, never a guess.

An owner's project names its policy once, in `policygen.toml` next to the site
(or `[tool.policygen]` in its `pyproject.toml`), in the current folder or a
parent:

    source = "policy"      # the policy's source folder, relative to this file
    out = "site/policy"    # where `policygen build` writes (default: dist)

Precedence: a SOURCE argument, then a site generator plugin's own option (it
passes its source as the argument), then the nearest `policygen.toml`, then the
nearest `[tool.policygen]`. Without any of them a command stops with exit 2 and
says how to start (`policygen init`) rather than falling back to the bundled
example, which `--example` names explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import UsageError, display_path
from generator.paths import EXAMPLE_NAME, resource_dir

PROJECT_FILE = "policygen.toml"
PYPROJECT_FILE = "pyproject.toml"
DEFAULT_OUT = Path("dist")


@dataclass(frozen=True)
class Project:
    """The policy a command works on, and where the build goes unless `--out` says otherwise."""

    source: Path
    out: Path
    named_by: str
    """Where the source came from, for messages: 'the argument', 'policygen.toml', '--example' …"""


def bundled_example() -> Path:
    """The Jiji Boutique example shipped with policygen (`--example`)."""
    return resource_dir("policy_src") / EXAMPLE_NAME


def find_project(
    source: Path | None, *, example: bool = False, out: Path | None = None, cwd: Path | None = None
) -> Project:
    """The policy to work on, by the precedence in the module docstring; UsageError when nothing names one."""
    if source is not None and example:
        raise UsageError("name a SOURCE or use --example, not both")
    if source is not None:
        return Project(source, out or DEFAULT_OUT, "the argument")
    if example:
        return Project(bundled_example(), out or DEFAULT_OUT, "--example")
    here = (cwd or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        project = folder / PROJECT_FILE
        if project.is_file():
            return _from_settings(_read_toml(project), project, out)
    for folder in [here, *here.parents]:
        pyproject = folder / PYPROJECT_FILE
        if pyproject.is_file():
            settings = _read_toml(pyproject).get("tool", {}).get("policygen")
            if isinstance(settings, dict):
                return _from_settings(settings, pyproject, out, table="[tool.policygen]")
    raise UsageError(
        "no policy to work on: there is no policygen.toml here or in a parent folder.\n"
        "  hint: run `policygen init` to start a policy, name its folder (`policygen check policy/`), "
        "or try the bundled example with --example"
    )


def _read_toml(path: Path) -> dict[str, object]:
    import tomllib  # here: a command given its SOURCE or --example reads no project file (3 ms of start-up)

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{display_path(path)}: cannot be read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{display_path(path)}: not valid TOML: {error}") from error


def _from_settings(settings: dict[str, object], file: Path, out: Path | None, table: str = "") -> Project:
    where = f"{display_path(file)}{' ' + table if table else ''}"
    unknown = sorted(set(settings) - {"source", "out"})
    if unknown:
        raise UsageError(f"{where}: unknown setting {', '.join(unknown)}\n  hint: the settings are source and out")
    source = settings.get("source")
    if not isinstance(source, str) or not source.strip():
        raise UsageError(f'{where}: no source\n  hint: add source = "policy" (the policy\'s folder, relative to it)')
    written_out = settings.get("out", str(DEFAULT_OUT))
    if not isinstance(written_out, str) or not written_out.strip():
        raise UsageError(f'{where}: out must be a folder name\n  hint: out = "dist"')
    base = file.parent
    return Project(base / source, out or base / written_out, where)
