"""Real-world masters, third round (session 11 tester, items 3, 7, 10, 12, 13, 14): a rule under the title, centred
right-to-left titles, slides.layouts errors at their line, slide contrast in `handouts check`, a title band's own fill."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_project
from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.util import Emu, Pt
from test_slides_master import build_cli, project_with_master, rendered
from test_slides_masters2 import DEFAULT, SUBS, edited, layout, picture_master, set_theme

from handouts.build import load_project
from handouts.checks import run_checks
from handouts.render.deck.master import NS

A, P = NS["a"], NS["p"]
RULE_Y = Pt(104)  # the rule under the title: 14 pt below the 40 + 50 pt title box, 22 pt above the body (126 pt)
LONG = "How the medicine works on your skin and on the oil glands"  # two lines at 32 pt on a 648 pt title
LONGER = "How the medicine works on your skin, on the oil glands and on the bacteria that cause acne in teenagers"  # three lines


def rule_master(path: Path, body: bool = True) -> bytes:
    """python-pptx's default (720 x 540 pt) whose 'Title and Content' has a 50 pt title at 40 pt and a line at 104 pt under it."""
    def edit(prs) -> None:  # type: ignore[no-untyped-def]
        lay = layout(prs, "Title and Content")
        title = lay.placeholders[0]
        title.left, title.top, title.width, title.height = Emu(Pt(36)), Emu(Pt(40)), Emu(Pt(648)), Emu(Pt(50))
        line = parse_xml(
            f'<p:cxnSp xmlns:p="{P}" xmlns:a="{A}"><p:nvCxnSpPr><p:cNvPr id="40" name="Rule under the title"/><p:cNvCxnSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvCxnSpPr><p:spPr><a:xfrm><a:off x="{Pt(36)}" y="{RULE_Y}"/><a:ext cx="{Pt(648)}" cy="0"/></a:xfrm>'
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="19050"><a:solidFill><a:srgbClr val="005EB8"/></a:solidFill></a:ln>'
            '</p:spPr></p:cxnSp>')
        lay.shapes._spTree.append(line)
        if not body:
            for ph in list(lay.placeholders)[1:2]:
                ph._element.getparent().remove(ph._element)
    return edited(DEFAULT, path, edit)


def heading(text: str) -> Callable[[dict], None]:  # type: ignore[type-arg]
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        d["sections"][0]["heading"] = text
    return edit


def top_bottom(shape) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return int(shape.top), int(shape.top) + int(shape.height)


@pytest.fixture(scope="module")
def long_title_deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The minimal project's deck on the rule master, its first section titled LONG (built once for this module)."""
    tmp = tmp_path_factory.mktemp("rule")
    root = copy_project("minimal", tmp, document=heading(LONG))
    root = project_with_master(lambda name: root, rule_master(tmp / "rule.pptx"), SUBS)
    prs, said = rendered(root)
    deck = tmp / "rule-deck.pptx"
    prs.save(str(deck))
    return deck, said


# -- 7. a title of two lines stays clear of the master's rule under it --

def test_two_line_title_moves_up_and_stays_above_the_rule(long_title_deck: tuple[Path, list[str]]) -> None:
    deck, said = long_title_deck
    prs = Presentation(str(deck))
    slides = [s for s in prs.slides if s.slide_layout.name == "Title and Content"]
    slide = next(s for s in slides if s.shapes.title.text_frame.text.replace("\u200b", "") == LONG)
    top, bottom = top_bottom(slide.shapes.title)
    # -- two lines at 32 pt (1.2 em apart) and the 3.6 pt insets above and below need at least 84 pt: 34 more than the box --
    assert bottom - top >= Pt(84)
    assert bottom <= RULE_Y and top >= Pt(14.4)  # above the rule, and at most up to 0.2 in from the slide's top edge
    body = next(s for s in slide.shapes if s.is_placeholder and s.placeholder_format.idx == 1)
    assert int(body.top) == Pt(126)  # the body below the rule keeps its place
    # -- one size for every title: the long one needs two lines even at slides.title_min_pt (32), so all are 32 pt --
    sizes = {r.font.size.pt for s in slides for r in s.shapes.title.text_frame.paragraphs[0].runs}
    assert sizes == {32.0}
    assert any("moves up to stay clear of the master's 'Rule under the title'" in s for s in said)


