"""Localized decks: template words through gettext, the draft mark on every slide, right-to-left paragraphs and fonts."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
ZWSP = "\u200b"


def titles(prs) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.shapes.title.text_frame.text.replace(ZWSP, "") for s in prs.slides]


def test_template_words_come_from_gettext(special_decks: dict[str, Path]) -> None:
    got = titles(Presentation(str(special_decks["draft"])))
    assert got[1] == "Tagesordnung" and got[-1] == "Fragen?"
    assert "Many short bullets (Fortsetzung)" in got and "Many short bullets (Fortsetzung 2)" in got
    assert not any("continued" in t for t in got)


def test_draft_mark_on_every_slide(special_decks: dict[str, Path], stress_deck: Path) -> None:
    for name in ("draft", "arabic"):
        prs = Presentation(str(special_decks[name]))
        for slide in prs.slides:
            marks = [s for s in slide.shapes if s.name == "Draft translation mark"]
            assert len(marks) == 1, (name, slide.shapes.title.text_frame.text)
    draft = Presentation(str(special_decks["draft"]))
    assert {s.text_frame.text.replace(ZWSP, "") for sl in draft.slides for s in sl.shapes if s.name == "Draft translation mark"} == {"ENTWURF — nicht für Patienten"}
    assert not any(s.name == "Draft translation mark" for sl in Presentation(str(stress_deck)).slides for s in sl.shapes)


def test_rtl_paragraphs_language_and_fonts(special_decks: dict[str, Path]) -> None:
    prs = Presentation(str(special_decks["arabic"]))
    paras = runs = 0
    for slide in prs.slides:
        for ph in slide.placeholders:
            if ph.placeholder_format.idx == 12:
                continue
            # -- left-aligned text reads from the right; a picture's caption stays centred under it (never centred -> right) --
            align = "ctr" if any(s.name == "Picture" for s in slide.shapes) and ph.placeholder_format.type != 1 else "r"
            for p in ph.text_frame.paragraphs:
                ppr = p._p.find(f"{A}pPr")
                assert ppr is not None and ppr.get("rtl") == "1" and ppr.get("algn") == align, p.text
                paras += 1
                for r in p.runs:
                    rpr = r._r.find(f"{A}rPr")
                    assert rpr.get("lang") == "ar"
                    assert rpr.find(f"{A}cs") is not None and rpr.find(f"{A}latin") is not None
                    runs += 1
    assert paras > 30 and runs > 30
    theme = prs.slide_master.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    assert '<a:cs typeface="Noto Sans Arabic"/>' in theme and 'typeface="Noto Sans"' in theme
    assert prs.core_properties.language == "ar"


def test_draft_mark_sits_beside_the_slide_number(special_decks: dict[str, Path]) -> None:
    """The mark's place comes from the master: from the body's left edge to just before the slide number, on its bottom edge."""
    prs = Presentation(str(special_decks["draft"]))
    master = {ph.placeholder_format.idx: ph for ph in prs.slide_master.placeholders}
    body, number = master[1], master[12]
    for slide in prs.slides:
        (mark,) = [s for s in slide.shapes if s.name == "Draft translation mark"]
        assert mark.left == body.left and mark.left + mark.width < number.left
        assert mark.top + mark.height == number.top + number.height
        for ph in slide.placeholders:
            if ph.placeholder_format.idx != 12 and ph.has_text_frame and ph.text_frame.text.strip():
                assert ph.top + ph.height <= mark.top, (slide.shapes.title.text_frame.text, ph.name)


def test_closing_slide_is_mirrored_right_to_left(special_decks: dict[str, Path], stress_deck: Path) -> None:
    """The Arabic closing slide: contact details on the right, the QR code on the left, each the mirror image of the English box."""
    def boxes(deck: Path) -> tuple[int, dict[str, tuple[int, int, int, int]]]:
        prs = Presentation(str(deck))
        slide = prs.slides[-1]
        qr = next(s for s in slide.shapes if s.name == "QR code")
        body = next(s for s in slide.placeholders if s.placeholder_format.type not in (1, 3, 13) and s.has_text_frame and s.text_frame.text.strip())
        return int(prs.slide_width), {k: (int(s.left), int(s.top), int(s.width), int(s.height)) for k, s in (("qr", qr), ("body", body))}

    width, en = boxes(stress_deck)
    _, ar = boxes(special_decks["arabic"])
    for name in ("qr", "body"):
        x, y, cx, cy = en[name]
        assert ar[name][0] == width - x - cx and ar[name][2] == cx, name
    assert ar["qr"][0] < ar["body"][0] and en["qr"][0] > en["body"][0]


def test_right_to_left_slides_mirror_the_layouts_shapes(special_decks: dict[str, Path]) -> None:
    """A warning slide in Arabic: the layout's bar and sign are copied onto the slide reflected (the originals hidden)."""
    prs = Presentation(str(special_decks["arabic"]))
    width = int(prs.slide_width)
    slide = next(s for s in prs.slides if s.slide_layout.name == "Warning")
    own = [sh for sh in slide.slide_layout.shapes if not sh.is_placeholder]
    assert own and slide._element.get("showMasterSp") == "0"
    drawn = {(int(sh.left), int(sh.top), int(sh.width)) for sh in slide.shapes}
    assert all((width - int(sh.left) - int(sh.width), int(sh.top), int(sh.width)) in drawn for sh in own)
    title = slide.shapes.title
    layout_title = next(ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type in (1, 3))
    assert int(title.left) == width - int(layout_title.left) - int(layout_title.width)
