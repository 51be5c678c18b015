"""A written deck -> its text and link colours checked against the master's real backgrounds (WCAG 2 contrast), fixed where they fail.

Each text shape's colour is resolved as PowerPoint does (run, placeholder of the slide, layout and
master, the master's text styles; scheme colours through the master's colour map and the theme,
with lumMod/lumOff/tint/shade), and so is what lies under it: the placeholder's own fill (NYU
Shanghai's grey title band), else the topmost filled shape of the layout or master under the
box's centre, else the layout's (or master's) background: a solid or gradient fill, the theme's
background fill, or a picture (its mean colour under the box). Text
below WCAG's ratio (4.5:1, large text 3:1: 18 pt, or 14 pt bold) is drawn in whichever of the
theme's dark and light text colours contrasts more, and an info line says so. Links take the
theme's hyperlink colour (PowerPoint and LibreOffice both ignore a run's own colour on a link): a
hyperlink colour that fails on a slide that shows a link is replaced in the deck's theme.
"""

from __future__ import annotations

import colorsys
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationT

from ...colour import RGB, contrast
from ...colour import rgb as _rgb
from .master import NS, A
from .styles import BODY_TYPES, TITLE_TYPES, _ph_type

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NORMAL, LARGE = 4.5, 3.0
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink")


def hex_of(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


class Colours:
    """Scheme colours of one slide master (its theme and colour map; a layout may override the map)."""

    def __init__(self, master) -> None:  # type: ignore[no-untyped-def]
        self.master = master
        theme = etree.fromstring(theme_part_of(master).blob)
        scheme = theme.find(".//a:clrScheme", NS)
        self.theme: dict[str, RGB] = {}
        for slot in SLOTS:
            el = scheme.find(f"a:{slot}", NS) if scheme is not None else None
            child = el[0] if el is not None and len(el) else None
            value = (child.get("val") if child is not None and child.tag.endswith("srgbClr") else child.get("lastClr") if child is not None else None)
            self.theme[slot] = _rgb(value or ("000000" if slot.startswith("dk") else "FFFFFF"))
        self.fills = theme.find(".//a:fmtScheme/a:bgFillStyleLst", NS)
        clr_map = master._element.find("p:clrMap", NS)
        self.map = dict(clr_map.attrib) if clr_map is not None else {}

    def mapping(self, layout) -> dict[str, str]:  # type: ignore[no-untyped-def]
        over = layout._element.find("p:clrMapOvr/a:overrideClrMapping", NS) if layout is not None else None
        return dict(over.attrib) if over is not None else self.map

    def of(self, el, layout=None, ph: RGB | None = None) -> RGB | None:  # type: ignore[no-untyped-def]
        """The colour of a colour element (srgbClr, schemeClr, sysClr, prstClr) with its modifiers; None when unknown."""
        tag = etree.QName(el).localname
        if tag == "srgbClr":
            rgb = _rgb(el.get("val"))
        elif tag == "sysClr":
            rgb = _rgb(el.get("lastClr") or "000000")
        elif tag == "prstClr":
            rgb = {"black": (0, 0, 0), "white": (255, 255, 255)}.get(el.get("val", ""), None)  # type: ignore[assignment]
        elif tag == "schemeClr":
            val = el.get("val", "")
            if val == "phClr":
                rgb = ph  # type: ignore[assignment]
            else:
                rgb = self.theme.get(self.mapping(layout).get(val, val))  # type: ignore[assignment]
        else:
            return None
        return _modified(rgb, el) if rgb is not None else None

    def slot(self, name: str, layout=None) -> RGB:  # type: ignore[no-untyped-def]
        """A mapped scheme name (tx1, bg1, hlink) as a colour."""
        return self.theme[self.mapping(layout).get(name, name)]


def theme_part_of(master):  # type: ignore[no-untyped-def]
    return master.part.part_related_by(RT.THEME)


def _modified(rgb: RGB, el) -> RGB:  # type: ignore[no-untyped-def]
    """A colour with its DrawingML modifiers applied (lumMod/lumOff in HLS, tint towards white, shade towards black)."""
    r, g, b = (c / 255 for c in rgb)
    for mod in el:
        name, val = etree.QName(mod).localname, int(mod.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            h, light, s = colorsys.rgb_to_hls(r, g, b)
            light = light * val if name == "lumMod" else min(1.0, light + val)
            r, g, b = colorsys.hls_to_rgb(h, light, s)
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - val) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * val for c in (r, g, b))
    return round(r * 255), round(g * 255), round(b * 255)


