"""HTTP requests -> files of the output folder (HTML with the live-reload script), the preview pages, page images and the event stream.

The stdlib ThreadingHTTPServer is enough and adds no dependency: one author's browser on
127.0.0.1, static files, and one long-lived server-sent-event stream per open page (a thread
each, which is what SSE needs from a threaded server). Only GET and HEAD; every path goes
through serve.paths (nothing outside the output folder, no hidden files); Host must name this
machine unless the user chose to listen on the network (DNS rebinding would otherwise let any
web page read the preview).
"""

from __future__ import annotations

import mimetypes
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from . import pages
from .images import PageImages
from .library import read_library
from .paths import confined, resolve, segments
from .state import PreviewState

KEEPALIVE = 15.0  # seconds between comments on an idle event stream (proxies and browsers keep it open)
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
_PAGE = re.compile(r"(\d{1,5})\.png")


@dataclass
class Site:
    """What the handlers serve: the output folder, the preview state, page images, the configured locales."""

    out: Path
    state: PreviewState
    images: PageImages
    locales: Callable[[], list[str]]
    log: Callable[[str], None]
    any_host: bool = False  # --host given: the user exposed the server, every Host header is accepted


class PreviewServer(ThreadingHTTPServer):
    """A threaded HTTP server whose handler threads never hold up shutdown."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], site: Site, family: socket.AddressFamily) -> None:
        self.address_family = family
        self.site = site
        super().__init__(address, Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        exc = sys.exc_info()[1]
        if not isinstance(exc, (BrokenPipeError, ConnectionResetError)):  # a browser that left is normal
            self.site.log(f"request failed ({type(exc).__name__}: {exc}); still serving")


class Handler(BaseHTTPRequestHandler):
    """GET/HEAD for the preview; other methods are 405."""

    server: PreviewServer
    server_version = "handouts-serve"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- the base class's name
        pass  # one line per request would drown the rebuild messages

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _not_allowed(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"only GET and HEAD\n", "text/plain; charset=utf-8", head=False, extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    @property
    def site(self) -> Site:
        return self.server.site

    def _answer(self, head: bool) -> None:
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, b"this preview answers only to 127.0.0.1 or localhost\n", "text/plain; charset=utf-8", head)
            return
        parts = segments(self.path)
        if parts is None:
            self._not_found(head)
        elif parts[:1] == ["_handouts"]:
            self._preview(parts[1:], head)
        elif not parts and resolve(self.site.out, "/index.html") is None:
            self._redirect(f"{pages.PREFIX}/")
        else:
            self._file(parts, head)

    def _host_allowed(self) -> bool:
        if self.site.any_host:
            return True
        host = (self.headers.get("Host") or "").lower()
        bound, port = self.server.server_address[:2]
        names = {*LOCAL_NAMES, f"[{bound}]" if ":" in str(bound) else str(bound)}
        return host in names or host in {f"{name}:{port}" for name in names}

    def _file(self, parts: list[str], head: bool) -> None:
        path = confined(self.site.out, parts)
        if path is not None and path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self._redirect(quote("/" + "/".join(parts) + "/"))  # relative links of an index.html need the slash
                return
            path = confined(self.site.out, [*parts, "index.html"])
        if path is None or not path.is_file():
            self._not_found(head)
            return
        try:
            data = path.read_bytes()
        except OSError:
            self._not_found(head)
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data, kind = pages.inject(data, self.site.state.snapshot.generation), "text/html; charset=utf-8"
        elif kind.startswith("text/"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, data, kind, head)

    def _preview(self, parts: list[str], head: bool) -> None:
        library = read_library(self.site.out)
        generation = self.site.state.snapshot.generation
        if not parts:
            self._send(HTTPStatus.OK, pages.library_page(library, generation, self.site.locales(), resolve(self.site.out, "/index.html") is not None), "text/html; charset=utf-8", head)
        elif parts == ["events"]:
            self._events(head)
        elif len(parts) == 1 and pages.asset(parts[0]) is not None:
            self._send(HTTPStatus.OK, pages.asset(parts[0]) or b"", pages.ASSETS[parts[0]], head)
        elif len(parts) == 3 and parts[0] == "pages" and (number := _PAGE.fullmatch(parts[2])):
            self._page_image(parts[1], int(number.group(1)), head)
        elif len(parts) == 1 and (first := pages.first_locale(library, parts[0], self.site.locales())):
            self._redirect(quote(f"{pages.PREFIX}/{parts[0]}/{first}/"))
        elif len(parts) == 2 and (body := pages.document_page(library, parts[0], parts[1], generation, self.site.locales())):
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", head)
        else:
            self._not_found(head)

    def _page_image(self, sha256: str, number: int, head: bool) -> None:
        entry = read_library(self.site.out).by_sha256(sha256)
        source = confined(self.site.out, entry.path.split("/")) if entry else None
        image = self.site.images.page(source, sha256, entry.format if entry else "", number) if (entry is None or number <= entry.pages) else None
        if image is None:
            self._not_found(head)
        else:
            self._send(HTTPStatus.OK, image.read_bytes(), "image/png", head)

    def _events(self, head: bool) -> None:
        """A server-sent event stream: the state now, then every change (keep-alive comments between)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if head:
            return
        state = self.site.state
        seen = state.snapshot
        shown = parse_qs(urlsplit(self.path).query).get("generation", [""])[0]
        generation = int(shown) if shown.isdigit() else None  # the generation of the page that listens
        if generation is not None:
            state.viewing(generation, +1)
        try:
            self.wfile.write(f"retry: 1000\nevent: state\ndata: {seen.to_json()}\n\n".encode())
            self.wfile.flush()
            while not state.closed:
                now = state.wait(seen, KEEPALIVE)
                message = ": keep-alive\n\n" if now == seen else f"event: state\ndata: {now.to_json()}\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded
        finally:
            if generation is not None:
                state.viewing(generation, -1)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, head: bool) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": kind, "Content-Length": str(len(body)), "Cache-Control": "no-store",
                   "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", **(extra or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)
