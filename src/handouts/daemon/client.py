"""The client side: hand a command line to a running build server, relay signals, return its exit code (None: no server)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
from collections.abc import Sequence
from typing import Any

from . import SERVED, disabled, socket_path

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


def connect(timeout: float | None = 10.0) -> socket.socket | None:
    """A connection to this installation's server, or None when none is running."""
    path = socket_path()
    if path is None or not path.exists():
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        return None
    return sock


def send(sock: socket.socket, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
    """One JSON line, with file descriptors attached to its first byte."""
    data = json.dumps(message).encode() + b"\n"
    sent = socket.send_fds(sock, [data], list(fds)) if fds else sock.send(data)
    sock.sendall(data[sent:])


def receive(sock: socket.socket, buffer: bytearray) -> dict[str, Any] | None:
    """The next JSON line (None when the server closed the connection)."""
    while b"\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return json.loads(line)  # type: ignore[no-any-return]


def ask(op: str) -> dict[str, Any] | None:
    """A control request (ping, stop); None when no server answers."""
    sock = connect()
    if sock is None:
        return None
    with sock:
        try:
            send(sock, {"op": op})
            return receive(sock, bytearray())
        except (OSError, ValueError):
            return None


def forward(argv: Sequence[str]) -> int | None:
    """Run `handouts ARGV` in the build server when one runs and takes this command; its exit code, or None to run here."""
    if not argv or argv[0] not in SERVED or disabled() or any(a in ("-h", "--help") for a in argv):
        return None
    sock = connect()
    if sock is None:
        return None
    with sock:  # -- the connect timeout holds until the server has said which process runs the command --
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        umask = os.umask(0o022)
        os.umask(umask)
        request = {"op": "run", "argv": list(argv), "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask,
                   "encoding": [sys.stdout.encoding, sys.stdout.errors, sys.stderr.encoding, sys.stderr.errors]}
        buffer = bytearray()
        try:
            send(sock, request, (0, 1, 2))
            first = receive(sock, buffer)
        except (OSError, ValueError):
            return None
        if not first or "pid" not in first:
            if first and first.get("stale"):
                print(f"handouts: the build server stopped ({first['stale']}); this command runs in its own process. "
                      "Start a new server with `handouts daemon start`.", file=sys.stderr)
            return None
        sock.settimeout(None)
        return _wait(sock, buffer, int(first["pid"]))


def _wait(sock: socket.socket, buffer: bytearray, pid: int) -> int:
    """Relay signals to the server's process that runs the command until the server reports how it ended."""

    def relay(signum: int, _frame: object) -> None:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    previous = {sig: signal.signal(sig, relay) for sig in FORWARDED}
    try:
        while True:
            try:
                done = receive(sock, buffer)
                break
            except InterruptedError:  # pragma: no cover -- Python retries recv after a handler (PEP 475)
                continue
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if done is None:
        print("handouts: the build server stopped before the command ended; run it again (or with HANDOUTS_DAEMON=0)", file=sys.stderr)
        return 1
    if done.get("signal"):
        name = signal.Signals(done["signal"]).name if done["signal"] in signal.valid_signals() else f"signal {done['signal']}"
        print(f"handouts: the command was stopped by {name}", file=sys.stderr)
    return int(done["exit"])
