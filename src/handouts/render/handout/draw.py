"""A fitted deck's slide -> a simplified drawing in HTML: its shapes where the deck put them, scaled, in the theme's colours.

Drawn are what a reader of a printed handout needs: everything the master and layout put on a
slide other than their placeholders (bands, rules, logos, text boxes, grouped shapes), the
slide's own decorative shapes (bars, the warning sign), every text frame with its paragraphs,
sizes, weight, alignment and direction, pictures (with their alt text) and tables (header row in
the theme's first accent colour, rows banded). Fills (solid, gradient, picture, theme style
references) and colours with their modifiers are resolved by handout.fills, outlines, lines,
paths and groups by handout.shapes; shadows and other effects are not drawn (a notice says so).
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..deck.master import NS
from ..deck.styles import EMU_PER_PT, TITLE_TYPES, _ph_type, text_style
from .fills import DRAWABLE, colour_of, css_colour, fill_css, own_fill, style_fill
from .shapes import IDENTITY, Frame, geometry, shape_fill

ROOT = "file:///handouts-handout/"
MAP_DEFAULT = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


@dataclass
class Canvas:
    """What drawing one deck needs: its size, scale (pt on paper per pt on the slide), theme colours and direction."""

    width: int
    height: int
    scale: float
    scheme: dict[str, str]
    rtl: bool
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # virtual URL -> (bytes, media type), served by handout.pdf
    fill_styles: tuple[list, list] = ([], [])  # type: ignore[type-arg]  # the theme's fillStyleLst and bgFillStyleLst
    line_styles: list = field(default_factory=list)  # type: ignore[type-arg]  # the theme's lnStyleLst
    effect_styles: list = field(default_factory=list)  # type: ignore[type-arg]  # the theme's effectStyleLst
    simplified: set[str] = field(default_factory=set)  # what the drawing could not show as the deck does (fills.py)

    def url(self, data: bytes, kind: str) -> str:
        """A virtual URL for in-memory bytes (a picture, a font), the same on every machine."""
        name = f"{ROOT}{hashlib.sha256(data).hexdigest()[:16]}.{kind.rsplit('/', 1)[-1]}"
        self.files[name] = (data, kind)
        return name

    def pt(self, emu: float) -> str:
        return f"{emu / EMU_PER_PT * self.scale:.2f}pt"

    def box(self, x: float, y: float, cx: float, cy: float) -> str:
        return f"left:{self.pt(x)};top:{self.pt(y)};width:{self.pt(cx)};height:{self.pt(cy)}"


def canvas(prs, scale: float, rtl: bool) -> Canvas:  # type: ignore[no-untyped-def]
    """The deck's size and its theme's colours, by scheme name (dk1, accent1, ...) and by mapped name (tx1, bg1, ...)."""
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    scheme: dict[str, str] = {}
    found = theme.find(".//a:clrScheme", NS)
    for el in found if found is not None else []:
        value = el.find("a:srgbClr", NS)
        system = el.find("a:sysClr", NS)
        scheme[etree.QName(el).localname] = "#" + (value.get("val") if value is not None else system.get("lastClr", "000000") if system is not None else "000000")
    mapping = prs.slide_master._element.find("p:clrMap", NS)
    for name, default in MAP_DEFAULT.items():
        target = mapping.get(name, default) if mapping is not None else default
        scheme[name] = scheme.get(target, "#000000")
    fills, backs, lines, effects = (list(found) if (found := theme.find(f".//a:fmtScheme/a:{name}", NS)) is not None else []
                                    for name in ("fillStyleLst", "bgFillStyleLst", "lnStyleLst", "effectStyleLst"))
    return Canvas(int(prs.slide_width), int(prs.slide_height), scale, scheme, rtl, fill_styles=(fills, backs), line_styles=lines, effect_styles=effects)


def colour(fill, cv: Canvas) -> str | None:  # type: ignore[no-untyped-def]
    """The CSS colour of an a:solidFill, modifiers applied (or None)."""
    return css_colour(colour_of(fill, cv)) if fill is not None else None


def placeholder_fill(shape, cv: Canvas) -> str | None:  # type: ignore[no-untyped-def]
    """A text shape's background: the first fill (or style) along its chain, slide, layout, then master placeholder."""
    for sp in _chain(shape):
        if own_fill(sp._element.find("p:spPr", NS)) is not None or sp._element.find("p:style/a:fillRef", NS) is not None:
            return shape_fill(sp, sp.part, cv)
    return None


def background(el, cv: Canvas) -> str | None:  # type: ignore[no-untyped-def]
    """A slide's, layout's or master's background as CSS (None when it sets none and inherits)."""
    bg = el._element.find("p:cSld/p:bg", NS)
    if bg is None:
        return None
    own = own_fill(bg.find("p:bgPr", NS))
    if own is not None:
        return fill_css(own, el.part, cv) or "#FFFFFF"
    styled, ph = style_fill(bg.find("p:bgRef", NS), cv, background=True)
    return fill_css(styled, el.part, cv, ph) or css_colour(ph)


