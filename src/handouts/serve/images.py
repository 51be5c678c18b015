"""Built artifact (PDF leaflet or PPTX deck) -> one PNG per page, rendered on first request and kept by the artifact's sha256.

Leaflet pages come from poppler's `pdftoppm`; slides are converted to PDF by LibreOffice
(`soffice`, a private profile, so a desktop LibreOffice is not disturbed) and then paged the
same way. The file is read once and checked against the manifest's sha256 before rendering,
so a page image always shows the bytes the manifest names, even while a rebuild replaces
the file. Images live in the preview cache folder (never in the output folder or the package).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

RESOLUTION = 60  # dpi: an A4 page is ~500 px wide, enough to see the layout, quick to render
SHA256 = re.compile(r"[0-9a-f]{64}")
TIMEOUT = 120  # seconds for one conversion (LibreOffice's first start is slow)


class PageImages:
    """The page images of artifacts, keyed by sha256, under one cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @staticmethod
    def can_render(fmt: str) -> bool:
        """Whether this machine has the tools to show this format as images."""
        tools = {"pdf": ["pdftoppm"], "pptx": ["soffice", "pdftoppm"]}.get(fmt)
        return bool(tools) and all(shutil.which(t) for t in tools or [])

    def page(self, source: Path | None, sha256: str, fmt: str, number: int) -> Path | None:
        """The PNG of one page (1-based) of the artifact with this sha256 (rendered from source unless already kept); None when it cannot be had."""
        if not SHA256.fullmatch(sha256) or number < 1:
            return None
        folder = self.folder / sha256
        done = folder / "done"
        if not done.is_file():
            if source is None:
                return None
            with self._lock(sha256):
                if not done.is_file() and not self._render(source, sha256, fmt, folder):
                    return None
        image = folder / f"{number}.png"
        return image if image.is_file() else None

    def _lock(self, sha256: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(sha256, threading.Lock())

    def _render(self, source: Path, sha256: str, fmt: str, folder: Path) -> bool:
        """Render every page of the artifact into folder; False when the file no longer has that sha256 or a tool failed."""
        if not self.can_render(fmt):
            return False
        try:
            data = source.read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != sha256:
            return False  # replaced by a newer build: the page asks again with the new sha256
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.folder, prefix=".render-") as tmp:
            work = Path(tmp)
            pdf = work / "artifact.pdf"
            if fmt == "pptx":
                deck = work / "artifact.pptx"
                deck.write_bytes(data)
                if not _run(["soffice", "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--convert-to", "pdf", "--outdir", str(work), str(deck)]) or not pdf.is_file():
                    return False
            else:
                pdf.write_bytes(data)
            pages = work / "pages"
            pages.mkdir()
            if not _run(["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf), str(pages / "p")]):
                return False
            for png in pages.glob("p-*.png"):  # pdftoppm pads the number to the page count's width: p-01.png
                png.rename(pages / f"{int(png.stem.rsplit('-', 1)[1])}.png")
            (pages / "done").touch()
            shutil.rmtree(folder, ignore_errors=True)
            pages.rename(folder)
        return True


def _run(command: list[str]) -> bool:
    """Run a converter quietly; False on failure or timeout."""
    try:
        return subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False
