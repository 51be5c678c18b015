"""Write artifacts: atomically, only inside the output folder, never the same path twice; keep the manifest."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import HandoutsError, Problem

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


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder + rename: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Writer:
    """Confines every write to one folder and records what was written."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.written: dict[Path, Artifact] = {}

    def target(self, relative: str) -> Path:
        """Resolve a path under the output folder, refusing anything that escapes it."""
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise HandoutsError(Problem(f"refusing to write outside the output folder: {relative}"))
        return path

    def write(self, artifact: Artifact, data: bytes) -> Path:
        """Write one artifact's bytes atomically; the same path twice in one build is a bug in the plan."""
        path = self.target(artifact.path)
        if path in self.written:
            raise HandoutsError(Problem(f"two artifacts would be written to {artifact.path}"))
        atomic_write(path, data)
        self.written[path] = artifact
        return path

    def write_manifest(self) -> Path:
        """Merge this build's artifacts into manifest.json (entries whose file is gone are dropped)."""
        path = self.root / MANIFEST
        entries: dict[str, dict[str, object]] = {}
        if path.is_file():
            try:
                old = json.loads(path.read_text(encoding="utf-8")).get("artifacts", [])
                entries = {e["path"]: e for e in old if (self.root / e["path"]).is_file()}
            except (ValueError, KeyError, TypeError, AttributeError):
                entries = {}
        for artifact in self.written.values():
            entries[artifact.path] = asdict(artifact)
        body = {"artifacts": [entries[k] for k in sorted(entries)]}
        atomic_write(path, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        return path


def sha256(data: bytes) -> str:
    """Hex digest recorded in the manifest."""
    return hashlib.sha256(data).hexdigest()
