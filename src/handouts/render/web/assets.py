"""Web assets: the fonts a page's text needs and its images -> files written beside index.html under assets/.

Fonts become WOFF2 (the vendored fonts ship theirs beside the TrueType files; a clinic's fonts are
converted by fontTools with Brotli) when they can, else are copied as they are; only the
families whose characters the page contains are kept, and italic faces only when the page has
italic text. A font file over SUBSET_OVER (a CJK collection: 16-20 MB) is cut by fontTools'
subsetter to the page's characters, from the face of the collection that has the family's name,
under a name holding a digest of its bytes (a page whose text changes gets a new file, never a
cached one without its new characters); a family that the stack gives only in bold (an
installed collection) gets its regular face from the file beside it. Images and the logo must be files in the content or templates folders (the web
edition, like the leaflet, reads nothing else) and are copied under a name that holds a digest
of their bytes, so two images of the same name never collide.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ...errors import Problem, UnsafeReference
from ...fonts import Font, missing_characters, siblings
from ...model import Image
from .. import RenderJob

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

FOLDER = "assets"
CSS_FORMATS = {"woff2": "woff2", "ttf": "truetype", "otf": "opentype"}  # file suffix -> @font-face format()
_TAG = re.compile(r"<[^>]*>")
_ITALIC = re.compile(r"<(em|i|cite)[\s>]")
SUBSET_OVER = 1_000_000  # bytes: fonts above this are subset per page (a 100 KB CJK page instead of 12 MB)


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
    text = unescape(_TAG.sub(" ", html))  # -- the <style> text stays: CSS content strings ("!", "i") are drawn too --
    need = missing_characters(text, [], installed=False)
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
        for font in _with_regular(members):
            weight, style = _face(font.path)
            if style == "italic" and not italic:
                continue
            if font.path.stat().st_size > SUBSET_OVER:
                data, kind = subset_font(font.path, family, "".join(sorted(set(text))))
                name = f"{FOLDER}/fonts/{font.path.stem}-{hashlib.sha256(data).hexdigest()[:10]}.{kind}"
            else:
                data, kind = web_font(font.path)
                name = f"{FOLDER}/fonts/{font.path.stem}.{kind}"
            files[name] = data
            faces.append(FontFace(family, weight, style, name, CSS_FORMATS[kind]))
        if not need:
            break
    return faces, files


def _with_regular(members: list[Font]) -> list[Font]:
    """A family's faces, with the regular one from beside its bold file when the stack gives only the bold (NotoSansCJK-Bold.ttc)."""
    if any(_face(f.path) == ("400", "normal") for f in members):
        return members
    extra = [f for font in members for f in siblings(font) if f.path.stem.endswith("-Regular")]
    return list(dict.fromkeys(extra + members))


def subset_font(path: Path, family: str, characters: str) -> tuple[bytes, str]:
    """A big font cut to some characters (its face named `family` when it is a collection), as WOFF2 bytes."""
    stat = path.stat()
    return _subset(path, stat.st_mtime_ns, stat.st_size, family, characters)


@lru_cache(maxsize=16)
def _subset(path: Path, _mtime: int, _size: int, family: str, characters: str) -> tuple[bytes, str]:
    # -- once per file and text per process: a page rebuilt unchanged (serve, a second format) is not cut twice --
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=_face_index(path, family), lazy=True, recalcTimestamp=False, recalcBBoxes=False) as font:
        return _cut(font, characters)


def _cut(font: TTFont, characters: str) -> tuple[bytes, str]:
    """One face cut to some characters, as WOFF2 bytes (OpenType without Brotli)."""
    from fontTools import subset

    options = subset.Options()
    options.hinting = False  # -- fewer bytes; browsers draw unhinted CJK outlines well at text sizes --
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)  # -- default layout features: shaping, kerning and vertical forms, not every feature --
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = "woff2"
    buf = io.BytesIO()
    try:
        font.save(buf, reorderTables=False)
        return buf.getvalue(), "woff2"
    except ImportError:  # -- no Brotli: the subset as OpenType, still a fraction of the collection --
        font.flavor, buf = None, io.BytesIO()
        font.save(buf, reorderTables=False)
        return buf.getvalue(), "otf" if "CFF " in font else "ttf"


@lru_cache(maxsize=32)
def _face_index(path: Path, family: str) -> int:
    """The index of the face named `family` in a font collection (0 for a single font, or when no face has the name)."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(path, lazy=True) as collection:
        names = [{face["name"].getDebugName(i) for i in (16, 1)} for face in collection.fonts]
    return next((i for i, n in enumerate(names) if family in n), 0)


def _face(path: Path) -> tuple[str, str]:
    stem = path.stem.lower()
    return ("700" if "bold" in stem else "400"), ("italic" if "italic" in stem else "normal")


def web_font(path: Path) -> tuple[bytes, str]:
    """A font file as WOFF2 bytes: the WOFF2 file beside it when there is one (the vendored fonts), else converted."""
    ready = path.with_suffix(".woff2")
    if ready.is_file():  # -- converting takes seconds per font (fontTools' glyf transform is pure Python) --
        return ready.read_bytes(), "woff2"
    return _web_font(path, path.stat().st_mtime_ns, path.stat().st_size)


@lru_cache(maxsize=32)
def _web_font(path: Path, _mtime: int, _size: int) -> tuple[bytes, str]:
    # -- a clinic's own font: converted once per file per process, not once per page --
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(path, fontNumber=0, recalcTimestamp=False, recalcBBoxes=False)
        font.flavor = "woff2"
        buf = io.BytesIO()
        font.save(buf, reorderTables=False)
        return buf.getvalue(), "woff2"
    except (ImportError, TTLibError):  # -- no Brotli, or a font fontTools cannot rewrite: the browser reads the file as it is --
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
        # -- the logo comes from Theme.logo, which finds it only inside the project or a templates folder (as the leaflet reads it) --
        trusted = src == "" and file is not None and file.is_file()
        if not trusted and (file is None or not any(file.is_relative_to(r) for r in roots) or not file.is_file()):
            raise UnsafeReference(Problem(_refusal(src or f"brand.logo {job.config.brand.logo}", file), path=where.path, line=where.line, locale=job.locale))
        data = file.read_bytes()  # type: ignore[union-attr]
        name = f"{FOLDER}/{file.stem}-{hashlib.sha256(data).hexdigest()[:10]}{file.suffix.lower()}"  # type: ignore[union-attr]
        files[name] = data
        urls[src] = {"url": name, **picture_size(data, file.parent)}  # type: ignore[union-attr]
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


def picture_size(data: bytes, folder: Path) -> dict[str, int | None]:
    """The width and height an <img> gets (CSS pixels: a raster's pixels, an SVG's width/height or viewBox), None each when it gives none.

    Both keys are always there, so a template may test `picture.width`.
    """
    from PIL import Image as Picture, UnidentifiedImageError

    try:
        with Picture.open(io.BytesIO(data)) as picture:
            return {"width": picture.width, "height": picture.height}
    except (UnidentifiedImageError, OSError):
        pass
    from ...svg import read_svg

    facts = read_svg(data, folder)  # -- parsed only: nothing the SVG names is fetched --
    if facts.width and facts.height:
        return {"width": max(1, round(facts.width)), "height": max(1, round(facts.height))}
    return {"width": None, "height": None}
