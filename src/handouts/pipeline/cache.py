"""Content-hash cache: a Job key -> the artifact's bytes, page count and manifest facts, stored under .handouts-cache/.

One file per entry, `<folder>/<key[:2]>/<key>`: a JSON header line (sha256 and size of the bytes,
pages, provenance, the renderer's notices, and name, size and sha256 of each file that goes beside the artifact) then the
bytes, then those files' bytes. Entries are written to a temporary file and renamed, so a
reader (another build running at the same time) sees a whole entry or none; an entry whose bytes
do not match its recorded sha256 (a torn disk, an edit) is deleted and the artifact rendered again.
A folder that cannot be written turns the cache off for the build, with one warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = ".handouts-cache"
FORMAT = 3  # bump when the entry layout changes: older entries are then misses
HEADS = "heads.json"  # entry header lines by the entry file's identity: a rebuild reads one file, not one per cached artifact


@dataclass
class Entry:
    """A cached artifact: its bytes, pages, the manifest facts that came with them, the renderer's notices and its files (web assets)."""

    data: bytes
    pages: int
    facts: dict[str, object] = field(default_factory=dict)
    notices: list[dict[str, str]] = field(default_factory=list)
    files: tuple[tuple[str, bytes], ...] = ()
    sums: tuple[str, ...] = ()  # sha256 of data, then of each file, when known (get() has verified them): not hashed again
    sizes: tuple[int, ...] = ()  # a header read alone (head()): the size of data, then of each file


class Cache:
    """Entries keyed by input hash; get() verifies, put() is atomic; off (with a warning) when the folder is unusable."""

    def __init__(self, folder: Path | None, warn: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.warn = warn or (lambda message: None)
        self.hits = self.misses = self.corrupt = 0
        self.head_reads = 0  # entry files opened by head() (a counter tests can look at)
        self._heads: dict[str, list] | None = None  # key -> [inode, size, mtime, ctime, header line], read on first use
        self._seen: dict[str, list] = {}  # the rows of the entries this build took by header or wrote
        if folder is not None and not self._usable(folder):
            self.folder = None

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _usable(self, folder: Path) -> bool:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(dir=folder, prefix=".probe.", suffix=".tmp")
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            self.warn(f"{folder}: the cache folder cannot be written ({exc.strerror or exc}): building without the cache (see --cache DIR, --no-cache)")
            return False
        return True

    def templates(self) -> Path | None:
        """A folder for compiled templates (None without the cache, or when it cannot be made)."""
        if self.folder is None:
            return None
        path = self.folder / "templates"
        try:
            path.mkdir(exist_ok=True)
        except OSError:
            return None
        return path

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / key

    def has(self, key: str) -> bool:
        """Whether an entry exists (not yet verified: get() does that)."""
        return self.folder is not None and self._path(key).is_file()

    def get(self, key: str) -> Entry | None:
        """The verified entry for a key; None when missing, unreadable or corrupt (a corrupt entry is removed)."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        head, _, body = raw.partition(b"\n")
        try:
            meta = json.loads(head)
            parts = _split(body, [meta["size"]] + [size for _, size, _ in meta.get("files", [])])
            sums = [meta["sha256"]] + [digest for _, _, digest in meta.get("files", [])]
            ok = meta.get("format") == FORMAT and parts is not None and all(hashlib.sha256(p).hexdigest() == d for p, d in zip(parts, sums))
        except (ValueError, KeyError, TypeError, AttributeError):
            ok = False
        if not ok:
            self.corrupt += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        assert parts is not None
        files = tuple((name, data) for (name, _, _), data in zip(meta.get("files", []), parts[1:]))
        return Entry(parts[0], int(meta["pages"]), dict(meta.get("facts", {})), list(meta.get("notices", [])), files, tuple(sums))

    def head(self, key: str) -> Entry | None:
        """An entry's header only, its body not read nor verified (data and files empty; `sizes` and `sums` of each part): for an
        artifact whose output files already hold those bytes. None when missing or unreadable; get() is the verified read."""
        if self.folder is None:
            return None
        try:
            meta = json.loads(self._head_line(key))
            files = meta.get("files", [])
            if meta.get("format") != FORMAT:
                return None
            return Entry(b"", int(meta["pages"]), dict(meta.get("facts", {})), list(meta.get("notices", [])), tuple((str(n), b"") for n, _, _ in files),
                         (str(meta["sha256"]), *(str(d) for _, _, d in files)), (int(meta["size"]), *(int(z) for _, z, _ in files)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _head_line(self, key: str) -> str:
        """An entry's header line: from the index while the entry file's identity is the one recorded, else from the file."""
        path = self._path(key)
        st = os.stat(path)
        ident = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        row = self._index().get(key)
        # -- entries are replaced by rename (a new inode) and any edit changes the ctime: the identity tells a changed entry --
        if isinstance(row, list) and len(row) == 5 and row[:4] == ident and isinstance(row[4], str):
            self._seen[key] = row
            return row[4]
        with open(path, "rb") as fh:
            line = fh.readline().decode()
            st = os.fstat(fh.fileno())
        self.head_reads += 1
        self._seen[key] = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, line]
        return line

    def _index(self) -> dict[str, list]:
        if self._heads is None:
            self._heads = {}
            if self.folder is not None:
                try:
                    table = json.loads((self.folder / HEADS).read_text(encoding="utf-8"))
                    self._heads = table if isinstance(table, dict) else {}
                except (OSError, ValueError):
                    pass
        return self._heads

    def save(self) -> None:
        """Keep the header index: this build's rows and the earlier rows whose entry is still there; an OS error only loses the speed-up."""
        if self.folder is None or not self._seen:
            return
        table = {key: row for key, row in self._index().items() if key not in self._seen and self._path(key).is_file()}
        table.update(self._seen)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".heads.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps(table, sort_keys=True).encode())
            os.replace(tmp, self.folder / HEADS)
        except OSError:
            pass
        self._seen = {}

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry atomically; an OS error turns the cache off for the rest of the build, with a warning."""
        if self.folder is None:
            return
        path = self._path(key)
        head = {"format": FORMAT, "sha256": hashlib.sha256(entry.data).hexdigest(), "size": len(entry.data), "pages": entry.pages, "facts": entry.facts,
                "notices": entry.notices}
        if entry.files:
            head["files"] = [[name, len(data), hashlib.sha256(data).hexdigest()] for name, data in entry.files]
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{key[:8]}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                line = json.dumps(head, sort_keys=True) + "\n"
                fh.write(line.encode() + entry.data)
                for _, data in entry.files:
                    fh.write(data)
                fh.flush()
                os.replace(tmp, path)
                st = os.fstat(fh.fileno())  # -- after the rename, which changes the ctime --
            self._seen[key] = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, line]
        except OSError as exc:
            if tmp:
                Path(tmp).unlink(missing_ok=True)
            self.warn(f"{self.folder}: cannot write to the cache ({exc.strerror or exc}): going on without it")
            self.folder = None


def _split(body: bytes, sizes: list[int]) -> list[bytes] | None:
    """body cut into pieces of these sizes; None when the sizes do not add up to it (a torn entry)."""
    if sum(sizes) != len(body):
        return None
    parts, start = [], 0
    for size in sizes:
        parts.append(body[start:start + size])
        start += size
    return parts


def clean(folder: Path) -> bool:
    """Remove a cache folder; True when there was one."""
    if not folder.is_dir():
        return False
    shutil.rmtree(folder)
    return True
