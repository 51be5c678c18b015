"""The journal of a commit (pipeline.write): finishing or rolling back what a killed or failed commit left, and sweeping what
dead builds staged; takes the output folder, leaves the manifest naming only bytes its files hold."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..output import file_sha256
from .manifest import read_manifest, write_manifest

JOURNAL, STAGING = ".handouts-journal.json", ".handouts-tmp"


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
                unsure = set(roll_back(root, state["items"], state.get("folders", [])))
                restored = {p: e for p, e in entries.items() if p not in state["new"]}
                restored.update({p: e for p, e in state["old"].items() if p not in unsure or holds(root / p, e)})
                if restored != entries:  # -- a manifest that cannot be replaced is no obstacle when it need not be --
                    write_manifest(root, restored)
            for item in state["items"]:
                if item.get("backup"):
                    (root / item["backup"]).unlink(missing_ok=True)
        journal.unlink()
    _remove_stale_staging(root, sweep)
    return found


def roll_back(root: Path, items: list[dict], folders: list[str]) -> list[str]:
    """Old files back from their backups, files that were new removed, folders made for them removed; returns the paths not put back."""
    left = []
    for item in items:
        path, backup = root / item["path"], item.get("backup")
        if (root / item["staged"]).exists():
            continue  # never renamed in: the file is as it was
        try:
            if backup:
                os.replace(root / backup, path)
            elif path.is_file():
                path.unlink()  # it was renamed in, and there was no old file
        except OSError:
            left.append(item["path"])
    for folder in sorted({Path(f) for f in folders}, key=lambda p: len(p.parts), reverse=True):
        with suppress_oserror():
            (root / folder).rmdir()
    return left


def discard(root: Path, items: list[dict]) -> None:
    """Remove the staged files and backups a commit made (what was not renamed into place)."""
    for item in items:
        staged = root / item["staged"]
        for path in (staged, staged.with_suffix(".old")):
            with suppress_oserror():
                path.unlink(missing_ok=True)


def holds(path: Path, entry: dict) -> bool:
    """The file holds the bytes its entry names."""
    try:
        return file_sha256(path) == entry.get("sha256")
    except OSError:
        return False


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


def link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def missing_folders(folder: Path, root: Path) -> list[str]:
    missing = [p for p in (folder, *folder.parents) if p.is_relative_to(root) and p != root and not p.exists()]
    return [str(p.relative_to(root)) for p in missing[::-1]]


@contextmanager
def suppress_oserror() -> Iterator[None]:
    try:
        yield
    except OSError:
        pass
