"""The deck read back with python-pptx: structure, bullets, notes, alt text, language, sizes, properties, bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from fixtures_slides import DATA, job_for
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Pt

from handouts.build import load_project
from handouts.markdown import plain
from handouts.render import RenderJob
from handouts.render.deck import render
from handouts.theme import Theme
from conftest import SAMPLE_SOURCE

ZWSP = "\u200b"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SAMPLE = f"isotretinoin-40mg/{SAMPLE_SOURCE}/isotretinoin-40mg.{SAMPLE_SOURCE}.pptx"


def titles(prs) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.shapes.title.text_frame.text.replace(ZWSP, "") if s.shapes.title is not None else "" for s in prs.slides]


def body(slide):  # type: ignore[no-untyped-def]
    return next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)


def paragraphs(shape) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text.replace(ZWSP, "") for p in shape.text_frame.paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def sample(sample_out: Path):  # type: ignore[no-untyped-def]
    return Presentation(str(sample_out / SAMPLE))


@pytest.fixture(scope="module")
def sample_doc(repo: Path):  # type: ignore[no-untyped-def]
    return next(iter(load_project(repo).documents.values()))


@pytest.fixture(scope="module")
def stress(stress_deck: Path):  # type: ignore[no-untyped-def]
    return Presentation(str(stress_deck))


def test_sample_slide_order(sample, sample_doc) -> None:  # type: ignore[no-untyped-def]
    names = [s.slide_layout.name for s in sample.slides]
    got = titles(sample)
    assert names[0] == "Title" and got[0] == sample_doc.meta.title
    assert got[1].startswith("Agenda")
    # -- the contact section is the closing slide: one slide with contact details and QR code, no "Questions?" after it --
    contact = sample_doc.sections[-1]
    assert names[-1] == "Closing" and got[-1] == contact.heading
    assert [t for t in got if t.startswith(contact.heading) or t.startswith("Questions")] == [contact.heading]
    section_titles = [t for t in got if any(t.startswith(s.heading) for s in sample_doc.sections)]
    order = [next(i for i, s in enumerate(sample_doc.sections) if t.startswith(s.heading)) for t in section_titles]
    assert order == sorted(order) and set(order) == set(range(len(sample_doc.sections)))


@pytest.mark.parametrize("deck", ["sample", "stress"])
def test_titles_unique_and_not_empty(deck: str, request: pytest.FixtureRequest) -> None:
    prs = request.getfixturevalue(deck)
    got = titles(prs)
    assert all(t.strip() for t in got), got
    assert len(set(got)) == len(got), got


def test_bullets_equal_key_points(sample, sample_doc) -> None:  # type: ignore[no-untyped-def]
    """Each section's key points are the bullets of its slides, and lead their speaker notes."""
    for section in sample_doc.sections[:-1]:
        slides = [s for s in sample.slides if titles_of(s).startswith(section.heading)
                  and s.notes_slide.notes_text_frame.text.startswith("Key points: ")]
        bullets = [p for s in slides for p in paragraphs(body(s))]
        assert bullets == [plain(k) for k in section.key_points], section.id
        assert slides[0].notes_slide.notes_text_frame.text.startswith("Key points: " + " ".join(plain(k) for k in section.key_points))
    closing = paragraphs(body(sample.slides[-1]))  # the contact section is the closing slide
    assert closing[:len(sample_doc.sections[-1].key_points)] == [plain(k) for k in sample_doc.sections[-1].key_points]


