"""Web assets: the fonts a page's text needs and its images -> files written beside index.html under assets/.

Fonts become WOFF2 (fontTools, Brotli) when they can, else are copied as they are; only the
families whose characters the page contains are kept, and italic faces only when the page has
italic text. Images and the logo must be files in the content or templates folders (the web
edition, like the leaflet, reads nothing else) and are copied under a name that holds a digest
of their bytes, so two images of the same name never collide.
"""

from __future__ import annotations

import hashlib
import io
import re
from html import unescape
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ...errors import Problem, UnsafeReference
from ...fonts import Font, missing_characters
from ...model import Image
from .. import RenderJob

FOLDER = "assets"
_TAG = re.compile(r"<[^>]*>")
_ITALIC = re.compile(r"<(em|i|cite)[\s>]")


@dataclass(frozen=True)
class FontFace:
    """One @font-face: family, weight, style, the URL of its file beside the page."""

    family: str
    weight: str
    style: str
    url: str
    format: str


def font_faces(fonts: list[Font], html: str) -> tuple[list[FontFace], dict[str, bytes]]:
    """The @font-face entries and font files a filled page needs (families in stack order, each used for some of its text)."""
    need = missing_characters(unescape(_TAG.sub(" ", html)), [], installed=False)
    italic = bool(_ITALIC.search(html))
    families: dict[str, list[Font]] = {}
    for font in fonts:
        families.setdefault(font.family, []).append(font)
    faces: list[FontFace] = []
    files: dict[str, bytes] = {}
    for family, members in families.items():
        left = missing_characters(need, members, installed=False)
        if left == need:
            continue  # -- not one character of the page is drawn with this family --
        need = left
        for font in members:
            weight, style = _face(font.path)
            if style == "italic" and not italic:
                continue
            data, kind = web_font(font.path)
            name = f"{FOLDER}/fonts/{font.path.stem}.{kind}"
            files[name] = data
            faces.append(FontFace(family, weight, style, name, kind))
        if not need:
            break
    return faces, files


def _face(path: Path) -> tuple[str, str]:
    stem = path.stem.lower()
    return ("700" if "bold" in stem else "400"), ("italic" if "italic" in stem else "normal")


def web_font(path: Path) -> tuple[bytes, str]:
    """A font file as WOFF2 bytes (or its own bytes and format when it cannot be converted)."""
    return _web_font(path, path.stat().st_mtime_ns, path.stat().st_size)


@lru_cache(maxsize=32)
def _web_font(path: Path, _mtime: int, _size: int) -> tuple[bytes, str]:
    # -- converting a font takes about a second: once per file per process, not once per page --
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=0, recalcTimestamp=False, recalcBBoxes=False)
        font.flavor = "woff2"
        buf = io.BytesIO()
        font.save(buf, reorderTables=False)
        return buf.getvalue(), "woff2"
    except ImportError:  # pragma: no cover -- no Brotli: the browser reads the TrueType/OpenType file as it is
        return path.read_bytes(), "otf" if path.suffix.lower() in (".otf", ".otc") else "ttf"


def images(job: RenderJob, logo: Path | None) -> tuple[dict[str, dict[str, object]], dict[str, bytes]]:
    """Each image block's src (and the logo, under '') -> its asset URL and pixel size, and the files to write."""
    urls: dict[str, dict[str, object]] = {}
    files: dict[str, bytes] = {}
    roots = job.theme.readable_roots()
    wanted: list[tuple[str, Path | None, Problem]] = []
    path = job.folder / "document.yml"
    for si, section in enumerate(job.document.sections):
        for bi, block in enumerate(section.body):
            if isinstance(block, Image) and block.only != "slides":
                key = ("sections", si, "body", bi, "image", "src")
                where = Problem("", path=path, line=job.document.line(key) or job.document.line(key[:4]))
                wanted.append((block.image.src, _local(job.folder, block.image.src), where))
    if logo is not None:
        wanted.append(("", logo, Problem("", path=job.config.root / "handouts.yml")))
    for src, file, where in wanted:
        if src in urls:
            continue
        if file is None or not any(file.is_relative_to(r) for r in roots) or not file.is_file():
            raise UnsafeReference(Problem(_refusal(src, file), path=where.path, line=where.line, locale=job.locale))
        data = file.read_bytes()
        name = f"{FOLDER}/{file.stem}-{hashlib.sha256(data).hexdigest()[:10]}{file.suffix.lower()}"
        files[name] = data
        urls[src] = {"url": name, **_size(data)}
    return urls, files


def _local(folder: Path, src: str) -> Path | None:
    if urlsplit(src).scheme:
        return None
    return (folder / src).resolve()


def _refusal(src: str, file: Path | None) -> str:
    if file is None:
        return f"unsafe reference '{src}': the web edition never fetches from the network: save the file in the document's folder and use a relative path"
    if not file.exists():
        return f"'{file}' does not exist or is not a file: add the file or fix the reference"
    return f"unsafe reference '{src}': the web edition only reads files in the content and templates folders: move the file there"


def _size(data: bytes) -> dict[str, object]:
    from PIL import Image as Picture, UnidentifiedImageError

    try:
        with Picture.open(io.BytesIO(data)) as picture:
            return {"width": picture.width, "height": picture.height}
    except (UnidentifiedImageError, OSError):
        return {}  # an SVG: the browser sizes it from its own attributes
