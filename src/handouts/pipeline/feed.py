"""Feed: documents checked and localized one step at a time, so that rendering starts before the last document is checked.

Nothing of a build may be written unless every document passed its checks (pipeline.run holds
finished documents until then): the feed says when that is known (`open`), or that it failed
(`failed`: then no more jobs come, and the remaining documents are still checked so that every
problem is reported at once). A translation that cannot be published (stale, partial, a check
error in its catalog) refuses only that document in that locale: its jobs are dropped
(`on_refused`), its problems kept (`refusals`), and the rest of the build goes on; with
--fail-fast it fails the build as before. The main process calls `step` while it waits for the
workers; a pull from `jobs` localizes on demand.
"""

from __future__ import annotations

import gettext
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CheckFailed, Collector, HandoutsError, Problem, TranslationError
from .plan import Job, materialize

if TYPE_CHECKING:
    from ..build import BuildOptions, Project
    from ..checks.findings import Finding
    from .checked import Checker

LOW = 4  # jobs ready to render below which localizing the next unit comes before checking the next document


class Feed:
    """The keyed units of a build -> render-ready jobs, checking each document before its units are localized."""

    def __init__(self, project: Project, options: BuildOptions, units: list[list[Job]], cached: Callable[[str], bool] | None = None) -> None:
        self.project, self.options = project, options
        self.all = units
        self.cached: list[list[Job]] = []  # units whose every artifact is in the cache: not localized, taken once the feed is open
        self.units: dict[Path, list[list[Job]]] = {}  # the others, by document
        for unit in units:
            if cached is not None and all(cached(j.key) for j in unit):
                self.cached.append(unit)
            else:
                self.units.setdefault(unit[0].folder, []).append(unit)
        self.expected = sum(len(u) for units in self.units.values() for u in units)  # jobs that may be rendered
        self.formats = sorted({job.format for units in self.units.values() for u in units for job in u})
        self.to_check: deque[Path] = deque()
        self.to_plan: deque[list[Job]] = deque()
        self.ready: deque[Job] = deque()
        self.check_errors: list[Finding] = []
        self.problems = Collector()
        self._words: dict[str, gettext.NullTranslations] = {}
        self.checker: Checker | None = None
        self.refusals = Collector()  # problems of the (document, locale)s refused
        self.refused: set[tuple[Path, str]] = set()
        self.on_refused: Callable[[list[Job]], None] = lambda jobs: None  # the runner counts their jobs as done

    def start(self, checker: Checker | None) -> None:
        """Begin: each document is checked before its units are localized (none is checked without a checker)."""
        self.checker = checker
        if checker is not None:
            # -- the documents with something to render first, so that the workers start while the cached ones are checked --
            self.to_check.extend(sorted(self.project.documents, key=lambda folder: folder not in self.units))
            return
        for folder in self.project.documents:
            self._queue(folder)

    @property
    def failed(self) -> bool:
        """A check error, a problem that is not one translation's, or every translation refused: this build writes nothing (not even the cache)."""
        return bool(self.check_errors or self.problems.problems or (self.refused and not self.cached and not any(self.units.values())))

    @property
    def done(self) -> bool:
        return not self.to_check and not self.to_plan

    @property
    def open(self) -> bool:
        """Every document checked and localized without a problem: finished documents may be written."""
        return self.done and not self.failed

    def all_jobs(self) -> list[Job]:
        """Every job of the build, cached or not."""
        return [job for unit in self.all for job in unit]

    def step(self) -> bool:
        """One piece of work ahead of the rendering (check a document or localize a unit); False when none is left."""
        if self.to_plan and (len(self.ready) < LOW or not self.to_check):
            self._plan(self.to_plan.popleft())
        elif self.to_check:
            self._check(self.to_check.popleft())
        else:
            return False
        return True

    def finish(self) -> None:
        """Do now everything that is left (checks and localization)."""
        while self.step():
            pass

    def jobs(self) -> Iterator[Job]:
        """Render-ready jobs, localized as they are pulled; none once the build has failed."""
        while True:
            if self.failed:
                self.finish()
                return
            if self.ready:
                yield self.ready.popleft()
            elif not self.step():
                return

    def raise_if_failed(self) -> None:
        """CheckFailed with every check error (as when checks ran first), else every translation problem."""
        if self.checker is not None and self.check_errors:
            raise CheckFailed([f.problem() for f in self.checker.errors()])
        if self.problems.problems:  # -- all at once: the refused translations' problems too --
            self.problems.extend([p for p in self.refusals.problems if p not in self.problems.problems])
            self.problems.kinds |= self.refusals.kinds
        self.problems.raise_if_any()

    def findings(self) -> list[Finding]:
        return self.checker.sorted() if self.checker else []

    def _check(self, folder: Path) -> None:
        assert self.checker is not None
        errors = self.checker.document(folder)
        by_locale: dict[str, list[Finding]] = {}
        for finding in errors:
            if self._refusable(finding.locale):
                by_locale.setdefault(str(finding.locale), []).append(finding)
            else:
                self.check_errors.append(finding)
        for locale, findings in sorted(by_locale.items()):
            self._refuse(folder, locale, [f.problem() for f in sorted(findings, key=lambda f: f.sort_key())], CheckFailed)
        if self.check_errors:  # -- a failed check writes nothing: nothing more is localized or rendered --
            self.to_plan.clear()
            self.ready.clear()
        else:
            self._queue(folder)

    def _queue(self, folder: Path) -> None:
        self.to_plan.extend(u for u in self.units.get(folder, ()) if (folder, u[0].locale) not in self.refused)

    def _plan(self, unit: list[Job]) -> None:
        if (unit[0].folder, unit[0].locale) in self.refused:
            return
        try:
            jobs = materialize(self.project, self.options, unit, self._words)
        except TranslationError as exc:
            if self._refusable(unit[0].locale):
                self._refuse(unit[0].folder, unit[0].locale, exc.problems, TranslationError)
                return
            self._fatal(exc)
            return
        except HandoutsError as exc:
            self._fatal(exc)
            return
        if not self.problems.problems:
            self.ready.extend(jobs)

    def _fatal(self, exc: HandoutsError) -> None:
        self.problems.absorb(exc)
        self.ready.clear()  # -- every problem is still collected, but nothing more is rendered --

    def _refusable(self, locale: str | None) -> bool:
        """A problem of this locale refuses only it: a translation (never the source), unless --fail-fast asks to stop at the first."""
        return bool(locale) and locale != self.project.config.source_locale and not self.options.fail_fast

    def _refuse(self, folder: Path, locale: str, problems: list[Problem], kind: type[HandoutsError]) -> None:
        """Drop every job of the document in this locale (queued, ready or cached) and keep why."""
        self.refusals.problems.extend(p for p in problems if p not in self.refusals.problems)
        self.refusals.kinds.add(kind)
        if (folder, locale) in self.refused:
            return
        self.refused.add((folder, locale))
        mine = lambda unit: unit[0].folder == folder and unit[0].locale == locale  # noqa: E731
        dropped = [job for unit in self.units.get(folder, []) + self.cached if mine(unit) for job in unit]
        self.units[folder] = [u for u in self.units.get(folder, []) if not mine(u)]
        self.cached = [u for u in self.cached if not mine(u)]
        self.to_plan = deque(u for u in self.to_plan if not mine(u))
        self.ready = deque(j for j in self.ready if not (j.folder == folder and j.locale == locale))
        self.on_refused(dropped)
