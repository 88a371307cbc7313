"""The `policygen` command: parses arguments, runs one step, prints, picks the exit code.

Exit codes: 0 fine; 1 findings (check errors, warnings with
--strict, scan violations, a build refused because of check errors); 2 bad
input or usage. Only this module prints and exits; heavy modules are imported
by the command that needs them, to keep start-up fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.errors import EXIT_FINDINGS, EXIT_OK, PolicygenError, UsageError, display_path
from generator.performance import cyclic_garbage_collection_paused, no_final_collection
from generator.project import Project, find_project


def run() -> NoReturn:
    """The process's entry point (`policygen`, `python -m generator`): `main`, then the end of the process
    without the interpreter's teardown. After a build, the interpreter would free the policy's hundreds of
    thousands of objects one by one (30 ms of a build of 1,000 activities); the operating system frees the
    whole process at once. `main` has closed every file it wrote; what it printed is flushed here."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # None after a broken pipe, or closed
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    _without_pydantic_plugins()
    no_final_collection()
    parser = _parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.run
    try:
        return command(args)
    except PolicygenError as error:
        print(error.report(), file=sys.stderr)
        if args.writes and error.nothing_written:
            print("policygen: nothing was written.", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader went away (`policygen check | head`): not an error of ours, and no traceback.
        sys.stdout = None  # type: ignore[assignment]
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _without_pydantic_plugins() -> None:
    """policygen uses no pydantic plugin: without this, building the first model reads the entry points of
    every installed distribution to look for one (5 ms of each command). An owner's own setting wins."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policygen",
        description="One policy model → privacy page, cookie banner and records of processing (GDPR Art. 30).",
    )
    parser.add_argument("--version", action="version", version=f"policygen {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    parser.set_defaults(writes=False)

    source_help = "policy source folder (default: the source named by policygen.toml here or in a parent folder)"
    example_help = "work on the bundled example (Jiji Boutique)"

    build = commands.add_parser("build", help="check the policy and write the site into dist/")
    build.add_argument("source", nargs="?", type=Path, help=source_help)
    build.add_argument("--example", action="store_true", help=example_help)
    build.add_argument("--out", type=Path, help="output folder (default: policygen.toml's out, else dist)")
    build.add_argument("--force", action="store_true", help="write beside files policygen did not write (they stay)")
    build.add_argument(
        "--templates", type=Path, metavar="DIR", help="your own templates: files here replace the bundled ones"
    )
    build.add_argument(
        "--fragments",
        action="store_true",
        help="also write fragment.html, the page's content alone, for a site generator's template (Hugo, Eleventy)",
    )
    build.set_defaults(run=run_build, writes=True)

    check = commands.add_parser("check", help="report gaps and inconsistencies (GDPR Art. 13/14, cookies)")
    check.add_argument("source", nargs="?", type=Path, help=source_help)
    check.add_argument("--example", action="store_true", help=example_help)
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=run_check)

    export = commands.add_parser("export", help="write the records of processing in one format")
    export.add_argument("source", nargs="?", type=Path, help=source_help)
    export.add_argument("--example", action="store_true", help=example_help)
    export.add_argument("--format", choices=["json", "csv", "jsonld", "html"], required=True)
    export.add_argument("--lang", choices=["sv", "en"], default="sv", help="language of CSV headers and texts")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.set_defaults(run=run_export, writes=True)

    scan = commands.add_parser("scan", help="crawl a live site in Chromium and compare it with the policy")
    scan.add_argument("url")
    scan.add_argument("--source", type=Path, help=source_help)
    scan.add_argument("--example", action="store_true", help=example_help)
    scan.add_argument("--format", choices=["text", "json"], default="text")
    scan.add_argument("--max-pages", type=int, default=20, help="pages to visit per run (default 20)")
    scan.add_argument("--timeout", type=float, default=15.0, help="seconds per page load (default 15)")
    scan.add_argument(
        "--deadline", type=float, default=600.0, help="seconds for the whole scan, then report (default 600)"
    )
    scan.add_argument(
        "--suggest", action="store_true", help="after the report, ready YAML for each undeclared item it saw"
    )
    scan.set_defaults(run=run_scan)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on change")
    serve.add_argument("source", nargs="?", type=Path, help=source_help)
    serve.add_argument("--example", action="store_true", help=example_help)
    serve.add_argument("--port", type=port_number, default=8000, help="port on 127.0.0.1 (default 8000; 0: any free)")
    serve.add_argument("--out", type=Path, help="output folder (default: policygen.toml's out, else dist)")
    serve.set_defaults(run=run_serve, writes=True)

    init = commands.add_parser("init", help="start a new policy from the few facts only you know")
    init.add_argument("folder", nargs="?", type=Path, default=Path("policy"), help="folder to create (default: policy)")
    init.add_argument("--lang", choices=["sv", "en"], default="sv", help="language of the questions (default sv)")
    init.add_argument("--company", help="company name, as visitors know it")
    init.add_argument("--org-number", help="organisation number or VAT number (a sole trader may leave it out)")
    init.add_argument("--owner", help="the owner's name, if the business is a sole trader")
    init.add_argument("--street", help="street address")
    init.add_argument("--postal-code", help="postal code")
    init.add_argument("--city", help="city")
    init.add_argument("--email", help="e-mail address for questions about personal data")
    init.add_argument("--url", help="the site's address, e.g. https://www.example.se/")
    init.add_argument("--languages", help="languages of the site: sv, or sv,en")
    init.add_argument("--uses", help="services of the catalogue the site uses, comma separated (docs/catalogue.md)")
    init.set_defaults(run=run_init, writes=True)

    diff = commands.add_parser("diff", help="what changed between two versions of a policy (exit 1 if anything)")
    diff.add_argument("old", help="the old version: a source folder, git:REV:path or a release file history/V.json")
    diff.add_argument("new", help="the new version, the same ways")
    diff.add_argument("--lang", choices=["sv", "en"], default="sv", help="language of the changes (default sv)")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.set_defaults(run=run_diff)

    release = commands.add_parser("release", help="record the published version in the source's history/")
    release.add_argument("source", nargs="?", type=Path, help=source_help)
    release.add_argument("--example", action="store_true", help=example_help)
    release.set_defaults(run=run_release, writes=True)

    migrate = commands.add_parser("migrate", help="rewrite a format-1 source as format 2 (docs/source-format.md)")
    migrate.add_argument("source", type=Path, help="policy source folder to rewrite in place")
    migrate.set_defaults(run=run_migrate)

    schema = commands.add_parser("schema", help="print the JSON Schema of the source format")
    schema.set_defaults(run=run_schema)
    return parser


def port_number(text: str) -> int:
    """A TCP port for argparse: 0 (any free port) to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: use 1 to 65535, or 0 for any free port")
    return port


def _project(args: argparse.Namespace) -> Project:
    """The policy this command works on: SOURCE, --example or the project file (generator.project)."""
    return find_project(args.source, example=args.example, out=getattr(args, "out", None))


def _say_which(verb: str, project: Project, controller_name: str) -> None:
    """'Checking policy_src/lindqvist (Lindqvist Snickeri AB)': never leave the owner guessing which policy."""
    print(f"{verb} {display_path(project.source)} ({controller_name})", file=sys.stderr)


def run_migrate(args: argparse.Namespace) -> int:
    from generator.errors import SourceError, SourceErrors
    from generator.sources.formats import migration_problems, with_format_line
    from generator.sources.loading import load_policy

    loaded = load_policy(args.source)
    if loaded.policy.format >= 2:
        print(f"{loaded.directory} is already format {loaded.policy.format}: nothing to do.")
        return EXIT_OK
    problems = list(migration_problems(loaded.policy))
    if problems:
        raise SourceErrors([SourceError(p.message, loaded.source_map.position(p.path), p.hint) for p in problems])
    position = loaded.source_map.key_position(("site",))
    if position is None:
        raise SourceErrors([SourceError("no 'site' key to put the format next to", hint="add site: first")])
    text = position.file.read_text(encoding="utf-8")
    position.file.write_text(with_format_line(text, position.line), encoding="utf-8")
    print(f"Added 'format: 2' to {position.file}. Run policygen check --strict.")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    # Paused for the whole command, as in `build`: loading keeps the policy and its source map alive, and
    # the cyclic collector would scan them again and again (1,000 activities took twice as long).
    with cyclic_garbage_collection_paused():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    from generator.checks.findings import Severity, format_json, format_text, place
    from generator.checks.registry import check_policy
    from generator.sources.loading import load_policy

    project = _project(args)
    loaded = load_policy(project.source)
    _say_which("Checking", project, loaded.policy.controller.name)
    placed = place(check_policy(loaded.policy), loaded.source_map)
    print(format_json(placed) if args.format == "json" else format_text(placed))
    errors = any(p.finding.severity == Severity.error for p in placed)
    return EXIT_FINDINGS if errors or (args.strict and placed) else EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    # Paused from the imports on: they make some 100,000 objects without cycles, which the collector would
    # otherwise scan again and again (2 % of the example's build).
    with cyclic_garbage_collection_paused():
        from generator.build import build

        project = _project(args)
        result = build(
            project.source, project.out, force=args.force, templates=args.templates, fragments=args.fragments
        )
    _say_which("Built", project, result.controller_name)
    print(result.summary())
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from generator.records.render import export_records
    from generator.sources.loading import load_policy

    project = find_project(args.source, example=args.example)
    loaded = load_policy(project.source)
    _say_which("Exporting the records of", project, loaded.policy.controller.name)
    content = export_records(loaded.policy, args.format, args.lang)
    if args.out is None:
        sys.stdout.buffer.write(content)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(content)
        print(f"Wrote {args.out}", file=sys.stderr)
    return EXIT_OK


def run_scan(args: argparse.Namespace) -> int:
    try:
        from generator.scan.command import run_scan_command
    except ModuleNotFoundError as error:
        if not (error.name or "").startswith("playwright"):
            raise
        raise UsageError(
            "policygen scan needs Playwright, which is not installed.\n"
            "  hint: pip install 'policygen[scan]' (building and checking need no browser)"
        ) from error

    return run_scan_command(args, find_project(args.source, example=args.example).source)


def run_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    project = _project(args)
    return serve(project.source, project.out, args.port)


def run_init(args: argparse.Namespace) -> int:
    from generator.init import (
        NEXT_STEPS,
        ROLE_TO_CHOOSE,
        OwnerFacts,
        ask_in_terminal,
        interactive,
        parse_services,
        roles_to_choose,
    )
    from generator.init import run_init as write_policy

    facts = OwnerFacts(
        company=args.company,
        org_number=args.org_number,
        owner=args.owner,
        street=args.street,
        postal_code=args.postal_code,
        city=args.city,
        email=args.email,
        url=args.url,
        languages=args.languages,
        services=args.uses,
    )
    written = write_policy(args.folder, facts, language=args.lang, ask=ask_in_terminal if interactive() else None)
    for path in written:
        print(f"Wrote {display_path(path)}")
    for service in roles_to_choose(parse_services(facts.services)):
        print(ROLE_TO_CHOOSE[args.lang].format(service=service))
    print(NEXT_STEPS[args.lang])
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    import json

    from generator.history.compare import compare
    from generator.history.sides import snapshot_of
    from generator.texts.changes import diff_heading

    old, new = snapshot_of(args.old), snapshot_of(args.new)
    changes = compare(old, new)
    if args.format == "json":
        document = {
            "old": {"version": old.get("version"), "date": old.get("date")},
            "new": {"version": new.get("version"), "date": new.get("date")},
            "changes": [change.as_json(args.lang) for change in changes],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(diff_heading(old, new, args.lang, changed=bool(changes)))
        for change in changes:
            print(f"- {change.words(args.lang)}")
    return EXIT_FINDINGS if changes else EXIT_OK


def run_release(args: argparse.Namespace) -> int:
    from generator.history.release import release
    from generator.sources.loading import load_policy

    project = _project(args)
    loaded = load_policy(project.source)
    _say_which("Releasing", project, loaded.policy.controller.name)
    released = release(project.source, loaded.policy, bundled_example=args.example)
    version = loaded.policy.policy
    if released.written:
        print(f"Released version {version.version} of {version.last_updated}: wrote {display_path(released.path)}")
    else:
        print(f"Version {version.version} is already released, unchanged: {display_path(released.path)}")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    from generator.sources.schema import source_schema_json

    print(source_schema_json(), end="")
    return EXIT_OK
