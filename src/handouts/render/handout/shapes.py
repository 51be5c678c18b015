"""A shape's geometry for the handout drawing: fill, outline, lines and connectors, preset and custom paths, rotation, groups.

Outlines are CSS borders centred on the shape's edge, as DrawingML draws them. What CSS cannot
outline or shape (triangles with an outline, custom geometry, a few presets) is an SVG
background; WeasyPrint tags a background as a plain Div, where an <img> without alt text would
be a Figure without /Alt. Lines and connectors are a rotated border from one end to the other.
Whatever is drawn plainer than the deck shows it is named in Canvas.simplified (a notice).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from ..deck.master import NS
from .fills import colour_of, css_colour, fill_css, own_fill, style_fill

if TYPE_CHECKING:
    from .draw import Canvas

P_CXN = f"{{{NS['p']}}}cxnSp"
BOXES = {"rect": "", "flowChartProcess": "", "roundRect": ";border-radius:8%", "ellipse": ";border-radius:50%", "flowChartAlternateProcess": ";border-radius:8%"}
LINES = ("line", "straightConnector1")
HAIRLINE = 3175  # EMU (0.25 pt): how a zero-width outline is drawn, as LibreOffice draws it
DEFAULT_LINE = 9525  # EMU (0.75 pt): an outline with no width of its own or from the theme
# -- presets as polygons in a unit box, the adjustment handles at their defaults --
PRESETS = {
    "triangle": ((0.5, 0), (1, 1), (0, 1)),
    "rtTriangle": ((0, 0), (1, 1), (0, 1)),
    "diamond": ((0.5, 0), (1, 0.5), (0.5, 1), (0, 0.5)),
    "parallelogram": ((0.25, 0), (1, 0), (0.75, 1), (0, 1)),
    "trapezoid": ((0.25, 0), (0.75, 0), (1, 1), (0, 1)),
    "pentagon": ((0.5, 0), (1, 0.382), (0.809, 1), (0.191, 1), (0, 0.382)),
    "hexagon": ((0.25, 0), (0.75, 0), (1, 0.5), (0.75, 1), (0.25, 1), (0, 0.5)),
    "homePlate": ((0, 0), (0.8, 0), (1, 0.5), (0.8, 1), (0, 1)),
    "chevron": ((0, 0), (0.8, 0), (1, 0.5), (0.8, 1), (0, 1), (0.2, 0.5)),
}


@dataclass(frozen=True)
class Frame:
    """Child coordinates (EMU) -> slide coordinates: x' = dx + x * sx (a group's chOff/chExt mapped onto its off/ext)."""

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def place(self, shape) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
        """A shape's box on the slide: left, top, width, height (EMU)."""
        x, y, cx, cy = (int(v or 0) for v in (shape.left, shape.top, shape.width, shape.height))
        return self.dx + x * self.sx, self.dy + y * self.sy, cx * self.sx, cy * self.sy

    def inner(self, group) -> Frame:  # type: ignore[no-untyped-def]
        """The frame of a group's children."""
        xfrm = group.find("p:grpSpPr/a:xfrm", NS)
        if xfrm is None:
            return self
        (ox, oy), (cx, cy), (cox, coy), (ccx, ccy) = (_pair(xfrm, name) for name in ("off", "ext", "chOff", "chExt"))
        sx, sy = (cx / ccx if ccx else 1.0), (cy / ccy if ccy else 1.0)
        return Frame(self.dx + (ox - cox * sx) * self.sx, self.dy + (oy - coy * sy) * self.sy, self.sx * sx, self.sy * sy)


IDENTITY = Frame()


