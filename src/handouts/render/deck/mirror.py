"""A finished slide of a right-to-left deck -> its mirror image: every shape reflected about the slide's vertical centre line.

Text keeps its measured width, so nothing is fitted again. The master's and the layout's own
shapes (bands, callout bars, the warning sign), which a slide cannot move, are copied onto the
slide mirrored, behind its content, and the originals hidden (showMasterSp="0"); their pictures
are related to the slide. A symmetric layout looks the same; an asymmetric one (a callout's bar
and sign on the left, a closing slide's QR code on the right) reads from the right.

A slide whose background is a picture (its layout's, else its master's) is not mirrored: the
picture cannot be (a photo's text and logos would read backwards), and text moved over the
other side of it would lose the area the designer kept clear for it (white on a white panel).
Its text still reads right to left where the layout puts it, left-aligned text right-aligned.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.slide import Slide

from .master import NS

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OWN = ("sp", "pic", "grpSp", "cxnSp")


def mirror(slide: Slide, width: int) -> None:
    """Reflect a slide's shapes and bring its layout's (and master's) decorations onto it, reflected."""
    for shape in slide.shapes:
        x, y, cx, cy = int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0)
        shape.left, shape.top, shape.width, shape.height = width - x - cx, y, cx, cy
    layout = slide.slide_layout
    sources = [layout] + ([] if layout._element.get("showMasterSp") in ("0", "false") else [layout.slide_master])
    copies = [(src, el) for src in sources[::-1] for el in decorations(src)]
    if not copies:
        return
    tree = slide.shapes._spTree
    at = 2  # -- after nvGrpSpPr and grpSpPr: behind everything the slide draws --
    next_id = max((int(e.get("id")) for e in tree.iter("{*}cNvPr")), default=1) + 1
    for src, element in copies:
        el = copy.deepcopy(element)
        for blip in el.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"):
            rid = blip.get(f"{{{R}}}embed")
            if rid:
                blip.set(f"{{{R}}}embed", slide.part.relate_to(src.part.related_part(rid), RT.IMAGE))
        for cnv in el.iter():
            if cnv.tag.endswith("}cNvPr"):
                cnv.set("id", str(next_id))
                next_id += 1
        xfrm = el.find(".//a:xfrm", NS)
        off, ext = (xfrm.find("a:off", NS), xfrm.find("a:ext", NS)) if xfrm is not None else (None, None)
        if off is not None and ext is not None:
            off.set("x", str(width - int(off.get("x")) - int(ext.get("cx"))))
        tree.insert(at, el)
        at += 1
    slide._element.set("showMasterSp", "0")


def picture_background(layout) -> bool:  # type: ignore[no-untyped-def]
    """Whether a layout's background (its own, else its master's) is a picture, directly or through the theme's background fills."""
    for source in (layout, layout.slide_master):
        bg = source._element.find("p:cSld/p:bg", NS)
        if bg is None:
            continue
        if bg.find("p:bgPr/a:blipFill", NS) is not None:
            return True
        ref = bg.find("p:bgRef", NS)
        if ref is not None and int(ref.get("idx", "0")) > 1000:
            theme = layout.slide_master.part.part_related_by(RT.THEME)
            from lxml import etree

            fills = etree.fromstring(theme.blob).find(".//a:fmtScheme/a:bgFillStyleLst", NS)
            items = list(fills) if fills is not None else []
            k = int(ref.get("idx")) - 1001
            return 0 <= k < len(items) and items[k].tag.endswith("}blipFill")
        return False
    return False


def decorations(source) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A layout's or master's own shapes: everything in its shape tree that is not a placeholder."""
    tree = source.shapes._spTree
    return [el for el in tree if el.tag.rsplit("}", 1)[-1] in OWN and el.find(".//p:nvPr/p:ph", NS) is None]
