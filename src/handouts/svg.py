"""An SVG file -> its display size (CSS pixels) and what in it the leaflet cannot print; read as XML only, nothing it names is fetched.

The parser is the one WeasyPrint draws SVG with (ElementTree over expat: an external entity is an error, never
read; expat bounds entity expansion), so an SVG this module reads is one the leaflet can parse. A picture must
be self-contained: every reference is a fragment of the file itself (`#gradient`) or a file beside it in the
document folder. Network and `file:` addresses, `data:` addresses (the leaflet's fetcher reads none), CSS
`@import` and scripts are refused, each with what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*")
_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}  # CSS units
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?(['\"]?)([^'\")\s;]*)", re.IGNORECASE)
_IMPORT_RULE = re.compile(r"@import[^;]*;?", re.IGNORECASE)
NETWORK = ("http", "https", "ftp")


@dataclass(frozen=True)
class SvgFacts:
    """An SVG's size in CSS pixels (None when it gives none) and why it cannot be printed (empty when it can)."""

    width: float | None = None
    height: float | None = None
    problems: list[str] = field(default_factory=list)


def read_svg(data: bytes, here: Path, folder: Path | None = None) -> SvgFacts:
    """Size and problems of SVG bytes read from the folder `here`, whose relative references must be files inside `folder` (default: `here`)."""
    allowed = folder or here
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return SvgFacts(problems=[f"cannot be read as XML ({exc}): export it again from the drawing program"])
    if _local(root.tag) != "svg":
        return SvgFacts(problems=[f"is XML but not SVG (its root element is <{_local(root.tag)}>): export it again as SVG"])
    problems: list[str] = []
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag == "script":
            problems.append("contains a script (<script>): a picture must not run code; remove it")
        if tag == "style" and element.text:
            problems += [f"imports a stylesheet from {m.group(2) or 'another file'}; remove the @import (a picture's styles must be written inside it)"
                         for m in _IMPORT.finditer(element.text)]
            rules = _IMPORT_RULE.sub("", element.text)  # -- an @import url(...) is said once, above --
            problems += [p for m in _URL.finditer(rules) if (p := _reference(m.group(2), here, allowed))]
        for name, value in element.attrib.items():
            attr = _local(name)
            if attr.lower().startswith("on"):
                problems.append(f"has an event handler ({attr}=\"...\") on <{tag}>: a picture must not run code; remove it")
            elif attr in ("href", "src") and (p := _reference(value, here, allowed)):
                problems.append(p)
            elif "url(" in value.lower():
                problems += [p for m in _URL.finditer(value) if (p := _reference(m.group(2), here, allowed))]
    width, height = size(root.get("width"), root.get("height"), root.get("viewBox"))
    return SvgFacts(width, height, list(dict.fromkeys(problems)))


def size(width: str | None, height: str | None, view_box: str | None) -> tuple[float | None, float | None]:
    """The size an <img> shows an SVG at: its absolute width and height, else the viewBox's proportions."""
    w, h = _px(width), _px(height)
    if w and h:
        return w, h
    box = [float(v) for v in re.split(r"[\s,]+", view_box.strip())] if view_box and _numbers(view_box) else []
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        return None, None
    vw, vh = box[2], box[3]
    if w:
        return w, w * vh / vw
    if h:
        return h * vw / vh, h
    return vw, vh


def _reference(value: str, here: Path, folder: Path) -> str | None:
    """Why one reference inside an SVG cannot be printed, or None (a fragment, or a file beside it in the folder)."""
    ref = value.strip()
    if not ref or ref.startswith("#"):
        return None
    parts = urlsplit(ref)
    scheme = parts.scheme.lower()
    shown = ref if len(ref) <= 80 else ref[:77] + "..."
    if scheme == "data":
        return (f"embeds a file as a data: address ({shown}), which the leaflet does not read: "
                "save the embedded picture as a PNG beside the SVG and refer to it by its file name")
    if scheme in NETWORK or parts.netloc:
        return f"refers to {shown} on the network; the leaflet never fetches from the network: put what it shows into the SVG, or remove the reference"
    if scheme == "file":
        return f"reads {shown} from the computer; a picture may only use files beside it in the document folder: remove the reference"
    if scheme:
        return f"refers to {shown}, which is not a file beside it: remove it"
    target = (here / unquote(parts.path)).resolve()
    if not target.is_relative_to(folder.resolve()):
        return f"refers to '{ref}', outside the document folder: copy the file beside the SVG and refer to it by its name"
    if not target.is_file():
        return f"refers to '{ref}', which does not exist: add the file beside the SVG or remove the reference"
    return None


def _px(value: str | None) -> float | None:
    match = _LENGTH.fullmatch(value) if value else None
    if not match:
        return None  # -- a percentage or a font-relative length: the viewBox gives the proportions --
    px = float(match.group(1)) * _PX[match.group(2)]
    return px if px > 0 else None


def _numbers(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?[\s,]*){4}", text))


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
