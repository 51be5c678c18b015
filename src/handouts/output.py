"""Write artifacts: all staged first, then put in place at once; only inside the output folder, never the same path twice."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
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
    """Confines every write to one folder; stages all files, then renames them and the manifest together."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.staged: dict[Path, tuple[Artifact, bytes]] = {}

    def check(self) -> None:
        """Fail early, before any rendering, when the output folder cannot be a writable folder."""
        existing = next(p for p in (self.root, *self.root.parents) if p.exists())
        if not existing.is_dir():
            raise OutputError(Problem("is a file, not a folder: the output needs a folder (see --out or output_dir)", path=existing))
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputError(Problem("the output folder is not writable: choose another with --out, or fix its permissions", path=existing))

    def target(self, relative: str) -> Path:
        """Resolve a path under the output folder, refusing anything that escapes it."""
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise OutputError(Problem(f"refusing to write outside the output folder: {relative}"))
        return path

    def add(self, artifact: Artifact, data: bytes) -> Path:
        """Record one artifact's bytes for commit(); the same path twice in one build is a bug in the plan."""
        path = self.target(artifact.path)
        if path in self.staged:
            raise OutputError(Problem(f"two artifacts would be written to {artifact.path}"))
        self.staged[path] = (artifact, data)
        return path

    def commit(self) -> Path:
        """Write every artifact and the merged manifest: all or (on an OS error) none; Ctrl-C waits until done."""
        manifest = self.root / MANIFEST
        files = {path: data for path, (_, data) in self.staged.items()}
        files[manifest] = self._manifest()
        created: list[Path] = []
        temps: dict[Path, Path] = {}
        path = self.root
        with _signals_deferred():
            try:
                for path, data in files.items():
                    created += _missing_folders(path.parent)
                    temps[path] = _stage(path, data)
                for path, tmp in temps.items():
                    os.replace(tmp, path)
            except OSError as exc:
                for tmp in temps.values():
                    tmp.unlink(missing_ok=True)
                for folder in reversed(created):
                    if folder.is_dir() and not any(folder.iterdir()):
                        folder.rmdir()
                raise OutputError(Problem(f"cannot write this file: {exc.strerror or exc}", path=path)) from None
        return manifest

    def _manifest(self) -> bytes:
        # -- merged with the previous manifest; entries whose file is gone are dropped --
        path = self.root / MANIFEST
        entries: dict[str, dict[str, object]] = {}
        if path.is_file():
            try:
                old = json.loads(path.read_text(encoding="utf-8")).get("artifacts", [])
                entries = {e["path"]: e for e in old if (self.root / e["path"]).is_file()}
            except (ValueError, KeyError, TypeError, AttributeError):
                entries = {}
        for artifact, _ in self.staged.values():
            entries[artifact.path] = asdict(artifact)
        body = {"artifacts": [entries[k] for k in sorted(entries)]}
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _missing_folders(folder: Path) -> list[Path]:
    """The folders above and at folder that do not exist yet, outermost first (to remove them after a failure)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    return missing[::-1]


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
