"""The closing slide on a master without a picture placeholder for the QR code (python-pptx's default, 4:3, a 648 pt wide
body): one slide whenever the contact details fit beside a narrower code; "(continued)" only when they cannot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx.util import Pt
from test_slides_master import project_with_master, rendered
from test_slides_masters2 import DEFAULT, SUBS

ZWSP = "\u200b"
URL = "https://leaflets.example.org/minimal-leaflet"
# -- each about 40 characters: two lines at 24 pt in Carlito beside the 220 pt code (34% of 648 pt), too many for one
#    slide with the phone and the address; most take one line beside a narrower code --
LONG = {"name": "Dermatology outpatients nurse advice line", "email": "dermatology.nurses@hospital.example.org",
        "hours": "Monday to Friday, 9 am to 5 pm, not on holidays", "address": "Outpatients Building B, Level 2, Room 14"}
FULL_QR = 0.34 * 648  # pt: the code's side when the contact details fit beside it (docs/slides.md)


def contact_project(make_project: Callable[..., Path], contact: dict[str, str], section: dict | None = None) -> Path:  # type: ignore[type-arg]
    def edit(d: dict) -> None:  # type: ignore[type-arg]
        d["meta"]["contact"].update(contact)
        d["meta"]["url"] = URL
        if section is not None:
            d["sections"].append(section)
    return project_with_master(lambda name: make_project(name, edit), DEFAULT.read_bytes(), SUBS)


def text_of(shape) -> str:  # type: ignore[no-untyped-def]
    return shape.text_frame.text.replace(ZWSP, "")


def closing_slides(prs, title: str):  # type: ignore[no-untyped-def]
    return [s for s in prs.slides if text_of(s.shapes.title).startswith(title)]


def body(slide):  # type: ignore[no-untyped-def]
    """The slide's text frame below its title (not the slide number)."""
    return next(s for s in slide.shapes if s.has_text_frame and s.shape_id != slide.shapes.title.shape_id and not s.name.startswith("Slide Number"))


def test_short_contact_details_keep_the_full_code(make_project: Callable[..., Path]) -> None:
    prs, _ = rendered(contact_project(make_project, {}))
    [slide] = closing_slides(prs, "Questions?")
    [qr] = [s for s in slide.shapes if s.name == "QR code"]
    assert abs(qr.width - Pt(FULL_QR)) < Pt(1)


def test_long_contact_details_stay_on_one_slide_beside_a_narrower_code(make_project: Callable[..., Path]) -> None:
    """Beside the 220 pt code the five long lines wrap to two each and need two slides; beside a narrower one they fit one."""
    prs, said = rendered(contact_project(make_project, LONG))
    slides = closing_slides(prs, "Questions?")
    assert [text_of(s.shapes.title) for s in slides] == ["Questions?"]  # no "Questions? (continued)"
    slide = slides[0]
    text = body(slide)
    lines = text_of(text).split("\n")
    assert lines == [LONG["name"], "0100 000000", LONG["email"], LONG["hours"], LONG["address"], URL]
    assert all(r.font.size >= Pt(24) for p in text.text_frame.paragraphs for r in p.runs)  # slides.body_min_pt
    [qr] = [s for s in slide.shapes if s.name == "QR code"]
    assert qr.left >= text.left + text.width  # beside the text, never over it
    assert Pt(108) <= qr.width < Pt(FULL_QR) - Pt(1)  # narrower, still at least 1.5 in for a phone to read
    assert qr.top + qr.height <= Pt(540)
    assert any("no picture placeholder for the QR code: placed right of the contact details" in s for s in said)


def test_contact_section_and_details_stay_one_slide_beside_a_narrower_code(make_project: Callable[..., Path]) -> None:
    """The contact section last: its heading and key point with the contact details, one slide, no separate 'Questions? Contact us'."""
    section = {"id": "contact", "heading": "Questions", "key_points": ["Call us with any question."],
               "body": [{"text": "Call the clinic if you have questions."}]}
    contact = {k: LONG[k] for k in ("name", "email", "hours", "address")}
    prs, _ = rendered(contact_project(make_project, contact, section))
    titles = [text_of(s.shapes.title) for s in prs.slides]
    assert titles[-1] == "Questions" and titles.count("Questions") == 1 and not any(t.startswith("Questions?") for t in titles)
    lines = text_of(body(prs.slides[-1])).split("\n")
    assert lines == ["Call us with any question.", LONG["name"], "0100 000000", LONG["email"], LONG["hours"], LONG["address"], URL]
    [qr] = [s for s in prs.slides[-1].shapes if s.name == "QR code"]
    assert qr.width < Pt(FULL_QR) - Pt(1)


def test_contact_details_longer_than_a_slide_continue_under_a_continued_title(make_project: Callable[..., Path]) -> None:
    """Too long beside even the smallest code at 24 pt: a second slide says "(continued)", each line once, the code on the first."""
    contact = {**LONG, "address": "Outpatients Building B, Level 2, Room 14, " * 5 + "Test Town TT1 2AB"}
    prs, _ = rendered(contact_project(make_project, contact))
    slides = closing_slides(prs, "Questions?")
    got = [text_of(s.shapes.title) for s in slides]
    assert got == ["Questions?", "Questions? (continued)", "Questions? (continued 2)"][:len(got)] and len(got) > 1
    lines = [line for s in slides for line in text_of(body(s)).split("\n")]
    assert lines == [contact["name"], "0100 000000", contact["email"], contact["hours"], contact["address"], URL]
    assert [len([sh for sh in s.shapes if sh.name == "QR code"]) for s in slides] == [1] + [0] * (len(slides) - 1)
