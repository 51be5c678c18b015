"""The designer's .pptx master -> an empty Presentation plus the geometry and text styles of its placeholders.

The master is found through the theme search path (`slides/master.pptx`), so a clinic's own
master in its templates folder replaces the built-in one. Brand colours set in handouts.yml
recolour the master's theme: text -> dk1, background -> lt1, primary -> accent1,
accent -> accent2 and dk2, warning -> accent3, warning_background -> accent4,
keypoints_background -> accent5 and lt2.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout

from ...config import Brand
from ...errors import Problem, TemplateError

REQUIRED_LAYOUTS = ("Title", "Section Header", "Title and Content", "Two Content", "Closing")
PLACEHOLDERS = {  # per layout, the placeholder idx the deck fills, and what goes there
    "Title": {0: "title", 1: "subtitle", 13: "organisation and date"},
    "Section Header": {0: "title", 1: "text"},
    "Title and Content": {0: "title", 1: "bullets"},
    "Two Content": {0: "title", 1: "picture", 2: "caption"},
    "Closing": {0: "title", 1: "contact details", 14: "QR code picture"},
    "Warning": {0: "title", 1: "text"},
    "Important": {0: "title", 1: "text"},
    "Agenda": {0: "title", 1: "bullets"},
}
OPTIONAL_LAYOUTS = {"Warning": "Title and Content", "Important": "Title and Content", "Agenda": "Title and Content"}
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
EMU_PER_PT = 12700
BRAND_SLOTS = {
    "text": ("dk1",), "background": ("lt1",), "primary": ("accent1",), "accent": ("accent2", "dk2"),
    "warning": ("accent3",), "warning_background": ("accent4",), "keypoints_background": ("accent5", "lt2"),
}
TITLE_TYPES = ("title", "ctrTitle")
DEFAULT_INSETS = (91440, 45720, 91440, 45720)


def load_master(path: Path) -> PresentationT:
    """Open the master; a missing, corrupt or incomplete file is a TemplateError naming it."""
    try:
        data = path.read_bytes()
        prs = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError) as exc:
        raise TemplateError(Problem(f"slide master is not a readable .pptx file ({type(exc).__name__}: {exc}): "
                                    "save it again from PowerPoint or Impress, or remove it to use the built-in master", path=path)) from None
    names = [layout.name for layout in prs.slide_layouts]
    missing = [name for name in REQUIRED_LAYOUTS if name not in names]
    if missing:
        raise TemplateError(Problem(
            f"slide master lacks the layout(s) {', '.join(repr(n) for n in missing)} (it has: {', '.join(repr(n) for n in names) or 'none'}): "
            "add layouts with these names (see scripts/make_master.py)", path=path))
    if len(prs.slides):
        raise TemplateError(Problem("slide master contains slides: delete them, keep only the master and its layouts", path=path))
    lacking = []
    for lay in prs.slide_layouts:
        have = {ph.placeholder_format.idx for ph in lay.placeholders}
        lacking += [f"'{lay.name}' idx {idx} ({what})" for idx, what in PLACEHOLDERS.get(lay.name, {}).items() if idx not in have]
    if lacking:
        raise TemplateError(Problem(f"slide master layouts lack placeholders: {', '.join(lacking)}: add them (see scripts/make_master.py)", path=path))
    return prs


def layout(prs: PresentationT, name: str) -> SlideLayout:
    """A layout by name; optional layouts fall back to a required one."""
    found = prs.slide_layouts.get_by_name(name)
    if found is None:
        found = prs.slide_layouts.get_by_name(OPTIONAL_LAYOUTS.get(name, "Title and Content"))
    assert found is not None  # required layouts were checked in load_master
    return found


def apply_brand(prs: PresentationT, brand: Brand) -> None:
    """Recolour the master's theme with the brand colours the project sets explicitly."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(".//a:clrScheme", NS)
    if scheme is None:
        return
    for field in sorted(brand.model_fields_set & set(BRAND_SLOTS)):
        for slot in BRAND_SLOTS[field]:
            el = scheme.find(f"a:{slot}", NS)
            if el is None:
                continue
            for child in list(el):
                el.remove(child)
            etree.SubElement(el, f"{{{A}}}srgbClr", val=getattr(brand, field).lstrip("#").upper())
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(frozen=True)
class TextStyle:
    """What measuring a placeholder needs: box (EMU), insets (EMU), first-level size (pt), spacing, left margin (EMU), bullets.

    Paragraph spacing is (points, lines): PowerPoint stores "6 pt" and "0.5 lines" differently.
    Line spacing is a share of single spacing (never below 1, which only makes measuring safer)
    or an exact pitch in points (0 when not set).
    """

    box: tuple[int, int, int, int]
    insets: tuple[int, int, int, int]
    size: float
    margin: int
    bullets: bool
    before: tuple[float, float] = (0.0, 0.0)
    after: tuple[float, float] = (0.0, 0.0)
    line_share: float = 1.0
    line_pt: float = 0.0

    @property
    def width_pt(self) -> float:
        return (self.box[2] - self.insets[0] - self.insets[2] - self.margin) / EMU_PER_PT

    @property
    def height_pt(self) -> float:
        return (self.box[3] - self.insets[1] - self.insets[3]) / EMU_PER_PT


