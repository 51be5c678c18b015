"""Faults of a commit: an OS error (disk full, a read-only or immutable file, a file where a folder goes) -> the user's message,
saying what failed, what the output folder holds now and what to do."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import OutputError, Problem
from ..output import MANIFEST

FULL = (errno.ENOSPC, errno.EDQUOT)
LOCKED = (errno.EPERM, errno.EACCES, errno.EROFS)


class CommitFailed(OutputError):
    """A commit could not update the output folder at all (staging, journal or manifest): none of its documents were written."""


def reason(exc: OSError) -> str:
    """What went wrong, in the system's words (`No space left on device`)."""
    return exc.strerror or str(exc)


def remedy(exc: OSError) -> str:
    """What the user can do about an OS error before building again."""
    if exc.errno in FULL:
        return "free some space on that disk and run the build again"
    if exc.errno in LOCKED:
        return ("make the output folder writable (a read-only mount, its permissions, or a file made immutable with chattr +i: "
                "lsattr shows it) and run the build again")
    if exc.errno == errno.EBUSY:
        return "it is a mount point (a file or folder bind-mounted there): unmount it, or build with --out elsewhere, and run the build again"
    return "fix that and run the build again"


def failed(exc: OSError, path: Path, action: str, what: str, restored: bool) -> CommitFailed:
    """The one message for a commit that an OS error stopped: `path: cannot <action>: <reason>; <what> ...; <remedy>`."""
    if restored:
        kept = f"{what} not written: the output folder is as it was before this commit (its previous files and manifest are kept)"
    else:
        kept = (f"{what} not written, and the output folder could not be put back yet: manifest.json lists only files that match it, "
                f"and the next build or `handouts clean` puts the previous files back")
    return CommitFailed(Problem(f"cannot {action}: {reason(exc)}; {kept}; {remedy(exc)}", path=path))


def unfinished(exc: OSError, root: Path) -> CommitFailed:
    """An interrupted build's commit that cannot be finished or rolled back now."""
    return CommitFailed(Problem(f"cannot finish or roll back the commit an interrupted build left in the output folder: {reason(exc)}; "
                                f"nothing was written, and manifest.json lists only files that match it; {remedy(exc)}", path=where(exc, root)))


def where(exc: OSError, root: Path) -> Path:
    """The file an OS error is about, as the user knows it: manifest.json for its temporary file, the folder for other hidden ones."""
    name = os.path.basename(exc.filename) if isinstance(exc.filename, str) else ""
    if name.startswith(f".{MANIFEST}."):
        return root / MANIFEST
    return Path(exc.filename) if name and not name.startswith(".") else root


def described(documents: list[str]) -> str:
    """The documents of a commit as the message names them: `a, b and 2 more were`."""
    named = [d or "the library page (index.html)" for d in dict.fromkeys(documents)]
    more = f" and {len(named) - 3} more" if len(named) > 3 else ""
    return ", ".join(named[:3]) + more + (" were" if len(named) > 1 else " was")


def in_the_way(path: Path, root: Path) -> Path | None:
    """The first folder on the way from root to path that is a file (or anything but a folder), if any."""
    here = root
    for part in path.relative_to(root).parts[:-1]:
        here = here / part
        if os.path.lexists(here) and not here.is_dir():
            return here
        if not here.exists():
            return None
    return None