def _pair(xfrm, name: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    el = xfrm.find(f"a:{name}", NS)
    if el is None:
        return 0.0, 0.0
    keys = ("x", "y") if name.lower().endswith("off") else ("cx", "cy")  # -- off/chOff hold x, y; ext/chExt hold cx, cy --
    return float(el.get(keys[0], "0")), float(el.get(keys[1], "0"))


@dataclass(frozen=True)
class Stroke:
    """An outline: width (EMU on the slide), CSS colour and CSS border style."""

    width: float
    colour: str
    style: str


def shape_fill(sp, part, cv: Canvas) -> str | None:  # type: ignore[no-untyped-def]
    """A shape's CSS background: its own fill, else the theme fill its style refers to (None: not filled)."""
    own = own_fill(sp._element.find("p:spPr", NS))
    if own is not None:
        return fill_css(own, part, cv)
    styled, ph = style_fill(sp._element.find("p:style/a:fillRef", NS), cv)
    return fill_css(styled, part, cv, ph)


def _line_fill(ln):  # type: ignore[no-untyped-def]
    return next((c for c in ln if isinstance(c.tag, str) and etree.QName(c).localname in ("noFill", "solidFill", "gradFill", "pattFill")), None)


def outline(el, cv: Canvas, scale: float = 1.0) -> Stroke | None:  # type: ignore[no-untyped-def]
    """A shape's outline: its own a:ln, completed by the theme line its style refers to (None: not outlined)."""
    own = el.find("p:spPr/a:ln", NS)
    ref = el.find("p:style/a:lnRef", NS)
    themed, ph = None, None
    idx = int(ref.get("idx", "0")) if ref is not None else 0
    if 0 < idx <= len(cv.line_styles):
        themed, ph = cv.line_styles[idx - 1], colour_of(ref, cv)
    lines = [ln for ln in (own, themed) if ln is not None]
    fill = next((f for f in map(_line_fill, lines) if f is not None), None)
    kind = etree.QName(fill).localname if fill is not None else "noFill"
    if kind == "noFill":
        return None
    if kind == "solidFill":
        rgba = colour_of(fill, cv, ph)
    elif kind == "gradFill":
        cv.simplified.add("gradient outlines (drawn in their first colour)")
        rgba = colour_of(fill.find("a:gsLst/a:gs", NS), cv, ph)
    else:
        cv.simplified.add("pattern outlines (drawn in their foreground colour)")
        rgba = colour_of(fill.find("a:fgClr", NS), cv, ph)
    width = next((int(ln.get("w")) for ln in lines if ln.get("w")), DEFAULT_LINE)
    dash = next((d.get("val", "solid") for ln in lines if (d := ln.find("a:prstDash", NS)) is not None), "solid")
    if any(ln.find("a:custDash", NS) is not None for ln in lines):
        cv.simplified.add("custom dash patterns (drawn dashed)")
        dash = "dash"
    style = "solid" if dash == "solid" else "dotted" if dash in ("dot", "sysDot") else "dashed"
    return Stroke(max(width, HAIRLINE) * scale, css_colour(rgba) or "#000000", style)


def note_effects(el, cv: Canvas) -> None:  # type: ignore[no-untyped-def]
    """Say so when a shape has a shadow, glow or other effect of its own or from the theme (the handout draws none)."""
    own = el.find("p:spPr/a:effectLst", NS)
    ref = el.find("p:style/a:effectRef", NS)
    idx = int(ref.get("idx", "0")) if ref is not None else 0
    themed = cv.effect_styles[idx - 1].find("a:effectLst", NS) if 0 < idx <= len(cv.effect_styles) else None
    if any(lst is not None and len([c for c in lst if isinstance(c.tag, str)]) for lst in (own, themed)) or el.find("p:spPr/a:scene3d", NS) is not None:
        cv.simplified.add("shadows, glows and other effects (not drawn)")


def geometry(sp, part, cv: Canvas, frame: Frame = IDENTITY) -> str | None:  # type: ignore[no-untyped-def]
    """A shape's fill and outline as a positioned, screen-reader-hidden element (None: nothing to draw)."""
    el = sp._element
    x, y, cx, cy = frame.place(sp)
    stroke = outline(el, cv, math.sqrt(abs(frame.sx * frame.sy)))
    prst = el.find("p:spPr/a:prstGeom", NS)
    custom = el.find("p:spPr/a:custGeom", NS)
    name = prst.get("prst", "rect") if prst is not None else "custom" if custom is not None else "rect"
    xfrm = el.find("p:spPr/a:xfrm", NS)
    rot = int(xfrm.get("rot", "0")) / 60000 if xfrm is not None else 0.0
    flip = (xfrm is not None and xfrm.get("flipH") == "1", xfrm is not None and xfrm.get("flipV") == "1")
    if el.tag == P_CXN or name in LINES or "Connector" in name:
        note_effects(el, cv)
        return _line(el, name, (x, y, cx, cy), rot, flip, stroke, cv) if stroke is not None else None
    fill = shape_fill(sp, part, cv)
    if fill is None and stroke is None:
        return None
    note_effects(el, cv)
    turn = f";transform:rotate({rot:.2f}deg)" if rot else ""
    if name in BOXES:
        return _box((x, y, cx, cy), fill, stroke, BOXES[name] + turn, cv)
    if name == "custom":
        paths = _custom(custom, cx, cy, cv)
    elif name in PRESETS:
        d = " L".join(f"{px * cx:.0f} {py * cy:.0f}" for px, py in PRESETS[name])
        paths = [(f'<path d="M{d} Z"/>', True, True)]
    else:
        cv.simplified.add(f"preset shapes without a drawing here: {name} (not drawn)")
        return None
    if paths is None:
        return None
    return _svg((x, y, cx, cy), paths, _flat(fill, sp, cv), stroke, flip, turn, cv)


def _box(box: tuple[float, float, float, float], fill: str | None, stroke: Stroke | None, extra: str, cv: Canvas) -> str:
    """A rectangle, rounded rectangle or ellipse: background and a border centred on its edge."""
    x, y, cx, cy = box
    style = ""
    if stroke is not None:
        half = stroke.width / 2
        x, y, cx, cy = x - half, y - half, cx + stroke.width, cy + stroke.width
        style = f";border:{cv.pt(stroke.width)} {stroke.style} {stroke.colour}"
    back = f";background:{fill}" if fill else ""
    return f'<div class="shape" aria-hidden="true" style="{cv.box(x, y, cx, cy)}{back}{style}{extra}"></div>'


def _flat(fill: str | None, sp, cv: Canvas) -> str:  # type: ignore[no-untyped-def]
    """One SVG paint for a path's fill: a plain colour, else the fill's first colour (said in a notice)."""
    if fill is None:
        return "none"
    if fill.startswith(("#", "rgba(")):
        return fill
    cv.simplified.add("gradient and picture fills of triangles and drawn paths (drawn in their first colour)")
    found = colour_of(sp._element.find("p:spPr/a:gradFill/a:gsLst/a:gs", NS), cv)
    return css_colour(found) or "none"


def _svg(box: tuple[float, float, float, float], paths: list[tuple[str, bool, bool]], paint: str, stroke: Stroke | None,
         flip: tuple[bool, bool], turn: str, cv: Canvas) -> str:
    """Paths (in EMU of the shape's box) as an SVG background, the box grown by the outline's half-width so the outline shows whole."""
    x, y, cx, cy = box
    pad = stroke.width / 2 if stroke is not None else 0.0
    dash = {"solid": "", "dashed": f' stroke-dasharray="{4 * pad:.0f} {3 * pad:.0f}"', "dotted": f' stroke-dasharray="{pad:.0f} {2 * pad:.0f}"'}
    ink = f' stroke="{stroke.colour}" stroke-width="{stroke.width:.0f}" stroke-linejoin="round"{dash[stroke.style]}' if stroke is not None else ""
    mirror = f' transform="translate({cx if flip[0] else 0:.0f} {cy if flip[1] else 0:.0f}) scale({-1 if flip[0] else 1} {-1 if flip[1] else 1})"'
    body = "".join(p.replace("<path ", f'<path fill="{paint if filled else "none"}"{ink if stroked else ""} ', 1) for p, filled, stroked in paths)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-pad:.0f} {-pad:.0f} {cx + 2 * pad:.0f} {cy + 2 * pad:.0f}" '
           f'preserveAspectRatio="none"><g{mirror}>{body}</g></svg>')
    url = cv.url(svg.encode(), "image/svg+xml")
    return f'<div class="shape" aria-hidden="true" style="{cv.box(x - pad, y - pad, cx + 2 * pad, cy + 2 * pad)};background:url(\'{url}\') 0 0 / 100% 100% no-repeat{turn}"></div>'


