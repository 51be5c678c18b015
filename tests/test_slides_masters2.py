"""Real-world masters, second round (session 11 tester): .potx files, fonts per script, layouts of two slide masters,
right-to-left over a picture background, WCAG contrast of text and links, address breaks, bullets in text boxes."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures_slides import DATA, arabic_texts, job_for
from lxml import etree
from pptx import Presentation
from pptx.util import Emu, Pt
from test_slides_master import build_cli, project_with_master, rendered

from handouts.build import load_project
from handouts.errors import HandoutsError, TemplateError
from handouts.render import RenderJob
from handouts.render.deck import render
from handouts.render.deck.master import NS, as_presentation, load_master
from handouts.theme import Theme

MECANON = DATA / "masters2" / "mecanon-ufrj.potx"
DEFAULT = DATA / "masters" / "python-pptx-default.pptx"
A = NS["a"]
THEME_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
SUBS = "slides:\n  font_substitutes: {Calibri Light: Carlito}\n"
HINDI = "भोजन के साथ यह दवा लें और उपचार के दौरान अपने डॉक्टर को बताएं"


def theme_xml(prs) -> bytes:  # type: ignore[no-untyped-def]
    return prs.slide_master.part.part_related_by(THEME_RT).blob


def edited(src: Path, out: Path, edit: Callable[[Presentation], None]) -> bytes:  # type: ignore[valid-type]
    """A copy of a master changed with python-pptx, as bytes."""
    prs = Presentation(io.BytesIO(as_presentation(src.read_bytes())))  # -- a .potx too --
    edit(prs)
    prs.save(str(out))
    return out.read_bytes()


def layout(prs, name: str):  # type: ignore[no-untyped-def]
    return next(lay for m in prs.slide_masters for lay in m.slide_layouts if lay.name == name)


def set_theme(prs, fonts: dict[tuple[str, str], str] | None = None, colours: dict[str, str] | None = None) -> None:  # type: ignore[no-untyped-def]
    part = prs.slide_master.part.part_related_by(THEME_RT)
    root = etree.fromstring(part.blob)
    for (kind, slot), family in (fonts or {}).items():
        root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}Font/{{{A}}}{slot}").set("typeface", family)
    for slot, value in (colours or {}).items():
        el = root.find(f".//{{{A}}}clrScheme/{{{A}}}{slot}")
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=value)
    part._blob = etree.tostring(root)


# -- 1. .potx masters --

def test_potx_master_is_found_and_never_written(make_project: Callable[..., Path]) -> None:
    root = make_project("minimal")
    (root / "templates" / "slides").mkdir(parents=True)
    potx = root / "templates" / "slides" / "master.potx"
    potx.write_bytes(MECANON.read_bytes())
    with (root / "handouts.yml").open("a", encoding="utf-8") as f:
        f.write("templates_dir: templates\n" + SUBS)
    before = hashlib.sha256(potx.read_bytes()).hexdigest()
    said = _notices(root)
    assert hashlib.sha256(potx.read_bytes()).hexdigest() == before
    assert b"template.main+xml" in zipfile.ZipFile(potx).read("[Content_Types].xml")  # still a template on disk
    summary = next(p for p in said if "slide layouts used" in p.message)
    assert summary.path == potx.resolve() and "title = 'Title Slide' of slide master 2" in summary.message


def _notices(root: Path, locale: str = "en") -> list[object]:
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    return [n.problem for n in render(RenderJob(doc, locale, project.config, Theme(project.config), folder, "pptx")).notices]


def test_potx_renamed_pptx_builds(make_project: Callable[..., Path]) -> None:
    result = build_cli(project_with_master(make_project, MECANON.read_bytes(), SUBS))
    assert result.returncode == 0, result.stderr
    assert "not a readable" not in result.stderr


def test_both_pptx_and_potx_say_which_is_used(make_project: Callable[..., Path]) -> None:
    root = project_with_master(make_project, DEFAULT.read_bytes(), SUBS)
    (root / "templates" / "slides" / "master.potx").write_bytes(MECANON.read_bytes())
    prs, said = rendered(root)
    assert any("both master.pptx and master.potx" in s and "master.pptx is used" in s for s in said)
    assert prs.slide_width == Emu(9144000)  # python-pptx's 4:3 default, not the 16:9 Mecanon template


def test_unreadable_master_message_is_the_same_for_every_locale(tmp_path: Path) -> None:
    """The build prints a problem once when every locale's job reports it the same (no object address in it)."""
    bad = tmp_path / "master.pptx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    problems = []
    for _ in range(2):
        with pytest.raises(TemplateError) as err:
            load_master(bad)
        problems.append(err.value.problems[0])
    assert problems[0] == problems[1]
    assert "0x" not in problems[0].message and "not a readable .pptx file" in problems[0].message


