"""The --handout PDF draws the master's fills as LibreOffice does: gradients, colour modifiers, picture and theme style fills.

A master made for the test (python-pptx's default one, with accent6 = #336699, a red-to-blue
gradient background and a row of filled squares) is rendered to a handout; page 1 is rasterized
with pdftoppm and the pixels in the middle of each square are compared with colours worked out
by hand below (and checked against LibreOffice Impress 7.4's rendering of the same shapes).
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from handouts.build import load_project
from handouts.render import RenderJob
from handouts.render.deck import render as deck
from handouts.render.handout import MARGIN, MM, render as handout
from handouts.theme import Theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DPI = 300
ROW = (0.02, 0.10)  # the squares' top and bottom, as shares of the slide's height
# -- accent6 = #336699 = (51, 102, 153): in HSL h 210, s 0.5, l 0.4 --
SQUARES = {
    # lumMod 75%: l 0.3, s 0.5 -> chroma (1 - |2l - 1|) s = 0.3, max = l + 0.15 = 0.45, min = 0.15 -> (38, 77, 115)
    "lumMod": ('<a:schemeClr val="accent6"><a:lumMod val="75000"/></a:schemeClr>', (38, 77, 115)),
    # lumMod 60% + lumOff 40% ("lighter 40%"): l 0.64 -> chroma 0.72 * 0.5 = 0.36, max 0.82, min 0.46, g = 0.64 -> (117, 163, 209)
    "lighter": ('<a:schemeClr val="accent6"><a:lumMod val="60000"/><a:lumOff val="40000"/></a:schemeClr>', (117, 163, 209)),
    # tint 50% on linear values (gamma 2.3): r = (1 - (1 - 0.2^2.3) / 2)^(1/2.3) = 0.748 -> (191, 198, 212)
    "tint": ('<a:schemeClr val="accent6"><a:tint val="50000"/></a:schemeClr>', (191, 198, 212)),
    # shade 50% on linear values: r = (0.2^2.3 / 2)^(1/2.3) = 0.148 -> (38, 75, 113)
    "shade": ('<a:schemeClr val="accent6"><a:shade val="50000"/></a:schemeClr>', (38, 75, 113)),
    # satMod 50%: s 0.25, l 0.4 -> chroma 0.2, max 0.5, min 0.3 -> (77, 102, 128)
    "satMod": ('<a:schemeClr val="accent6"><a:satMod val="50000"/></a:schemeClr>', (77, 102, 128)),
}
# lumMod 20% + lumOff 80% ("lighter 80%"): l 0.88 -> chroma 0.24 * 0.5 = 0.12, max 0.94, min 0.82, g 0.88 -> (209, 224, 240)
TITLE = (0.10, 0.40), (209, 224, 240)  # a point of the title placeholder left of its centred text
PICTURE = (0, 166, 81)  # a one-colour PNG stretched over a square (blipFill)
FRAME = (138, 146, 153)  # the frame handout.css draws around each slide


def square(i: int, width: int, height: int, fill: str, style: str = "") -> str:
    x, cx = int(width * (0.02 + 0.09 * i)), int(width * 0.07)
    y, cy = int(height * ROW[0]), int(height * (ROW[1] - ROW[0]))
    return (f'<p:sp xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvSpPr><p:cNvPr id="{900 + i}" name="Square {i}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'{fill}<a:ln><a:noFill/></a:ln></p:spPr>{style}</p:sp>')


def fills_master(tmp_path: Path) -> bytes:
    """python-pptx's default master with accent6 #336699, a linear red-to-blue background and the squares of SQUARES, a picture and a theme style fill."""
    from test_slides_master import MASTERS

    prs = Presentation(str(MASTERS / "python-pptx-default.pptx"))
    master = prs.slide_master
    theme_part = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
    theme = etree.fromstring(theme_part.blob)
    accent6 = theme.find(f".//{{{A}}}clrScheme/{{{A}}}accent6")
    accent6.clear()
    etree.SubElement(accent6, f"{{{A}}}srgbClr", val="336699")
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
    c_sld = master._element.find(f"{{{P}}}cSld")
    for bg in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(bg)
    c_sld.insert(0, etree.fromstring(
        f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FF0000"/></a:gs>'
        f'<a:gs pos="100000"><a:srgbClr val="0000FF"/></a:gs></a:gsLst><a:lin ang="0" scaled="0"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>'))
    w, h = prs.slide_width, prs.slide_height
    tree = master.shapes._spTree
    for i, (xml, _) in enumerate(SQUARES.values()):
        tree.append(etree.fromstring(square(i, w, h, f"<a:solidFill>{xml}</a:solidFill>")))
    png = io.BytesIO()
    Image.new("RGB", (8, 8), PICTURE).save(png, "PNG")
    _, rid = master.part.get_or_add_image_part(png)
    n = len(SQUARES)
    tree.append(etree.fromstring(square(n, w, h, f'<a:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>')))
    # -- no fill of its own: the theme's first fill style (solid phClr) in the style's colour --
    tree.append(etree.fromstring(square(n + 1, w, h, "", f'<p:style xmlns:p="{P}" xmlns:a="{A}"><a:lnRef idx="0"><a:schemeClr val="accent6"/></a:lnRef>'
                                        f'<a:fillRef idx="1"><a:schemeClr val="accent6"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent6"/></a:effectRef>'
                                        f'<a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style>')))
    # -- white at 50% alpha over the gradient --
    tree.append(etree.fromstring(square(n + 2, w, h, '<a:solidFill><a:srgbClr val="FFFFFF"><a:alpha val="50000"/></a:srgbClr></a:solidFill>')))
    # -- a path gradient, green at the centre to black at the corners; a pattern (no CSS equivalent: drawn in its background colour) --
    tree.append(etree.fromstring(square(n + 3, w, h, '<a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="00FF00"/></a:gs><a:gs pos="100000"><a:srgbClr val="000000"/>'
                                        '</a:gs></a:gsLst><a:path path="circle"><a:fillToRect l="50000" t="50000" r="50000" b="50000"/></a:path></a:gradFill>')))
    tree.append(etree.fromstring(square(n + 4, w, h, '<a:pattFill prst="pct50"><a:fgClr><a:srgbClr val="000000"/></a:fgClr><a:bgClr><a:srgbClr val="FFCC00"/></a:bgClr></a:pattFill>')))
    # -- the title slide layout's title placeholder filled "lighter 80%": the slide's title inherits it --
    layout = next(lay for lay in master.slide_layouts if lay.name == "Title Slide")
    title = next(ph for ph in layout.placeholders if ph.placeholder_format.type == 3)  # PP_PLACEHOLDER.CENTER_TITLE
    title._element.spPr.append(etree.fromstring(f'<a:solidFill xmlns:a="{A}"><a:schemeClr val="accent6"><a:lumMod val="20000"/>'
                                                '<a:lumOff val="80000"/></a:schemeClr></a:solidFill>'))
    path = tmp_path / "fills.pptx"
    prs.save(str(path))
    return path.read_bytes()


