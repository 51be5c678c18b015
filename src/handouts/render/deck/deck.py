"""RenderJob -> PPTX deck bytes: the designer's master (slides/master.pptx) filled with the document's slides, every text measured to fit.

Fonts: the deck references "Noto Sans" and, for complex scripts, "Noto Sans Arabic" (the
master's theme fonts, repeated on every run); texts are measured with the same vendored
files, which are wider and taller than the fonts PowerPoint substitutes when Noto is not
installed (see handouts.render.measure). Slides carry the locale's proofing language on
every run and, for right-to-left locales, RTL right-aligned paragraphs.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cached_property

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationT

from ...errors import ContentError, Problem, TemplateError
from ...i18n import is_rtl
from ...markdown import Run
from .. import Rendered, RenderJob
from .measure import Measurer, Wrapper
from .fit import Fitter, NoRoom, Physical, Titles
from .master import (
    EMU_PER_PT,
    TextStyle,
    apply_brand,
    layout,
    load_master,
    text_style,
)
from .package import reproducible_zip
from .plan import Logical, Para, babel_locale, image_size, language_tag, plan
from .write import Writer

BODY_IDX = {"Two Content": 2}  # the layout's text placeholder, when it is not idx 1
QR_IDX, LOGO_IDX = 14, 15  # picture placeholders: Closing's QR code, Title's brand logo
MARK_PT, MARK_MIN_PT = 18.0, 12.0
MARK_GAP = int(0.2 * 914400)  # between the draft mark and the slide number


class Deck:
    """Fits and writes the logical slides of one job into a Presentation."""

    def __init__(self, job: RenderJob, prs: PresentationT) -> None:
        self.job, self.prs = job, prs
        self.lang = language_tag(job.locale)
        self.writer = Writer(prs, self.lang, is_rtl(job.locale))
        self.wrapper = Wrapper(Measurer(job.theme.find, rtl=is_rtl(job.locale)))
        self.fitter = Fitter(self.wrapper, job.config.slides)
        self.titles = Titles(job.gettext, str(babel_locale(job.locale)))
        self.limits = job.config.slides
        self.styles: dict[tuple[str, int], TextStyle] = {}

    def add(self, logical: Logical) -> None:
        if logical.layout == "Title":
            self.title_slide(logical)
            return
        lay = layout(self.prs, logical.layout)
        tstyle = self.style(lay, 0)
        bstyle = self.style(lay, BODY_IDX.get(logical.layout, 1))

        def grow(title: str) -> int:
            return self.fitter.title(title, tstyle, self.limits.title_min_pt)[1]

        def room(k: int) -> float:
            return bstyle.height_pt - grow(self.titles.peek(logical.title, k)) / EMU_PER_PT

        try:
            pages = self.fitter.paginate(logical.paras, bstyle, room) if logical.paras else [(bstyle.size, [])]
            if logical.layout == "Closing" and len(pages) > 1 and len(logical.paras[0].runs) > 1:
                # -- the "Contact:" label is the one thing the closing slide can do without to stay one slide --
                shorter = [Para(logical.paras[0].runs[1:], bullet=False), *logical.paras[1:]]
                retry = self.fitter.paginate(shorter, bstyle, room)
                pages = retry if len(retry) < len(pages) else pages
        except NoRoom:
            raise self.too_long(logical) from None
        for k, (size, paras) in enumerate(pages):
            title = self.titles.take(logical.title)
            tsize, extra, text = self.fitter.title(title, tstyle, self.limits.title_min_pt)
            if tstyle.box[1] + tstyle.box[3] + extra > self.prs.slide_height:
                raise self.too_long(logical)
            self.write(Physical(logical, text, tsize, extra, paras, size, logical.notes, first=k == 0), lay, tstyle, bstyle)

    def too_long(self, logical: Logical) -> ContentError:
        """A title that leaves no room on its slide, reported where it was written."""
        short = logical.title if len(logical.title) <= 60 else logical.title[:57] + "..."
        return ContentError(Problem(f"'{short}' is too long for a slide title: shorten it", path=self.job.folder / "document.yml",
                                    line=self.job.document.line(logical.source), locale=self.job.locale))

    def style(self, lay, idx: int) -> TextStyle:  # type: ignore[no-untyped-def]
        """A layout placeholder's text style, resolved once per deck."""
        key = (lay.name, idx)
        if key not in self.styles:
            self.styles[key] = text_style(self.prs, lay, idx)
        return self.styles[key]

    def write(self, ph: Physical, lay, tstyle, bstyle) -> None:  # type: ignore[no-untyped-def]
        slide = self.prs.slides.add_slide(lay)
        tbox = None
        if ph.title_grow:
            x, y, cx, cy = tstyle.box
            tbox = (x, y, cx, cy + ph.title_grow)
        self.writer.title(slide, ph.title, ph.title_size, tbox)
        idx = BODY_IDX.get(ph.logical.layout, 1)
        for shape in list(slide.placeholders):
            pidx = shape.placeholder_format.idx
            if pidx == idx:
                if ph.paras:
                    self.writer.paragraphs(shape.text_frame, ph.paras, ph.size, bullets=bstyle.bullets)
                    if ph.title_grow:
                        x, y, cx, cy = bstyle.box
                        self.writer.place(shape, (x, y + ph.title_grow, cx, cy - ph.title_grow))
                else:
                    self.writer.remove(shape)
            elif pidx == 1 and ph.logical.layout == "Two Content":
                if ph.first and ph.logical.picture:
                    box = (shape.left, shape.top + ph.title_grow, shape.width, shape.height - ph.title_grow)
                    pic = self.writer.picture(slide, ph.logical.picture, box, ph.logical.alt, "Picture")
                    shape._element.addprevious(pic._element)  # reading order: title, picture, caption
                    self.writer.remove(shape)
                else:
                    self.writer.remove(shape)
            elif pidx == QR_IDX and ph.logical.layout == "Closing":
                if ph.first and ph.logical.picture:
                    box = (shape.left, shape.top, shape.width, shape.height)
                    self.writer.remove(shape)
                    self.writer.picture(slide, ph.logical.picture, box, ph.logical.alt, "QR code")
                else:
                    self.writer.remove(shape)
            elif pidx != 0:
                self.writer.remove(shape)
        self.finish(slide, ph.notes)

    def title_slide(self, logical: Logical) -> None:
        lay = layout(self.prs, "Title")
        slide = self.prs.slides.add_slide(lay)
        tstyle, sstyle, ostyle = (text_style(self.prs, lay, i) for i in (0, 1, 13))
        title = self.titles.take(logical.title)
        tsize, extra, text = self.fitter.title(title, tstyle, self.limits.title_min_pt)
        x, y, cx, cy = tstyle.box
        self.writer.title(slide, text, tsize, (x, max(0, y - extra), cx, cy + min(extra, y)) if extra else None)
        if extra > y:
            raise ContentError(Problem("the title is too long for the title slide: shorten meta.title", path=self.job.folder / "document.yml",
                                       line=self.job.document.line(("meta", "title")), locale=self.job.locale))
        shift = 0
        for shape in list(slide.placeholders):
            idx = shape.placeholder_format.idx
            if idx == LOGO_IDX:
                self.logo(slide, (shape.left, shape.top, shape.width, shape.height))
                self.writer.remove(shape)
                continue
            if idx == 1:
                style = sstyle
                paras = [Para([Run(logical.subtitle)], bullet=False)] if logical.subtitle else []
            elif idx == 13:
                style, paras = ostyle, logical.paras
            else:
                continue
            if not paras:
                self.writer.remove(shape)
                continue
            paras = self.fitter.breakable(paras, style, max(style.size, self.limits.body_min_pt))
            size, need = self.fit_box(paras, style)
            x, y, cx, cy = style.box
            box = (x, y + shift, cx, cy + need)
            if box[1] + box[3] > self.prs.slide_height:
                raise ContentError(Problem("the subtitle and organisation are too long for the title slide: shorten them",
                                           path=self.job.folder / "document.yml", line=self.job.document.line(("meta", "subtitle")),
                                           locale=self.job.locale))
            self.writer.paragraphs(shape.text_frame, paras, size, bullets=style.bullets)
            if shift or need:
                self.writer.place(shape, box)
            shift += need
        self.finish(slide, logical.notes)

    def fit_box(self, paras: list[Para], style) -> tuple[float, int]:  # type: ignore[no-untyped-def]
        """The largest size down to the body minimum at which paras fit, and extra height (EMU) needed at that minimum."""
        floor = self.limits.body_min_pt
        for size in self.fitter.sizes(max(style.size, floor), floor):
            if self.fitter.height(paras, style, size) <= style.height_pt:
                return size, 0
        return floor, int((self.fitter.height(paras, style, floor) - style.height_pt) * EMU_PER_PT) + 1

    def logo(self, slide, box: tuple[int, int, int, int]) -> None:  # type: ignore[no-untyped-def]
        """The brand logo in the Title layout's logo placeholder (after the texts in reading order)."""
        path = self.job.theme.logo()  # inside the project or the template folders only
        if path is None:
            return
        data = path.read_bytes()
        if image_size(data) is None:
            raise TemplateError(Problem(f"brand logo '{self.job.config.brand.logo}' cannot be shown on a slide: "
                                        "use a PNG or JPEG logo to build decks", path=self.job.config.root / "handouts.yml"))
        name = self.job.config.brand.organisation or self.job.document.meta.organisation or ""
        self.writer.picture(slide, data, box, f"{name} logo".strip(), "Logo")

    def finish(self, slide, notes: str) -> None:  # type: ignore[no-untyped-def]
        """Draft mark, slide number and speaker notes (in that reading order after the content)."""
        if self.job.draft:
            self.draft_mark(slide)
        self.writer.slide_number(slide, len(self.prs.slides))
        if notes:
            paras = [Para([Run(line)], bullet=False) for line in notes.split("\n") if line.strip()]
            self.writer.paragraphs(slide.notes_slide.notes_text_frame, paras, None, bullets=False)

    def draft_mark(self, slide) -> None:  # type: ignore[no-untyped-def]
        """A bar from the master's body margin to its slide number, sharing the number's bottom edge."""
        text = self.job.gettext("DRAFT TRANSLATION — not for use with patients")
        left, number = self.mark_frame
        width = number[0] - MARK_GAP - left
        inner = (width - 2 * 91440) / EMU_PER_PT
        runs = self.wrapper.breakable([Run(text, bold=True)], inner, MARK_MIN_PT)
        size = MARK_PT
        while size > MARK_MIN_PT and self.wrapper.lines(runs, inner, size) > 1:
            size -= 1
        height = int((self.wrapper.height(runs, inner, size) + 8) * EMU_PER_PT)
        bottom = number[1] + number[3]
        self.writer.mark(slide, runs[0].text, (left, bottom - height, width, height), size)

    @cached_property
    def mark_frame(self) -> tuple[int, tuple[int, int, int, int]]:
        """The master body's left edge and its slide number's box (EMU), where the draft mark goes."""
        master = {ph.placeholder_format.type: ph for ph in self.prs.slide_master.placeholders}
        body, number = master.get(PP_PLACEHOLDER.BODY), master.get(PP_PLACEHOLDER.SLIDE_NUMBER)
        if body is None or number is None:
            raise TemplateError(Problem("the slide master needs a body and a slide number placeholder (they place the draft mark)",
                                        path=self.job.theme.find("slides/master.pptx")))
        return int(body.left), (int(number.left), int(number.top), int(number.width), int(number.height))