def titles_of(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.shapes.title.text_frame.text.replace(ZWSP, "")


def texts(slide) -> list[str]:  # type: ignore[no-untyped-def]
    """Every paragraph of a slide's text shapes other than its title and slide number."""
    return [p for sh in slide.shapes if sh.has_text_frame and sh.shape_id != slide.shapes.title.shape_id
            and not (sh.is_placeholder and sh.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER) for p in paragraphs(sh)]


def test_agenda_lists_every_section_on_one_slide(sample, sample_doc) -> None:  # type: ignore[no-untyped-def]
    agenda = [s for s in sample.slides if titles_of(s).startswith("Agenda")]
    assert len(agenda) == 1 and texts(agenda[0]) == [s.heading for s in sample_doc.sections]


def test_notes_hold_the_section_text(sample, sample_doc) -> None:  # type: ignore[no-untyped-def]
    for section in sample_doc.sections:
        slide = next(s for s in sample.slides if titles_of(s) == section.heading)
        notes = slide.notes_slide.notes_text_frame.text
        for block in section.body:
            text = getattr(block, "text", None)
            if text:
                assert plain(text) in notes, (section.id, text)
            for item in getattr(block, "bullets", None) or getattr(block, "steps", None) or []:
                assert plain(item) in notes


def test_leaflet_only_in_notes_slides_only_on_slide() -> None:
    prs = Presentation(io.BytesIO(render(job_for("minimal")).data))
    slide = next(s for s in prs.slides if titles_of(s) == "Second section")
    notes = slide.notes_slide.notes_text_frame.text
    on_slide = " ".join(paragraphs(body(slide)))
    assert "Leaflet only foxtrot text." in notes and "Leaflet only" not in on_slide
    assert "Slides only golf text." in on_slide and "Slides only" not in notes
    assert "Charlie warning text." in notes


def test_slides_only_tip_is_a_callout_slide(make_project) -> None:  # type: ignore[no-untyped-def]
    """A tip callout gets a slide of its own, titled by the tip."""
    tip = {"callout": {"kind": "tip", "title": "Hotel tip", "text": "India tip text."}, "only": "slides"}
    root = make_project("minimal", lambda d: d["sections"][0]["body"].append(tip))
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    prs = Presentation(io.BytesIO(render(RenderJob(doc, "en", project.config, Theme(project.config), folder, "pptx")).data))
    slide = next(s for s in prs.slides if titles_of(s) == "Hotel tip")
    assert texts(slide) == ["India tip text."] and slide.slide_layout.name == "Tip"


def test_warning_callouts_get_their_own_slide(sample, sample_doc) -> None:  # type: ignore[no-untyped-def]
    warnings = [s for s in sample.slides if s.slide_layout.name == "Warning"]
    assert [titles_of(s) for s in warnings] == ["Isotretinoin can harm an unborn baby", "Changes in your mood"]
    assert "do not take isotretinoin" in " ".join(paragraphs(body(warnings[0])))
    assert [titles_of(s) for s in sample.slides if s.slide_layout.name == "Important"] == ["A prescription medicine"]


def pictures(prs):  # type: ignore[no-untyped-def]
    return [sh for s in prs.slides for sh in s.shapes if sh.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.PLACEHOLDER) and sh._element.tag.endswith("}pic")]


@pytest.mark.parametrize("deck", ["sample", "stress"])
def test_alt_text_on_every_picture(deck: str, request: pytest.FixtureRequest) -> None:
    prs = request.getfixturevalue(deck)
    pics = pictures(prs)
    assert pics
    for pic in pics:
        assert pic._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0].strip()
    qr = [p for p in pics if p.name == "QR code"]
    assert len(qr) == 1 and "https://" in qr[0]._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]


def test_stress_picture_alt_from_content(stress) -> None:  # type: ignore[no-untyped-def]
    alts = [p._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for p in pictures(stress)]
    assert "A blue circle inside a blue frame, standing for a capsule seen from above." in alts


def all_parts(prs):  # type: ignore[no-untyped-def]
    for slide in prs.slides:
        yield slide._element
        if slide.has_notes_slide:
            yield slide.notes_slide._element


@pytest.mark.parametrize("deck", ["sample", "stress"])
def test_language_on_every_run(deck: str, request: pytest.FixtureRequest) -> None:
    prs = request.getfixturevalue(deck)
    lang = SAMPLE_SOURCE if deck == "sample" else "en"
    count = 0
    for el in all_parts(prs):
        for r in el.iter(f"{A}r", f"{A}fld"):
            rpr = r.find(f"{A}rPr")
            assert rpr is not None and rpr.get("lang") == lang, r.findtext(f"{A}t")
            count += 1
    assert count > 50


