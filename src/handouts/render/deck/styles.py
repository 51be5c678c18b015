"""A master's placeholders -> TextStyle: geometry, insets, first-level size, spacing and bullets resolved through layout, master and txStyles."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.presentation import Presentation as PresentationT

from .master import NS

TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj", "subTitle")
DEFAULT_INSETS = (91440, 45720, 91440, 45720)
EMU_PER_PT = 12700


@dataclass(frozen=True)
class TextStyle:
    """What measuring a placeholder needs: box (EMU), insets (EMU), first-level size (pt), spacing, left margin (EMU), bullets.

    Paragraph spacing is (points, lines): PowerPoint stores "6 pt" and "0.5 lines" differently.
    Line spacing is a share of single spacing (1.2 em) or an exact pitch in points (0 when not set).
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
    bold: bool = False  # the style sets its text bold (titles often are): measured with the bold face
    align: str = "l"  # the first level's alignment (algn: l, ctr, r, just, dist), which a right-to-left slide mirrors

    @property
    def width_pt(self) -> float:
        return (self.box[2] - self.insets[0] - self.insets[2] - self.margin) / EMU_PER_PT

    @property
    def height_pt(self) -> float:
        return (self.box[3] - self.insets[1] - self.insets[3]) / EMU_PER_PT


def _ph_type(sp) -> str:  # type: ignore[no-untyped-def]
    ph = sp.find(".//p:nvPr/p:ph", NS)
    return ph.get("type", "obj") if ph is not None else ""


def _master_ph(master, ph_type: str):  # type: ignore[no-untyped-def]
    want = "title" if ph_type in TITLE_TYPES else "body" if ph_type in BODY_TYPES else ph_type
    for sp in master.placeholders:
        if _ph_type(sp._element) == want:
            return sp
    return None


def _lvl1(el) -> list:  # type: ignore[no-untyped-def]
    return el.findall(".//a:lstStyle/a:lvl1pPr", NS) if el is not None else []


def text_style(prs: PresentationT, ph, kind: str | None = None, box: tuple[int, int, int, int] | None = None) -> TextStyle:  # type: ignore[no-untyped-def]
    """Resolve a layout placeholder's geometry and first-level text style through layout, master and txStyles.

    ph may be None with a kind (title, body) and a box: a text placed by geometry takes the master's style for that kind.
    """
    ph_type = _ph_type(ph._element) if ph is not None else kind or "body"
    # -- a layout of a second slide master inherits that master's styles, not the first one's --
    master = ph.part.slide_layout.slide_master if ph is not None and hasattr(ph.part, "slide_layout") else prs.slide_master
    master_ph = _master_ph(master, ph_type)
    styles = master._element.find("p:txStyles", NS)
    style_name = "p:titleStyle" if ph_type in TITLE_TYPES else "p:bodyStyle" if ph_type in BODY_TYPES else "p:otherStyle"
    chain = (_lvl1(ph._element) if ph is not None else []) + _lvl1(master_ph._element if master_ph is not None else None)
    if styles is not None:
        chain += styles.findall(f"{style_name}/a:lvl1pPr", NS)
    size = _first(chain, lambda p: p.find("a:defRPr", NS).get("sz") if p.find("a:defRPr", NS) is not None else None)
    bold = _first(chain, lambda p: p.find("a:defRPr", NS).get("b") if p.find("a:defRPr", NS) is not None else None)
    margin = _first(chain, lambda p: p.get("marL"))
    bullet = _first(chain, lambda p: "none" if p.find("a:buNone", NS) is not None else "char" if p.find("a:buChar", NS) is not None else None)
    body_pr = [el.find(".//p:txBody/a:bodyPr", NS) for el in (ph._element if ph is not None else None, master_ph._element if master_ph is not None else None) if el is not None]
    insets = tuple(
        int(_first(body_pr, lambda b, k=k: b.get(k) if b is not None else None) or DEFAULT_INSETS[i])
        for i, k in enumerate(("lIns", "tIns", "rIns", "bIns"))
    )
    line_pt, line_share = _spacing(chain, "lnSpc")
    return TextStyle(
        box=box or (int(ph.left), int(ph.top), int(ph.width), int(ph.height)),
        insets=insets,  # type: ignore[arg-type]
        size=int(size) / 100 if size else 18.0,
        margin=int(margin) if margin and bullet != "none" else 0,
        bullets=bullet == "char",
        before=_spacing(chain, "spcBef"),
        after=_spacing(chain, "spcAft"),
        line_share=line_share or 1.0,
        line_pt=line_pt,
        bold=bold in ("1", "true"),
        align=_first(chain, lambda p: p.get("algn")) or "l",
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