def core_properties(prs: PresentationT, job: RenderJob) -> None:
    """Title, author (organisation), subject, language and fixed dates from meta.published."""
    meta = job.document.meta
    props = prs.core_properties
    stamp = dt.datetime.combine(meta.published, dt.time(0, 0))
    organisation = meta.organisation or job.config.brand.organisation or ""
    props.title = meta.title
    props.subject = (meta.subtitle or meta.purpose)[:255]  # the OOXML core properties hold at most 255 characters
    props.author = organisation
    props.last_modified_by = organisation
    props.language = language_tag(job.locale)
    props.category = meta.kind
    props.identifier = meta.reference or meta.id
    props.version = meta.version
    props.keywords = ""
    props.comments = meta.purpose[:255]
    props.content_status = "draft translation" if job.draft else ""
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp


def render(job: RenderJob) -> Rendered:
    """Build the deck for one job; pages = number of slides."""
    path = job.theme.find("slides/master.pptx")
    prs = load_master(path)
    apply_brand(prs, job.config.brand)
    deck = Deck(job, prs)
    for logical in plan(job):
        deck.add(logical)
    core_properties(prs, job)
    buf = io.BytesIO()
    prs.save(buf)
    return Rendered(reproducible_zip(buf.getvalue()), pages=len(prs.slides))