# -- 2. fonts --

def test_hindi_deck_falls_back_to_installed_devanagari_font() -> None:
    from handouts.fonts import _installed_family

    if not _installed_family("Noto Sans Devanagari"):
        pytest.skip("Noto Sans Devanagari is not installed")
    job = job_for("slides-stress", "hi", arabic_texts("slides-stress", HINDI, 1.0))
    result = render(job)
    prs = Presentation(io.BytesIO(result.data))
    theme = theme_xml(prs)
    assert b'<a:cs typeface="Noto Sans Devanagari"' in theme  # the built-in master's cs slot is Noto Sans Arabic
    said = [n.problem for n in result.notices]
    info = [p for p in said if "has no Devanagari letters" in p.message]
    assert len(info) == 1 and info[0].locale == "hi" and "'Noto Sans Arabic' (major cs, minor cs)" in info[0].message


def test_every_missing_theme_font_is_named_at_once_with_a_fix_that_works(make_project: Callable[..., Path], tmp_path: Path) -> None:
    data = edited(DEFAULT, tmp_path / "fonts.pptx", lambda prs: set_theme(prs, {
        ("major", "latin"): "Calibri Light", ("minor", "latin"): "Cambria", ("major", "ea"): "楷体", ("minor", "ea"): "楷体"}))
    root = project_with_master(make_project, data)
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    with pytest.raises(HandoutsError) as err:
        render(RenderJob(doc, "ja", project.config, Theme(project.config), folder, "pptx"))
    problems = {re.search(r"theme font '([^']+)'", p.message).group(1): p for p in err.value.problems}  # type: ignore[union-attr]
    assert set(problems) == {"Calibri Light", "Cambria", "楷体"}
    assert "{'Calibri Light': Carlito}" in problems["Calibri Light"].message and problems["Calibri Light"].locale is None
    assert "{'Cambria': Caladea}" in problems["Cambria"].message
    assert "(major ea, minor ea)" in problems["楷体"].message and "{'楷体': Noto Sans CJK JP}" in problems["楷体"].message
    assert problems["楷体"].locale == "ja"
    # -- English needs no East Asian font: only the two latin ones --
    with pytest.raises(HandoutsError) as err:
        render(RenderJob(doc, "en", project.config, Theme(project.config), folder, "pptx"))
    assert len(err.value.problems) == 2


# -- 3. layouts --

def test_title_slide_of_a_second_master_and_two_is_never_a_title_layout(make_project: Callable[..., Path]) -> None:
    prs, said = rendered(project_with_master(make_project, MECANON.read_bytes(), SUBS))
    assert prs.slides[0].slide_layout.name == "Title Slide"
    summary = next(s for s in said if "slide layouts used" in s)
    assert "title = 'Title Slide' of slide master 2" in summary
    assert "two = 'Título" not in summary


def test_ctr_title_layout_is_the_title_slide_before_a_content_layout(make_project: Callable[..., Path], tmp_path: Path) -> None:
    def rename(prs) -> None:  # type: ignore[no-untyped-def]
        layout(prs, "Title Slide")._element.cSld.set("name", "Capa")
    prs, said = rendered(project_with_master(make_project, edited(MECANON, tmp_path / "m.pptx", rename), SUBS))
    title = prs.slides[0].slide_layout
    assert title.name == "Título da Apresentação (Limpo - Logo Mecanon)"  # the first centred-title layout (title + 2 bodies)
    assert "title = 'Título da Apresentação (Limpo - Logo Mecanon)' of slide master 1 (shape)" in next(s for s in said if "used" in s)


def test_arabic_title_slide_moves_up_into_the_title_box_the_title_does_not_use(make_project: Callable[..., Path]) -> None:
    """Mecanon's subtitle placeholder is 37 pt tall: one Arabic line at 24 pt needs 51 pt, so the texts below grow past the slide."""
    root = project_with_master(make_project, MECANON.read_bytes(), SUBS, name="slides-stress")
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    short = {k: "دواء لعلاج حب الشباب الشديد" for k in arabic_texts("slides-stress")}
    result = render(RenderJob(doc.translated(short, "ar"), "ar", project.config, Theme(project.config), folder, "pptx"))
    slide = Presentation(io.BytesIO(result.data)).slides[0]
    boxes = sorted((int(s.top), int(s.top) + int(s.height)) for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()
                   and not s.name.startswith("Slide Number"))
    assert boxes[-1][1] <= Pt(540)  # 960 x 540 pt slide
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:]))  # title, subtitle, organisation: no overlap


