"""Input digests: files, folders, config sections and tool versions -> sha256 hex strings, each file read once per build.

A digest is remembered by (path, size, mtime, inode), so a file is hashed once however many
artifacts depend on it, and hashed again when it changes. Cache keys (pipeline.plan) are built
from these digests.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from .. import __version__

# Libraries whose version can change an artifact's bytes (layout, PDF writer, zip, fonts, QR, Markdown).
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "pyphen", "fonttools", "pillow", "python-pptx", "lxml",
             "xlsxwriter", "jinja2", "markupsafe", "markdown-it-py", "babel", "segno", "pydantic")
# System libraries WeasyPrint draws text with; their versions show in their file names.
SYSTEM_LIBRARIES = ("libpango-1.0.so.*", "libharfbuzz.so.*", "libfontconfig.so.*", "libfreetype.so.*", "libcairo.so.*")
PACKAGE = Path(__file__).resolve().parents[1]


class Digests:
    """sha256 of files and folders, remembered for the life of the object (one build): each folder is listed once, each file version read once."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, int, int, int], str] = {}
        self._listed: dict[tuple[str, tuple[Path, ...]], list[tuple[str, str]]] = {}
        self.reads = 0  # files actually read (a counter tests can look at)

    def file(self, path: Path | str) -> str:
        """The sha256 of a file's bytes ('' when it does not exist)."""
        try:
            st = os.stat(path)
        except OSError:
            return ""
        stamp = (str(path), st.st_size, st.st_mtime_ns, st.st_ino)
        if stamp not in self._files:
            self.reads += 1
            h = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            self._files[stamp] = h.hexdigest()
        return self._files[stamp]

    def tree(self, folder: Path, skip: tuple[Path, ...] = (), keep: object = None) -> str:
        """The digest of every file under folder (relative names + contents); skip: folders left out; keep(rel) filters files."""
        where = (str(folder), skip)
        if where not in self._listed:
            self._listed[where] = _files_under(folder, skip)
        h = hashlib.sha256()
        for rel, path in self._listed[where]:
            if keep is not None and not keep(rel):  # type: ignore[operator]
                continue
            h.update(f"{rel}\0{self.file(path)}\n".encode())
        return h.hexdigest()


def _files_under(folder: Path, skip: tuple[Path, ...]) -> list[tuple[str, str]]:
    """(relative name, path) of every file under folder, by name; hidden files and folders, __pycache__ and `skip` left out."""
    found: list[tuple[str, str]] = []
    top, skipped = str(folder), {str(p) for p in skip}
    for base, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__" and os.path.join(base, d) not in skipped]
        rel = os.path.relpath(base, top).replace(os.sep, "/")
        found += [(f if rel == "." else f"{rel}/{f}", os.path.join(base, f)) for f in files if not f.startswith(".")]
    return sorted(found)


def text(value: object) -> str:
    """The digest of a JSON-able value (config sections, options)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


@lru_cache(maxsize=1)
def tool() -> str:
    """handouts' own code and version, the libraries' versions and the system text libraries (one digest per process)."""
    code = Digests().tree(PACKAGE, skip=(PACKAGE / "templates",), keep=lambda rel: rel.endswith(".py"))
    import sysconfig

    arch = sysconfig.get_config_var("MULTIARCH") or ""
    folders = dict.fromkeys(f for f in ("/usr/lib", f"/usr/lib/{arch}", "/usr/lib64", "/usr/local/lib") if os.path.isdir(f))
    system = sorted({os.path.basename(os.path.realpath(p)) for pattern in SYSTEM_LIBRARIES for f in folders for p in glob.glob(f"{f}/{pattern}")})
    return text({"handouts": __version__, "code": code, "libraries": installed(), "system": system})


def installed() -> list[str]:
    """name-version of the LIBRARIES installed on sys.path, from their .dist-info folder names (one listing per folder, no metadata parsing)."""
    wanted = {n.replace("-", "_").lower() for n in LIBRARIES}
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += [n[: -len(".dist-info")] for n in names if n.endswith(".dist-info") and n.split("-", 1)[0].replace(".", "_").lower() in wanted]
    return sorted(set(found))
