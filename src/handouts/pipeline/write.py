"""Write: finished documents (artifacts + bytes) -> files in the output folder and a manifest that never lies.

Choice (issue 15 item 1): a journal the next build rolls back, with the manifest kept truthful
at every instant. Each commit holds the folder's lock (flock on the output folder itself, so no
lock file is left in it) and:

1. stages every new file, complete and fsynced, under `.handouts-tmp/<build>/` (same filesystem);
2. writes the journal `.handouts-journal.json`: each target, its staged file, a hard-link
   backup of the old file, the old and the new manifest entries;
3. swaps in the manifest *without* the entries of the paths about to change;
4. renames each staged file over its target;
5. swaps in the manifest with the new entries, then removes the journal and the backups.

A manifest entry therefore always names the bytes of its file: while files change (step 4)
their paths are not in the manifest. An OS error in step 4 puts that document back as it
was (old files from the backups, old entries back) and the others go on. A build killed
anywhere leaves the journal; the next build or `handouts clean` (recover()) finishes the
bookkeeping when step 5 happened, else rolls the documents back. Staging folders of builds
that are no longer running (each build holds a flock on its own) and stray `.*.tmp` files
are removed.
Two builds into one folder merge their entries under the lock, so neither loses the other's.
The manifest is parsed once per build: under the lock, a commit takes the entries it wrote
last unless the file's identity (inode, size, mtime, ctime) shows another build replaced it.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError, Problem
from ..output import MANIFEST, Artifact, _signals_deferred, _stage
from .known import Known
from .manifest import identity, manifest_entry, read_manifest, write_json, write_manifest

__all__ = ["JOURNAL", "STAGING", "OutputFolder", "Piece", "read_manifest", "recover", "write_json", "write_manifest"]

JOURNAL, STAGING = ".handouts-journal.json", ".handouts-tmp"


@dataclass
class Piece:
    """One artifact of a document to commit: its manifest entry and bytes, or (for a file that already holds them) their size and
    how to read them should the file change before the commit."""

    artifact: Artifact
    data: bytes
    size: int | None = None
    load: Callable[[], bytes | None] | None = None

    @property
    def length(self) -> int:
        return len(self.data) if self.size is None else self.size

    def body(self) -> bytes:
        """The bytes to write; an OutputError when they were not kept and can no longer be read."""
        if self.load is None:
            return self.data
        data = self.load()
        if data is None or len(data) != self.length:
            raise OutputError(Problem("this file changed while the build ran and its cache entry is gone: build again", path=self.artifact.path))
        return data


class OutputFolder:
    """The output folder of one build: confined paths, a private staging folder, locked commits."""

    def __init__(self, root: Path, known: Known | None = None) -> None:
        self.root = root.resolve()
        self.known = known or Known(None)  # -- digests of output files by stat identity: a rebuild does not hash them again --
        self.build_id = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._mine: int | None = None  # fd of this build's staging lock
        self.written: list[Artifact] = []  # every entry this build put in the manifest
        self._manifest: tuple[tuple[int, ...], dict[str, dict]] | None = None  # the file's identity when this build last read or wrote it, and its entries
        self._encoded: dict[str, str] = {}  # an entry's compact JSON -> its lines in the manifest (written again by every commit)
        self._parents: dict[str, str] | None = None  # inside a commit: folder -> its resolved path
        self._peeked: dict[str, str] = {}  # the same for peek(), for the life of the build

    def check(self) -> None:
        """Fail early, before any rendering, when the output folder cannot be a writable folder."""
        existing = next(p for p in (self.root, *self.root.parents) if p.exists())
        if not existing.is_dir():
            raise OutputError(Problem("is a file, not a folder: the output needs a folder (see --out or output_dir)", path=existing))
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputError(Problem("the output folder is not writable: choose another with --out, or fix its permissions", path=existing))

    def target(self, relative: str) -> Path:
        """Resolve a path under the output folder, refusing anything that escapes it."""
        return self._confined(relative, self._parents)

    def peek(self, relative: str) -> Path:
        """target() for a look before the commit, never for writing: each folder resolved once a build (the commit resolves again, under the lock)."""
        return self._confined(relative, self._peeked)

    def _confined(self, relative: str, parents: dict[str, str] | None) -> Path:
        path = self._resolve(os.path.join(self.root, relative), parents)
        if not path.startswith(os.path.join(self.root, "")) or os.path.basename(path).startswith(".handouts"):  # -- inside, and not the folder itself --
            raise OutputError(Problem(f"refusing to write outside the output folder: {relative}"))
        return Path(path)

    @staticmethod
    def _resolve(path: str, parents: dict[str, str] | None) -> str:
        """os.path.realpath(path); with `parents` (a commit's, under the lock) each folder is resolved once, and only a link at the end is followed again."""
        parent, name = os.path.split(path)
        if parents is None or name in ("", ".", ".."):
            return os.path.realpath(path)
        real = parents.get(parent)
        if real is None:
            real = parents[parent] = os.path.realpath(parent)
        leaf = os.path.join(real, name)
        return os.path.realpath(leaf) if os.path.islink(leaf) else leaf

    def prepare(self) -> bool:
        """Before a build (and for `handouts clean`): finish or roll back what an interrupted build left, remove stray temporary files."""
        if not self.root.is_dir():
            return False
        with _signals_deferred(), self.locked():
            return recover(self.root)

    # -- staging ------------------------------------------------------------------------------

    def _staging(self) -> Path:
        folder = self.root / STAGING / self.build_id
        if self._mine is None:
            folder.mkdir(parents=True, exist_ok=True)
            self._mine = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            fcntl.flock(self._mine, fcntl.LOCK_EX)
        return folder

    def close(self) -> None:
        """Remove this build's staging folder (and the staging root when empty); keep the digests of the files hashed."""
        self.known.save()
        if self._mine is None:
            return
        shutil.rmtree(self.root / STAGING / self.build_id, ignore_errors=True)
        os.close(self._mine)
        self._mine = None
        with suppress_oserror():
            (self.root / STAGING).rmdir()

    # -- commit -------------------------------------------------------------------------------

    def commit(self, documents: list[list[Piece]]) -> list[tuple[str, Problem]]:
        """Put documents in place, each whole or not at all; returns (document, problem) for those an OS error kept out."""
        self._parents = {}
        try:
            return self._commit(documents)
        finally:
            self._parents = None

    def _commit(self, documents: list[list[Piece]]) -> list[tuple[str, Problem]]:
        for pieces in documents:  # -- refused before anything is made, the output folder included --
            if len({self.target(p.artifact.path) for p in pieces}) != len(pieces):
                raise OutputError(Problem(f"two artifacts of {pieces[0].artifact.document} would be written to the same path"))
        failed: list[tuple[str, Problem]] = []
        with _signals_deferred(), self.locked():
            self._parents = {}  # -- resolved again under the lock --
            pending = [(piece, self.target(piece.artifact.path)) for pieces in documents for piece in pieces]
            recover(self.root, sweep=False)
            entries = self._read()
            items: list[dict] = []
            new_entries: dict[str, dict] = {}
            folders: list[str] = []
            staging = None
            for piece, path in pending:
                entry = manifest_entry(piece.artifact)
                same_file = self.known.holds(path, piece.artifact.sha256, piece.length)
                if same_file and entries.get(piece.artifact.path) == entry:
                    continue  # nothing changes for this artifact
                new_entries[piece.artifact.path] = entry
                if same_file:
                    continue  # only its manifest entry changes
                staging = staging or self._staging()
                try:
                    staged = _stage(staging / secrets.token_hex(8), piece.body())
                except OSError as exc:
                    raise OutputError(Problem(f"cannot stage a file in the output folder: {exc.strerror or exc}", path=staging)) from None
                items.append({"document": piece.artifact.document, "path": piece.artifact.path, "staged": str(staged.relative_to(self.root)),
                              "backup": None, "old": entries.get(piece.artifact.path)})
            if not new_entries:
                return failed
            for item in items:
                path = self.root / item["path"]
                folders += [f for f in _missing_folders(path.parent, self.root) if f not in folders]
                if path.is_file():
                    backup = (self.root / item["staged"]).with_suffix(".old")
                    _link_or_copy(path, backup)
                    item["backup"] = str(backup.relative_to(self.root))
            old = {p: entries[p] for p in new_entries if p in entries}
            write_json(self.root / JOURNAL, {"items": items, "old": old, "new": new_entries, "folders": folders})
            for path in new_entries:
                entries.pop(path, None)
            self._write(entries)
            bad: dict[str, Problem] = {}
            for item in items:
                if item["document"] in bad:
                    continue
                path = self.root / item["path"]
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(self.root / item["staged"], path)
                except OSError as exc:
                    bad[item["document"]] = Problem(f"cannot write this file: {exc.strerror or exc}", path=path)
            if bad:
                _roll_back(self.root, [i for i in items if i["document"] in bad], folders)
                failed = list(bad.items())
                # -- the journal now describes only the documents that landed, so a kill from here on keeps them --
                items = [i for i in items if i["document"] not in bad]
                kept = {p: e for p, e in new_entries.items() if e["document"] not in bad}
                write_json(self.root / JOURNAL, {"items": items, "old": old, "new": kept, "folders": []})
            for path, entry in new_entries.items():
                if entry["document"] in bad:
                    if path in old:
                        entries[path] = old[path]
                else:
                    entries[path] = entry
                    self.written.append(Artifact(**entry))
            self._write(entries)
            (self.root / JOURNAL).unlink()
            for item in items:
                if item["backup"]:
                    (self.root / item["backup"]).unlink(missing_ok=True)
        return failed

    def mark_outdated(self, sources: dict[str, str]) -> list[dict]:
        """Flag `outdated` every entry of a document (id -> its source digest now) built from another source, and clear the flag
        of those built from this one; returns the entries newly flagged."""
        if not (self.root / MANIFEST).is_file():
            return []
        flagged: list[dict] = []
        with _signals_deferred(), self.locked():
            recover(self.root, sweep=False)
            entries = self._read()
            changed = False
            for path, entry in entries.items():
                digest = sources.get(str(entry.get("document", "")))
                if digest is None:
                    continue  # -- the library page, or a document this project no longer has: nothing to compare with --
                outdated = entry.get("source_sha256") != digest
                if bool(entry.get("outdated")) != outdated:
                    entries[path] = {**entry, "outdated": outdated}
                    changed = True
                    if outdated:
                        flagged.append(entries[path])
            if changed:
                self._write(entries)
        return flagged

    def _read(self) -> dict[str, dict]:
        """The manifest's entries (under the lock): parsed again only when another build has replaced the file since this one read or wrote it."""
        stamp = identity(self.root / MANIFEST)
        if self._manifest is None or stamp is None or stamp != self._manifest[0]:
            entries = read_manifest(self.root)
        else:
            root = str(self.root)
            entries = {p: e for p, e in self._manifest[1].items() if os.path.isfile(os.path.join(root, p))}
        self._manifest = (stamp, entries) if stamp is not None else None
        return dict(entries)

    def entries(self) -> dict[str, dict]:
        """The manifest's entries now (those whose file is gone left out), parsed again only when another build has replaced it."""
        return self._read()

    def _write(self, entries: dict[str, dict]) -> None:
        write_manifest(self.root, entries, self._encoded)
        stamp = identity(self.root / MANIFEST)
        self._manifest = (stamp, dict(entries)) if stamp is not None else None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """The folder's commit lock (blocks while another build commits)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def recover(root: Path, sweep: bool = True) -> bool:
    """Finish or roll back a commit a killed build left (journal), remove what dead builds staged (and, with sweep, stray temp files); True if there was a journal."""
    journal = root / JOURNAL
    found = journal.is_file()
    if found:
        try:
            state = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:
            state = None  # torn before its rename: the manifest was never touched
        if state is not None:
            entries = read_manifest(root, drop_missing=False)
            done = all(entries.get(p) == e for p, e in state["new"].items())
            if not done:
                _roll_back(root, state["items"], state.get("folders", []))
                for path in state["new"]:
                    entries.pop(path, None)
                entries.update(state["old"])
                write_manifest(root, entries)
            for item in state["items"]:
                if item.get("backup"):
                    (root / item["backup"]).unlink(missing_ok=True)
        journal.unlink()
    _remove_stale_staging(root, sweep)
    return found


def _roll_back(root: Path, items: list[dict], folders: list[str]) -> None:
    """Old files back from their backups; files that were new removed; folders made for them removed."""
    for item in items:
        path, backup = root / item["path"], item.get("backup")
        with suppress_oserror():
            if backup and (root / backup).exists():
                os.replace(root / backup, path)
            elif not backup and not (root / item["staged"]).exists() and path.is_file():
                path.unlink()  # it was renamed in, and there was no old file
    for folder in sorted({Path(f) for f in folders}, key=lambda p: len(p.parts), reverse=True):
        with suppress_oserror():
            (root / folder).rmdir()


def _remove_stale_staging(root: Path, sweep: bool) -> None:
    # -- another build into the same folder may remove its own staging folder (or the shared one) while this one looks:
    #    a folder that vanishes mid-walk is simply gone, never an error --
    staging = root / STAGING
    try:
        folders = list(staging.iterdir()) if staging.is_dir() else []
    except FileNotFoundError:
        folders = []
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            folder.unlink(missing_ok=True)
            continue
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a build that is still running
        else:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(fd)
    with suppress_oserror():
        staging.rmdir()
    if not sweep:
        return
    for here, dirs, files in os.walk(root):  # temp files of older versions, written beside their targets (os.walk skips vanished folders)
        dirs[:] = [d for d in dirs if d != STAGING]
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(here, name).unlink(missing_ok=True)


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _missing_folders(folder: Path, root: Path) -> list[str]:
    missing = [p for p in (folder, *folder.parents) if p.is_relative_to(root) and p != root and not p.exists()]
    return [str(p.relative_to(root)) for p in missing[::-1]]


@contextmanager
def suppress_oserror() -> Iterator[None]:
    try:
        yield
    except OSError:
        pass