def decorations(shapes, part, cv: Canvas) -> list[str]:  # type: ignore[no-untyped-def]
    """A slide's own shapes that are neither placeholders, text nor pictures (bars, signs), as positioned divs hidden from screen readers."""
    out = []
    for sp in shapes:
        if sp.is_placeholder or sp.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.GROUP) or (sp.has_text_frame and sp.text_frame.text.strip()):
            continue
        if getattr(sp, "has_table", False) and sp.has_table:
            continue
        if (drawn := geometry(sp, part, cv)) is not None:
            out.append(drawn)
    return out


def furniture(prs, shapes, part, cv: Canvas, frame: Frame = IDENTITY) -> list[str]:  # type: ignore[no-untyped-def]
    """What a master or layout puts on every slide other than its placeholders: shapes, lines, pictures, text boxes, groups (recursively)."""
    out = []
    for sp in shapes:
        if sp.is_placeholder:
            continue
        if sp.shape_type == MSO_SHAPE_TYPE.GROUP:
            out += furniture(prs, sp.shapes, part, cv, frame.inner(sp._element))
            continue
        if sp.shape_type == MSO_SHAPE_TYPE.PICTURE:
            out.append(logo(sp, cv, frame))
            continue
        if (drawn := geometry(sp, part, cv, frame)) is not None:
            out.append(drawn)
        if sp.has_text_frame and sp.text_frame.text.strip():
            out.append(text_shape(prs, sp, cv, None, frame, filled=False))
    return [o for o in out if o]


def logo(shape, cv: Canvas, frame: Frame) -> str:  # type: ignore[no-untyped-def]
    """A master's or layout's picture: repeated on every slide, so decoration (a background, not a figure)."""
    try:
        image = shape.image
    except (AttributeError, KeyError, ValueError):  # -- a linked picture or a broken relationship: nothing to draw --
        cv.simplified.add("linked or missing master pictures (not drawn)")
        return ""
    if image.content_type not in DRAWABLE:
        cv.simplified.add(f"master pictures in {image.content_type} (not drawn)")
        return ""
    crop = shape._element.find("p:blipFill/a:srcRect", NS)
    if crop is not None and any(int(v or 0) for v in crop.attrib.values()):
        cv.simplified.add("cropped master pictures (drawn whole)")
    return f'<div class="picture" aria-hidden="true" style="{cv.box(*frame.place(shape))};background:url(\'{cv.url(image.blob, image.content_type)}\') center / 100% 100% no-repeat"></div>'


def _chain(shape) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A placeholder and the layout and master placeholders it inherits from (slide shape first)."""
    out, current = [shape], shape
    while getattr(current, "is_placeholder", False):
        try:
            current = current._base_placeholder
        except (AttributeError, KeyError):
            break
        if current is None:
            break
        out.append(current)
    return out


def inherited(prs, shape, kind: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A text shape's inherited look: colour, alignment, vertical anchor, bullets, size (pt) and bold."""
    chain = _chain(shape)
    levels = [lvl for sp in chain for lvl in sp._element.findall(".//a:lstStyle/a:lvl1pPr", NS)]
    styles = prs.slide_master._element.find("p:txStyles", NS)
    if styles is not None:
        levels += styles.findall(f"{'p:titleStyle' if kind == 'title' else 'p:bodyStyle' if kind == 'body' else 'p:otherStyle'}/a:lvl1pPr", NS)
    fill = next((lvl.find("a:defRPr/a:solidFill", NS) for lvl in levels if lvl.find("a:defRPr/a:solidFill", NS) is not None), None)
    align = next((lvl.get("algn") for lvl in levels if lvl.get("algn")), "l")
    anchor = next((bp.get("anchor") for sp in chain for bp in sp._element.findall(".//a:bodyPr", NS) if bp.get("anchor")), "t")
    layout = chain[1] if len(chain) > 1 else None
    style = text_style(prs, layout) if layout is not None else text_style(prs, None, kind, (0, 0, int(shape.width), int(shape.height)))
    return {"fill": fill, "align": align, "anchor": anchor, "bullets": style.bullets, "size": style.size, "bold": style.bold}


def text_kind(shape) -> str:  # type: ignore[no-untyped-def]
    kind = _ph_type(shape._element) if shape.is_placeholder else ""
    return "title" if kind in TITLE_TYPES else "body" if kind in ("body", "obj", "subTitle") else "other"


