"""The restricting URL fetcher: a WeasyPrint resource URL -> bytes, only for files under the project's readable roots."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from . import native  # noqa: F401  -- first: WeasyPrint's libraries without a compiler (native.py)
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .errors import Problem

# Project files are addressed by a fixed virtual prefix, so that WeasyPrint's resource ids (hashes of
# URLs) and hence the PDF bytes do not depend on where the project is checked out.
PROJECT_URL = "file:///handouts-project/"


class Refused(ValueError):
    """A resource the leaflet may not read (network, or a file outside the project)."""


class RestrictedFetcher(URLFetcher):
    """Serves file: URLs under the readable roots (symlinks resolved first); refuses everything else, without I/O."""

    def __init__(self, roots: list[Path], files: tuple[Path, ...] = (), project: Path | None = None) -> None:
        # fail_on_errors: a refused or missing resource stops rendering instead of leaving a gap.
        super().__init__(fail_on_errors=True, allow_redirects=False, allowed_protocols=("file",))
        self.roots = [r.resolve() for r in roots]
        self.files = {f.resolve() for f in files}
        self.project = project.resolve() if project else None
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """The bytes of an allowed local file; Refused for anything else."""
        path = self.allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise Refused(f"refused to read '{url}'")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    def allowed_path(self, url: str) -> Path | None:
        """The resolved local file a URL names, if rendering may read it."""
        path = self.local_path(url)
        return path if path is not None and self.inside(path) and path.is_file() else None

    def local_path(self, url: str) -> Path | None:
        """The resolved path a file: URL names (virtual project URLs mapped to the project); None for any other URL."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        if self.project and url.startswith(PROJECT_URL):
            return (self.project / unquote(url[len(PROJECT_URL):].split("?")[0])).resolve()
        return Path(unquote(parts.path)).resolve()

    def inside(self, path: Path) -> bool:
        """Whether a resolved path is one rendering may read (under a root, or a named file)."""
        return path in self.files or any(path.is_relative_to(root) for root in self.roots)

    def problem(self, url: str, where: Problem | None) -> Problem:
        """What to tell the user about one refused reference, at its source file and line when known."""
        path = self.local_path(url)
        if path is not None and self.inside(path):
            message = f"'{path}' does not exist or is not a file: add the file or fix the reference"
        elif urlsplit(url).scheme.lower() in ("http", "https", "ftp"):
            message = f"unsafe reference '{url}': the leaflet never fetches from the network: save the file in the document's folder and use a relative path"
        else:
            message = f"unsafe reference '{path or url}': the leaflet only reads files in the content and templates folders: move the file there"
        return Problem(message, path=where.path if where else None, line=where.line if where else None)


def project_url(path: Path, project: Path) -> str:
    """The path-independent URL of a file or folder inside the project (absolute file URL outside it)."""
    path, project = path.resolve(), project.resolve()
    if not path.is_relative_to(project):
        return path.as_uri()
    relative = path.relative_to(project).as_posix()
    return PROJECT_URL + quote(relative) + ("/" if path.is_dir() and relative != "." else "")


def written_at(url: str, folders: tuple[Path, ...]) -> Problem | None:
    """The template file and line that wrote a URL (or, for a resolved file URL, its file name)."""
    name = url.rstrip("/").rsplit("/", 1)[-1]
    for needle in dict.fromkeys(n for n in (url, name) if n):
        for folder in folders:
            for path in sorted(folder.rglob("*")):
                if path.suffix not in (".html", ".css", ".j2") or not path.is_file():
                    continue
                for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                    if needle in text:
                        return Problem("", path=path, line=number)
    return None
