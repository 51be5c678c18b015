"""Load -> check -> plan (document x locale x format x variant, keyed by input hash) -> cache or render -> write per document.

The stages live in handouts.pipeline (plan, execute, cache, write); this module keeps the
interfaces every command uses: build, load_project, run_checks, selected_locales, BuildOptions,
BuildReport (and Artifact, re-exported from handouts.output).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config
from .content import document_dirs, load_document
from . import errors
from .errors import CheckFailed, Collector, HandoutsError, Problem
from .i18n.once import read_once
from .model import Document
from .output import Artifact
from .render import RenderJob

if TYPE_CHECKING:
    from .checks.findings import Finding
    from .pipeline.run import Listener

__all__ = ["Artifact", "BuildOptions", "BuildReport", "Project", "build", "load_project", "plan", "run_checks", "selected_locales", "unlisted_locales"]


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
    handout: bool = False  # also the presenter's handout PDF (slides with their notes)
    jobs: int = 1  # worker processes (the command line defaults to the machine's cores)
    executor: str = "local"  # local (this process or a pool, by jobs) | dask
    scheduler: str | None = None  # the Dask scheduler's address, for executor "dask"
    cache: Path | None = None  # default: <project>/.handouts-cache
    use_cache: bool = True
    fail_fast: bool = False
    progress: Listener | None = None
    warn: Callable[[str], None] | None = None


@dataclass
class BuildReport:
    """What a build wrote and what the checks said."""

    out: Path
    artifacts: list[Artifact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    manifest: Path | None = None
    built: int = 0
    cached: int = 0
    failed: int = 0
    refused: int = 0  # artifacts of translations that could not be published (their locale refused, the rest built)
    seconds: float = 0.0
    written: int = 0  # manifest entries this build added or changed
    notes: list[Problem] = field(default_factory=list)  # documents left out of a --locale they do not list


def load_project(root: Path, documents: list[Path] | None = None, config: Config | None = None,
                 load: Callable[[Path], Document] | None = None) -> Project:
    """Config and every document, validated; all problems of all documents raised together (load: a folder's document, default load_document)."""
    config = config or load_config(root)
    problems = Collector()
    docs: dict[Path, Document] = {}
    for folder in document_dirs(config, documents):
        try:
            docs[folder] = load(folder) if load else load_document(folder, config)
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


def unlisted_locales(project: Project, wanted: list[str] | None) -> list[Problem]:
    """Documents left out of a locale asked for that their meta.locales does not list, as notes; an error when no document lists it."""
    from .i18n import is_pseudo

    config, notes, problems = project.config, [], Collector()
    for locale in [] if not wanted else [loc for loc in wanted if not is_pseudo(loc)]:
        left = [(folder, doc) for folder, doc in project.documents.items() if not doc.lists(locale, config.source_locale)]
        found = [Problem(f"not made in '{locale}': this document's meta.locales is [{', '.join(doc.meta.locales or [])}]; to build, check and translate it in {locale}, add {locale} there",
                         path=folder / "document.yml", line=doc.line(("meta", "locales")), locale=locale) for folder, doc in left]
        (problems.extend if len(left) == len(project.documents) else notes.extend)(found)
    problems.raise_if_any()
    return notes


def run_checks(project: Project, locales: list[str], today: dt.date | None) -> list[Finding]:
    """Content checks on every document and locale (see handouts.checks)."""
    from .checks import run_checks as run

    return list(run(project, locales, today=today))


def plan(project: Project, options: BuildOptions) -> list[RenderJob]:
    """Every render job, each on a localized document; translation problems collected (no cache involved)."""
    from .pipeline.inputs import Digests
    from .pipeline.plan import plan_jobs

    jobs = plan_jobs(project, options, selected_locales(project.config, options.locales), Digests())
    return [r for r in (j.render for j in jobs) if r is not None]


@read_once  # -- every catalog parsed once per build, however many checks and locales read it --
def build(root: Path, options: BuildOptions | None = None) -> BuildReport:
    """Load, then check and localize each document while the ones before it render; write each document as soon as it is whole, once all have passed."""
    from .i18n.strings import source_words_warning
    from .pipeline.cache import FOLDER, Cache
    from .pipeline.checked import Checker
    from .pipeline.feed import Feed
    from .pipeline.inputs import Digests
    from .pipeline.known import KNOWN, Known
    from .pipeline.loaded import Loader
    from .pipeline.plan import plan_units
    from .pipeline.run import Runner, on_warning
    from .pipeline.write import OutputFolder

    started = time.monotonic()
    options = options or BuildOptions()
    config = load_config(root)
    cache = Cache((options.cache or config.root / FOLDER) if options.use_cache else None, on_warning(options))
    digests = Digests()
    loader = Loader(config, cache, digests)
    project = load_project(root, options.documents, config, loader.load)
    out = OutputFolder(options.out or project.config.output_path, Known(cache.folder / KNOWN if cache.folder else None))
    out.check()
    locales = selected_locales(project.config, options.locales)
    report = BuildReport(out=out.root, notes=unlisted_locales(project, options.locales))
    if project.config.source_locale in locales and (english := source_words_warning(project.config)):
        on_warning(options)(english)
    feed = Feed(project, options, plan_units(project, options, locales, digests, keyed=cache.enabled, held=out.entries()), cache.has if cache.enabled else None)
    if options.jobs > 1 and options.executor == "local" and feed.expected >= 2:  # -- one artifact renders faster here than in a worker --
        from .pipeline.execute import prestart

        prestart(feed.formats)  # the renderers load in another process while this one checks and localizes
    # -- checks and localization go on while the first documents render; nothing is written unless all pass (pipeline.feed) --
    feed.start(Checker(project, locales, options.today, cache, digests) if options.check else None)
    problems = Collector()
    try:
        runner = Runner(project, options, out, cache, options.progress, digests)
        runner.unput += loader.unput  # -- stored with the artifacts, once every document has passed --
        tally = runner.run(feed)
        problems.extend(tally.problems)
        problems.kinds |= {getattr(errors, kind, HandoutsError) for kind in tally.kinds}
        report.artifacts = [a for a in tally.artifacts if any(w.path == a.path for w in out.written)] if tally.problems else tally.artifacts
        report.built, report.cached, report.failed, report.refused = tally.built, tally.cached, tally.failed, tally.refused
    except CheckFailed:  # -- as when the checks ran first: nothing was written, there is no report to attach --
        raise
    except HandoutsError as exc:
        problems.absorb(exc)
    finally:
        report.findings = feed.findings()
        out.close()
        cache.save()
    report.written = len(out.written)
    report.seconds = time.monotonic() - started
    report.manifest = out.root / "manifest.json" if (out.root / "manifest.json").is_file() else None
    try:
        problems.raise_if_any()
    except HandoutsError as exc:
        exc.report = report  # type: ignore[attr-defined] -- what was written before or beside the failures
        raise
    return report
