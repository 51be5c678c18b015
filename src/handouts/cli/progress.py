"""What `handouts build` shows while it works: a rich progress bar on a terminal, one line per artifact otherwise, a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..output import Artifact
from .common import shown


class Lines:
    """Not a terminal (a log, CI): one line per artifact as its document is written."""

    def __init__(self, quiet: bool = False) -> None:
        self.out, self.quiet = Path("."), quiet

    def planned(self, artifacts: int, documents: int, out: Path) -> None:
        self.out = out

    def finished(self, job_id: str, path: str, status: str) -> None:
        pass

    def written(self, artifact: Artifact, status: str) -> None:
        if self.quiet:
            return
        unit = "slides" if artifact.format == "pptx" else "pages"
        verb = "wrote" if status == "built" else "cached"
        print(f"{verb} {shown(self.out / artifact.path)} ({artifact.pages} {unit}, {artifact.translation})", flush=True)

    def close(self) -> None:
        pass


class Bar(Lines):
    """A terminal: documents and artifacts done / total, the current item and the time left (rich, on stderr)."""

    def __init__(self) -> None:
        super().__init__(quiet=True)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        from ..pipeline import execute

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("eta"), TimeRemainingColumn(), TextColumn("{task.fields[current]}"),
                                 console=Console(stderr=True), transient=True,
                                 # -- no refresh thread where workers fork from this process (the build server) --
                                 auto_refresh=execute.START != "fork")
        self.docs: Any = None
        self.artifacts: Any = None
        self.seen: set[str] = set()

    def planned(self, artifacts: int, documents: int, out: Path) -> None:
        self.out = out
        self.progress.start()
        self.artifacts = self.progress.add_task("artifacts", total=artifacts, current="")
        self.docs = self.progress.add_task("documents", total=documents, current="")

    def finished(self, job_id: str, path: str, status: str) -> None:
        self.progress.update(self.artifacts, advance=1, current=f"{status} {path}", refresh=True)

    def written(self, artifact: Artifact, status: str) -> None:
        if artifact.document not in self.seen:  # a document's artifacts are written together
            self.seen.add(artifact.document)
            self.progress.update(self.docs, advance=1, current=artifact.document, refresh=True)

    def close(self) -> None:
        self.progress.stop()


def listener(quiet: bool) -> Lines:
    """The progress display for this terminal (or none of it with --quiet)."""
    if not quiet and sys.stderr.isatty():
        return Bar()
    return Lines(quiet)


def summary(built: int, cached: int, failed: int, seconds: float) -> str:
    """The last line of a build."""
    return f"built {built}, cached {cached}, failed {failed} artifact(s) in {seconds:.1f} s"
