"""Output primitives: the manifest entry (Artifact), complete-then-renamed files, digests; the committing writer is in handouts.pipeline.write."""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError, Problem

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Artifact:
    """One written file, as listed in output/manifest.json."""

    document: str
    locale: str
    format: str
    variant: str
    path: str
    sha256: str
    pages: int
    source_version: str
    translation: str = "source"
    reviewed: bool = True
    checks: str = "passed"
    paper: str | None = None  # leaflets: A4, A5 or Letter (the page size; a booklet's sheet is twice it)
    waivers: list[dict[str, object]] = field(default_factory=list)  # reviewers' numbers waivers that apply (checks.waivers.applying)
    notices: list[dict[str, str]] = field(default_factory=list)  # the renderer's info and warning lines ({severity, message})
    source_sha256: str = ""  # the document's source (its folder without locales/) this artifact was built from
    outdated: bool = False  # the document's source has changed since: not for publishing until rebuilt (pipeline.write.mark_outdated)


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder + rename: readers see the old file or the new one."""
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _stage(path: Path, data: bytes) -> Path:
    """data in a complete, synced temp file beside path (nothing at path changes yet)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


class Writer:
    """Stages artifacts in memory, then commits them all in one locked, journalled step (see handouts.pipeline.write)."""

    def __init__(self, root: Path) -> None:
        from .pipeline.write import OutputFolder

        self.folder = OutputFolder(root)
        self.root = self.folder.root
        self.staged: dict[Path, tuple[Artifact, bytes]] = {}

    def check(self) -> None:
        """Fail early, before any rendering, when the output folder cannot be a writable folder."""
        self.folder.check()

    def target(self, relative: str) -> Path:
        """Resolve a path under the output folder, refusing anything that escapes it."""
        return self.folder.target(relative)

    def add(self, artifact: Artifact, data: bytes) -> Path:
        """Record one artifact's bytes for commit(); the same path twice in one build is a bug in the plan."""
        path = self.target(artifact.path)
        if path in self.staged:
            raise OutputError(Problem(f"two artifacts would be written to {artifact.path}"))
        self.staged[path] = (artifact, data)
        return path

    def commit(self) -> Path:
        """Write every artifact and the merged manifest: all or (on an OS error) none; Ctrl-C waits until done."""
        from .pipeline.write import Piece

        try:
            failed = self.folder.commit([[Piece(a, d) for a, d in self.staged.values()]]) if self.staged else []
        finally:
            self.folder.close()
        if failed:
            raise OutputError([problem for _, problem in failed])
        return self.root / MANIFEST


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM arriving inside the block act when it ends (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, _frame: caught.append(number)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            signal.raise_signal(caught[0])


def sha256(data: bytes) -> str:
    """Hex digest recorded in the manifest."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Hex digest of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
