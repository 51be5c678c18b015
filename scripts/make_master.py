"""Generate src/handouts/templates/slides/master.pptx (16:9 master with named layouts) with python-pptx.

Run `python scripts/make_master.py` after editing; the written .pptx is the source of truth
at build time, so a designer may also edit it in PowerPoint or Impress instead.

Conventions the deck renderer relies on (keep them in a clinic's own master; handouts.render.deck.master
checks the layouts and placeholders when it loads a master):
- layouts named "Title", "Section Header", "Title and Content", "Two Content", "Closing",
  "Warning", "Important", "Tip" (any ordinary master works too: handouts.render.deck.layouts
  finds layouts by role and placeholders by type, and places what a master lacks by geometry);
- placeholders by type: a title (title/ctrTitle) on every layout; bodies; on Title a subtitle
  and a second body for organisation and date, and a picture placeholder where the brand logo
  goes; on Closing a picture placeholder where the QR code goes; a slide number placeholder on
  every layout except Title (the master's one also places the draft mark, which ends left of it);
- every colour is a theme colour, so handouts.yml `brand` recolours the whole deck:
  dk1 = text, lt1 = background, accent1 = primary, accent2 (and dk2) = accent,
  accent3 = warning, accent4 = warning_background, accent5 (and lt2) = keypoints_background;
- fonts: the theme's major and minor fonts are "Noto Sans" (Latin) and "Noto Sans Arabic"
  (complex scripts); see handouts.render.deck.measure for why and how text is measured.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

OUT = Path(__file__).resolve().parents[1] / "src" / "handouts" / "templates" / "slides" / "master.pptx"
W, H = 12192000, 6858000  # 13.333 x 7.5 in, 16:9
IN = 914400
MARGIN = int(0.6 * IN)
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
LATIN = '<a:latin typeface="Noto Sans" panose="020B0502040504020204" pitchFamily="34" charset="0"/>'
CS = '<a:cs typeface="Noto Sans Arabic" panose="020B0502040504020204" pitchFamily="34" charset="0"/>'
NOTO_PANOSE = "020B0502040504020204"

# -- geometry shared by the master and its layouts (EMU) --
TITLE_BOX = (MARGIN, int(0.4 * IN), W - 2 * MARGIN, int(1.4 * IN))
BODY_BOX = (MARGIN, int(2.0 * IN), W - 2 * MARGIN, int(4.75 * IN))
NUMBER_BOX = (W - MARGIN - int(1.2 * IN), int(6.95 * IN), int(1.2 * IN), int(0.42 * IN))


class Ids:
    """Shape ids, unique within one part."""

    def __init__(self) -> None:
        self.n = 1

    def __call__(self) -> int:
        self.n += 1
        return self.n


def xfrm(box: tuple[int, int, int, int]) -> str:
    x, y, cx, cy = box
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def fill(color: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def run_props(size: int | None = None, color: str | None = None, bold: bool | None = None) -> str:
    attrs = (f' sz="{size * 100}"' if size else "") + (f' b="{int(bold)}"' if bold is not None else "")
    return f'<a:defRPr{attrs}>{fill(color) if color else ""}</a:defRPr>'


def placeholder(ids: Ids, name: str, ph: str, box: tuple[int, int, int, int] | None = None, *,
                size: int | None = None, color: str | None = None, bold: bool | None = None,
                anchor: str | None = None, bullets: bool | None = None, align: str | None = None,
                before: int | None = None, prompt: str = "") -> str:
    """A placeholder shape; box None inherits the master's position."""
    sp_pr = xfrm(box) if box else ""
    body_pr = f'<a:bodyPr{f" anchor={chr(34)}{anchor}{chr(34)}" if anchor else ""}/>'
    lvl = ""
    if size or color or bold is not None or bullets is False or align or before is not None:
        ppr_attrs = (' marL="0" indent="0"' if bullets is False else "") + (f' algn="{align}"' if align else "")
        spacing = f'<a:spcBef><a:spcPts val="{before * 100}"/></a:spcBef>' if before is not None else ""
        lvl = f'<a:lvl1pPr{ppr_attrs}>{spacing}{"<a:buNone/>" if bullets is False else ""}{run_props(size, color, bold)}</a:lvl1pPr>'
    text = f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{prompt}</a:t></a:r></a:p>' if prompt else '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{ids()}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr>{sp_pr}</p:spPr>'
        f'<p:txBody>{body_pr}<a:lstStyle>{lvl}</a:lstStyle>{text}</p:txBody></p:sp>'
    )