def test_placeholder_too_small_for_one_line_names_the_layout(make_project: Callable[..., Path], tmp_path: Path) -> None:
    def squeeze(prs) -> None:  # type: ignore[no-untyped-def]
        lay = layout(prs, "Title Slide")
        title, sub = lay.placeholders[0], lay.placeholders[1]
        title.top, title.height = Emu(Pt(420)), Emu(Pt(80))  # a title box with little height to spare
        sub.top, sub.height = Emu(Pt(520)), Emu(Pt(20))  # 20 pt tall, at the foot of the 540 pt slide
    root = project_with_master(make_project, edited(DEFAULT, tmp_path / "small.pptx", squeeze), SUBS)
    result = build_cli(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "layout 'Title Slide' has a subtitle placeholder of 504 x 20 pt, too small for one line of text at 24 pt" in result.stderr
    assert "document.yml" not in result.stderr and "shorten" not in result.stderr


def test_closing_layout_without_body(make_project: Callable[..., Path], tmp_path: Path) -> None:
    def closing(prs) -> None:  # type: ignore[no-untyped-def]
        lay = layout(prs, "Title Only")
        lay._element.cSld.set("name", "Closing Slide")
        lay.placeholders[0].top, lay.placeholders[0].height = Emu(Pt(40)), Emu(Pt(460))  # a big centred title, as in phuse_OS21
    data = edited(DEFAULT, tmp_path / "closing.pptx", closing)
    root = project_with_master(make_project, data, SUBS)
    _, said = rendered(root)  # found by name: skipped, and said why
    assert any("layout 'Closing Slide' has no body placeholder for the contact details: not used for the closing slide" in s for s in said)
    assert "closing = 'Title and Content' (fallback:content)" in next(s for s in said if "used" in s)
    with (root / "handouts.yml").open("a", encoding="utf-8") as f:  # named in handouts.yml: the layout is blamed, not document.yml
        f.write("  layouts: {closing: Closing Slide}\n")
    result = build_cli(root)
    assert result.returncode == 1
    assert "layout 'Closing Slide' has no body placeholder for the contact details" in result.stderr
    assert "too long for a slide title" not in result.stderr


# -- 4 and 5. picture background right to left; contrast --

def dark_picture(path: Path) -> bytes:
    """A 16:9 picture: dark navy, a white panel on the right quarter."""
    from PIL import Image

    img = Image.new("RGB", (160, 90), (16, 24, 48))
    img.paste((255, 255, 255), (120, 0, 160, 90))
    img.save(path)
    return path.read_bytes()


def picture_master(tmp_path: Path) -> bytes:
    """python-pptx's default master whose 'Title Slide' has a picture background and an accent1 subtitle."""
    picture = dark_picture(tmp_path / "bg.png")

    def edit(prs) -> None:  # type: ignore[no-untyped-def]
        lay = layout(prs, "Title Slide")
        lay.placeholders[0].left, lay.placeholders[0].width = Emu(Pt(40)), Emu(Pt(400))  # the title on the left, over the dark part
        from pptx.parts.image import ImagePart

        image = ImagePart.new(prs.part.package, __import__("pptx.parts.image", fromlist=["Image"]).Image.from_blob(picture))
        rid = lay.part.relate_to(image, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image")
        bg = etree.fromstring(f'<p:bg xmlns:p="{NS["p"]}" xmlns:a="{A}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                              f'<p:bgPr><a:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
                              '<a:effectLst/></p:bgPr></p:bg>')
        lay._element.cSld.insert(0, bg)
        fill = lay.placeholders[1]._element.find(f".//{{{A}}}lstStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr/{{{A}}}solidFill")
        for child in list(fill):
            fill.remove(child)
        etree.SubElement(fill, f"{{{A}}}schemeClr", val="accent1")  # -- as phuse_OS21's subtitle: the brand primary lands there --
    return edited(DEFAULT, tmp_path / "picture.pptx", edit)


def test_rtl_title_slide_over_a_picture_keeps_its_place_and_text_gets_contrast(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = project_with_master(make_project, picture_master(tmp_path), SUBS)
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  organisation: Test Clinic\n", "  organisation: Test Clinic\n  primary: '#005EB8'\n"),
                      encoding="utf-8")
    ar, said = rendered(root, "ar")
    en, _ = rendered(root, "en")
    lay = layout(ar, "Title Slide")
    title = ar.slides[0].shapes.title
    assert int(title.left) == int(lay.placeholders[0].left) == Pt(40) == int(en.slides[0].shapes.title.left)  # not mirrored
    logo_plate = [s for s in ar.slides[0].shapes if s.name == "Logo plate"]
    assert not logo_plate or int(logo_plate[0].left) > ar.slide_width // 2  # the logo stays in the right corner, as in en
    assert any("has a picture background, which cannot be mirrored" in s for s in said)
    content = [s for s in ar.slides if s.slide_layout.name == "Title and Content"][0].shapes.title
    assert int(content.left) + int(content.width) == ar.slide_width - int(layout(ar, "Title and Content").placeholders[0].left)  # mirrored
    # -- the brand blue (accent1) subtitle on the navy picture (about 86% navy under its box, 14% white panel) --
    sub = next(s for s in en.slides[0].shapes if s.name.startswith("Subtitle"))
    fills = sub._element.findall(f".//{{{A}}}r/{{{A}}}rPr/{{{A}}}solidFill/{{{A}}}srgbClr")
    assert fills and {f.get("val") for f in fills} == {"FFFFFF"}
    assert any("is #005EB8 on" in s and "WCAG asks 3:1" in s and "#FFFFFF" in s for s in rendered(root, "en")[1])


def test_dark_master_links_get_the_light_text_colour(make_project: Callable[..., Path], tmp_path: Path) -> None:
    """Hyperlink blue #0000FF on #212B32 is 1.7:1 (luminances 0.0722 and 0.0228): the links become the light text colour."""
    def dark(prs) -> None:  # type: ignore[no-untyped-def]
        set_theme(prs, colours={"dk1": "212B32", "lt1": "FFFFFF", "hlink": "0000FF", "folHlink": "0000FF"})
        clr = prs.slide_master._element.find(f"{{{NS['p']}}}clrMap")
        clr.set("bg1", "dk1"), clr.set("tx1", "lt1"), clr.set("bg2", "dk2"), clr.set("tx2", "lt2")

    def edit(d: dict) -> None:  # type: ignore[type-arg]
        d["meta"]["contact"]["email"] = "dermatology.outpatients.sample@hospital.example.org"
        d["meta"]["url"] = "https://leaflets.example.org/minimal"
    root = make_project("minimal", edit)
    root = project_with_master(lambda name: root, edited(DEFAULT, tmp_path / "dark.pptx", dark), SUBS)
    prs, said = rendered(root)
    theme = theme_xml(prs)
    assert b'<a:hlink><a:srgbClr val="FFFFFF"/></a:hlink>' in theme
    assert any("hyperlink colour #0000FF has 1.7:1" in s and "#212B32" in s for s in said)
    # -- the address broke after '@' or '.', never inside a word (4:3 master, QR code beside the contact details) --
    closing = prs.slides[-1]
    email = next(s for s in closing.shapes if s.has_text_frame and "example.org" in s.text_frame.text and "@" in s.text_frame.text)
    text = next(p.text for p in email.text_frame.paragraphs if "@" in p.text)
    assert "\u200b" in text  # wider than the column beside the QR code
    for k, ch in enumerate(text):
        if ch == "\u200b":
            assert text[k - 1] in "@./", text


# -- 6. no body placeholder: bullets kept in text boxes --

def test_key_points_keep_bullets_in_text_boxes(make_project: Callable[..., Path], tmp_path: Path) -> None:
    def nobody(prs) -> None:  # type: ignore[no-untyped-def]
        for m in prs.slide_masters:
            for lay in m.slide_layouts:
                for ph in list(lay.placeholders):
                    if ph._element.find(f".//{{{NS['p']}}}ph").get("type") in (None, "body", "obj", "subTitle", "pic"):
                        ph._element.getparent().remove(ph._element)
    prs, said = rendered(project_with_master(make_project, edited(DEFAULT, tmp_path / "nobody.pptx", nobody), SUBS))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == "First section")
    box = next(s for s in slide.shapes if s.name == "Text")
    first = box.text_frame.paragraphs[0]
    assert first.text == "The first key point."
    ppr = first._p.pPr
    assert ppr.find(f"{{{A}}}buChar") is not None and int(ppr.get("marL")) > 0 and int(ppr.get("indent")) == -int(ppr.get("marL"))
    assert any("layout 'Title and Content' has no body placeholder: the text of its slides is placed in text boxes" in s for s in said)