def _fill_colour(fill, colours: Colours, layout, image: Callable[[str], RGB | None] | None = None) -> RGB | None:  # type: ignore[no-untyped-def]
    """The colour a fill element (solidFill, gradFill, blipFill) shows on average; None for noFill or unknown."""
    tag = etree.QName(fill).localname
    if tag == "solidFill" and len(fill):
        return colours.of(fill[0], layout)
    if tag == "gradFill":
        stops = [colours.of(gs[0], layout) for gs in fill.findall("a:gsLst/a:gs", NS) if len(gs)]
        stops = [s for s in stops if s is not None]
        return tuple(sum(s[i] for s in stops) // len(stops) for i in range(3)) if stops else None  # type: ignore[return-value]
    if tag == "blipFill" and image is not None:
        blip = fill.find("a:blip", NS)
        rid = blip.get(f"{{{R}}}embed") if blip is not None else None
        return image(rid) if rid else None
    return None


class Backgrounds:
    """What lies under a box on a layout: its decorations' fills, else its (or its master's) background."""

    def __init__(self, prs: PresentationT) -> None:
        self.prs = prs
        self._colours: dict[int, Colours] = {}

    def colours(self, layout) -> Colours:  # type: ignore[no-untyped-def]
        master = layout.slide_master
        if id(master) not in self._colours:
            self._colours[id(master)] = Colours(master)
        return self._colours[id(master)]

    def under(self, layout, box: tuple[int, int, int, int]) -> RGB:  # type: ignore[no-untyped-def]
        colours = self.colours(layout)
        cx, cy = box[0] + box[2] // 2, box[1] + box[3] // 2
        hide_master = layout._element.get("showMasterSp") in ("0", "false")
        for source in [layout] + ([] if hide_master else [layout.slide_master]):
            for sp in reversed(list(source.shapes._spTree.iterchildren(f"{{{NS['p']}}}sp"))):
                if sp.find(".//p:nvPr/p:ph", NS) is not None:
                    continue
                xfrm = sp.find("p:spPr/a:xfrm", NS)
                fill = next((f for f in (sp.find("p:spPr/a:solidFill", NS), sp.find("p:spPr/a:gradFill", NS)) if f is not None), None)
                if xfrm is None or fill is None:
                    continue
                off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
                x, y, w, h = int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))
                if x <= cx <= x + w and y <= cy <= y + h:
                    found = _fill_colour(fill, colours, layout)
                    if found is not None:
                        return found
        for source in (layout, layout.slide_master):
            bg = source._element.find("p:cSld/p:bg", NS)
            if bg is None:
                continue
            pr, ref = bg.find("p:bgPr", NS), bg.find("p:bgRef", NS)
            if pr is not None and len(pr):
                found = _fill_colour(pr[0], colours, layout, lambda rid, s=source: self._picture(s.part, rid, box))
            elif ref is not None:
                ph = colours.of(ref[0], layout) if len(ref) else None
                items = list(colours.fills) if colours.fills is not None else []
                k = int(ref.get("idx", "0")) - 1001
                fill = items[k] if 0 <= k < len(items) else None
                found = _fill_colour(fill, colours, layout) if fill is not None and etree.QName(fill).localname != "solidFill" else ph
                if fill is not None and etree.QName(fill).localname == "solidFill" and len(fill):
                    found = colours.of(fill[0], layout, ph)
            else:
                found = None
            if found is not None:
                return found
        return colours.slot("bg1", layout)

    def _picture(self, part, rid: str, box: tuple[int, int, int, int]) -> RGB | None:  # type: ignore[no-untyped-def]
        """The mean colour of a background picture (stretched over the slide) under the box."""
        try:
            blob = part.related_part(rid).blob
        except KeyError:
            return None
        return _mean(blob, box[0] / self.prs.slide_width, box[1] / self.prs.slide_height,
                     (box[0] + box[2]) / self.prs.slide_width, (box[1] + box[3]) / self.prs.slide_height)