def handout_page(master: bytes, tmp: Path) -> tuple[Image.Image, tuple[float, float, float, float], list[str], Path]:
    """Page 1 of the handout of a project on this master as pixels, where slide 1 is on it (left px, top px, width px,
    height / width), the handout's notices and the deck's path."""
    from conftest import copy_project
    from test_slides_master import SUBSTITUTES, project_with_master

    prs = Presentation(io.BytesIO(master))
    aspect = int(prs.slide_height) / int(prs.slide_width)  # -- python-pptx's default master is 4:3 --
    root = project_with_master(lambda name: copy_project(name, tmp), master, SUBSTITUTES)
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    job = RenderJob(doc, "en", project.config, Theme(project.config), folder, "pptx")
    (tmp / "deck.pptx").write_bytes(deck(job).data)
    result = handout(replace(job, format="pdf", variant="handout"))
    pdf = tmp / "handout.pdf"
    pdf.write_bytes(result.data)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png", str(pdf), str(tmp / "page")], check=True)
    image = Image.open(next(tmp.glob("page*.png"))).convert("RGB")
    # -- slide 1 sits in the top left corner inside the page margin, in a 0.6 pt grey frame (handout.css): its right edge
    #    is the first frame-grey pixel to the right on a row just below the squares --
    left = (MARGIN * MM + 0.6) * DPI / 72
    y = int(left + 30 * DPI / 72)
    x = int(left) + 2
    while x < image.width and not close(image.getpixel((x, y)), FRAME, 40):
        x += 1
    return image, (left, left, x - left, aspect), [n.problem.message for n in result.notices], tmp / "deck.pptx"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Image.Image, tuple[float, float, float, float], list[str], Path]:
    """Page 1 of the fills master's handout (handout_page)."""
    tmp = tmp_path_factory.mktemp("fills")
    return handout_page(fills_master(tmp), tmp)


@pytest.fixture(scope="module")
def page(rendered):  # type: ignore[no-untyped-def]
    return rendered[:2]


def libreoffice_slide(deck_path: Path, out: Path) -> Image.Image:
    """Slide 1 of a deck as LibreOffice Impress draws it, as pixels (the whole page is the slide)."""
    from slides_verify import to_pdf

    pdf = to_pdf([deck_path], out)[deck_path]
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(pdf), str(out / "slide")], check=True)
    return Image.open(next(out.glob("slide*.png"))).convert("RGB")


