"""Change requests -> builds through handouts.build (cached, drafts allowed) -> the preview state pages follow.

A rebuild never stops the server: a HandoutsError becomes the page overlay (`path:line:
message`), anything else is logged as one line and shown the same way, and the output folder
keeps the last good build (the pipeline writes a document whole or not at all). When the web
edition is among the formats it is built first, so an open page reloads as soon as its text
is ready; the leaflets and decks follow in a second pass, once the open pages have reloaded
(or after RELOAD_GRACE): rendering them in this process would hold up the server's answers.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path

from ..build import BuildOptions, BuildReport, build
from ..config import FORMATS, load_config
from ..errors import HandoutsError, Problem
from .state import PreviewState

WEB = "html"
RELOAD_GRACE = 2.0  # seconds the leaflets and decks wait for open pages to reload the new web edition (they would compete for the CPU)


def preview_formats(root: Path, wanted: list[str] | None) -> list[str]:
    """The formats a preview builds: those asked for, else the project's plus the web edition (when this handouts has it)."""
    if wanted:
        return list(wanted)
    try:
        configured = list(load_config(root).formats)
    except HandoutsError:
        configured = list(FORMATS)  # the build reports the config's problem
    return ([WEB] if WEB in FORMATS and WEB not in configured else []) + configured


def passes(formats: list[str]) -> list[list[str]]:
    """The web edition alone first (fast: the page can reload), then the rest."""
    rest = [f for f in formats if f != WEB]
    return [[WEB], rest] if WEB in formats and rest else [formats]


def shown(problem: Problem, root: Path) -> str:
    """A problem as the overlay and the log show it, with its path relative to the project."""
    path = Path(problem.path) if problem.path else None
    if path is not None and path.is_absolute() and path.is_relative_to(root):
        problem = dataclasses.replace(problem, path=path.relative_to(root).as_posix())
    return str(problem)


class Rebuilder:
    """Runs builds on request in one thread, coalescing requests that arrive while a build runs."""

    def __init__(self, root: Path, options: BuildOptions, formats: list[str] | None, state: PreviewState, log: Callable[[str], None]) -> None:
        self.root, self.options, self.formats, self.state, self.log = root.resolve(), options, formats, state, log
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self.idle = threading.Event()  # set while no build runs and none is asked for
        self._thread = threading.Thread(target=self._loop, name="handouts-rebuild", daemon=True)
        self.after: Callable[[], None] | None = None  # called after each rebuild (the watcher follows handouts.yml)

    def start(self) -> None:
        """Start the rebuild thread with a first build."""
        self.request()
        self._thread.start()

    def request(self) -> None:
        """Something changed: rebuild soon (once, however many requests arrive meanwhile)."""
        with self._lock:
            self.idle.clear()
            self._wanted.set()

    def stop(self, timeout: float = 60) -> None:
        """Finish the build in progress (never leave one half-done) and end the thread."""
        self._stopping.set()
        self._wanted.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping.is_set():
                return
            with self._lock:
                self._wanted.clear()
            self.rebuild()
            if self.after is not None:
                self.after()
            with self._lock:
                if not self._wanted.is_set():
                    self.idle.set()

    def rebuild(self) -> None:
        """One rebuild, pass by pass; a new request between passes starts again from the first."""
        for formats in passes(preview_formats(self.root, self.formats)):
            changed, problems, note = self._build(formats)
            self.state.finished(changed, problems, note)
            self.log(f"{'/'.join(formats)}: {note}" + (f"; {len(problems)} problem(s), shown on the page" if problems else ""))
            for line in problems:
                self.log(f"  {line}")
            if problems or self._wanted.is_set() or self._stopping.is_set():
                return
            if changed:
                self.state.reloaded(RELOAD_GRACE)

    def _build(self, formats: list[str]) -> tuple[bool, list[str], str]:
        """Build these formats: (output changed, problems, summary)."""
        # -- the web edition renders in this process: it keeps its converted web fonts between rebuilds (a pool would redo them) --
        options = dataclasses.replace(self.options, formats=formats, jobs=1 if formats == [WEB] else self.options.jobs)
        try:
            report = build(self.root, options)
        except HandoutsError as exc:
            done: BuildReport | None = getattr(exc, "report", None)
            written = done.written if done else 0
            note = f"failed, {written} artifact(s) of other documents written; the last good preview stays" if written else "failed; the last good preview stays"
            return bool(written), [shown(p, self.root) for p in exc.problems], note
        except Exception as exc:  # noqa: BLE001 -- a bug must not stop the preview: one line, the last good output stays
            line = " ".join(f"internal error while rebuilding ({type(exc).__name__}: {exc}); the last good preview stays, please report this".split())
            return False, [line], "failed"
        return report.written > 0, [], f"built {report.built}, cached {report.cached} in {report.seconds:.1f} s"
