"""Run: keyed Jobs -> cache or executor -> whole documents committed as they finish; counts for the report and the progress display."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import HandoutsError, Problem
from ..output import Artifact, sha256
from . import execute
from .cache import Cache, Entry
from .plan import Job, materialize
from .write import OutputFolder, Piece

if TYPE_CHECKING:
    from ..build import BuildOptions, Project

COMMIT_EVERY = 1.0  # seconds: finished documents are committed together at most this often (fewer manifest swaps)
COMMIT_BYTES = 32 * 2**20  # ... or as soon as they hold this much, so memory stays flat however many documents


class Listener(Protocol):
    """What a progress display is told."""

    def planned(self, artifacts: int, documents: int, out: Path) -> None: ...
    def finished(self, job_id: str, path: str, status: str) -> None: ...  # status: built | cached | failed
    def written(self, artifact: Artifact, status: str) -> None: ...


@dataclass
class Tally:
    """What happened to the artifacts of one build."""

    built: int = 0
    cached: int = 0
    failed: int = 0
    documents_written: int = 0
    problems: list[Problem] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    artifacts: list[Artifact] = field(default_factory=list)


class Runner:
    """Takes artifacts from the cache or renders them, and commits each document once all its artifacts are there."""

    def __init__(self, project: Project, options: BuildOptions, out: OutputFolder, cache: Cache, listener: Listener | None, prestarted: bool = False) -> None:
        self.project, self.options, self.out, self.cache = project, options, out, cache
        self.prestarted = prestarted
        self.listener = listener
        self.tally = Tally()
        self.waiting: dict[str, int] = {}  # document -> artifacts not finished yet
        self.pieces: dict[str, list[tuple[Piece, str]]] = {}
        self.broken: set[str] = set()
        self.ready: list[str] = []
        self.last_commit = time.monotonic()

    def run(self, jobs: list[Job]) -> Tally:
        """Everything: cached artifacts first, then the rest rendered; stops at the first failure with fail_fast."""
        client = execute.connect(self.options.scheduler or "") if self.options.executor == "dask" else None
        try:
            return self._run(jobs, client)
        finally:
            if client is not None:
                client.close()

    def _run(self, jobs: list[Job], client: Any) -> Tally:
        for job in jobs:
            self.waiting[job.document] = self.waiting.get(job.document, 0) + 1
        if self.listener:
            self.listener.planned(len(jobs), len(self.waiting), self.out.root)
        facts: dict[str, dict[str, object]] = {}
        to_render: list[Job] = []
        units: dict[tuple[str, str], list[Job]] = {}
        for job in jobs:
            entry = self.cache.get(job.key) if self.cache.enabled else None
            if entry is not None:
                self._finish(job, entry.data, entry.pages, entry.facts, "cached", entry.files)
            elif not job.payload:
                units.setdefault((job.document, job.locale), []).append(job)
            else:
                to_render.append(job)
        for unit in units.values():  # cached when planned, but the entry was corrupt or gone: localize now
            try:
                to_render += materialize(self.project, self.options, unit)
            except HandoutsError as exc:
                for job in unit:
                    self._fail(job, exc.problems, type(exc).__name__)
        for job in to_render:
            facts[job.id] = dict(job.facts)
        by_id = {j.id: j for j in to_render}
        outcomes = self._execute(to_render, client)
        try:
            for outcome in outcomes:
                job = by_id.pop(outcome.id)
                if outcome.problems:
                    self._fail(job, outcome.problems, outcome.error)
                    if self.options.fail_fast:
                        break
                    continue
                self.cache.put(job.key, Entry(outcome.data, outcome.pages, facts[job.id], outcome.files))
                self._finish(job, outcome.data, outcome.pages, facts[job.id], "built", outcome.files)
        finally:
            close = getattr(outcomes, "close", None)
            if close:
                close()
        self._commit(force=True)
        if any(a.format == "html" and a.document not in self.broken for a in self.tally.artifacts):
            self._library()  # -- a build whose every page failed writes nothing, not even the library --
        return self.tally

    def _library(self) -> None:
        """output/index.html from the manifest's web pages, committed like an artifact (so it is listed with its sha256)."""
        import datetime as dt

        from ..render.web.library import library_page
        from .write import read_manifest

        data = library_page(self.project.config, read_manifest(self.out.root), self.out.root, self.options.today or dt.date.today())
        page = Artifact(document="", locale=self.project.config.source_locale, format="html", variant="library", path="index.html",
                        sha256=sha256(data), pages=1, source_version="", checks="passed" if self.options.check else "skipped")
        for _, problem in self.out.commit([[Piece(page, data)]]):
            self.tally.problems.append(problem)
            self.tally.kinds.add("OutputError")

    def _execute(self, jobs: list[Job], client: Any) -> Iterator[execute.Outcome]:
        if client is not None:
            return execute.dask(jobs, client)
        if self.prestarted:  # the renderers are already imported in the fork server: even one job goes there
            return execute.pool(jobs, min(self.options.jobs, len(jobs))) if jobs else execute.serial(jobs)
        workers = min(self.options.jobs, len(jobs) // 2)  # a worker process pays for its start-up only over two jobs or more
        return execute.pool(jobs, workers) if workers > 1 else execute.serial(jobs)

    def _finish(self, job: Job, data: bytes, pages: int, facts: dict[str, object], status: str, files: tuple[tuple[str, bytes], ...] = ()) -> None:
        checks = "passed" if self.options.check else "skipped"
        artifact = Artifact(document=job.document, locale=job.locale, format=job.format, variant=job.variant, path=job.path,
                            sha256=sha256(data), pages=pages, checks=checks, **facts)  # type: ignore[arg-type]
        setattr(self.tally, status, getattr(self.tally, status) + 1)
        self.tally.artifacts.append(artifact)
        self.pieces.setdefault(job.document, []).append((Piece(artifact, data), status))
        folder = job.path.rsplit("/", 1)[0]
        for name, body in files:  # -- the files an artifact needs beside it (web assets) are committed and listed with it --
            asset = replace(artifact, variant="asset", path=f"{folder}/{name}", sha256=sha256(body), pages=0)
            self.pieces[job.document].append((Piece(asset, body), status))
        self._done(job, status)

    def _fail(self, job: Job, problems: list[Problem], kind: str) -> None:
        self.tally.failed += 1
        self.tally.problems += [p for p in problems if p not in self.tally.problems]
        self.tally.kinds.add(kind)
        self.broken.add(job.document)
        self._done(job, "failed")

    def _done(self, job: Job, status: str) -> None:
        if self.listener:
            self.listener.finished(job.id, job.path, status)
        self.waiting[job.document] -= 1
        if not self.waiting[job.document]:
            if job.document in self.broken:
                self.pieces.pop(job.document, None)  # a document is written whole or not at all
            else:
                self.ready.append(job.document)
            self._commit()

    def _commit(self, force: bool = False) -> None:
        if not self.ready:
            return
        held = sum(len(p.data) for doc in self.ready for p, _ in self.pieces[doc])
        if not force and held < COMMIT_BYTES and time.monotonic() - self.last_commit < COMMIT_EVERY:
            return
        batch = {doc: self.pieces.pop(doc) for doc in self.ready}
        self.ready = []
        failed = dict(self.out.commit([[p for p, _ in pieces] for pieces in batch.values()]))
        self.last_commit = time.monotonic()
        for doc, pieces in batch.items():
            if doc in failed:
                self.tally.problems.append(failed[doc])
                self.tally.kinds.add("OutputError")
                continue
            self.tally.documents_written += 1
            for piece, status in pieces:
                if self.listener and piece.artifact.variant != "asset":
                    self.listener.written(piece.artifact, status)


def on_warning(options: BuildOptions) -> Callable[[str], None]:
    """Where cache warnings go: the options' warn callback, else stderr."""
    import sys

    return options.warn or (lambda message: print(f"warning: {message}", file=sys.stderr))
