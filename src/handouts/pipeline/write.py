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
An OS error in any other step (a full disk, a manifest that cannot be replaced) puts the commit back at once (pipeline.faults
words the message); the journal itself and recover() are in pipeline.journal.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError, Problem
from ..output import MANIFEST, Artifact, _signals_deferred, _stage
from . import faults
from .journal import JOURNAL, STAGING, discard, holds, link_or_copy, missing_folders, roll_back, recover, suppress_oserror
from .known import Known
from .manifest import identity, manifest_entry, read_manifest, write_json, write_manifest

__all__ = ["JOURNAL", "STAGING", "OutputFolder", "Piece", "read_manifest", "recover", "write_json", "write_manifest"]

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
        self._journal_kept = False  # a failed commit of this build could not be put back: its journal and backups stay for recover()

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
        try:
            with _signals_deferred(), self.locked():
                return recover(self.root)
        except OSError as exc:
            raise faults.unfinished(exc, self.root) from None

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
        if not self._journal_kept:  # -- else its backups are what the next build or `handouts clean` puts back --
            shutil.rmtree(self.root / STAGING / self.build_id, ignore_errors=True)
        os.close(self._mine)
        self._mine = None
        with suppress_oserror():
            (self.root / STAGING).rmdir()

    # -- commit -------------------------------------------------------------------------------

    def commit(self, documents: list[list[Piece]]) -> list[tuple[str, Problem]]:
        """Put documents in place, each whole or not at all; returns (document, problem) for those an OS error kept out.
        An OS error that stops the whole commit (staging, journal, manifest) is a CommitFailed, the folder put back as it was."""
        self._parents = {}
        try:
            return self._commit(documents)
        except OSError as exc:  # -- a step the commit does not expect to fail (the lock, recovering an earlier journal) --
            what = faults.described([pieces[0].artifact.document for pieces in documents if pieces])
            self._journal_kept = (self.root / JOURNAL).exists()
            raise faults.failed(exc, faults.where(exc, self.root), "write in the output folder", what, restored=not self._journal_kept) from None
        finally:
            self._parents = None

    def _commit(self, documents: list[list[Piece]]) -> list[tuple[str, Problem]]:
        for pieces in documents:  # -- refused before anything is made, the output folder included --
            if len({self.target(p.artifact.path) for p in pieces}) != len(pieces):
                raise OutputError(Problem(f"two artifacts of {pieces[0].artifact.document} would be written to the same path"))
        what = faults.described([pieces[0].artifact.document for pieces in documents if pieces])
        with _signals_deferred(), self.locked():
            self._parents = {}  # -- resolved again under the lock --
            pending = [(piece, self.target(piece.artifact.path)) for pieces in documents for piece in pieces]
            try:
                recover(self.root, sweep=False)
            except OSError as exc:
                raise faults.unfinished(exc, self.root) from None
            entries = self._read()
            new_entries: dict[str, dict] = {}
            items: list[dict] = []
            folders: list[str] = []
            try:
                self._stage_all(pending, entries, new_entries, items)
                if not new_entries:
                    return []
                for item in items:
                    path = self.root / item["path"]
                    folders += [f for f in missing_folders(path.parent, self.root) if f not in folders]
                    if path.is_file():
                        backup = (self.root / item["staged"]).with_suffix(".old")
                        link_or_copy(path, backup)
                        item["backup"] = str(backup.relative_to(self.root))
            except OSError as exc:
                discard(self.root, items)
                raise faults.failed(exc, self.root, "stage the new files in this folder", what, restored=True) from None
            except OutputError:
                discard(self.root, items)
                raise
            old = {p: entries[p] for p in new_entries if p in entries}
            try:
                write_json(self.root / JOURNAL, {"items": items, "old": old, "new": new_entries, "folders": folders})
            except OSError as exc:
                discard(self.root, items)
                raise faults.failed(exc, self.root / JOURNAL, "write this file", what, restored=True) from None
            before = dict(entries) if (self.root / MANIFEST).is_file() else None  # -- None: there was no manifest to put back --
            saved = self._keep_manifest() if before is not None else None
            for path in new_entries:
                entries.pop(path, None)
            try:
                self._write(entries)
            except OSError as exc:  # -- the manifest was not replaced: nothing changed but the journal --
                raise faults.failed(exc, self.root / MANIFEST, "update this file", what, restored=self._undo(items, [], moved=False)) from None
            return self._swap(items, folders, old, new_entries, entries, (before, saved), what)

    def _keep_manifest(self) -> Path | None:
        """A hard link to the manifest as it is, in the staging folder: putting it back needs no free space (None if none can be made)."""
        try:
            saved = self._staging() / MANIFEST
            saved.unlink(missing_ok=True)
            os.link(self.root / MANIFEST, saved)
        except OSError:
            return None
        return saved

    def _stage_all(self, pending: list[tuple[Piece, Path]], entries: dict[str, dict], new_entries: dict[str, dict], items: list[dict]) -> None:
        """Stage the bytes of every piece whose file or entry changes (into items), and note its new entry (into new_entries)."""
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
            staged = _stage(staging / secrets.token_hex(8), piece.body())
            items.append({"document": piece.artifact.document, "path": piece.artifact.path, "staged": str(staged.relative_to(self.root)),
                          "backup": None, "old": entries.get(piece.artifact.path)})

    def _swap(self, items: list[dict], folders: list[str], old: dict[str, dict], new_entries: dict[str, dict], entries: dict[str, dict],
              manifest: tuple[dict[str, dict] | None, Path | None], what: str) -> list[tuple[str, Problem]]:
        """Steps 4 and 5: the staged files renamed over their targets (a document an OS error stops is put back), then the manifest
        (`manifest`: its entries before the commit, None if there was none, and a link to the file as it was)."""
        before, saved = manifest
        bad: dict[str, Problem] = {}
        for item in items:
            if item["document"] in bad:
                continue
            path = self.root / item["path"]
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.root / item["staged"], path)
            except OSError as exc:
                blocker = faults.in_the_way(path, self.root)
                bad[item["document"]] = (Problem("is a file, not a folder: delete or rename it, then build again", path=blocker) if blocker
                                         else Problem(f"cannot write this file: {faults.reason(exc)}", path=path))
        unsure: set[str] = set()
        if bad:
            unsure = set(roll_back(self.root, [i for i in items if i["document"] in bad], folders))
            # -- the journal now describes only the documents that landed, so a kill from here on keeps them
            #    (should it not be written, the first one rolls back them all, as well) --
            items = [i for i in items if i["document"] not in bad]
            kept = {p: e for p, e in new_entries.items() if e["document"] not in bad}
            with suppress_oserror():
                write_json(self.root / JOURNAL, {"items": items, "old": old, "new": kept, "folders": []})
        for path in unsure:  # -- a file of a failed document that could not be put back: its old entry only if it still holds those bytes --
            if path in old and not holds(self.root / path, old[path]):
                old.pop(path)
                saved = None  # -- the manifest as it was would now name bytes that file no longer holds --
                if before is not None:
                    before.pop(path, None)
        for path, entry in new_entries.items():
            if entry["document"] in bad:
                if path in old:
                    entries[path] = old[path]
            else:
                entries[path] = entry
        try:
            self._write(entries)
        except OSError as exc:  # -- the new files are in place but not listed: put the old ones back --
            restored = self._undo(items, folders, moved=True, entries=before, saved=saved)
            raise faults.failed(exc, self.root / MANIFEST, "update this file", what, restored=restored) from None
        self.written += [Artifact(**e) for e in new_entries.values() if e["document"] not in bad]
        with suppress_oserror():
            (self.root / JOURNAL).unlink()
            if saved is not None:
                saved.unlink()
        discard(self.root, items)
        return list(bad.items())

    def _undo(self, items: list[dict], folders: list[str], moved: bool, entries: dict[str, dict] | None = None, saved: Path | None = None) -> bool:
        """Put back what a commit changed: (when moved) its files and the manifest as it was (the `saved` link to it, else written
        from `entries`; None: there was none), then its journal; True when the folder is as before, else the journal is kept for
        the next build or `handouts clean`."""
        if moved:
            try:
                if roll_back(self.root, items, folders):
                    raise OSError("a file could not be put back")
                if entries is None:
                    (self.root / MANIFEST).unlink(missing_ok=True)
                elif saved is not None:
                    os.replace(saved, self.root / MANIFEST)
                    self._manifest = None  # -- parsed again by the next commit --
                else:
                    self._write(entries)
            except OSError:
                self._journal_kept = True
                return False
        try:
            (self.root / JOURNAL).unlink(missing_ok=True)
        except OSError:
            self._journal_kept = True
            return False
        discard(self.root, items)
        return True

    def mark_outdated(self, sources: dict[str, str]) -> list[dict]:
        """Flag `outdated` every entry of a document (id -> its source digest now) built from another source, and clear the flag
        of those built from this one; returns the entries newly flagged."""
        if not (self.root / MANIFEST).is_file():
            return []
        flagged: list[dict] = []
        with _signals_deferred(), self.locked():
            try:
                recover(self.root, sweep=False)
            except OSError as exc:
                raise faults.unfinished(exc, self.root) from None
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
                try:
                    self._write(entries)
                except OSError as exc:
                    raise faults.CommitFailed(Problem(f"cannot update this file: {faults.reason(exc)}; the files built from an earlier "
                                                      f"version of their document are not marked outdated in it (the output folder is "
                                                      f"as it was); {faults.remedy(exc)}", path=self.root / MANIFEST)) from None
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
