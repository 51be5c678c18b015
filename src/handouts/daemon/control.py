"""Start, stop and describe this installation's build server (for `handouts daemon`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass

from . import runtime_dir, socket_path
from .client import ask

START_TIMEOUT = 60.0  # seconds for a new server to import everything and answer


@dataclass
class State:
    """Whether a server runs, and what to tell the user."""

    running: bool
    message: str


def status() -> State:
    """The server's pid, socket and how many commands it ran."""
    reply = ask("ping")
    if reply and reply.get("stale"):
        return State(False, f"the build server was out of date ({reply['stale']}) and has stopped; "
                            "start a new one with `handouts daemon start`")
    if not reply or "pid" not in reply:
        return State(False, "no build server is running (start one with `handouts daemon start`)")
    return State(True, f"build server running: pid {reply['pid']}, {reply['served']} command(s) served, "
                       f"{reply['running']} running now, socket {reply['socket']}")


def start(idle: float) -> tuple[str, bool]:
    """Start a server in the background (unless one runs) and wait until it answers."""
    reply = ask("ping")
    if reply and "pid" in reply:
        return f"a build server is already running (pid {reply['pid']})", True
    folder = runtime_dir(create=True)
    if folder is None or socket_path() is None:
        return ("handouts: cannot start the build server: no private folder for its socket "
                "(set XDG_RUNTIME_DIR to a folder only you can use, or remove /tmp/handouts-UID if another user owns it)"), False
    if len(str(socket_path()).encode()) > 100:  # -- a Unix socket's path holds 107 bytes, and the server binds a longer name first --
        return (f"handouts: cannot start the build server: the path of its socket folder {folder} is too long for a Unix socket; "
                "set XDG_RUNTIME_DIR to a shorter folder only you can use"), False
    log = folder / f"{socket_path().name}.log"  # type: ignore[union-attr]
    with open(log, "ab") as out:
        process = subprocess.Popen([sys.executable, "-m", "handouts.daemon.server", "--idle", str(idle)], stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=out, start_new_session=True, cwd="/")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
            return "handouts: the build server could not start:\n" + "\n".join(tail), False
        reply = ask("ping")
        if reply and "pid" in reply:
            return (f"build server started (pid {reply['pid']}): `handouts build` and `handouts check` now start warm; "
                    "`handouts daemon stop` stops it"), True
        time.sleep(0.05)
    process.terminate()
    return f"handouts: the build server did not answer within {START_TIMEOUT:.0f} s (see {log})", False


def stop() -> tuple[str, bool]:
    """Ask the server to stop; commands it is running finish first."""
    reply = ask("stop")
    if not reply:
        return "no build server is running", True
    pid = int(reply["stopped"])
    for _ in range(200):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    return f"build server stopped (pid {pid})", True