def test_libreoffice_draws_the_two_title_lines_above_the_rule(long_title_deck: tuple[Path, list[str]], tmp_path: Path) -> None:
    from PIL import Image
    from slides_verify import page_words, to_pdf

    deck, _ = long_title_deck
    prs = Presentation(str(deck))
    number = next(k for k, s in enumerate(prs.slides, 1) if s.shapes.title is not None and s.shapes.title.text_frame.text.replace("\u200b", "") == LONG)
    pdf = to_pdf([deck], tmp_path)[deck]
    title = [box for word, box in page_words(pdf, number) if word in LONG.split()]
    assert len({round(box[1]) for box in title}) == 2 and max(box[1] for box in title) < 104  # two lines, both starting above the rule
    subprocess.run(["pdftoppm", "-r", "100", "-f", str(number), "-l", str(number), "-png", str(pdf), str(tmp_path / "slide")], check=True)
    image = Image.open(next(tmp_path.glob("slide*.png"))).convert("RGB")
    rule = round(104 * 100 / 72)  # the rule's row at 100 dpi
    assert image.getpixel((image.width // 2, rule))[2] > 150  # the blue rule is there, not covered
    dark = {y for y in range(image.height) for x in range(0, image.width, 2) if max(image.getpixel((x, y))) < 90}
    assert dark & set(range(rule - 40, rule - 2)) and dark & set(range(rule + 10, rule + 60))  # the title's second line, the body
    assert not dark & set(range(rule - 2, rule + 3))  # no letter drawn across the rule


def test_title_too_long_for_the_room_above_the_rule_says_so_at_its_line(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = project_with_master(lambda name: make_project("minimal", heading(LONGER)), rule_master(tmp_path / "rule.pptx"), SUBS)
    result = build_cli(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = re.search(r"document\.yml:(\d+): '([^']+)' is too long for a slide title: (.*)", result.stderr)
    assert found, result.stderr
    line = (root / "content" / "minimal" / "document.yml").read_text(encoding="utf-8").splitlines()[int(found.group(1)) - 1]
    assert "heading:" in line and LONGER[:30] in line
    assert "layout 'Title and Content'" in found.group(3) and "'Rule under the title'" in found.group(3)
    assert "shorten it, or lower slides.title_min_pt" in found.group(3)


# -- 10. no body placeholder: the text box starts below the rule too, its bullets kept --

def test_text_placed_by_geometry_starts_below_the_rule(make_project: Callable[..., Path], tmp_path: Path) -> None:
    prs, said = rendered(project_with_master(make_project, rule_master(tmp_path / "nobody.pptx", body=False), SUBS))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == "First section")
    box = next(s for s in slide.shapes if s.name == "Text")
    assert int(box.top) >= RULE_Y
    assert box.text_frame.paragraphs[0]._p.pPr.find(f"{{{A}}}buChar") is not None
    assert any("layout 'Title and Content' has no body placeholder: the text of its slides is placed in text boxes" in s for s in said)


# -- 12. an address that fits on a line is kept whole --

def test_an_address_that_fits_is_not_broken(make_project: Callable[..., Path]) -> None:
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        d["meta"]["contact"]["email"] = "clinic@example.org"
    prs, _ = rendered(make_project("minimal", edit))  # the built-in 16:9 master
    texts = [p.text for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    assert "clinic@example.org" in texts  # one piece: no zero-width space in it


def test_an_address_on_two_lines_breaks_after_its_at_sign(make_project: Callable[..., Path]) -> None:
    """Wider than the column beside the QR code (4:3 master), but 'dermatology@' and the domain each fit a line."""
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        d["meta"]["contact"]["email"] = "dermatology@outpatients.hospital.example.org"
    prs, _ = rendered(project_with_master(lambda name: make_project("minimal", edit), DEFAULT.read_bytes(), SUBS))
    texts = [p.text for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs if "@" in p.text]
    assert texts == ["dermatology@\u200boutpatients.hospital.example.org"]  # not "...example.|org"


# -- 13. right to left: a centred title stays centred --

def test_rtl_keeps_centred_alignment_and_mirrors_left(make_project: Callable[..., Path]) -> None:
    root = project_with_master(make_project, DEFAULT.read_bytes(), SUBS)
    ar, _ = rendered(root, "ar")
    first = ar.slides[0]
    title = first.shapes.title
    sub = next(s for s in first.shapes if s.name.startswith("Subtitle"))
    # -- python-pptx's default title slide centres its title and subtitle: they stay centred, on one centre line --
    assert {p._p.pPr.get("algn") for p in title.text_frame.paragraphs} == {"ctr"}
    assert {p._p.pPr.get("algn") for p in sub.text_frame.paragraphs} == {"ctr"}
    assert int(title.left) + int(title.width) // 2 == int(sub.left) + int(sub.width) // 2 == ar.slide_width // 2
    content = next(s for s in ar.slides if s.slide_layout.name == "Title and Content")
    assert content.shapes.title.text_frame.paragraphs[0]._p.pPr.get("algn") == "ctr"  # the master centres its titles too
    body = next(s for s in content.shapes if s.is_placeholder and s.placeholder_format.idx == 1)
    assert {p._p.pPr.get("algn") for p in body.text_frame.paragraphs} == {"r"}  # left-aligned key points read from the right


# -- 14. slides.layouts problems at their line --

def test_layouts_errors_carry_their_handouts_yml_line(make_project: Callable[..., Path]) -> None:
    root = project_with_master(make_project, DEFAULT.read_bytes(), SUBS + "  layouts:\n    warning: Title Only\n    closing: Closing slide 2\n"
                               "    agendas: Title and Content\n")
    result = build_cli(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = (root / "handouts.yml").read_text(encoding="utf-8").splitlines()
    closing = next(n for n, text in enumerate(lines, 1) if "Closing slide 2" in text)
    agendas = next(n for n, text in enumerate(lines, 1) if "agendas:" in text)
    assert f"handouts.yml:{closing}: slides.layouts names a layout the master does not have (closing: 'Closing slide 2'); its layouts: " \
           "'Title Slide'" in result.stderr
    assert f"handouts.yml:{agendas}: slides.layouts: unknown part 'agendas'" in result.stderr
    assert result.stderr.count("names a layout the master does not have") == 1  # once, not once per locale or key


# -- 3. handouts check reports the colours the deck replaces --

def slide_contrast(root: Path) -> list:  # type: ignore[type-arg]
    return [f for f in run_checks(load_project(root), ["en"]) if f.rule == "accessibility.slide-contrast"]


def test_check_reports_a_brand_colour_that_fails_on_the_masters_picture(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = project_with_master(make_project, picture_master(tmp_path), SUBS)
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  organisation: Test Clinic\n", "  organisation: Test Clinic\n  primary: '#005EB8'\n"),
                      encoding="utf-8")
    found = {f.segment: f for f in slide_contrast(root)}
    assert set(found) == {"Title Slide/Subtitle 2", "Title Slide/Title 1"}  # the black title on the navy picture too
    assert all(f.severity == "warning" and f.path == "templates/slides/master.pptx" for f in found.values())
    assert "text 'Title 1' is #000000 (the master's colour)" in found["Title Slide/Title 1"].message
    message = found["Title Slide/Subtitle 2"].message
    assert message.startswith("layout 'Title Slide': text 'Subtitle 2' is #005EB8 (brand.primary, written into the master's theme) on #")
    assert "WCAG minimum 3:1 for large text; the deck draws it in #FFFFFF instead" in message
    assert "choose a brand.primary with at least 3:1" in message
    # -- the same colours and ratio as the deck's own fallback says when it builds --
    ratio = re.search(r"on (#[0-9A-F]{6}) has contrast ([\d.]+):1", message)
    _, said = rendered(root)
    assert any(f"is #005EB8 on {ratio.group(1)} ({ratio.group(2)}:1" in s for s in said)  # type: ignore[union-attr]


def test_check_reports_a_link_colour_that_fails_on_a_dark_master(make_project: Callable[..., Path], tmp_path: Path) -> None:
    """#0000FF (luminance 0.0722) on #212B32 (0.0228): (0.0722 + 0.05) / (0.0228 + 0.05) = 1.7:1."""
    def dark(prs) -> None:  # type: ignore[no-untyped-def]
        set_theme(prs, colours={"dk1": "212B32", "lt1": "FFFFFF", "hlink": "0000FF", "folHlink": "0000FF"})
        clr = prs.slide_master._element.find(f"{{{P}}}clrMap")
        clr.set("bg1", "dk1"), clr.set("tx1", "lt1"), clr.set("bg2", "dk2"), clr.set("tx2", "lt2")
    found = slide_contrast(project_with_master(make_project, edited(DEFAULT, tmp_path / "dark.pptx", dark), SUBS))
    assert [f.message.split(":")[0] for f in found] == ["layout 'Title and Content'"]
    assert "the theme's hyperlink colour #0000FF" in found[0].message and "on #212B32 has contrast 1.7:1" in found[0].message
    assert "change the master's hyperlink theme colour" in found[0].message


def test_check_is_quiet_on_the_built_in_master_and_without_decks(make_project: Callable[..., Path]) -> None:
    root = make_project("minimal")
    assert slide_contrast(root) == []
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  organisation: Test Clinic\n", "  organisation: Test Clinic\n  primary: '#FFFF00'\n")
                      + "formats: [pdf]\n", encoding="utf-8")
    assert slide_contrast(root) == []  # no deck is made: the master's colours do not matter


# -- 3. a title band: the placeholder's own fill is what lies under its text --

def test_white_title_on_its_own_dark_band_is_left_white(make_project: Callable[..., Path], tmp_path: Path) -> None:
    """White on #404040 is 10.4:1: nothing to fix (the slide's white background under the band is not what the text is on)."""
    def band(prs) -> None:  # type: ignore[no-untyped-def]
        title = layout(prs, "Title and Content").placeholders[0]._element
        pr = title.find(f"{{{P}}}spPr")
        fill = etree.SubElement(pr, f"{{{A}}}solidFill")
        etree.SubElement(fill, f"{{{A}}}srgbClr", val="404040")
        style = etree.fromstring(f'<a:lstStyle xmlns:a="{A}"><a:lvl1pPr><a:defRPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
                                 '</a:defRPr></a:lvl1pPr></a:lstStyle>')
        body = title.find(f"{{{P}}}txBody")
        old = body.find(f"{{{A}}}lstStyle")
        body.replace(old, style) if old is not None else body.insert(1, style)
    root = project_with_master(make_project, edited(DEFAULT, tmp_path / "band.pptx", band), SUBS)
    prs, said = rendered(root)
    title = next(s for s in prs.slides if s.slide_layout.name == "Title and Content").shapes.title
    assert title._element.find(f".//{{{A}}}r/{{{A}}}rPr/{{{A}}}solidFill") is None  # not recoloured
    assert not any("is #FFFFFF on" in s for s in said)
    assert slide_contrast(root) == []
