"""The manifest file: output/manifest.json <-> entries by path, written whole and renamed into place (its bytes: indented JSON, entries sorted by path)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..output import MANIFEST, Artifact, atomic_write


def read_manifest(root: Path, drop_missing: bool = True) -> dict[str, dict]:
    """The manifest's entries by path ({} when there is none or it is unreadable); entries whose file is gone dropped."""
    path = root / MANIFEST
    if not path.is_file():
        return {}
    folder = str(root)
    try:
        old = json.loads(path.read_text(encoding="utf-8")).get("artifacts", [])
        return {e["path"]: e for e in old if not drop_missing or os.path.isfile(os.path.join(folder, e["path"]))}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_manifest(root: Path, entries: dict[str, dict], encoded: dict[str, str] | None = None) -> Path:
    """Swap in a manifest with these entries (sorted by path): the bytes of write_json's indented JSON, each entry formatted once per `encoded` memo."""
    memo = {} if encoded is None else encoded
    chunks = []
    for key in sorted(entries):
        compact = json.dumps(entries[key], ensure_ascii=False)
        chunk = memo.get(compact)
        if chunk is None:
            # -- json's indented encoder is pure Python (10x its compact one); a string never holds a raw newline, so indenting lines is exact --
            chunk = memo[compact] = "    " + json.dumps(entries[key], indent=2, ensure_ascii=False).replace("\n", "\n    ")
        chunks.append(chunk)
    body = '{\n  "artifacts": [\n' + ",\n".join(chunks) + "\n  ]\n}\n" if chunks else '{\n  "artifacts": []\n}\n'
    path = root / MANIFEST
    atomic_write(path, body.encode("utf-8"))
    return path


def manifest_entry(artifact: Artifact) -> dict:
    """An artifact as its manifest entry (dataclasses.asdict's result, without its deep copy: entries are never changed in place)."""
    return dict(vars(artifact))


def write_json(path: Path, body: object) -> Path:
    """A JSON file written whole and renamed into place (an OS error leaves the file as it was, and no temporary file)."""
    atomic_write(path, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def identity(path: Path) -> tuple[int, ...] | None:
    """What changes whenever the file is replaced (inode, size, mtime, ctime); None when there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