@pytest.mark.parametrize("deck", ["sample", "stress"])
def test_body_and_title_sizes(deck: str, request: pytest.FixtureRequest) -> None:
    prs = request.getfixturevalue(deck)
    bodies = 0
    for slide in prs.slides:
        for ph in slide.placeholders:
            kind = ph.placeholder_format.type
            if ph.placeholder_format.idx == 12:
                continue
            floor = Pt(32) if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) else Pt(24)
            for p in ph.text_frame.paragraphs:
                for r in p.runs:
                    assert r.font.size is not None and r.font.size >= floor, (titles_of(slide), r.text)
                    bodies += floor == Pt(24)
    assert bodies > 10


def test_stress_splits_with_numbered_continued_titles(stress) -> None:  # type: ignore[no-untyped-def]
    got = titles(stress)
    assert "Many short bullets (continued)" in got and "Many short bullets (continued 2)" in got
    for slide in stress.slides:
        ph = body(slide)
        if ph is not None and slide.slide_layout.name == "Title and Content":
            assert len(paragraphs(ph)) <= 6
    many = [p for s in stress.slides if titles_of(s).startswith("Many short bullets") for p in paragraphs(body(s))]
    assert many == [f"Point {n} is short." for n in ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen"]]


def test_stress_words_all_present_in_order(stress) -> None:  # type: ignore[no-untyped-def]
    doc = next(iter(load_project(DATA / "slides-stress").documents.values()))
    giant = doc.sections[3].key_points[0].split()
    text = " ".join(p for s in stress.slides if titles_of(s).startswith(doc.sections[3].heading) for p in paragraphs(body(s))).split()
    assert text == giant


def test_long_word_gets_safe_breaks(stress) -> None:  # type: ignore[no-untyped-def]
    xml = "".join(t.text or "" for s in stress.slides for t in s._element.iter(f"{A}t"))
    assert "Pneumonoultramicroscopicsilicovolcanoconiosis" in xml.replace(ZWSP, "")
    long_word = next(w for w in xml.split() if w.replace(ZWSP, "").startswith("Pneumono"))
    assert ZWSP in long_word


def test_core_properties(sample, sample_doc) -> None:  # type: ignore[no-untyped-def]
    props = sample.core_properties
    assert props.title == sample_doc.meta.title
    assert props.author == sample_doc.meta.organisation
    assert props.language == SAMPLE_SOURCE
    assert props.subject == sample_doc.meta.subtitle
    published = dt.datetime.combine(sample_doc.meta.published, dt.time())
    assert props.created == props.modified == props.last_printed == published


def test_manifest_counts_slides(sample_report, sample_out: Path) -> None:  # type: ignore[no-untyped-def]
    decks = [a for a in sample_report.artifacts if a.format == "pptx"]
    assert decks
    for artifact in decks:
        assert artifact.pages == len(Presentation(str(sample_out / artifact.path)).slides)


def test_same_input_same_bytes() -> None:
    first, second = render(job_for("slides-stress")).data, render(job_for("slides-stress")).data
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_brand_colours_recolour_the_theme() -> None:
    data = render(job_for("slides-stress")).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        theme = next(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/theme/theme"))
    assert '<a:accent1><a:srgbClr val="6A1B9A"/>' in theme  # brand.primary in the stress project


def test_reading_order_and_logo(stress) -> None:  # type: ignore[no-untyped-def]
    first = stress.slides[0]
    logo = [sh for sh in first.shapes if sh.name == "Logo"]
    assert len(logo) == 1 and logo[0]._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["Stress Test Clinic logo"]
    picture_slide = next(s for s in stress.slides if any(sh.name == "Picture" for sh in s.shapes))
    names = [sh.name for sh in picture_slide.shapes]
    caption = next(i for i, sh in enumerate(picture_slide.shapes) if sh.has_text_frame and "capsule seen from above" in sh.text_frame.text)
    assert names.index("Picture") < caption
    assert picture_slide.shapes[0].is_placeholder and picture_slide.shapes[0].placeholder_format.idx == 0


def test_long_link_is_linked_pieces_at_its_safe_breaks(stress) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice breaks a link field anywhere, so a link too wide for a line is written as one linked run per piece."""
    closing = stress.slides[-1]
    url = "https://leaflets.example.org/a/very/long/path/that/goes/on/and/on/slides-stress-test-document?edition=2026&language=en&format=slides"
    runs = [r for p in body(closing).text_frame.paragraphs for r in p.runs if r.hyperlink.address == url]
    assert len(runs) > 1
    assert "".join(r.text for r in runs).replace(ZWSP, "") == url
    assert all(r.text.startswith(ZWSP) for r in runs[1:]) and ZWSP not in runs[0].text


@pytest.mark.parametrize("heading", ["One key point longer than a whole slide", "A warning whose text is long"])
def test_paragraph_longer_than_a_slide_splits_after_a_sentence_at_one_size(stress, heading: str) -> None:  # type: ignore[no-untyped-def]
    slides = [s for s in stress.slides if titles_of(s).startswith(heading)]
    assert len(slides) > 1
    texts = [" ".join(paragraphs(body(s))) for s in slides]
    assert all(t.rstrip().endswith((".", ":", ";", "!", "?")) for t in texts), texts  # each slide ends a sentence or clause
    sizes = {r.font.size for s in slides for p in body(s).text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1, sizes  # the continuation is not shrunk below its start


def test_logo_goes_in_the_masters_logo_placeholder(stress, sample) -> None:  # type: ignore[no-untyped-def]
    slot = next(ph for ph in stress.slide_layouts.get_by_name("Title").placeholders if ph.placeholder_format.idx == 15)
    (logo,) = [sh for sh in stress.slides[0].shapes if sh.name == "Logo"]
    assert slot.left <= logo.left and logo.left + logo.width <= slot.left + slot.width
    assert slot.top <= logo.top and logo.top + logo.height <= slot.top + slot.height
    for deck in (stress, sample):  # the empty slot is never left on the slide (no "click to add picture")
        assert not [ph for ph in deck.slides[0].placeholders if ph.placeholder_format.idx == 15]
    assert not [sh for sh in sample.slides[0].shapes if sh.name == "Logo"]  # the sample project sets no logo


def test_continued_titles_skip_titles_already_used() -> None:
    """A heading that reads like a continuation title does not make two slides share a title."""
    from handouts.render.deck.fit import Titles

    titles_ = Titles(lambda m: m, "en")
    got = [titles_.take(base) for base in ("Dosing (continued)", "Dosing", "Dosing", "Dosing")]
    assert got == ["Dosing (continued)", "Dosing", "Dosing (continued 2)", "Dosing (continued 3)"]
    assert len(set(got)) == len(got)


def app_xml(prs) -> str:  # type: ignore[no-untyped-def]
    return next(p.blob for p in prs.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml").decode()


def test_app_properties_tell_the_truth(sample) -> None:  # type: ignore[no-untyped-def]
    app = app_xml(sample)
    assert "<Application>handouts</Application>" in app
    assert "<PresentationFormat>On-screen Show (16:9)</PresentationFormat>" in app
    assert f"<Slides>{len(sample.slides)}</Slides>" in app and f"<Notes>{len(sample.slides)}</Notes>" in app
    assert "Microsoft" not in app and "4:3" not in app


def test_steps_become_a_numbered_slide(stress) -> None:  # type: ignore[no-untyped-def]
    slide = next(s for s in stress.slides if titles_of(s).startswith("Steps and a tip") and texts(s)[0].startswith("1. "))
    assert texts(slide) == ["1. Wash your hands with soap and water before you open the capsule packet.",
                            "2. Take the capsule with a glass of water during a meal.",
                            "3. Write the time in your treatment diary so you do not take a second dose by mistake."]
    assert slide.notes_slide.notes_text_frame.text.startswith("Wash your hands with soap")


def test_tip_becomes_a_callout_slide(stress) -> None:  # type: ignore[no-untyped-def]
    slide = next(s for s in stress.slides if titles_of(s) == "A tip for busy mornings")
    assert slide.slide_layout.name == "Tip"
    assert texts(slide) == ["Keep the packet next to your toothbrush so that you see it every morning."]


def test_seven_entry_agenda_is_one_slide(stress) -> None:  # type: ignore[no-untyped-def]
    doc = next(iter(load_project(DATA / "slides-stress").documents.values()))
    agenda = [s for s in stress.slides if titles_of(s).startswith("Agenda")]
    assert len(doc.sections) == 7 and len(agenda) == 1
    assert texts(agenda[0]) == [s.heading for s in doc.sections]


def test_one_title_size_across_the_deck(sample) -> None:  # type: ignore[no-untyped-def]
    sizes = {r.font.size for s in list(sample.slides)[1:] for p in s.shapes.title.text_frame.paragraphs for r in p.runs}
    assert len(sizes) == 1 and sizes.pop() >= Pt(32)


def test_rtl_links_kept_in_the_xml(special_decks: dict[str, Path]) -> None:
    """LibreOffice drops links from right-to-left paragraphs when it exports a PDF; the deck itself keeps them."""
    prs = Presentation(str(special_decks["arabic"]))
    closing = prs.slides[-1]
    linked = [(p, r) for sh in closing.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    addresses = {r.hyperlink.address for _, r in linked}
    assert "mailto:switchboard@example.org" in addresses and any(a.startswith("https://leaflets.example.org/") for a in addresses)
    assert all(p._p.find(f"{A}pPr").get("rtl") == "1" for p, _ in linked)


def _project_with(make_project, logo=None, image=None):  # type: ignore[no-untyped-def]
    """The minimal project with a generated logo and/or an image block."""
    from PIL import Image, ImageDraw

    edit = (lambda d: d["sections"][0]["body"].append({"image": {"src": "wide.png", "alt": "A wide band", "caption": "A wide band."}})) if image else None
    root = make_project("minimal", edit)
    if image:
        Image.new("RGB", image, "#005EB8").save(root / "content" / "minimal" / "wide.png")
    if logo:
        img = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
        ImageDraw.Draw(img).ellipse((100, 20, 300, 180), fill=logo)
        img.save(root / "logo.png")
        text = (root / "handouts.yml").read_text(encoding="utf-8").replace("brand:\n", "brand:\n  logo: logo.png\n", 1)
        (root / "handouts.yml").write_text(text, encoding="utf-8")
    project = load_project(root)
    folder, doc = next(iter(project.documents.items()))
    return Presentation(io.BytesIO(render(RenderJob(doc, "en", project.config, Theme(project.config), folder, "pptx")).data))


@pytest.mark.parametrize(("mark", "plate"), [((255, 255, 255, 255), "212B32"), ((0, 48, 135, 255), "FFFFFF")])
def test_logo_sits_on_a_plate_that_contrasts_with_it(make_project, mark, plate: str) -> None:  # type: ignore[no-untyped-def]
    """A white logo on the blue title slide gets a dark plate (brand text colour), a dark blue one a white plate (brand background)."""
    prs = _project_with(make_project, logo=mark)
    shapes = list(prs.slides[0].shapes)
    names = [sh.name for sh in shapes]
    back = shapes[names.index("Logo plate")]
    logo = shapes[names.index("Logo")]
    assert names.index("Logo plate") < names.index("Logo")
    assert str(back.fill.fore_color.rgb) == plate
    assert back.left <= logo.left and logo.left + logo.width <= back.left + back.width
    assert back.top <= logo.top and logo.top + logo.height <= back.top + back.height


def test_picture_slide_is_full_width_with_its_caption_below(make_project) -> None:  # type: ignore[no-untyped-def]
    prs = _project_with(make_project, image=(1600, 400))
    slide = next(s for s in prs.slides if any(sh.name == "Picture" for sh in s.shapes))
    pic = next(sh for sh in slide.shapes if sh.name == "Picture")
    body = prs.slide_layouts.get_by_name("Title and Content").placeholders[1]
    assert abs(pic.width - body.width) <= 2 and abs(pic.width / pic.height - 4.0) < 0.01
    caption = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == "A wide band.")
    assert pic.top + pic.height <= caption.top <= pic.top + pic.height + Pt(20)
