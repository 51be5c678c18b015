"""The build server: import everything once, then fork a warm copy of itself for each command a client sends.

Run by `handouts daemon start` as `python -m handouts.daemon.server`. A forked copy takes the
client's file descriptors, working folder, environment and umask, runs the command as `handouts`
would, and its renderer pools fork from it too (warm workers, no second import). The server
itself only accepts, forks and reports exit statuses; it holds no project state, so every
command reads its project afresh exactly as a command in its own process does.
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import signal
import socket
import struct
import sys
import time
from pathlib import Path
from typing import Any

from . import IDLE_SECONDS, key, package_dir, socket_path
from .client import receive, send

Fingerprint = dict[str, tuple[int, int]]


def watched() -> list[Path]:
    """What a running server's imported code depends on: the folders of the installed libraries."""
    import site
    import sysconfig

    return sorted(Path(p) for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()})


def font_folders() -> list[Path]:
    """Where installed fonts and their configuration live; a font added or removed changes a folder's modification time there."""
    # -- the folders themselves, not fontconfig's cache: as root, any process that scans a new font folder (a project's
    #    `fonts:`) rewrites /var/cache/fontconfig, and watching it made the server think itself out of date after a build --
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return [Path("/etc/fonts"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data / "fonts", Path.home() / ".fonts"]


def fingerprint() -> Fingerprint:
    """Size and modification time of every package file, of each library folder and of every font folder (a change means the server is out of date)."""
    found: Fingerprint = {}
    for folder, _dirs, files in os.walk(package_dir()):
        if "__pycache__" in folder:
            continue
        for name in files:
            path = os.path.join(folder, name)
            info = os.stat(path)
            found[path] = (info.st_size, info.st_mtime_ns)
    for path in watched():
        try:
            found[str(path)] = (-1, os.stat(path).st_mtime_ns)
        except OSError:
            continue
    for root in font_folders():
        for folder, _dirs, _files in os.walk(root):
            try:
                found[folder] = (-1, os.stat(folder).st_mtime_ns)
            except OSError:
                continue
    return found


def changed(before: Fingerprint, now: Fingerprint) -> str:
    """What differs between two fingerprints, in words ('' when nothing)."""
    for path in sorted(set(before) | set(now)):
        if before.get(path) != now.get(path):
            return f"{path} changed since it started"
    return ""


def warm() -> None:
    """Import what `build` and `check` use and build a scaffolded leaflet, deck and page once, so every forked command starts warm."""
    import importlib
    import tempfile

    from ..pipeline import execute

    for name in ("handouts.cli", "handouts.cli.build", "handouts.cli.check", "handouts.build", "handouts.checks",
                 "handouts.pipeline.run", *execute.modules(())):
        importlib.import_module(name)
    from .. import cli, scaffold
    from ..render.leaflet.pdf import font_config

    font_config()
    # -- what is imported or set up lazily (templates, fonts, number patterns) is done here once, in a throwaway project,
    #    so the forked copies inherit it; nothing of that project is kept but the caches of packaged files --
    with tempfile.TemporaryDirectory(prefix="handouts-warm-") as tmp:
        root = Path(tmp)
        scaffold.init(root)
        document = scaffold.new(root, "warm-up")
        document.write_text(document.read_text(encoding="utf-8").replace("TODO: ", ""), encoding="utf-8")
        code = cli.main(["build", "--project", tmp, "--no-cache", "--jobs", "1", "--quiet"])
        print(f"warm-up build: exit {code}", file=sys.stderr, flush=True)


def peer_uid(conn: socket.socket) -> int:
    """The uid of the process at the other end of a Unix socket."""
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


class Server:
    """Accept loop: control requests answered at once, commands run in forked children, exit statuses sent back."""

    def __init__(self, path: Path, idle: float) -> None:
        self.path, self.idle = path, idle
        self.children: dict[int, socket.socket] = {}
        self.served = 0
        self.last = time.monotonic()
        self.started = fingerprint()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        temporary = path.with_name(f"{path.name}.{os.getpid()}")
        temporary.unlink(missing_ok=True)
        self.listener.bind(str(temporary))
        os.chmod(temporary, 0o600)
        self.listener.listen(16)
        os.replace(temporary, path)  # -- a client never finds a socket that does not answer yet --
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        os.set_blocking(self.wake_r, False)
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGTERM, lambda *_: self.stop())
        signal.signal(signal.SIGINT, lambda *_: self.stop())
        self.running = True

    def stop(self) -> None:
        """Stop accepting; the socket goes at once (children still running finish and write their output)."""
        self.running = False
        if self.path.exists() and os.stat(self.path).st_ino == os.fstat(self.listener.fileno()).st_ino:
            self.path.unlink(missing_ok=True)

    def serve(self) -> None:
        """Until stopped, out of date or idle for `idle` seconds."""
        selector = selectors.DefaultSelector()
        selector.register(self.listener, selectors.EVENT_READ)
        selector.register(self.wake_r, selectors.EVENT_READ)
        while self.running:
            events = selector.select(timeout=60)
            self.reap()
            for event, _ in events:
                if event.fileobj is self.listener:
                    self.accept()
                else:
                    try:
                        os.read(self.wake_r, 4096)
                    except BlockingIOError:
                        pass
            if not self.children and time.monotonic() - self.last > self.idle:
                self.stop()
        self.stop()
        while self.children:
            _pid, status = os.wait()
            self.report(_pid, status)

    def accept(self) -> None:
        conn, _ = self.listener.accept()
        try:
            if peer_uid(conn) != os.getuid():
                conn.close()
                return
            conn.settimeout(5)  # -- a client that connects and says nothing holds the others up for 5 s at most --
            data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
            buffer = bytearray(data)
            while b"\n" not in buffer:
                chunk = conn.recv(1 << 20)
                if not chunk:
                    raise OSError("the client left")
                buffer += chunk
            message = receive(conn, buffer)
        except (OSError, ValueError):
            conn.close()
            return
        conn.settimeout(None)
        self.last = time.monotonic()
        op = (message or {}).get("op")
        stale = changed(self.started, fingerprint()) if op in ("ping", "run") else ""
        if stale and op == "ping":  # -- `daemon status` says the truth: a server out of date stops now, not at the next build --
            self.answer(conn, {"stale": stale})
            self.stop()
        elif op == "ping":
            self.answer(conn, {"pid": os.getpid(), "served": self.served, "socket": str(self.path), "running": len(self.children)})
        elif op == "stop":
            self.answer(conn, {"stopped": os.getpid()})
            self.stop()
        elif op == "run" and len(fds) == 3 and message is not None:
            if stale:
                self.answer(conn, {"stale": stale})
                self.stop()
            else:
                self.fork(conn, message, fds)
        else:
            self.answer(conn, {"error": "unknown request"})
        for fd in fds:
            os.close(fd)

    def answer(self, conn: socket.socket, reply: dict[str, Any]) -> None:
        try:
            send(conn, reply)
        except OSError:
            pass
        conn.close()

    def fork(self, conn: socket.socket, message: dict[str, Any], fds: list[int]) -> None:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                self.listener.close()
                os.close(self.wake_r)
                os.close(self.wake_w)
                conn.close()
                code = run(message, fds)
            finally:
                os._exit(code)
        self.served += 1
        self.children[pid] = conn
        try:
            send(conn, {"pid": pid})
        except OSError:
            pass

    def reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.report(pid, status)

    def report(self, pid: int, status: int) -> None:
        conn = self.children.pop(pid, None)
        self.last = time.monotonic()
        if conn is None:
            return
        code = os.waitstatus_to_exitcode(status)
        reply = {"exit": 128 - code, "signal": -code} if code < 0 else {"exit": code}
        self.answer(conn, reply)