def picture_placeholder(ids: Ids, name: str, idx: int, box: tuple[int, int, int, int]) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{ids()}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="pic" idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr>{xfrm(box)}</p:spPr>'
        '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>'
    )


def shape(ids: Ids, name: str, geom: str, box: tuple[int, int, int, int], color: str) -> str:
    """A decorative shape (no text), marked decorative for screen readers."""
    deco = (
        '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
        '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
        "</a:ext></a:extLst>"
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{ids()}" name="{name}">{deco}</p:cNvPr><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(box)}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{fill(color)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )


def slide_number(ids: Ids) -> str:
    return placeholder(ids, "Slide Number", 'type="sldNum" sz="quarter" idx="12"', NUMBER_BOX)


def tree(shapes: str) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        f"{shapes}</p:spTree>"
    )


def background(color: str) -> str:
    return f'<p:bg><p:bgPr>{fill(color)}<a:effectLst/></p:bgPr></p:bg>'


def level(n: int, size: int, marl: int, bullet: str | None, before: int) -> str:
    indent = -marl if bullet else 0
    bu = (f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Noto Sans" panose="{NOTO_PANOSE}" '
          f'pitchFamily="34" charset="0"/><a:buChar char="{bullet}"/>') if bullet else "<a:buNone/>"
    return (
        f'<a:lvl{n}pPr marL="{marl}" indent="{indent}" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="{before * 100}"/></a:spcBef>{bu}'
        f'<a:defRPr sz="{size * 100}" kern="0">{fill("tx1")}<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>'
    )


def master_xml(layout_rids: list[str]) -> str:
    ids = Ids()
    shapes = (
        shape(ids, "Top band", "rect", (0, 0, W, int(0.16 * IN)), "accent1")
        + placeholder(ids, "Title", 'type="title"', TITLE_BOX, anchor="b", prompt="Slide title")
        + placeholder(ids, "Body", 'type="body" idx="1"', BODY_BOX, prompt="Key point")
        + slide_number(ids)
    )
    title_style = (
        '<p:titleStyle><a:lvl1pPr algn="l" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="4000" b="1" kern="0">{fill("accent2")}<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr>'
        "</a:lvl1pPr></p:titleStyle>"
    )
    body_style = "<p:bodyStyle>" + level(1, 32, int(0.55 * IN), "•", 16) + level(2, 28, int(1.1 * IN), "–", 8) + "</p:bodyStyle>"
    other_style = "<p:otherStyle>" + level(1, 16, 0, None, 0) + "</p:otherStyle>"
    layouts = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids))
    return (
        f'<p:sldMaster {NS}><p:cSld>{background("bg1")}{tree(shapes)}</p:cSld>'
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" '
        'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        f"<p:sldLayoutIdLst>{layouts}</p:sldLayoutIdLst>"
        f"<p:txStyles>{title_style}{body_style}{other_style}</p:txStyles></p:sldMaster>"
    )


def layout_xml(name: str, shapes: str, bg: str | None = None, master_shapes: bool = True) -> str:
    show = "" if master_shapes else ' showMasterSp="0"'
    return (
        f'<p:sldLayout {NS} preserve="1" userDrawn="1"{show}><p:cSld name="{name}">{background(bg) if bg else ""}'
        f'{tree(shapes)}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>'
    )


