"""The --handout PDF draws what a clinic's master puts on every slide: outlines, lines, groups, custom shapes, a logo, a text box.

A master made for the test (python-pptx's default one, 4:3, white background) carries, above the
title slide's title, one shape of each kind; page 1 of the handout is rasterized with pdftoppm and
the pixels at points worked out by hand from each shape's geometry below are compared with its
colour, and with LibreOffice Impress's rendering of the same deck.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from test_slides_handout import _elements
from test_slides_handout_fills import A, P, R, at, close, handout_page, libreoffice_slide

WHITE = (255, 255, 255)
RED, GREEN, PURPLE, BLUE, ORANGE, MAGENTA, CYAN = (255, 0, 0), (0, 170, 0), (128, 0, 128), (0, 0, 255), (255, 128, 0), (255, 0, 255), (0, 255, 255)
ROW1, ROW2 = (0.03, 0.12), (0.17, 0.29)  # top and bottom of each row of shapes, as shares of the slide's height


def xfrm(x0: float, y0: float, x1: float, y1: float, w: int, h: int, extra: str = "") -> str:
    return f'<a:xfrm{extra}><a:off x="{int(w * x0)}" y="{int(h * y0)}"/><a:ext cx="{int(w * (x1 - x0))}" cy="{int(h * (y1 - y0))}"/></a:xfrm>'


def sp(n: int, geometry: str, fill: str, line: str, box: str, extra: str = "", body: str = "") -> str:
    return (f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{950 + n}" name="Shape {n}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{box}{geometry}{fill}{line}{extra}</p:spPr>{body}</p:sp>')


def shapes_master(tmp: Path) -> bytes:
    """python-pptx's default master with the shapes the tests below look for."""
    from test_slides_master import MASTERS

    prs = Presentation(str(MASTERS / "python-pptx-default.pptx"))
    w, h = int(prs.slide_width), int(prs.slide_height)
    tree = prs.slide_master.shapes._spTree
    rect = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    solid = '<a:solidFill><a:srgbClr val="{}"/></a:solidFill>'.format
    # -- A: a rectangle with no fill and a 6 pt red outline --
    tree.append(etree.fromstring(sp(1, rect, "<a:noFill/>", f'<a:ln w="76200">{solid("FF0000")}</a:ln>', xfrm(0.03, ROW1[0], 0.18, ROW1[1], w, h))))
    # -- B: a straight connector across the middle of row 1, 4.5 pt green --
    tree.append(etree.fromstring(
        f'<p:cxnSp xmlns:p="{P}" xmlns:a="{A}"><p:nvCxnSpPr><p:cNvPr id="960" name="Rule"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
        f'<p:spPr>{xfrm(0.22, sum(ROW1) / 2, 0.40, sum(ROW1) / 2, w, h)}<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
        f'<a:ln w="57150">{solid("00AA00")}</a:ln></p:spPr></p:cxnSp>'))
    # -- C: a line flipped vertically: from the bottom left of its box to the top right --
    tree.append(etree.fromstring(sp(3, '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>', "", f'<a:ln w="57150">{solid("800080")}</a:ln>',
                                    xfrm(0.44, ROW1[0], 0.58, ROW1[1], w, h, ' flipV="1"'))))
    # -- D: a group whose children live in their own coordinates (chOff 1000000, 2000000; chExt 1000000 square): one blue
    #    child over the left half --
    off, ext = (int(w * 0.62), int(h * ROW1[0])), (int(w * 0.18), int(h * (ROW1[1] - ROW1[0])))
    child = sp(4, rect, solid("0000FF"), "<a:ln><a:noFill/></a:ln>", '<a:xfrm><a:off x="1000000" y="2000000"/><a:ext cx="500000" cy="1000000"/></a:xfrm>')
    tree.append(etree.fromstring(
        f'<p:grpSp xmlns:p="{P}" xmlns:a="{A}"><p:nvGrpSpPr><p:cNvPr id="961" name="Group"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        f'<p:grpSpPr><a:xfrm><a:off x="{off[0]}" y="{off[1]}"/><a:ext cx="{ext[0]}" cy="{ext[1]}"/><a:chOff x="1000000" y="2000000"/>'
        f'<a:chExt cx="1000000" cy="1000000"/></a:xfrm></p:grpSpPr>{child}</p:grpSp>'))
    # -- E: a logo picture (one orange colour) --
    png = io.BytesIO()
    Image.new("RGB", (8, 8), ORANGE).save(png, "PNG")
    _, rid = prs.slide_master.part.get_or_add_image_part(png)
    tree.append(etree.fromstring(
        f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr><p:cNvPr id="962" name="Logo" descr="Ward 7 logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr>{xfrm(0.84, ROW1[0], 0.96, ROW1[1], w, h)}{rect}</p:spPr></p:pic>'))
    # -- F: a freeform triangle (apex top centre) in magenta, with a shadow the handout cannot draw --
    tri = ('<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="100" h="100">'
           '<a:moveTo><a:pt x="0" y="100"/></a:moveTo><a:lnTo><a:pt x="50" y="0"/></a:lnTo><a:lnTo><a:pt x="100" y="100"/></a:lnTo><a:close/>'
           '</a:path></a:pathLst></a:custGeom>')
    shadow = '<a:effectLst><a:outerShdw blurRad="40000" dist="20000" dir="5400000"><a:srgbClr val="000000"><a:alpha val="40000"/></a:srgbClr></a:outerShdw></a:effectLst>'
    tree.append(etree.fromstring(sp(5, tri, solid("FF00FF"), "<a:ln><a:noFill/></a:ln>", xfrm(0.03, ROW2[0], 0.18, ROW2[1], w, h), shadow)))
    # -- G: an ellipse drawn as two half-turn arcs from its right-hand point (arcTo: start angle and swing, 60000ths of a degree) --
    arc = ('<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="200" h="100">'
           '<a:moveTo><a:pt x="200" y="50"/></a:moveTo><a:arcTo wR="100" hR="50" stAng="0" swAng="10800000"/>'
           '<a:arcTo wR="100" hR="50" stAng="10800000" swAng="10800000"/><a:close/></a:path></a:pathLst></a:custGeom>')
    tree.append(etree.fromstring(sp(6, arc, solid("00FFFF"), "<a:ln><a:noFill/></a:ln>", xfrm(0.22, ROW2[0], 0.40, ROW2[1], w, h))))
    # -- H: a text box with the trust's name --
    body = (f'<p:txBody xmlns:p="{P}" xmlns:a="{A}"><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" sz="1400"/><a:t>Ward Seven Trust</a:t></a:r></a:p></p:txBody>')
    tree.append(etree.fromstring(sp(7, rect, "<a:noFill/>", "<a:ln><a:noFill/></a:ln>", xfrm(0.44, ROW2[0], 0.80, ROW2[1], w, h), body=body)))
    path = tmp / "shapes.pptx"
    prs.save(str(path))
    return path.read_bytes()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("shapes")
    return handout_page(shapes_master(tmp), tmp)


@pytest.fixture(scope="module")
def page(rendered):  # type: ignore[no-untyped-def]
    return rendered[:2]


MID1, MID2 = sum(ROW1) / 2, sum(ROW2) / 2
# -- (point as shares of the slide, colour there): on each shape, and beside it where a wrong drawing would put colour --
POINTS = [
    ((0.03, MID1), RED), ((0.105, MID1), WHITE),  # A: the outline straddles the left edge; no fill inside
    ((0.31, MID1), GREEN), ((0.31, MID1 + 0.03), WHITE),  # B: on the rule, and 3% of the height below it
    # C: at x = 0.47 (3/14 of the way along) the flipped line is at y = 0.12 - 0.09 * 3/14 = 0.1007; unflipped it would be at 0.0493
    ((0.47, ROW1[1] - 0.09 * 3 / 14), PURPLE), ((0.47, ROW1[0] + 0.09 * 3 / 14), WHITE),
    ((0.665, MID1), BLUE), ((0.755, MID1), WHITE),  # D: the child covers the group's left half only
    ((0.90, MID1), ORANGE),  # E
    # F: near the base's middle, inside; the box's top left corner is outside the triangle
    ((0.105, ROW2[1] - 0.015), MAGENTA), ((0.04, ROW2[0] + 0.012), WHITE),
    # G: the ellipse's centre and a point just inside its left end; the box's corner is outside it
    ((0.31, MID2), CYAN), ((0.225, MID2), CYAN), ((0.225, ROW2[0] + 0.01), WHITE),
]


@pytest.mark.parametrize(("point", "want"), POINTS, ids=[f"{x:.3f},{y:.3f}" for (x, y), _ in POINTS])
def test_master_shapes_are_drawn_where_the_master_puts_them(page, point: tuple[float, float], want: tuple[int, int, int]) -> None:  # type: ignore[no-untyped-def]
    got = at(page, *point)
    assert close(got, want, 12), (point, got, want)


def test_the_master_text_box_is_printed_and_the_shadow_is_said(rendered) -> None:  # type: ignore[no-untyped-def]
    _, _, notices, deck_path = rendered
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(deck_path.parent / "handout.pdf"), "-"], capture_output=True, check=True, text=True).stdout
    assert "Ward Seven Trust" in text
    (said,) = [m for m in notices if "simplified" in m]
    assert "shadows, glows and other effects (not drawn)" in said


def test_master_pictures_are_decoration_not_figures_without_alt(rendered) -> None:  # type: ignore[no-untyped-def]
    import pikepdf

    with pikepdf.open(str(rendered[3].parent / "handout.pdf")) as pdf:
        figures = [k for k in _elements(pdf.Root.StructTreeRoot) if k.get("/S") == "/Figure"]
        assert all(str(f.get("/Alt", "")) for f in figures)


def test_the_handout_draws_the_master_as_libreoffice_draws_it(page, rendered, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    theirs_image = libreoffice_slide(rendered[3], tmp_path_factory.mktemp("shapes-lo"))
    for (fx, fy), want in POINTS:
        theirs = theirs_image.getpixel((int(fx * theirs_image.width), int(fy * theirs_image.height)))
        assert close(theirs, want, 40), ((fx, fy), theirs, want)  # -- the hand values hold for LibreOffice's drawing too --