@lru_cache(maxsize=16)
def _mean(blob: bytes, x0: float, y0: float, x1: float, y1: float) -> RGB | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(blob)) as img:
            small = img.convert("RGB").resize((96, 54))
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    crop = small.crop((int(x0 * 96), int(y0 * 54), max(int(x0 * 96) + 1, int(x1 * 96)), max(int(y0 * 54) + 1, int(y1 * 54))))
    raw = crop.tobytes()
    count = len(raw) // 3
    return tuple(sum(raw[i::3]) // count for i in range(3)) if count else None  # type: ignore[return-value]


def _chain(shape, layout) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A shape's element, then (for a placeholder) its layout's and its master's placeholder of the same type: what it inherits from."""
    chain = [shape._element]
    kind = _ph_type(shape._element)
    if kind:
        idx = shape._element.find(".//p:nvPr/p:ph", NS).get("idx")
        same = [ph for ph in layout.placeholders if _ph_type(ph._element) == kind]
        base = next((ph for ph in same if ph._element.find(".//p:nvPr/p:ph", NS).get("idx") == idx), same[0] if same else None)
        if base is not None and base._element is not shape._element:
            chain.append(base._element)
        want = "title" if kind in TITLE_TYPES else "body" if kind in BODY_TYPES else kind
        chain += [ph._element for ph in layout.slide_master.placeholders if _ph_type(ph._element) == want][:1]
    return chain


def own_fill(shape, layout, colours: Colours) -> RGB | None:  # type: ignore[no-untyped-def]
    """The fill a text shape draws behind its own text (its own, else its layout's or master's placeholder's); None when it has none."""
    for el in _chain(shape, layout):
        pr = el.find("p:spPr", NS)
        if pr is None:
            continue
        if pr.find("a:noFill", NS) is not None:
            return None
        fill = next((f for f in (pr.find("a:solidFill", NS), pr.find("a:gradFill", NS)) if f is not None), None)
        if fill is not None:
            return _fill_colour(fill, colours, layout)
    return None


def text_colour(shape, layout, colours: Colours) -> RGB:  # type: ignore[no-untyped-def]
    """The colour a slide text shape's first-level runs draw in: the shape, its layout and master placeholders, the text styles."""
    kind = _ph_type(shape._element)
    for el in _chain(shape, layout):
        fill = el.find(".//a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill", NS)
        if fill is not None and len(fill):
            found = colours.of(fill[0], layout)
            if found is not None:
                return found
    styles = layout.slide_master._element.find("p:txStyles", NS)
    style = "p:titleStyle" if kind in TITLE_TYPES else "p:bodyStyle" if kind in BODY_TYPES else "p:otherStyle"
    fill = styles.find(f"{style}/a:lvl1pPr/a:defRPr/a:solidFill", NS) if styles is not None and kind else None
    if fill is not None and len(fill):
        found = colours.of(fill[0], layout)
        if found is not None:
            return found
    return colours.slot("tx1", layout)


def _own_colour(shape) -> bool:  # type: ignore[no-untyped-def]
    """Whether the shape's runs carry their own fill (the draft mark): left as they are."""
    return shape._element.find(".//a:r/a:rPr/a:solidFill", NS) is not None


def _large(shape) -> bool:  # type: ignore[no-untyped-def]
    sizes = [(int(r.get("sz", "1800")) / 100, r.get("b") == "1") for r in shape._element.iterfind(".//a:r/a:rPr", NS)]
    return bool(sizes) and all(size >= 18 or (bold and size >= 14) for size, bold in sizes)


def check(prs: PresentationT, info: Callable[[str], None]) -> None:
    """Recolour text (and the theme's link colour) that fails WCAG contrast on its background, with one info line per case."""
    bgs = Backgrounds(prs)
    link_fail: tuple[RGB, RGB, RGB, str] | None = None
    for slide in prs.slides:
        layout = slide.slide_layout
        colours = bgs.colours(layout)
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip() or _own_colour(shape):
                continue
            if shape.is_placeholder and _ph_type(shape._element) == "sldNum":
                continue
            box = (int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))
            back = own_fill(shape, layout, colours) or bgs.under(layout, _unmirrored(slide, box, prs))
            need = LARGE if _large(shape) else NORMAL
            fore = text_colour(shape, layout, colours)
            if contrast(fore, back) < need:
                better = better_text(back, colours, layout)
                if contrast(better, back) > contrast(fore, back):
                    _recolour(shape, better)
                    info(f"text '{shape.name}' on layout '{layout.name}' is {hex_of(fore)} on {hex_of(back)} ({contrast(fore, back):.1f}:1, "
                         f"WCAG asks {need:g}:1): drawn in the theme's text colour {hex_of(better)} ({contrast(better, back):.1f}:1); "
                         "choose brand colours that contrast with the master's background")
            if link_fail is None and shape._element.find(".//a:hlinkClick", NS) is not None:
                link = colours.slot("hlink", layout)
                if contrast(link, back) < need:
                    link_fail = (link, back, better_text(back, colours, layout), layout.name)
    if link_fail is not None:
        link, back, better, name = link_fail
        for master in prs.slide_masters:
            set_links(theme_part_of(master), better)
        info(f"the theme's hyperlink colour {hex_of(link)} has {contrast(link, back):.1f}:1 on the background of layout '{name}' "
             f"({hex_of(back)}): the deck's links (contact details) are drawn in {hex_of(better)} ({contrast(better, back):.1f}:1)")