def run(message: dict[str, Any], fds: list[int]) -> int:
    """In the forked child: become the client's command (its streams, folder, environment, umask) and run it."""
    import atexit
    import io

    signal.set_wakeup_fd(-1)
    for sig in (signal.SIGCHLD, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    out_enc, out_err, err_enc, err_err = message.get("encoding") or ["utf-8", "strict", "utf-8", "backslashreplace"]
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding=out_enc, errors=out_err, line_buffering=os.isatty(1))
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding=err_enc, errors=err_err, line_buffering=True)
    os.chdir(message["cwd"])
    os.environ.clear()
    os.environ.update(message["env"])
    os.umask(int(message["umask"]))
    time.tzset()
    from ..pipeline import execute

    execute.START = "fork"  # -- the pool's workers fork from this warm, single-threaded copy --
    from .. import cli

    try:
        try:
            code = cli.main(list(message["argv"]))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    return code


def main(argv: list[str] | None = None) -> int:
    """`python -m handouts.daemon.server [--idle SECONDS]`: serve this installation until stopped."""
    parser = argparse.ArgumentParser(prog="handouts-build-server")
    parser.add_argument("--idle", type=float, default=IDLE_SECONDS)
    args = parser.parse_args(argv)
    path = socket_path(create=True)
    if path is None:
        print("handouts: no private folder for the build server's socket", file=sys.stderr)
        return 1
    os.chdir("/")
    warm()
    server = Server(path, args.idle)
    print(json.dumps({"ready": os.getpid(), "socket": str(path), "key": key()}), flush=True)
    server.serve()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