@pytest.fixture(scope="module")
def libreoffice(rendered, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Slide 1 of the fills deck as LibreOffice draws it."""
    return libreoffice_slide(rendered[3], tmp_path_factory.mktemp("fills-lo"))


def at(page: tuple[Image.Image, tuple[float, float, float, float]], fx: float, fy: float) -> tuple[int, int, int]:
    image, (left, top, width, aspect) = page
    height = width * aspect
    return image.getpixel((int(left + fx * width), int(top + fy * height)))


def close(got: tuple[int, ...], want: tuple[int, ...], tolerance: int = 3) -> bool:
    return all(abs(g - w) <= tolerance for g, w in zip(got, want))


def test_the_slide_is_found_on_the_page(page) -> None:  # type: ignore[no-untyped-def]
    image, (left, top, width, aspect) = page
    assert 0.4 * image.width < width < 0.7 * image.width and aspect == 0.75


def test_gradient_background_runs_red_to_blue_left_to_right(page) -> None:  # type: ignore[no-untyped-def]
    # -- sampled in the bottom band, where python-pptx's default layouts put no text on the title slide --
    for fx, want in ((0.05, (242, 0, 13)), (0.25, (191, 0, 64)), (0.5, (128, 0, 128)), (0.75, (64, 0, 191)), (0.95, (13, 0, 242))):
        got = at(page, fx, 0.985)
        assert close(got, want, 4), (fx, got, want)


@pytest.mark.parametrize("name", list(SQUARES))
def test_colour_modifiers_as_libreoffice_draws_them(page, name: str) -> None:  # type: ignore[no-untyped-def]
    i = list(SQUARES).index(name)
    got = at(page, 0.02 + 0.09 * i + 0.035, sum(ROW) / 2)
    assert close(got, SQUARES[name][1]), (name, got)


def test_picture_and_theme_style_fills(page) -> None:  # type: ignore[no-untyped-def]
    n = len(SQUARES)
    assert close(at(page, 0.02 + 0.09 * n + 0.035, sum(ROW) / 2), PICTURE)
    assert close(at(page, 0.02 + 0.09 * (n + 1) + 0.035, sum(ROW) / 2), (51, 102, 153))


def test_a_placeholder_takes_the_fill_of_the_layout_placeholder_it_inherits_from(page) -> None:  # type: ignore[no-untyped-def]
    (fx, fy), want = TITLE
    assert close(at(page, fx, fy), want), at(page, fx, fy)


def test_alpha_blends_with_the_gradient_under_it(page) -> None:  # type: ignore[no-untyped-def]
    fx = 0.02 + 0.09 * (len(SQUARES) + 2) + 0.035  # 0.7: the gradient there is (77, 0, 179); half white over it
    got = at(page, fx, sum(ROW) / 2)
    assert close(got, (166, 128, 217), 4), got


def test_path_gradient_from_the_centre_to_the_farthest_corner(page) -> None:  # type: ignore[no-untyped-def]
    # -- the point (0.4, 0.4) of the square's size from its centre is 80% of the way to a corner (whatever the square's
    #    proportions), so 80% of the way to black: green 255 * 0.2 = 51 --
    x0 = 0.02 + 0.09 * (len(SQUARES) + 3)
    assert close(at(page, x0 + 0.035, sum(ROW) / 2), (0, 255, 0), 12)  # -- a pixel from the centre is 3% of the way out --
    assert close(at(page, x0 + 0.035 + 0.4 * 0.07, sum(ROW) / 2 + 0.4 * 0.08), (0, 51, 0), 5)


def test_what_cannot_be_drawn_is_drawn_plainer_and_said(rendered) -> None:  # type: ignore[no-untyped-def]
    image, where, notices, _ = rendered
    assert close(at((image, where), 0.02 + 0.09 * (len(SQUARES) + 4) + 0.035, sum(ROW) / 2), (255, 204, 0))
    (said,) = [m for m in notices if "simplified" in m]
    assert "pattern fills" in said


def test_the_handout_draws_what_libreoffice_draws(page, libreoffice) -> None:  # type: ignore[no-untyped-def]
    """The same points of slide 1 in the handout and in LibreOffice's own rendering of the deck."""
    points = [(0.02 + 0.09 * i + 0.035, sum(ROW) / 2) for i in range(len(SQUARES) + 2)] + [(fx, 0.985) for fx in (0.1, 0.5, 0.9)] + [TITLE[0]]
    for fx, fy in points:
        ours = at(page, fx, fy)
        theirs = libreoffice.getpixel((int(fx * libreoffice.width), int(fy * libreoffice.height)))
        assert close(ours, theirs, 6), ((fx, fy), ours, theirs)