def better_text(back: RGB, colours: Colours, layout) -> RGB:  # type: ignore[no-untyped-def]
    """Whichever of the theme's text colours (tx1, bg1 through the colour map) contrasts more with back: the fallback."""
    return max((colours.slot("tx1", layout), colours.slot("bg1", layout)), key=lambda c: contrast(c, back))


@dataclass(frozen=True)
class Failure:
    """A text (or the links) of a layout whose colour fails WCAG on what lies under it, and the colour the deck draws instead."""

    layout: str
    what: str  # the placeholder's name, or "links"
    fore: RGB
    back: RGB
    need: float
    better: RGB

    @property
    def ratio(self) -> float:
        return contrast(self.fore, self.back)


def layout_failures(prs: PresentationT, parts: list, large: Callable[[object], bool]) -> list[Failure]:  # type: ignore[type-arg]
    """Before any slide is written (handouts check): the failures the deck's fallback will fix, for each text placeholder of the
    parts (deck.layouts.Part) and for the theme's link colour on the closing part's body; large(ph) says whether its text is large."""
    bgs = Backgrounds(prs)
    out: list[Failure] = []
    seen: set[tuple[int, str]] = set()
    for part in parts:
        layout = part.layout
        colours = bgs.colours(layout)
        shapes = [(ph, ph.name) for ph in [part.title, *part.bodies] if ph is not None]
        if part.role == "closing" and part.bodies:
            shapes.append((part.bodies[0], "links"))
        for ph, what in shapes:
            if (id(layout), what) in seen:
                continue
            seen.add((id(layout), what))
            back = own_fill(ph, layout, colours) or bgs.under(layout, (int(ph.left), int(ph.top), int(ph.width), int(ph.height)))
            need = LARGE if large(ph) else NORMAL
            fore = colours.slot("hlink", layout) if what == "links" else text_colour(ph, layout, colours)
            if contrast(fore, back) < need:
                out.append(Failure(layout.name, what, fore, back, need, better_text(back, colours, layout)))
    return out


def _unmirrored(slide, box: tuple[int, int, int, int], prs: PresentationT) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """Where a box lies over the layout's own decorations: a mirrored slide copies them mirrored, so the box's mirror image."""
    if slide._element.get("showMasterSp") == "0" and slide.slide_layout._element.get("showMasterSp") not in ("0", "false"):
        return int(prs.slide_width) - box[0] - box[2], box[1], box[2], box[3]
    return box


def _recolour(shape, rgb: RGB) -> None:  # type: ignore[no-untyped-def]
    for rpr in shape._element.iterfind(".//a:r/a:rPr", NS):
        fill = etree.Element(f"{{{A}}}solidFill")
        etree.SubElement(fill, f"{{{A}}}srgbClr", val=hex_of(rgb)[1:])
        rpr.insert(0, fill)  # -- schema order: ln, then the fill, then latin/ea/cs and hlinkClick --


def set_links(part, rgb: RGB) -> None:  # type: ignore[no-untyped-def]
    """A theme part with its hlink and folHlink colours set."""
    root = etree.fromstring(part.blob)
    scheme = root.find(".//a:clrScheme", NS)
    for slot in ("hlink", "folHlink"):
        el = scheme.find(f"a:{slot}", NS) if scheme is not None else None
        if el is None:
            continue
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=hex_of(rgb)[1:])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


__all__ = ["Failure", "check", "contrast", "layout_failures"]
