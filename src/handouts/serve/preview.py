"""A project + build options + an address -> a running preview: server, watcher and rebuild loop, started and stopped together."""

from __future__ import annotations

import errno
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..build import BuildOptions
from ..config import load_config
from ..errors import HandoutsError
from ..pipeline.cache import FOLDER
from .images import PageImages
from .rebuild import Rebuilder
from .server import PreviewServer, Site
from .state import PreviewState
from .watch import Watcher, watch_set

LOOPBACK = "127.0.0.1"
PREVIEW_CACHE = "preview"  # page images, under the build cache folder


class BindError(Exception):
    """The server cannot listen where asked; usage is True when another --host/--port value is the fix (exit 2)."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def stderr_log(message: str) -> None:
    """A timestamped line on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Preview:
    """The live preview of one project: bind(), start(), serve_forever() (or a thread), close()."""

    def __init__(self, root: Path, options: BuildOptions, formats: list[str] | None = None, log: Callable[[str], None] = stderr_log) -> None:
        self.root = root.resolve()
        config = load_config(self.root)
        self.options = options
        self.out = (options.out or config.output_path).resolve()
        self.cache = (options.cache or self.root / FOLDER).resolve()
        self.log = log
        self.state = PreviewState()
        self.rebuilder = Rebuilder(self.root, options, formats, self.state, log)
        self.watcher = Watcher(self.rebuilder.request, log)
        self.rebuilder.after = self._follow
        self.server: PreviewServer | None = None
        self._serving: threading.Thread | None = None
        self._served = False  # serve_forever() was entered: shutdown() can wait for it

    def bind(self, host: str = LOOPBACK, port: int = 8000, exposed: bool = False) -> str:
        """Listen on host:port (port 0: any free one); the URL of the preview. exposed: accept any Host header."""
        site = Site(self.out, self.state, PageImages(self.cache / PREVIEW_CACHE), self._locales, self.log, any_host=exposed)
        try:
            family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
            self.server = PreviewServer((host, port), site, family)
        except socket.gaierror:
            raise BindError(f"--host {host} is not an address of this machine: use 127.0.0.1 (the default) or one of its network addresses", usage=True) from None
        except OverflowError:
            raise BindError(f"--port {port} is not a port: use 1-65535, or 0 for any free port", usage=True) from None
        except OSError as exc:
            raise _bind_error(exc, host, port) from None
        bound = self.server.server_address
        shown = f"[{bound[0]}]" if ":" in str(bound[0]) else bound[0]
        return f"http://{shown}:{bound[1]}/_handouts/"

    def start(self) -> None:
        """Begin watching and run the first build (in the background; pages show the last output meanwhile)."""
        self._follow()
        self.rebuilder.start()

    def serve_forever(self) -> None:
        """Answer requests until close() (from another thread) or Ctrl-C."""
        assert self.server is not None, "bind() first"
        self._served = True
        self.server.serve_forever(poll_interval=0.2)

    def serve_in_thread(self) -> None:
        """Answer requests in a background thread (tests, benchmarks)."""
        self._serving = threading.Thread(target=self.serve_forever, name="handouts-serve", daemon=True)
        self._serving.start()

    def close(self) -> None:
        """Stop watching, let a running build finish, end every event stream and the server."""
        self.watcher.stop()
        self.state.close()
        if self.server is not None:
            if self._served:
                self.server.shutdown()  # returns at once when serve_forever already ended (Ctrl-C)
            self.server.server_close()
        if self._serving is not None:
            self._serving.join(5)
        self.rebuilder.stop()

    def _follow(self) -> None:
        """Watch what the project's handouts.yml names now (content_dir or templates_dir may have changed)."""
        self.watcher.follow(watch_set(self.root, self.out, self.cache, self.watcher.current))

    def _locales(self) -> list[str]:
        try:
            return list(load_config(self.root).locales)
        except HandoutsError:
            return []


def _bind_error(exc: OSError, host: str, port: int) -> BindError:
    if exc.errno == errno.EADDRINUSE:
        return BindError(f"port {port} on {host} is in use (another handouts serve?): stop it, or choose another with --port {port + 1 if port < 65535 else 8000} (--port 0 picks a free one)")
    if exc.errno == errno.EACCES:
        return BindError(f"port {port} needs administrator rights: use a port from 1024 up, e.g. --port 8000", usage=True)
    if exc.errno == errno.EADDRNOTAVAIL:
        return BindError(f"--host {host} is not an address of this machine: use 127.0.0.1 (the default) or one of its network addresses", usage=True)
    return BindError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
