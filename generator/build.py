"""`policygen build`: load → check → render → write.

Rendering produces every file in memory first; only a complete, error-free
result is written (see `generator.output`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from generator.checks.findings import Finding, PlacedFinding, Severity, format_text, place
from generator.checks.registry import check_policy
from generator.errors import EXIT_FINDINGS, PolicygenError, display_path
from generator.model import Policy
from generator.model.vocabulary import page_path
from generator.output import OutputFiles, write_output
from generator.performance import cyclic_garbage_collection_paused
from generator.records.render import render_records
from generator.site.banner_config import build_banner_config, render_consent_files, render_snippet
from generator.site.fragment import render_page_fragments
from generator.site.page import render_privacy_pages
from generator.site.readability import repeated_sentences
from generator.site.sign import render_camera_signs
from generator.sources.loading import LoadedPolicy, load_policy
from generator.texts.templates import templates_from


class BuildRefused(PolicygenError):
    """The check found errors: a policy with gaps is not published (exit 1, like `check`)."""

    exit_code = EXIT_FINDINGS
    nothing_written = True

    def __init__(self, findings_report: str) -> None:
        super().__init__(findings_report)
        self.findings_report = findings_report

    def report(self) -> str:
        return f"{self.findings_report}\n\nThe policy has errors. Fix them and build again."


@dataclass(frozen=True)
class BuildResult:
    out: Path
    files: OutputFiles
    warnings: list[PlacedFinding]
    controller_name: str
    """Whose policy was built, for the command's report."""

    def summary(self) -> str:
        lines = []
        if self.warnings:
            lines += [format_text(self.warnings), ""]
        lines.append(f"Built {len(self.files)} files into {display_path(self.out)}/:")
        for name in sorted(self.files):
            lines.append(f"  {name}")
        index = self.out / "index.html"
        lines += [
            "",
            f"Open {index.absolute().as_uri()} to read the page,",
            "or run `policygen serve` to try the banner (it needs http://).",
            "Paste snippet.html into the <head> of every page of your site.",
            "records/ is your register of processing, for you and your auditor: publish the rest, not it.",
        ]
        return "\n".join(lines)


class OwnTemplateError(PolicygenError):
    """A template of the owner's `--templates` folder does not render: nothing is written."""

    nothing_written = True

    def report(self) -> str:
        return str(self)


def build(
    source: Path, out: Path, *, force: bool = False, templates: Path | None = None, fragments: bool = False
) -> BuildResult:
    """With `fragments`, also the privacy page's content alone for a site generator's template (`build
    --fragments`, docs/integrations/): a second copy of every page, so only when asked (docs/decisions.md)."""
    # The cyclic collector stays paused for the whole build, not only while loading and rendering: it
    # would otherwise scan every object of the loaded policy and its source map as soon as loading ends
    # (a fifth of a second for 1,000 activities). When `_build` returns, reference counting frees them.
    with cyclic_garbage_collection_paused():
        return _build(source, out, force, templates, fragments)


def _build(source: Path, out: Path, force: bool, templates: Path | None = None, fragments: bool = False) -> BuildResult:
    policy, warnings = _checked_policy(source)
    files = render_site(policy, templates, fragments=fragments)
    warnings += [PlacedFinding(f, None) for f in repetition_findings(policy, files)]
    write_output(files, out, protected=[source], force=force)
    return BuildResult(out, files, warnings, policy.controller.name)


def _checked_policy(source: Path) -> tuple[Policy, list[PlacedFinding]]:
    """The loaded policy and its warnings; `BuildRefused` on an error. Where each value was written (a YAML node
    per value: some 25 MB at 1,000 activities) places the findings and is then let go, so that rendering reuses
    its memory rather than asking the system for more (a sixth fewer page faults, a tenth less system time)."""
    loaded = load_policy(source)
    return loaded.policy, refuse_on_errors(check_policy(loaded.policy), loaded)


def refuse_on_errors(findings: list[Finding], loaded: LoadedPolicy) -> list[PlacedFinding]:
    """Raise `BuildRefused` if any finding is an error; return the warnings."""
    placed = place(findings, loaded.source_map)
    if any(p.finding.severity == Severity.error for p in placed):
        raise BuildRefused(format_text(placed))
    return placed


def repetition_findings(policy: Policy, files: OutputFiles) -> list[Finding]:
    """A warning for each sentence of six or more words that a built privacy page says more than once.

    Found on the rendered page, not in the sources: the repetition may come from the owner's texts,
    from policygen's own, or from both (WP260: concise and intelligible)."""
    findings = []
    for language in policy.site.languages:
        name = page_path(language)
        for repeated in repeated_sentences(files[name].decode("utf-8")):
            places = ", ".join(f"“{s}”" for s in repeated.sections if s) or "the page"
            findings.append(
                Finding(
                    rule="W-PAGE-1",
                    severity=Severity.warning,
                    article="GDPR Art. 12(1); WP260 rev.01 (concise, intelligible)",
                    message=(
                        f"{name} says “{repeated.sentence}” {repeated.count} times (under {places}). "
                        "Repeating a sentence makes the page longer without telling the reader more."
                    ),
                    fix=(
                        "Say it once: write it in one activity or in the introduction, and leave it out "
                        "of the others. If the sentence is policygen's own text, report it as a bug."
                    ),
                )
            )
    return findings


def render_site(policy: Policy, templates: Path | None = None, *, fragments: bool = True) -> OutputFiles:
    """Every file of the output contract (docs/architecture.md), in memory; the banner's config is made once.

    With `templates`, the owner's files there replace the bundled templates of the same name; without
    `fragments`, the fragments and their stylesheet are left out (a plain `policygen build`)."""
    if templates is None:
        return _render_site(policy, fragments)
    if not templates.is_dir():
        raise OwnTemplateError(
            f"{display_path(templates)}: error: no such folder of templates. Give --templates a folder whose "
            "files replace the bundled ones of the same name (e.g. page/fragment.html, assets/fragment.css)."
        )
    try:
        with templates_from(templates):
            return _render_site(policy, fragments)
    except TemplateSyntaxError as error:
        raise OwnTemplateError(
            f"{error.filename or error.name}:{error.lineno}:1: error: {error.message}. "
            "Fix the template and build again."
        ) from None
    except TemplateError as error:
        raise OwnTemplateError(
            f"{display_path(templates)}: error: a template did not render: {error}. "
            "Compare it with the bundled template of the same name (site_templates/)."
        ) from None


def _render_site(policy: Policy, fragments: bool = True) -> OutputFiles:
    files: OutputFiles = {}
    with cyclic_garbage_collection_paused():
        banner = build_banner_config(policy)
        files.update(render_consent_files(banner))
        files["snippet.html"] = render_snippet(banner, policy.site.publish_path)
        pages = render_privacy_pages(policy, banner)
        files.update(pages)
        if fragments:
            files.update(render_page_fragments(policy, banner, pages))
        files.update(render_records(policy))
        files.update(render_camera_signs(policy))
    return files