def _custom(geom, cx: float, cy: float, cv: Canvas) -> list[tuple[str, bool, bool]] | None:  # type: ignore[no-untyped-def]
    """A custGeom's paths as SVG <path> elements in the shape's box (None: a path this drawing cannot read, said in a notice)."""
    out = []
    for path in geom.findall("a:pathLst/a:path", NS):
        try:
            w, h = float(path.get("w") or cx), float(path.get("h") or cy)
            d = _commands(path, cx / w if w else 1.0, cy / h if h else 1.0)
        except ValueError:  # -- a point given by a guide formula, not a number --
            cv.simplified.add("custom shapes whose points are formulas (not drawn)")
            return None
        out.append((f'<path d="{d}"/>', path.get("fill") != "none", path.get("stroke") not in ("0", "false")))
    return out


def _commands(path, sx: float, sy: float) -> str:  # type: ignore[no-untyped-def]
    """One a:path as SVG path data in the shape's box (its own coordinates scaled by sx, sy; arcs from DrawingML's start angle and swing)."""
    d, here = [], (0.0, 0.0)
    for step in path:
        if not isinstance(step.tag, str):
            continue
        kind = etree.QName(step).localname
        pts = [(float(p.get("x")) * sx, float(p.get("y")) * sy) for p in step.findall("a:pt", NS)]
        if kind in ("moveTo", "lnTo"):
            here = pts[0]
            d.append(f"{'M' if kind == 'moveTo' else 'L'}{here[0]:.0f} {here[1]:.0f}")
        elif kind in ("cubicBezTo", "quadBezTo"):
            here = pts[-1]
            d.append(("C" if kind == "cubicBezTo" else "Q") + " ".join(f"{a:.0f} {b:.0f}" for a, b in pts))
        elif kind == "arcTo":
            wr, hr = float(step.get("wR")) * sx, float(step.get("hR")) * sy
            start, swing = math.radians(float(step.get("stAng")) / 60000), math.radians(float(step.get("swAng")) / 60000)
            centre = (here[0] - wr * math.cos(start), here[1] - hr * math.sin(start))
            here = (centre[0] + wr * math.cos(start + swing), centre[1] + hr * math.sin(start + swing))
            d.append(f"A{wr:.0f} {hr:.0f} 0 {int(abs(swing) > math.pi)} {int(swing > 0)} {here[0]:.0f} {here[1]:.0f}")
        elif kind == "close":
            d.append("Z")
    return " ".join(d)


