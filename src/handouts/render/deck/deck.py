"""Logical slides + a master's parts -> slides in a Presentation, every text measured to fit where it is written.

Titles share one size across the deck (the largest at which every title fits, down to
slides.title_min_pt); a title that still does not fit takes height from the body. Bodies go in
the part's body placeholder, or in a text box placed by geometry when the layout has none.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from pptx.presentation import Presentation as PresentationT

from ...errors import ContentError, HandoutsError, Problem, TemplateError
from ...i18n import is_rtl
from ...markdown import Run
from .. import RenderJob
from .clone import Cloner
from .fit import Fitter, NoRoom, Physical, Titles
from .fonts import DeckFonts
from .headroom import Headroom, headroom
from .layouts import Layouts, Part
from .measure import Measurer, Wrapper
from .plan import Logical, Para, babel_locale, language_tag
from .styles import EMU_PER_PT, TextStyle, text_style
from .write import Writer

IN = 914400
MARK_PT, MARK_MIN_PT = 18.0, 12.0
MARK_GAP = int(0.2 * IN)
CALLOUT_COLOURS = {"warning": "warning", "important": "primary", "tip": "accent"}
Box = tuple[int, int, int, int]


class Deck:
    """Fits and writes the logical slides of one job into a Presentation."""

    def __init__(self, job: RenderJob, prs: PresentationT, layouts: Layouts, fonts: DeckFonts) -> None:
        self.job, self.prs, self.layouts = job, prs, layouts
        self.lang = language_tag(job.locale)
        rtl = is_rtl(job.locale)
        self.writer = Writer(prs, self.lang, rtl, fonts.face(False, "latin", False, False).family)
        icu = str(babel_locale(job.locale))
        self.wrapper = Wrapper(Measurer(fonts, major=False, rtl=rtl, locale=icu))
        self.fitter = Fitter(self.wrapper, job.config.slides, Wrapper(Measurer(fonts, major=True, rtl=rtl, locale=icu)))
        self.titles = Titles(job.gettext, str(babel_locale(job.locale)))
        self.limits = job.config.slides
        self.title_pt: float | None = None
        self.warnings: list[Problem] = []
        self._styles: dict[tuple[int, Box | None], TextStyle] = {}
        self.cloner = Cloner(prs)
        self._cloned: dict[int, list] = {}  # type: ignore[type-arg]
        self._headroom: dict[int, Headroom] = {}

    # -- geometry --
    def style(self, ph, kind: str = "body", box: Box | None = None) -> TextStyle:  # type: ignore[no-untyped-def]
        """A placeholder's (or, for None, the master's) text style, resolved once per deck."""
        key = (id(ph._element) if ph is not None else hash(kind), box)
        if key not in self._styles:
            self._styles[key] = text_style(self.prs, ph, kind, box)
        return self._styles[key]

    def body_area(self, part: Part) -> Box:
        """Where a part's body goes: its first body placeholder, else below its title to the bottom margin."""
        if part.bodies:
            b = part.bodies[0]
            return int(b.left), int(b.top), int(b.width), int(b.height)
        t = part.title
        top = max(int(t.top) + int(t.height), self.headroom(part).bottom) + int(0.15 * IN)  # -- below a master's rule under the title --
        return int(t.left), top, int(t.width), int(self.prs.slide_height) - top - max(int(t.top), int(0.4 * IN))

    def body_style(self, part: Part, box: Box | None = None) -> TextStyle:
        if part.bodies:
            return self.style(part.bodies[0], box=box)
        return self.style(None, "body", box or self.body_area(part))  # -- the master's body style: bullets and indent kept --

    def uniform_titles(self, logicals: list[Logical]) -> None:
        """One title size for every slide after the title slide: the largest at which each fits (down to the minimum)."""
        sizes = [self.fitter.title(lg.title, self.style(self.layouts.part(lg.layout).title), self.limits.title_min_pt)[0]
                 for lg in logicals if lg.layout != "title"]
        self.title_pt = min(sizes, default=None)

    # -- slides --
    def add(self, logical: Logical) -> None:
        if logical.layout == "title":
            from .title import title_slide

            title_slide(self, logical)
        elif logical.layout == "agenda":
            from .special import agenda

            agenda(self, logical)
        elif logical.layout == "picture":
            from .special import picture

            picture(self, logical)
        elif logical.layout == "closing":
            from .closing import closing

            closing(self, logical)
        elif logical.layout == "table":
            from .table import table

            table(self, logical)
        else:
            self.text_slides(logical)

    def pages(self, logical: Logical, part: Part, bstyle: TextStyle, limit: int | None = None) -> list[tuple[float, list[Para]]]:
        """The logical slide's paragraphs split over slides (each with the room its title leaves)."""
        def room(k: int) -> float:
            return bstyle.height_pt - self.title_push(self.titles.peek(logical.title, k), part) / EMU_PER_PT
        limits = self.fitter.limits
        if limit is not None:
            self.fitter.limits = limits.model_copy(update={"max_bullets": limit})
        try:
            return self.fitter.paginate(logical.paras, bstyle, room) if logical.paras else [(bstyle.size, [])]
        except NoRoom:
            raise self.too_long(logical, part, bstyle) from None
        finally:
            self.fitter.limits = limits

    def text_slides(self, logical: Logical, body_box: Box | None = None, extra=None) -> int:  # type: ignore[no-untyped-def]
        """Slides of a text role (content, section, steps, callouts, closing); extra(slide, physical, grow) adds pictures."""
        part = self.layouts.part(logical.layout)
        bstyle = self.body_style(part, body_box)
        pages = self.pages(logical, part, bstyle)
        for k, (size, paras) in enumerate(pages):
            ph = self.physical(logical, part, paras, size, first=k == 0)
            slide = self.write(ph, part, bstyle)
            if extra is not None:
                extra(slide, ph)
            self.finish(slide, ph.notes)
        return len(pages)

    def physical(self, logical: Logical, part: Part, paras: list[Para], size: float, first: bool) -> Physical:
        tsize, grow, text = self.fitter.title(self.titles.take(logical.title), self.style(part.title), self.limits.title_min_pt, self.title_pt)
        placed = self.title_place(grow, part, bool(paras))
        if placed is None:
            raise self.too_long(logical, part, grow=grow)
        lift, push = placed
        if lift and push == 0:
            self.layouts.info(f"layout '{part.layout.name}': a title of two or more lines moves up to stay clear of the master's "
                              f"'{self.headroom(part).shape}' under the title placeholder (text is never drawn across it)")
        return Physical(logical, text, tsize, grow, paras, size, logical.notes, first=first, title_lift=lift, push=push)

    def headroom(self, part: Part) -> Headroom:
        """The room the part's title may grow into without crossing the master's own shapes, found once per layout."""
        key = id(part.layout)
        if key not in self._headroom:
            self._headroom[key] = headroom(part, int(self.prs.slide_height))
        return self._headroom[key]

    def title_place(self, grow: int, part: Part, paras: bool = False) -> tuple[int, int] | None:
        """(lift, push) for a title grow EMU taller than its placeholder; None when it leaves no room on its slide."""
        if not grow:
            return 0, 0
        room = self.headroom(part)
        if room.down is not None:
            return room.place(grow)
        x, y, cx, cy = self.style(part.title).box
        lift = max(0, y + cy + grow - (int(self.prs.slide_height) - int(0.3 * IN)))  # -- a section header near the foot moves up --
        return None if lift > y or (lift and paras) else (lift, grow)

    def title_push(self, title: str, part: Part) -> int:
        """How far a title pushes the part's body down (EMU), for the room a page has."""
        grow = self.fitter.title(title, self.style(part.title), self.limits.title_min_pt, self.title_pt)[1]
        placed = self.title_place(grow, part)
        return placed[1] if placed is not None else grow

    def too_long(self, logical: Logical, part: Part | None = None, bstyle: TextStyle | None = None, grow: int = 0) -> HandoutsError:
        """A title that leaves no room on its slide, reported where it was written; a layout that has no room for any text, named."""
        if part is not None and logical.paras and not part.bodies and logical.layout == "closing":
            return TemplateError(Problem(
                f"layout '{part.layout.name}' has no body placeholder for the contact details: add one in the Slide Master view, or "
                f"name another layout under slides: layouts: {{closing: ...}} in handouts.yml", path=self.layouts.master,
                locale=self.job.locale))
        small = self.too_small(part, bstyle, logical.paras) if part is not None and bstyle is not None else None
        if small is not None:
            return small
        short = logical.title if len(logical.title) <= 60 else logical.title[:57] + "..."
        why = "shorten it"
        room = self.headroom(part) if part is not None and grow else None
        if room is not None and room.down is not None:
            box = self.style(part.title).box  # type: ignore[union-attr]
            why = (f"its lines need {(box[3] + grow) / EMU_PER_PT:.0f} pt at {self.limits.title_min_pt:g} pt (slides.title_min_pt), and layout "
                   f"'{part.layout.name}' (master {self.layouts.master.name}) leaves {(box[3] + room.up + room.down) / EMU_PER_PT:.0f} pt above "  # type: ignore[union-attr]
                   f"its '{room.shape}' under the title: shorten it, or lower slides.title_min_pt")
        return ContentError(Problem(f"'{short}' is too long for a slide title: {why}", path=self.job.folder / "document.yml",
                                    line=self.job.document.line(logical.source), locale=self.job.locale))

    def too_small(self, part: Part, style: TextStyle, paras: list[Para], what: str = "body") -> TemplateError | None:
        """The layout named when its placeholder cannot hold one line of the paragraphs at the minimum size; else None."""
        floor = self.limits.body_min_pt
        need = max((self.fitter.lines_height(p.runs, style, floor, 1e9) for p in paras), default=0.0)
        if not paras or need <= style.height_pt:
            return None
        w, h = style.box[2] / EMU_PER_PT, style.box[3] / EMU_PER_PT
        role = {"title": "title", "two": "two", "closing": "closing"}.get(part.role, part.role)
        return TemplateError(Problem(
            f"layout '{part.layout.name}' has {'an' if what[:1] in 'aeiou' else 'a'} {what} placeholder of {w:.0f} x {h:.0f} pt, too small for one line of text at "
            f"{floor:g} pt (slides.body_min_pt; one line needs {need:.0f} pt in this language): make it taller in the Slide Master "
            f"view, or name another layout under slides: layouts: {{{role}: ...}} in handouts.yml", path=self.layouts.master,
            locale=self.job.locale))

    def new_slide(self, part: Part):  # type: ignore[no-untyped-def]
        """A slide on the part's layout, and its placeholders keyed by the layout placeholder they were cloned from."""
        slide = self.cloner.slide(part.layout)
        if id(part.layout) not in self._cloned:  # -- the layout's placeholder elements kept alive: their ids key the clones --
            self._cloned[id(part.layout)] = [p._element for p in part.layout.iter_cloneable_placeholders()]
        return slide, dict(zip(map(id, self._cloned[id(part.layout)]), slide.placeholders))

    def write(self, ph: Physical, part: Part, bstyle: TextStyle):  # type: ignore[no-untyped-def]
        slide, clones = self.new_slide(part)
        tstyle = self.style(part.title)
        tshape = clones[id(part.title._element)]
        x, y, cx, cy = tstyle.box
        # -- boxes always written out: python-pptx (and some renderers) match placeholders by idx, which LibreOffice omits --
        self.writer.title(tshape, ph.title, ph.title_size, (x, y - ph.title_lift, cx, cy + ph.title_grow), tstyle.align)
        body = clones.get(id(part.bodies[0]._element)) if part.bodies else None
        if ph.paras:
            x, y, cx, cy = bstyle.box
            box = (x, y + ph.body_push, cx, cy - ph.body_push)
            if body is None:
                body = self.writer.textbox(slide, box, bstyle, "Text")
                self.layouts.info(f"layout '{part.layout.name}' has no body placeholder: the text of its slides is placed in text boxes "
                                  "below the title, in the master's body style (bullets kept)")
            self.writer.paragraphs(body.text_frame, ph.paras, ph.size, bullets=bstyle.bullets, align=bstyle.align)
            if body.is_placeholder is False:
                self.writer.spacing(body.text_frame, bstyle)
                self.writer.bullets(body.text_frame, ph.paras, bstyle)
            self.writer.place(body, box)
        for shape in list(clones.values()):
            if shape is not tshape and (shape is not body or not ph.paras):
                self.writer.remove(shape)
        if part.via.startswith("fallback") and ph.logical.layout in CALLOUT_COLOURS:
            colour = getattr(self.job.config.brand, CALLOUT_COLOURS[ph.logical.layout])
            self.writer.plate(slide, (0, 0, int(0.12 * IN), int(self.prs.slide_height)), colour, f"{ph.logical.layout.title()} bar")
            self.layouts.info(f"no '{ph.logical.layout.title()}' layout: {ph.logical.layout} slides use '{part.layout.name}' with a coloured bar")
        return slide

    def finish(self, slide, notes: str) -> None:  # type: ignore[no-untyped-def]
        """Draft mark, slide number and speaker notes (in that reading order after the content); right to left, mirrored."""
        if self.job.draft:
            self.draft_mark(slide)
        self.writer.slide_number(slide, len(self.prs.slides))
        if self.writer.rtl:
            from .mirror import mirror, picture_background

            layout = slide.slide_layout
            if picture_background(layout):
                self.layouts.info(f"layout '{layout.name}' has a picture background, which cannot be mirrored: its right-to-left slides "
                                  "keep the layout's positions (left-aligned text right-aligned), so text stays on the area the designer kept for it")
            else:
                mirror(slide, int(self.prs.slide_width))
        if notes:
            paras = [Para([Run(line)], bullet=False) for line in notes.split("\n") if line.strip()]
            self.writer.paragraphs(self.cloner.notes(slide).notes_text_frame, paras, None, bullets=False)

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
    def mark_frame(self) -> tuple[int, Box]:
        """The master body's left edge and its slide number's box (EMU); by geometry when the master has neither."""
        by_type = {ph._element.ph_type: ph for ph in self.prs.slide_master.placeholders}
        from pptx.enum.shapes import PP_PLACEHOLDER

        body, number = by_type.get(PP_PLACEHOLDER.BODY), by_type.get(PP_PLACEHOLDER.SLIDE_NUMBER)
        w, h = int(self.prs.slide_width), int(self.prs.slide_height)
        left = int(body.left) if body is not None else int(0.05 * w)
        if number is None:
            return left, (w - left - int(1.2 * IN), h - int(0.55 * IN), int(1.2 * IN), int(0.4 * IN))
        return left, (int(number.left), int(number.top), int(number.width), int(number.height))