def paragraphs(txbody, cv: Canvas, look: dict[str, object], fill_default: str) -> str:  # type: ignore[no-untyped-def]
    """The paragraphs of a text body as HTML, each run with its size (scaled), weight, colour and link."""
    out = []
    for p in txbody.findall("a:p", NS):
        ppr = p.find("a:pPr", NS)
        rtl = ppr is not None and ppr.get("rtl") == "1"
        align = {"l": "left", "r": "right", "ctr": "center", "just": "justify"}.get((ppr.get("algn") if ppr is not None and ppr.get("algn") else look["align"]), "left")  # type: ignore[arg-type]
        bullet = look["bullets"] and (ppr is None or ppr.find("a:buNone", NS) is None)
        spans = []
        for r in p:
            if etree.QName(r).localname not in ("r", "fld"):
                continue
            rpr = r.find("a:rPr", NS)
            text = "".join(t.text or "" for t in r.findall("a:t", NS))
            size = int(rpr.get("sz")) / 100 if rpr is not None and rpr.get("sz") else float(look["size"])  # type: ignore[arg-type]
            bold = (rpr is not None and rpr.get("b") == "1") or bool(look["bold"])
            ink = colour(rpr.find("a:solidFill", NS), cv) if rpr is not None else None
            css = f"font-size:{size * cv.scale:.2f}pt" + (";font-weight:bold" if bold else "") + (f";color:{ink}" if ink else "")
            spans.append(f'<span style="{css}">{html.escape(text)}</span>')
        if not spans:
            continue
        mark = '<span class="bullet" aria-hidden="true">•</span>' if bullet else ""
        out.append(f'<p dir="{"rtl" if rtl else "ltr"}" style="text-align:{align};color:{fill_default}">{mark}{"".join(spans)}</p>')
    return "".join(out)


def text_shape(prs, shape, cv: Canvas, heading: str | None, frame: Frame = IDENTITY, filled: bool = True) -> str:  # type: ignore[no-untyped-def]
    """A text frame as a positioned block (a heading element for the slide title; filled: with its shape's fill behind it)."""
    kind = text_kind(shape)
    look = inherited(prs, shape, kind)
    ink = colour(look["fill"], cv) or cv.scheme.get("tx1", "#000000")
    fill = placeholder_fill(shape, cv) if filled else None
    justify = {"t": "flex-start", "ctr": "center", "b": "flex-end"}.get(str(look["anchor"]), "flex-start")
    style = cv.box(*frame.place(shape)) + f";justify-content:{justify}"
    if fill:
        style += f";background:{fill}"
    tag = heading or "div"
    return f'<{tag} class="text {kind}" style="{style}">{paragraphs(shape.text_frame._txBody, cv, look, ink)}</{tag}>'


def picture(shape, cv: Canvas) -> str:
    """A picture with its alt text (decorative when it has none)."""
    blob, kind = shape.image.blob, shape.image.content_type
    alt = shape._element.nvPicPr.cNvPr.get("descr", "")
    src = cv.url(blob, kind)
    return f'<img class="picture" src="{src}" alt="{html.escape(alt)}" style="{cv.box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))}">'


def table(shape, cv: Canvas) -> str:
    """A table: header row (when the deck marks one) in the first accent colour, the rest banded; cells in the deck's (physical) order."""
    tbl = shape.table
    rows = []
    accent, light = cv.scheme.get("accent1", "#4472C4"), cv.scheme.get("lt2", "#E7E6E6")
    for i, row in enumerate(tbl.rows):
        head = i == 0 and tbl.first_row
        cells = []
        for c, cell in enumerate(row.cells):
            strong = head or (tbl.first_col and c == 0) or (tbl.last_col and c == len(tbl.columns) - 1)
            tag = "th" if head else "td"
            look = {"align": "r" if cv.rtl else "l", "bullets": False, "size": 18.0, "bold": strong}
            style = f"width:{cv.pt(int(tbl.columns[c].width))}" + (f";background:{accent};color:#FFFFFF" if head else f";background:{light}" if i % 2 else "")
            scope = ' scope="col"' if head else ' scope="row"' if strong else ""
            cells.append(f'<{tag}{scope} style="{style}">{paragraphs(cell.text_frame._txBody, cv, look, "#FFFFFF" if head else cv.scheme.get("tx1", "#000"))}</{tag}>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    box = f"left:{cv.pt(int(shape.left))};top:{cv.pt(int(shape.top))};width:{cv.pt(int(shape.width))}"
    return f'<table class="table" style="{box}">{"".join(rows)}</table>'


def slide_html(prs, slide, cv: Canvas, heading: str) -> str:  # type: ignore[no-untyped-def]
    """One slide as a scaled drawing: decorations of its master and layout, then its shapes in reading order."""
    layout = slide.slide_layout
    hidden = [el._element.get("showMasterSp") in ("0", "false") for el in (slide, layout)]  # -- a slide or layout hiding what is under it --
    master = prs.slide_master
    parts = ([] if any(hidden) else furniture(prs, master.shapes, master.part, cv)) + ([] if hidden[0] else furniture(prs, layout.shapes, layout.part, cv))
    parts += decorations(slide.shapes, slide.part, cv)
    title = slide.shapes.title
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            parts.append(text_shape(prs, shape, cv, heading if title is not None and shape.shape_id == title.shape_id else None))
        elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            parts.append(picture(shape, cv))
        elif getattr(shape, "has_table", False) and shape.has_table:
            parts.append(table(shape, cv))
    bg = next((c for c in (background(el, cv) for el in (slide, layout, master)) if c), cv.scheme.get("bg1", "#FFFFFF"))
    # -- geometry is physical (the deck already placed right-to-left slides' shapes): each paragraph carries its own direction --
    return f'<div class="slide" dir="ltr" style="width:{cv.pt(cv.width)};height:{cv.pt(cv.height)};background:{bg}">{"".join(parts)}</div>'
