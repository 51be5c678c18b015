"""Plan (document x locale x format x variant) -> check -> localize -> render all -> write all."""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config
from .content import document_dirs, load_document
from .errors import CheckFailed, Collector, HandoutsError, Problem
from .model import Document
from .output import Artifact, Writer, sha256
from .render import EXTENSIONS, VARIANTS, RenderJob, renderer
from .theme import Theme

if TYPE_CHECKING:
    from .checks.findings import Finding


@dataclass(frozen=True)
class Project:
    """A loaded project: config plus its checked documents (folder -> Document)."""

    config: Config
    documents: dict[Path, Document]


@dataclass
class BuildOptions:
    """What to build; None means everything the config lists."""

    documents: list[Path] | None = None
    locales: list[str] | None = None
    formats: list[str] | None = None
    large_print: bool = False
    out: Path | None = None
    draft: bool = False
    check: bool = True
    today: dt.date | None = None
    papers: list[str] | None = None  # leaflet papers (A4, A5, Letter); None: handouts.yml's leaflet.paper
    booklet: bool = False
    print_marks: bool = False


@dataclass
class BuildReport:
    """What a build wrote and what the checks said."""

    out: Path
    artifacts: list[Artifact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    manifest: Path | None = None


def load_project(root: Path, documents: list[Path] | None = None) -> Project:
    """Config and every document, validated; all problems of all documents raised together."""
    config = load_config(root)
    problems = Collector()
    docs: dict[Path, Document] = {}
    for folder in document_dirs(config, documents):
        try:
            docs[folder] = load_document(folder, config)
        except HandoutsError as exc:
            problems.absorb(exc)
    problems.raise_if_any()
    if not docs:
        raise HandoutsError(Problem(f"no documents found under {config.content_path}: add content/<id>/document.yml"))
    return Project(config=config, documents=docs)


def selected_locales(config: Config, wanted: list[str] | None) -> list[str]:
    """The locales to build: those asked for, each of which must be configured."""
    if not wanted:
        return list(config.locales)
    from .i18n import PSEUDO_LOCALES

    unknown = [loc for loc in wanted if loc not in config.locales and loc not in PSEUDO_LOCALES]
    if unknown:
        raise HandoutsError(Problem(f"locale(s) {', '.join(unknown)} not in handouts.yml 'locales' ({', '.join(config.locales)}): add them there first"))
    return wanted


def run_checks(project: Project, locales: list[str], today: dt.date | None) -> list[Finding]:
    """Content checks on every document and locale (see handouts.checks)."""
    from .checks import run_checks as run

    return list(run(project, locales, today=today))


def plan(project: Project, options: BuildOptions) -> list[RenderJob]:
    """Every render job, each on a localized document; translation problems collected."""
    from .i18n import localize, template_translations

    config = project.config
    theme = Theme(config)
    formats = options.formats or list(config.formats)
    variants = [(fmt, v) for fmt in formats for v in VARIANTS[fmt] if v in ("standard", "large-print") and (v != "large-print" or options.large_print)]
    problems = Collector()
    words: dict[str, gettext.NullTranslations] = {}
    for locale in selected_locales(config, options.locales):
        try:
            words[locale] = template_translations(locale, config)
        except HandoutsError as exc:
            problems.absorb(exc)
    jobs: list[RenderJob] = []
    for folder, doc in project.documents.items():
        for locale, translations in words.items():
            try:
                localized, provenance = localize(doc, locale, config, folder, allow_draft=options.draft)
            except HandoutsError as exc:
                problems.absorb(exc)
                continue
            jobs += [RenderJob(localized, locale, config, theme, folder, fmt, v, translations, provenance) for fmt, v in variants]
    problems.raise_if_any()
    from .render.leaflet.products import print_jobs

    return [j for job in jobs for j in (print_jobs(job, options.papers, options.booklet, options.print_marks) if job.format == "pdf" else [job])]


def artifact_path(job: RenderJob) -> str:
    """output-relative path: <doc>/<locale>/<doc>.<locale>[.<variant>].<ext>."""
    doc_id = job.document.meta.id
    suffix = "" if job.variant == "standard" else f".{job.variant}"
    if job.format == "pdf":
        from .render.leaflet.products import file_suffix

        suffix = file_suffix(job)
    return f"{doc_id}/{job.locale}/{doc_id}.{job.locale}{suffix}.{EXTENSIONS[job.format]}"


def build(root: Path, options: BuildOptions | None = None) -> BuildReport:
    """Load, check, localize and render everything in memory; only then write files and the manifest."""
    options = options or BuildOptions()
    project = load_project(root, options.documents)
    writer = Writer(options.out or project.config.output_path)
    writer.check()
    report = BuildReport(out=writer.root)
    if options.check:
        report.findings = run_checks(project, selected_locales(project.config, options.locales), options.today)
        errors = [f for f in report.findings if f.severity == "error"]
        if errors:
            raise CheckFailed([f.problem() for f in errors])
    problems = Collector()
    for job in plan(project, options):
        try:
            result = renderer(job.format)(job)
        except HandoutsError as exc:
            problems.absorb(exc)
            continue
        artifact = Artifact(
            document=job.document.meta.id,
            locale=job.locale,
            format=job.format,
            variant=job.variant,
            path=artifact_path(job),
            sha256=sha256(result.data),
            pages=result.pages,
            source_version=job.provenance.source_version or job.document.meta.version,
            translation=job.provenance.status,
            reviewed=job.provenance.reviewed,
            checks="passed" if options.check else "skipped",
            paper=job.paper if job.format == "pdf" else None,
        )
        writer.add(artifact, result.data)
        report.artifacts.append(artifact)
    problems.raise_if_any()
    report.manifest = writer.commit()
    return report