def _line(el, name: str, box: tuple[float, float, float, float], rot: float, flip: tuple[bool, bool], stroke: Stroke, cv: Canvas) -> str:  # type: ignore[no-untyped-def]
    """A line or connector from one end of its box to the other: a border turned to its angle."""
    x, y, cx, cy = box
    ends = [(x + cx if flip[0] else x, y + cy if flip[1] else y), (x if flip[0] else x + cx, y if flip[1] else y + cy)]
    if rot:
        mx, my, a = x + cx / 2, y + cy / 2, math.radians(rot)
        ends = [(mx + (px - mx) * math.cos(a) - (py - my) * math.sin(a), my + (px - mx) * math.sin(a) + (py - my) * math.cos(a)) for px, py in ends]
    if name not in LINES:
        cv.simplified.add("bent and curved connectors (drawn straight)")
    if any(end is not None and end.get("type", "none") != "none" for end in (el.find("p:spPr/a:ln/a:headEnd", NS), el.find("p:spPr/a:ln/a:tailEnd", NS))):
        cv.simplified.add("arrowheads (not drawn)")
    (x1, y1), (x2, y2) = ends
    length, angle = math.hypot(x2 - x1, y2 - y1), math.degrees(math.atan2(y2 - y1, x2 - x1))
    half = stroke.width / 2
    style = (f"left:{cv.pt(x1)};top:{cv.pt(y1 - half)};width:{cv.pt(length)};height:0;border-top:{cv.pt(stroke.width)} {stroke.style} {stroke.colour};"
             f"transform-origin:0 {cv.pt(half)};transform:rotate({angle:.2f}deg)")
    return f'<div class="shape line" aria-hidden="true" style="{style}"></div>'
