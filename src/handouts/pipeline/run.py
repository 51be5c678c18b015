"""Run: keyed Jobs -> cache or executor -> whole documents committed as they finish; counts for the report and the progress display."""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import HandoutsError, OutputError, Problem
from ..output import Artifact, sha256
from . import execute
from .cache import Cache, Entry
from .feed import Feed
from .inputs import Digests
from .plan import Job, materialize, source_digest
from .write import OutputFolder, Piece

if TYPE_CHECKING:
    from ..build import BuildOptions, Project

COMMIT_EVERY = 1.0  # seconds: finished documents are committed together at most this often (fewer manifest swaps)
COMMIT_BYTES = 32 * 2**20  # ... or as soon as they hold this much, so memory stays flat however many documents
HOLD_BYTES = 16 * 2**20  # rendered while documents are still being checked: past this, the checks are finished before more is rendered


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
    refused: int = 0  # artifacts of a translation that could not be published (the rest of the build went on)
    documents_written: int = 0
    problems: list[Problem] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    artifacts: list[Artifact] = field(default_factory=list)


class Runner:
    """Takes artifacts from the cache or renders them, and commits each document once all its artifacts are there."""

    def __init__(self, project: Project, options: BuildOptions, out: OutputFolder, cache: Cache, listener: Listener | None,
                 digests: Digests | None = None) -> None:
        self.project, self.options, self.out, self.cache = project, options, out, cache
        self.digests = digests or Digests()
        self.listener = listener
        self.tally = Tally()
        self.waiting: dict[str, int] = {}  # document -> artifacts not finished yet
        self.pieces: dict[str, list[tuple[Piece, str]]] = {}
        self.broken: set[str] = set()
        self.ready: list[str] = []
        self.last_commit = time.monotonic()
        self.rendering: dict[str, Job] = {}  # jobs handed to the executor, by id
        self.gate = False  # every document passed its checks and localized: documents may be written
        self.unput: list[tuple[str, Entry]] = []  # rendered before the gate opened: cached once it does
        self.cached: deque[list[Job]] = deque()  # units whose every artifact the cache held at planning, not taken yet
        self.lost: list[Job] = []  # jobs of cached artifacts whose entry turned out corrupt or gone: rendered after all
        self.warmed = False  # the library page's template compiled while the workers render
        self.halted = False  # a commit could not update the output folder at all (disk full, manifest read-only): nothing more is written

    def run(self, feed: Feed) -> Tally:
        """Everything: renders start as soon as the first document is checked and localized; nothing is written before every
        document has passed (the feed is open); cached artifacts are taken then; stops at the first failure with fail_fast."""
        client = execute.connect(self.options.scheduler or "") if self.options.executor == "dask" else None
        try:
            return self._run(feed, client)
        finally:
            if client is not None:
                client.close()

    def _run(self, feed: Feed, client: Any) -> Tally:
        self.cached = deque(feed.cached)
        feed.on_refused = self._refused
        for job in feed.all_jobs():
            self.waiting[job.document] = self.waiting.get(job.document, 0) + 1
        if self.listener:
            self.listener.planned(sum(self.waiting.values()), len(self.waiting), self.out.root)
        outcomes = self._execute(feed, client)
        try:
            for outcome in outcomes:
                job = self.rendering.pop(outcome.id)
                if outcome.problems:
                    self._fail(job, outcome.problems, outcome.error)
                    if self.options.fail_fast:
                        break
                    continue
                notices = [n.to_dict(self.project.config.root) for n in outcome.notices]
                entry = Entry(outcome.data, outcome.pages, dict(job.facts), notices, outcome.files)
                if self.gate:
                    self.cache.put(job.key, entry)
                else:
                    self.unput.append((job.key, entry))  # -- a build that fails its checks leaves nothing behind, not even cache entries --
                self._finish(job, outcome.data, outcome.pages, entry.facts, "built", notices, outcome.files)
                if feed.failed or self.halted:
                    break
                if not self.gate and self._held() >= HOLD_BYTES:  # -- finished documents wait for the checks: bounded, so memory stays flat --
                    feed.finish()
                self._open(feed)
        finally:
            close = getattr(outcomes, "close", None)
            if close:
                close()
        feed.finish()
        feed.raise_if_failed()
        self.tally.problems += [p for p in feed.refusals.problems if p not in self.tally.problems]
        self.tally.kinds |= {kind.__name__ for kind in feed.refusals.kinds}
        self._open(feed)
        while self.cached and not self.halted:  # -- the rendering stopped early (fail_fast): the cached documents are still written --
            self._take(self.cached.popleft())
        self._commit(force=True)
        if self.halted:
            return self.tally  # -- the output folder refused a commit: the next build marks and lists what this one did not --
        flagged = self._outdated()
        if any(a.format == "html" and a.document not in self.broken for a in self.tally.artifacts) or any(e.get("format") == "html" for e in flagged):
            self._library()  # -- a build whose every page failed writes nothing, not even the library --
        return self.tally

    def _outdated(self) -> list[dict]:
        """Flag in the manifest what was built from an earlier source of its document (a locale this build did not make), and say so."""
        sources = {doc.meta.id: source_digest(self.digests, folder) for folder, doc in self.project.documents.items()}
        try:
            flagged = self.out.mark_outdated(sources)
        except OutputError as exc:
            self._problems(exc)
            return []
        seen: dict[tuple[str, str], int] = {}
        for entry in flagged:
            if entry.get("variant") != "asset":
                key = (str(entry["document"]), str(entry["locale"]))
                seen[key] = seen.get(key, 0) + 1
        for (document, locale), count in sorted(seen.items()):
            on_warning(self.options)(f"{document} [{locale}]: {count} file(s) in the output folder were built from an earlier version of "
                                       f"the document and are now marked outdated in manifest.json and the library page (not for use with "
                                       f"patients): rebuild them with --locale {locale}{'' if locale == self.project.config.source_locale else ' once its catalog is current'}, "
                                       f"or delete {document}/{locale}/ there")
        return flagged

    def _source(self, feed: Feed) -> Iterator[Job]:
        """What the executor renders: the feed's jobs, then those of cached artifacts whose entry turned out corrupt or gone."""
        for job in feed.jobs():
            entry = self.cache.get(job.key) if self.cache.enabled else None
            if entry is not None:  # -- a unit partly in the cache (a changed leaflet template leaves the deck as it was) --
                self._finish(job, entry.data, entry.pages, entry.facts, "cached", entry.notices, entry.files, entry.sums)
                continue
            self.rendering[job.id] = job
            yield job
        if not feed.open:
            return
        self._open(feed)
        while (self.lost or self.cached) and not self.halted:
            if not self.lost:
                self.lost += self._take(self.cached.popleft())
                continue
            job = self.lost.pop(0)
            self.rendering[job.id] = job
            yield job

    def _idle(self, feed: Feed) -> bool:
        """One piece of this process's own work while the workers render: check or localize a document, else (once every
        document passed) take a unit from the cache; False when none is left."""
        if feed.step():
            return True
        if not feed.open:
            return False
        self._open(feed)
        if self.cached:
            self.lost += self._take(self.cached.popleft())
            return True
        if not self.warmed and "html" in feed.formats:
            from .library import warm

            self.warmed = True
            warm(self.project.config, self.out.root, self.options.today or dt.date.today())
            return True
        return False

    def _open(self, feed: Feed) -> None:
        """Once every document has passed: the output folder is made ready and what was held goes to the cache and the output."""
        if self.gate or not feed.open:
            return
        self.gate = True
        self.out.prepare()
        for key, entry in self.unput:
            self.cache.put(key, entry)
        self.unput = []
        self._commit()

    def _take(self, unit: list[Job]) -> list[Job]:
        """Finish the artifacts of a cached unit; the jobs of those the cache no longer holds (corrupt, removed), localized now."""
        lost = []
        for job in unit:
            if self._kept(job):
                continue
            entry = self.cache.get(job.key)
            if entry is None:
                lost.append(job)
            else:
                self._finish(job, entry.data, entry.pages, entry.facts, "cached", entry.notices, entry.files, entry.sums)
        try:
            return materialize(self.project, self.options, lost)
        except HandoutsError as exc:
            for job in lost:
                self._fail(job, exc.problems, type(exc).__name__)
        return []

    def _library(self) -> None:
        """output/index.html from the manifest's web pages, committed like an artifact (so it is listed with its sha256)."""
        from .library import library_bytes

        data = library_bytes(self.project.config, self.out.entries(), self.out.root, self.options.today or dt.date.today(), self.cache, self.digests,
                             self.out.known)
        page = Artifact(document="", locale=self.project.config.source_locale, format="html", variant="library", path="index.html",
                        sha256=sha256(data), pages=1, source_version="", checks="passed" if self.options.check else "skipped")
        try:
            failed = [problem for _, problem in self.out.commit([[Piece(page, data)]])]
        except OutputError as exc:
            failed = exc.problems
        if failed:
            self.tally.failed += 1  # -- counted only when it fails, so that the summary's failures agree with its problems --
            self._problems(OutputError(failed))

    def _execute(self, feed: Feed, client: Any) -> Iterator[execute.Outcome]:
        source = self._source(feed)
        if client is not None:
            feed.finish()
            return execute.dask(source, client)
        workers = min(self.options.jobs, feed.expected)
        if workers > 1:  # -- the main process checks and localizes while the workers render (each compiles the templates once) --
            return execute.pool(source, workers, tuple(feed.formats), idle=lambda: self._idle(feed))
        feed.finish()  # -- one core: check and localize everything first, so nothing waits in memory for the gate --
        if "pdf" in feed.formats:
            from ..render.leaflet.html import keep_compiled

            # -- compiled templates are written to the cache only by a build that has passed: a failing one writes nothing --
            keep_compiled(self.cache.templates() if feed.open else None)
        return execute.serial(source)

    def _finish(self, job: Job, data: bytes, pages: int, facts: dict[str, object], status: str, notices: list[dict[str, str]],
                files: tuple[tuple[str, bytes], ...] = (), sums: tuple[str, ...] = (),
                lazy: list[tuple[int, Callable[[], bytes | None]]] | None = None) -> None:
        checks = "passed" if self.options.check else "skipped"
        sums = sums if len(sums) == 1 + len(files) else (sha256(data), *(sha256(body) for _, body in files))  # -- the cache verified them --
        artifact = Artifact(document=job.document, locale=job.locale, format=job.format, variant=job.variant, path=job.path,
                            sha256=sums[0], pages=pages, checks=checks, notices=notices, **facts)  # type: ignore[arg-type]
        setattr(self.tally, status, getattr(self.tally, status) + 1)
        self.tally.artifacts.append(artifact)
        unread = lazy or [(None, None)] * (1 + len(files))  # -- (size, reader) of each part not read from the cache --
        self.pieces.setdefault(job.document, []).append((Piece(artifact, data, *unread[0]), status))
        folder = job.path.rsplit("/", 1)[0]
        for (name, body), digest, later in zip(files, sums[1:], unread[1:]):  # -- the files an artifact needs beside it (web assets) are committed and listed with it --
            asset = replace(artifact, variant="asset", path=f"{folder}/{name}", sha256=digest, pages=0, notices=[], waivers=[])
            self.pieces[job.document].append((Piece(asset, body, *later), status))
        self._done(job, status)

    def _kept(self, job: Job) -> bool:
        """A cached artifact whose output files already hold its bytes: finished from its entry's header, the body left unread
        (read, verified, only if a file changes before the commit); False when the files do not hold them."""
        head = self.cache.head(job.key)
        if head is None:
            return False
        folder = job.path.rsplit("/", 1)[0]
        paths = [job.path, *(f"{folder}/{name}" for name, _ in head.files)]
        try:
            targets = [self.out.peek(path) for path in paths]  # -- confined: a link in the output folder is never followed out of it --
        except HandoutsError:
            return False  # -- the commit refuses it, with its message --
        if not all(self.out.known.holds(path, digest, size) for path, digest, size in zip(targets, head.sums, head.sizes)):
            return False

        def part(i: int) -> Callable[[], bytes | None]:
            def load() -> bytes | None:
                entry = self.cache.get(job.key)
                return None if entry is None else (entry.data, *(body for _, body in entry.files))[i]
            return load
        self._finish(job, b"", head.pages, head.facts, "cached", head.notices, head.files, head.sums,
                     lazy=[(size, part(i)) for i, size in enumerate(head.sizes)])
        return True

    def _refused(self, jobs: list[Job]) -> None:
        """The jobs of a translation the feed refused: done, neither written nor failing their document's other locales."""
        ids = {job.id for job in jobs}
        self.cached = deque(unit for unit in self.cached if unit[0].id not in ids)
        for job in jobs:
            self.tally.refused += 1
            self._done(job, "refused")

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
            elif job.document in self.pieces:  # -- none when every locale of it was refused --
                self.ready.append(job.document)
            self._commit()

    def _held(self) -> int:
        """Bytes of finished artifacts not written yet."""
        return sum(len(p.data) for pieces in self.pieces.values() for p, _ in pieces)

    def _commit(self, force: bool = False) -> None:
        if not self.ready or not self.gate:
            return
        held = sum(len(p.data) for doc in self.ready for p, _ in self.pieces[doc])
        if not force and held < COMMIT_BYTES and time.monotonic() - self.last_commit < COMMIT_EVERY:
            return
        batch = {doc: self.pieces.pop(doc) for doc in self.ready}
        self.ready = []
        failed: dict[str, Problem | None] = dict.fromkeys(batch)  # -- once halted, nothing more is written --
        if not self.halted:
            try:
                failed = dict(self.out.commit([[p for p, _ in pieces] for pieces in batch.values()]))
            except OutputError as exc:  # -- no document of the batch was written, and no later one will be --
                self.halted = True
                self._problems(exc)
        self.last_commit = time.monotonic()
        for doc, pieces in batch.items():
            if doc in failed:
                self._unwritten(doc, pieces, failed[doc])
                continue
            self.tally.documents_written += 1
            for piece, status in pieces:
                if self.listener and piece.artifact.variant != "asset":
                    self.listener.written(piece.artifact, status)

    def _unwritten(self, document: str, pieces: list[tuple[Piece, str]], problem: Problem | None) -> None:
        """A document the commit kept out: its artifacts count as failed (they keep their previous files), with its problem."""
        if problem is not None:
            self._problems(OutputError(problem))
        self.broken.add(document)
        for piece, status in pieces:
            if piece.artifact.variant != "asset":
                setattr(self.tally, status, getattr(self.tally, status) - 1)
                self.tally.failed += 1

    def _problems(self, exc: HandoutsError) -> None:
        self.tally.problems += [p for p in exc.problems if p not in self.tally.problems]
        self.tally.kinds.add("OutputError")


def on_warning(options: BuildOptions) -> Callable[[str], None]:
    """Where cache warnings go: the options' warn callback, else stderr."""
    import sys

    return options.warn or (lambda message: print(f"warning: {message}", file=sys.stderr))
