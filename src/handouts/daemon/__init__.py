"""The build server: a process that keeps handouts and its renderers imported, so `build` and `check` start warm.

`handouts daemon start` starts it; while it runs, `handouts build` and `handouts check` send their
command line to it over a Unix socket and it forks a copy of itself that runs the command with the
caller's working folder, environment and terminal (the caller's file descriptors are passed
along), so output, exit code and Ctrl-C behave as in a command run in its own process. It is the
same design as Gradle's daemon or mypy's dmypy: the work is the same, only the start-up is saved.

It serves only the installation that started it (the socket's name is a hash of the Python
executable, the package folder and the version) and only its own user (a private folder and a
check of the peer's uid); it stops itself when the package, the installed libraries or the font
caches change (then the command runs in its own process, as without a server), and after an idle
hour. `HANDOUTS_DAEMON=0` turns it off for one command. This module is stdlib only: the client
imports it before anything else.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

IDLE_SECONDS = 3600
SERVED = ("build", "check")  # the commands a running server takes; the others are quick or interactive


def package_dir() -> Path:
    """The installed handouts package folder."""
    return Path(__file__).resolve().parents[1]


def key() -> str:
    """What names one installation: the interpreter, the package folder and the version."""
    from .. import __version__

    seed = "\0".join((os.path.realpath(sys.executable), str(package_dir()), __version__))
    return hashlib.sha256(seed.encode()).hexdigest()[:16]


def runtime_dir(create: bool = False) -> Path | None:
    """This user's private folder for the socket ($XDG_RUNTIME_DIR, else /tmp/handouts-UID); None when it is not private."""
    uid = os.getuid()
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    folder = Path(base) / "handouts" if base and os.path.isdir(base) else Path(f"/tmp/handouts-{uid}")
    if create:
        try:
            folder.mkdir(mode=0o700, parents=False, exist_ok=True)
        except OSError:
            return None
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    # -- another user's folder, a symlink, or one others can write: never trust a socket found there --
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & 0o077:
        return None
    return folder


def socket_path(create: bool = False) -> Path | None:
    """The socket of this installation's server (None when there is no private folder for it)."""
    folder = runtime_dir(create)
    return folder / f"build-{key()}.sock" if folder else None


def disabled() -> bool:
    """HANDOUTS_DAEMON=0 (or off, no, false): this command runs in its own process."""
    return os.environ.get("HANDOUTS_DAEMON", "").strip().lower() in ("0", "off", "no", "false")
