"""Known files: the sha256 of output files a build has hashed, by their stat identity, so that a rebuild need not hash them again.

A rebuild checks that every output file still holds the bytes its manifest entry names (about
190 MB at 100 documents x 4 locales). As git's index does, the digest is kept with the file's
identity (inode, size, mtime, ctime) and used again only while that identity is unchanged: any
write, rename or chmod changes the ctime, which no program can set back. The racy case (a file
changed within the timestamp granularity of the moment it was hashed) is git's too, and handled
the same way: a digest taken less than RACY_NS after the file's last change is not trusted, the
file is hashed again. Kept in the cache folder (`files.json`); without the cache every file is
hashed. Written here rather than taken from a library: no maintained package keeps such a
stat-keyed digest table for arbitrary files.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from ..output import _stage, file_sha256

KNOWN = "files.json"  # -- in the cache folder --
RACY_NS = 2_000_000_000  # -- coarser than any filesystem's timestamp granularity (ext4 and tmpfs: a clock tick; FAT: 2 s) --


class Known:
    """sha256 of files by stat identity, kept across builds in one JSON file (None: nothing kept, every file hashed)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.hashed = 0  # files hashed (not known) by this build
        self._table: dict[str, list] = {}
        self._changed = False
        if path is not None:
            try:
                table = json.loads(path.read_text(encoding="utf-8"))
                self._table = table if isinstance(table, dict) else {}
            except (OSError, ValueError):
                self._table = {}

    def holds(self, file: Path | str, digest: object, size: int | None = None) -> bool:
        """Whether the file holds the bytes of this sha256 (of this size, when given: a different size needs no hashing)."""
        return isinstance(digest, str) and self.sha256(file, size) == digest

    def sha256(self, file: Path | str, size: int | None = None) -> str | None:
        """The file's sha256 (None when it is not a readable regular file, or not of `size` bytes)."""
        name = os.fspath(file)
        try:
            before = os.stat(name)
        except OSError:
            return None
        if not stat.S_ISREG(before.st_mode) or (size is not None and before.st_size != size):
            return None
        ident = [before.st_ino, before.st_size, before.st_mtime_ns, before.st_ctime_ns]
        row = self._table.get(name)
        if isinstance(row, list) and len(row) == 6 and row[:4] == ident and row[5] - before.st_ctime_ns > RACY_NS:
            return str(row[4])
        try:
            digest = file_sha256(Path(name))
            after = os.stat(name)
        except OSError:
            return None
        self.hashed += 1
        if self.path is not None and [after.st_ino, after.st_size, after.st_mtime_ns, after.st_ctime_ns] == ident:
            self._table[name] = [*ident, digest, time.time_ns()]
            self._changed = True
        return digest

    def save(self) -> None:
        """Write the table (atomically) when this build hashed something; an OS error only loses the speed-up."""
        if self.path is None or not self._changed:
            return
        live = {name: row for name, row in self._table.items() if os.path.isfile(name)}
        try:
            os.replace(_stage(self.path, json.dumps(live, sort_keys=True).encode()), self.path)
        except OSError:
            pass
        self._changed = False

