"""The slides with a shape of their own: the agenda (one slide, two columns when needed), full-width pictures (the closing slide: closing.py)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from ...errors import Problem
from .plan import Logical, image_size
from .styles import EMU_PER_PT

if TYPE_CHECKING:
    from .deck import Deck

IN = 914400
AGENDA_MAX = 10  # entries on one agenda slide (two columns)
GAP = int(0.15 * IN)
SCREEN_DPI = 96  # pixels per inch a projected picture needs to look sharp
CAPTION_SHARE = 0.3  # of the picture slide's body a caption may take


def agenda(deck: Deck, logical: Logical) -> None:
    """One slide: one column, or two columns (on the part with two bodies) when that gives larger text; continued slides beyond."""
    part = deck.layouts.part("agenda")
    bstyle = deck.body_style(part)
    one = deck.pages(logical, part, bstyle, limit=AGENDA_MAX)
    two = deck.layouts.part("two") if 1 < len(logical.paras) <= AGENDA_MAX else None
    columns = None
    if two is not None:
        saved = (dict(deck.titles.used), set(deck.titles.seen))
        ph = deck.physical(logical, two, [], 0, True)
        deck.titles.used, deck.titles.seen = saved
        styles = column_styles(deck, two, ph.body_push)
        half = math.ceil(len(logical.paras) / 2)
        floor = deck.limits.body_min_pt
        ready = [deck.fitter.breakable(c, s, max(s.size, floor)) for c, s in zip((logical.paras[:half], logical.paras[half:]), styles)]
        size = next((c for c in deck.fitter.sizes(max(styles[0].size, floor), floor)
                     if all(deck.fitter.height(p, s, c) <= s.height_pt for p, s in zip(ready, styles))), None)
        if size is not None and (len(one) > 1 or size > one[0][0]):
            columns = (ready, styles, size)
    if columns is None:
        for k, (size, paras) in enumerate(one):
            deck.finish(deck.write(deck.physical(logical, part, paras, size, k == 0), part, bstyle), logical.notes)
        return
    ready, styles, size = columns
    slide = deck.write(deck.physical(logical, two, [], 0, True), two, styles[0])
    for k, (paras, style) in enumerate(zip(ready, styles)):
        shape = deck.writer.textbox(slide, style.box, style, f"Agenda column {k + 1}")
        deck.writer.paragraphs(shape.text_frame, [replace(p, bullet=False) for p in paras], size, bullets=False)
        deck.writer.spacing(shape.text_frame, style)
    deck.finish(slide, logical.notes)


def column_styles(deck: Deck, two, grow: int) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The two columns' text styles: the part's two bodies, or its one body split in two; below a grown title."""
    if len(two.bodies) >= 2:
        styles = [deck.style(b) for b in two.bodies[:2]]
    else:
        x, y, cx, cy = deck.body_area(two)
        w = (cx - GAP) // 2
        styles = [deck.body_style(two, (x, y, w, cy)), deck.body_style(two, (x + w + GAP, y, w, cy))]
    return [replace(s, box=(s.box[0], s.box[1] + grow, s.box[2], s.box[3] - grow)) for s in styles]


def picture(deck: Deck, logical: Logical) -> None:
    """The picture as wide as the body allows (aspect kept), its caption right below it, sized to the caption's lines."""
    part = deck.layouts.part("picture")
    area = deck.body_area(part)
    ph = deck.physical(logical, part, [], 0, True)
    x, y, cx, cy = area
    y, cy = y + ph.body_push, cy - ph.body_push
    cstyle = replace(deck.body_style(part, (x, y, cx, cy)), bullets=False, margin=0)
    floor = deck.limits.body_min_pt
    paras = deck.fitter.breakable(logical.paras, cstyle, max(cstyle.size, floor))
    size = next((s for s in deck.fitter.sizes(max(cstyle.size, floor), floor)
                 if deck.fitter.height(paras, cstyle, s) <= cstyle.height_pt * CAPTION_SHARE), floor)
    insets = cstyle.insets[1] + cstyle.insets[3]
    caption_h = int(deck.fitter.height(paras, cstyle, size) * EMU_PER_PT) + insets + int(0.05 * IN)
    px = image_size(logical.picture or b"")
    assert px is not None
    room_h = cy - caption_h - GAP
    if room_h < cy * 0.4:
        raise deck.too_long(logical)
    scale = min(cx / px[0], room_h / px[1])
    w, h = int(px[0] * scale), int(px[1] * scale)
    shown_in = w / IN
    if px[0] < shown_in * SCREEN_DPI:
        deck.warnings.append(Problem(
            f"image is {px[0]} px wide but shown {shown_in * 2.54:.0f} cm wide on its slide, so it will look blurred: use one at least "
            f"{math.ceil(shown_in * SCREEN_DPI)} px wide", path=deck.job.folder / "document.yml",
            line=deck.job.document.line(logical.src_key or logical.source), locale=deck.job.locale))
    cbox = (x, y + h + GAP, cx, caption_h)
    bstyle = replace(cstyle, box=(x, cbox[1] - ph.body_push, cx, caption_h + ph.body_push))
    slide = deck.write(replace(ph, paras=paras, size=size), part, bstyle)
    pic = deck.writer.picture(slide, logical.picture, (x, y, cx, h), logical.alt, "Picture")
    caption = next((s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip() and s.shape_id != slide.shapes.title.shape_id), None)
    if caption is not None:
        caption._element.addprevious(pic._element)  # reading order: title, picture, caption
        for p in caption.text_frame.paragraphs:
            p._p.get_or_add_pPr().set("algn", "ctr")  # -- centred under the picture, right to left too (never centred -> right) --
    deck.finish(slide, logical.notes)

