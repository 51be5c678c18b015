"""The presenter's handout: a RenderJob -> PDF bytes, 2 or 3 slides per page, each drawn beside its speaker notes.

Made from the deck itself, fitted as it is for the PPTX (render.deck.build: the same plan, the
same measured text), drawn in HTML/CSS (handout.draw) and laid out by WeasyPrint as tagged
PDF/UA-1; never by LibreOffice. Each slide takes 1/N of the page height (slides.handout_per_page),
its drawing on the reading side and its notes beside it, set in the deck's own fonts at the
largest size from NOTES_PT down to NOTES_MIN_PT at which the deck's measurer (HarfBuzz, ICU line
breaks) fits them. Notes longer than that still print whole: their slide's share of the page
grows and the page count rises, with a warning. The look is `slides/handout.css` on the
template search path.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

from ...errors import Problem
from ...markdown import Run
from .. import Notice, Rendered, RenderJob

if TYPE_CHECKING:
    from ..deck.deck import Deck

MM = 72 / 25.4  # points per millimetre
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGIN, GAP, SLIDE_SHARE = 14.0, 6.0, 0.56  # mm; the slide drawing's share of the text width
NOTES_PT, NOTES_MIN_PT, LEADING = 10.0, 7.0, 1.25
LABEL_MM = 6.0  # the "Notes" label above each slide's notes


def render(job: RenderJob) -> Rendered:
    """The handout PDF of one job's deck; pages = PDF pages."""
    from ..deck import build
    from .pdf import write_pdf

    prs, deck, notices = build(job)
    per_page = job.config.slides.handout_per_page
    paper = "Letter" if (job.paper or job.config.leaflet.paper) == "Letter" else "A4"
    width, height = PAPERS[paper]
    text_w, page_h = width - 2 * MARGIN, height - 2 * MARGIN
    share = page_h / per_page
    slide_w = min(text_w * SLIDE_SHARE, (share - GAP) * int(prs.slide_width) / int(prs.slide_height))
    notes_w = text_w - slide_w - GAP
    from .draw import canvas, slide_html

    cv = canvas(prs, slide_w * MM / (int(prs.slide_width) / 12700), deck.writer.rtl)
    entries, long_notes = [], []
    side = "right" if deck.writer.rtl else "left"  # -- the slide on the reading side, its notes after it --
    label = html.escape(job.gettext("Notes"))  # -- outside the f-string, where the extractor sees it --
    for number, slide in enumerate(prs.slides, 1):
        notes = [p.text for p in slide.notes_slide.notes_text_frame.paragraphs if p.text.strip()] if slide.has_notes_slide else []
        size = notes_size(deck, notes, notes_w * MM, (share - GAP - LABEL_MM) * MM)
        if size is None:
            long_notes.append(number)
        heading = "h1" if number == 1 else "h2"
        drawing = slide_html(prs, slide, cv, heading)
        body = "".join(f"<p>{html.escape(line)}</p>" for line in notes)
        entries.append(
            f'<section class="entry" style="min-height:{share - GAP:.2f}mm">'
            f'<div class="frame" style="width:{slide_w:.2f}mm;float:{side}">{drawing}</div>'
            f'<div class="notes" style="margin-{side}:{slide_w + GAP:.2f}mm;font-size:{size or NOTES_MIN_PT:.1f}pt">'
            f'<p class="label">{label}</p>{body}</div></section>')
    data, pages = write_pdf(job, deck, cv, entries, per_page, paper)
    expected = math.ceil(len(prs.slides) / per_page)
    longer = f": the handout has {pages} pages instead of {expected}" if pages > expected else ""
    warnings = [Notice("warning", Problem(f"the speaker notes of slide(s) {', '.join(map(str, long_notes))} do not fit beside their slide "
                                          f"at {per_page} slides a page, even at {NOTES_MIN_PT:g} pt{longer}; shorten the notes or set "
                                          "slides: {handout_per_page: 2} in handouts.yml", locale=job.locale))] if long_notes else []
    if cv.simplified:  # -- the deck itself is untouched: only its printed drawing is plainer --
        warnings.append(Notice("info", Problem(f"the handout draws these parts of the slide master simplified: {'; '.join(sorted(cv.simplified))}",
                                               path=deck.layouts.master)))
    return Rendered(data, pages, tuple(notices) + tuple(warnings))


def notes_size(deck: Deck, notes: list[str], width_pt: float, height_pt: float) -> float | None:
    """The largest notes size (pt) at which the lines fit the box, measured with the deck's body fonts; None when none does."""
    size = NOTES_PT
    while size >= NOTES_MIN_PT:
        lines = sum(deck.wrapper.lines(deck.wrapper.breakable([Run(line)], width_pt, size), width_pt, size) for line in notes)
        # -- each paragraph is followed by a third of a line (handout.css: margin 0 0 0.33em) --
        if (lines * LEADING + len(notes) * 0.33) * size <= height_pt:
            return size
        size -= 0.5
    return None