def _ph_type(sp) -> str:  # type: ignore[no-untyped-def]
    ph = sp.find(".//p:nvPr/p:ph", NS)
    return ph.get("type", "obj") if ph is not None else ""


def _master_ph(prs: PresentationT, ph_type: str):  # type: ignore[no-untyped-def]
    want = "title" if ph_type in TITLE_TYPES else "body" if ph_type in ("body", "obj", "subTitle") else ph_type
    for sp in prs.slide_master.placeholders:
        if _ph_type(sp._element) == want:
            return sp
    return None


def _lvl1(el) -> list:  # type: ignore[no-untyped-def]
    return el.findall(".//a:lstStyle/a:lvl1pPr", NS) if el is not None else []


def text_style(prs: PresentationT, layout_: SlideLayout, idx: int) -> TextStyle:
    """Resolve a layout placeholder's geometry and first-level text style through layout, master and txStyles."""
    ph = next(p for p in layout_.placeholders if p.placeholder_format.idx == idx)
    ph_type = _ph_type(ph._element)
    master_ph = _master_ph(prs, ph_type)
    styles = prs.slide_master._element.find("p:txStyles", NS)
    style_name = "p:titleStyle" if ph_type in TITLE_TYPES else "p:bodyStyle" if ph_type in ("body", "obj", "subTitle") else "p:otherStyle"
    chain = _lvl1(ph._element) + _lvl1(master_ph._element if master_ph is not None else None)
    if styles is not None:
        chain += styles.findall(f"{style_name}/a:lvl1pPr", NS)
    size = _first(chain, lambda p: p.find("a:defRPr", NS).get("sz") if p.find("a:defRPr", NS) is not None else None)
    margin = _first(chain, lambda p: p.get("marL"))
    bullet = _first(chain, lambda p: "none" if p.find("a:buNone", NS) is not None else "char" if p.find("a:buChar", NS) is not None else None)
    body_pr = [el.find(".//p:txBody/a:bodyPr", NS) for el in (ph._element, master_ph._element if master_ph is not None else None) if el is not None]
    insets = tuple(
        int(_first(body_pr, lambda b, k=k: b.get(k) if b is not None else None) or DEFAULT_INSETS[i])
        for i, k in enumerate(("lIns", "tIns", "rIns", "bIns"))
    )
    line_pt, line_share = _spacing(chain, "lnSpc")
    return TextStyle(
        box=(int(ph.left), int(ph.top), int(ph.width), int(ph.height)),
        insets=insets,  # type: ignore[arg-type]
        size=int(size) / 100 if size else 18.0,
        margin=int(margin) if margin and bullet != "none" else 0,
        bullets=bullet == "char",
        before=_spacing(chain, "spcBef"),
        after=_spacing(chain, "spcAft"),
        line_share=max(1.0, line_share),
        line_pt=line_pt,
    )


def _spacing(chain: list, tag: str) -> tuple[float, float]:  # type: ignore[type-arg]
    """(points, share of a line) of a spacing element (spcBef, spcAft, lnSpc) from the first level that sets it."""
    el = _first(chain, lambda p: p.find(f"a:{tag}", NS))
    if el is None:
        return 0.0, 0.0
    pts, pct = el.find("a:spcPts", NS), el.find("a:spcPct", NS)
    return (int(pts.get("val")) / 100 if pts is not None else 0.0, int(pct.get("val")) / 100000 if pct is not None else 0.0)


def _first(items, get):  # type: ignore[no-untyped-def]
    for item in items:
        value = get(item)
        if value is not None:
            return value
    return None