def warning_icon(ids: Ids, color: str, x: int, y: int, sign: str) -> str:
    """A triangle (warning) or circle (important) with a light mark drawn from shapes."""
    size = int(1.0 * IN)
    outline = "triangle" if sign == "!" else "ellipse"
    bar_top = y + int(0.3 * size) if sign == "!" else y + int(0.42 * size)
    dot_top = y + int(0.72 * size) if sign == "!" else y + int(0.18 * size)
    stroke = int(0.11 * size)
    return (
        shape(ids, "Icon", outline, (x, y, size, int(size * (0.9 if sign == "!" else 1.0))), color)
        + shape(ids, "Icon mark", "rect", (x + (size - stroke) // 2, bar_top, stroke, int(0.34 * size)), "bg1")
        + shape(ids, "Icon dot", "ellipse", (x + (size - stroke) // 2, dot_top, stroke, stroke), "bg1")
    )


def layouts() -> list[tuple[str, str]]:
    """(name, xml) of every layout, in master order."""
    out = []
    ids = Ids()
    out.append(("Title", layout_xml("Title", (
        shape(ids, "Bottom band", "rect", (0, H - int(0.9 * IN), W, int(0.9 * IN)), "accent2")
        + placeholder(ids, "Title", 'type="ctrTitle"', (int(0.8 * IN), int(1.1 * IN), W - int(1.6 * IN), int(2.5 * IN)),
                      size=48, color="bg1", anchor="b", align="l", prompt="Document title")
        + placeholder(ids, "Subtitle", 'type="subTitle" idx="1"', (int(0.8 * IN), int(3.75 * IN), W - int(1.6 * IN), int(1.1 * IN)),
                      size=32, color="bg1", bullets=False, before=0, prompt="Subtitle")
        + placeholder(ids, "Organisation and date", 'type="body" sz="half" idx="13"', (int(0.8 * IN), int(4.95 * IN), W - int(1.6 * IN), int(1.5 * IN)),
                      size=24, color="bg1", bullets=False, before=4, prompt="Organisation")
        + picture_placeholder(ids, "Logo", 15, (W - MARGIN - int(2.4 * IN), int(0.3 * IN), int(2.4 * IN), int(0.9 * IN)))
    ), bg="accent1", master_shapes=False)))
    ids = Ids()
    out.append(("Section Header", layout_xml("Section Header", (
        shape(ids, "Side bar", "rect", (0, 0, int(0.35 * IN), H), "accent1")
        + placeholder(ids, "Title", 'type="title"', (int(0.9 * IN), int(1.6 * IN), W - int(1.5 * IN), int(2.4 * IN)), size=44, anchor="b", prompt="Section title")
        + placeholder(ids, "Text", 'type="body" idx="1"', (int(0.9 * IN), int(4.2 * IN), W - int(1.5 * IN), int(2.4 * IN)), bullets=False, prompt="Section text")
        + slide_number(ids)
    ), bg="accent5", master_shapes=False)))
    ids = Ids()
    out.append(("Title and Content", layout_xml("Title and Content", (
        placeholder(ids, "Title", 'type="title"') + placeholder(ids, "Content", 'idx="1"') + slide_number(ids)
    ))))
    ids = Ids()
    half = (W - 2 * MARGIN - int(0.4 * IN)) // 2
    out.append(("Two Content", layout_xml("Two Content", (
        placeholder(ids, "Title", 'type="title"')
        + placeholder(ids, "Left content", 'sz="half" idx="1"', (MARGIN, BODY_BOX[1], half, BODY_BOX[3]))
        + placeholder(ids, "Right content", 'sz="half" idx="2"', (W - MARGIN - half, BODY_BOX[1], half, BODY_BOX[3]))
        + slide_number(ids)
    ))))
    for name, bg, bar, sign, title_color in (("Warning", "accent4", "accent3", "!", "accent3"), ("Important", "accent5", "accent1", "i", "accent2"),
                                             ("Tip", "bg1", "accent6", "i", "accent6")):
        ids = Ids()
        text_x = MARGIN + int(1.35 * IN)
        out.append((name, layout_xml(name, (
            shape(ids, "Side bar", "rect", (0, 0, int(0.3 * IN), H), bar)
            + warning_icon(ids, bar, MARGIN, int(0.55 * IN), sign)
            + placeholder(ids, "Title", 'type="title"', (text_x, TITLE_BOX[1], W - MARGIN - text_x, TITLE_BOX[3]), color=title_color, prompt=f"{name} title")
            + placeholder(ids, "Text", 'type="body" idx="1"', (text_x, BODY_BOX[1], W - MARGIN - text_x, BODY_BOX[3]), bullets=False, prompt=f"{name} text")
            + slide_number(ids)
        ), bg=bg, master_shapes=False)))
    ids = Ids()
    qr = int(2.4 * IN)
    out.append(("Closing", layout_xml("Closing", (
        placeholder(ids, "Title", 'type="title"', size=44, prompt="Questions?")
        + placeholder(ids, "Contact", 'type="body" idx="1"', (MARGIN, BODY_BOX[1], W - 2 * MARGIN - qr - int(0.5 * IN), BODY_BOX[3]),
                      size=24, bullets=False, before=4, prompt="Contact details")
        + picture_placeholder(ids, "QR code", 14, (W - MARGIN - qr, BODY_BOX[1] + int(0.3 * IN), qr, qr))
        + slide_number(ids)
    ))))
    return out


def theme_xml() -> str:
    colors = {"dk1": "212B32", "lt1": "FFFFFF", "dk2": "003087", "lt2": "E8F1FA", "accent1": "005EB8", "accent2": "003087",
              "accent3": "B3261E", "accent4": "FDECEA", "accent5": "E8F1FA", "accent6": "007F3B", "hlink": "005EB8", "folHlink": "330072"}
    scheme = "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in colors.items())
    font = f'<a:latin typeface="Noto Sans" panose="{NOTO_PANOSE}"/><a:ea typeface=""/><a:cs typeface="Noto Sans Arabic"/>'
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="12700">{solid}</a:ln>'
    return (
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Handouts">'
        f'<a:themeElements><a:clrScheme name="Handouts">{scheme}</a:clrScheme>'
        f'<a:fontScheme name="Handouts"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme>'
        f'<a:fmtScheme name="Handouts"><a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>{line * 3}</a:lnStyleLst>'
        "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"
        "<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def make(out: Path) -> None:
    """Write the master to out."""
    from pptx.oxml import parse_xml

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    master = prs.slide_master
    mpart = master.part
    wanted = layouts()
    existing = list(master.slide_layouts)
    rids = []
    for i, layout in enumerate(existing):
        rid = next(r.rId for r in mpart.rels.values() if r.target_part is layout.part)
        if i < len(wanted):
            layout.part._element = parse_xml(layout_xml_bytes(wanted[i][1]))
            rids.append(rid)
        else:
            mpart.drop_rel(rid) if hasattr(mpart, "drop_rel") else mpart.rels.pop(rid)
    mpart._element = parse_xml(master_xml(rids).encode())
    theme = mpart.part_related_by(RT.THEME)
    theme._blob = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + theme_xml().encode()
    package_rels = prs.part.package._rels
    for rid in [r.rId for r in package_rels.values() if r.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by, props.revision = "Handouts slide master", "handouts", "handouts", 1
    props.language = "en-GB"
    import datetime as dt

    props.created = props.modified = dt.datetime(2026, 1, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(out)
    from handouts.render.deck.package import reproducible_zip

    out.write_bytes(reproducible_zip(out.read_bytes()))


def layout_xml_bytes(xml: str) -> bytes:
    return etree.tostring(etree.fromstring(xml.encode()))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    make(target)
    print(f"wrote {target}")
