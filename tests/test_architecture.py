"""The structure docs/architecture.md promises: small modules and imports without cycles.

The layers themselves are import-linter's contract (pyproject.toml, run by `make lint`).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

GENERATOR = REPO / "generator"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imports(path: Path, known: set[str]) -> set[str]:
    """The generator modules `path` imports (at any level, lazy imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        found |= {name for name in names if name in known}
    return found


def test_no_module_of_the_generator_is_over_500_lines() -> None:
    long = {
        name: lines
        for name, path in _modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_two_modules_import_each_other_directly_or_through_others() -> None:
    modules = _modules()
    graph = {name: _imports(path, set(modules)) - {name} for name, path in modules.items()}
    # A package imports its own modules only to hand names on (generator.model); that is not a cycle of code.
    graph = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in graph.items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target] if target in trail else [name, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_every_folder_of_tests_is_collected() -> None:
    """pytest skips folders named like build output by default (`build`, `dist`): `tests/build/` ran only when
    named. No folder that holds tests may match `norecursedirs`."""
    import fnmatch
    import tomllib

    pytest_default = ["*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}"]
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    skipped = options.get("norecursedirs", pytest_default)
    folders = {path.parent for path in (REPO / "tests").rglob("test_*.py")}
    for folder in folders:
        for part in folder.relative_to(REPO).parts:
            assert not any(fnmatch.fnmatch(part, pattern) for pattern in skipped), (folder, part)
