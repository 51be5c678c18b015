"""The closing logical slide + the closing part -> one slide: contact details beside the QR code, the code narrowed before the text splits.

A layout with a picture placeholder holds the QR code there. Without one, the code is a square at
the right of the body; when the text does not fit beside it even at slides.body_min_pt, the code
steps down (QR_SHARES) to give the text the width it needs, and only when the text does not fit
beside the smallest code either does the closing slide split (the contact section keeps its own
slide; contact details longer than a slide continue on slides titled "<title> (continued)", localized).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import ContentError
from .plan import Logical, Para
from .styles import TextStyle

if TYPE_CHECKING:
    from .deck import Box, Deck
    from .layouts import Part

IN = 914400
GAP = int(0.15 * IN)
# -- shares of the body's width a QR code placed by geometry takes, largest first; the smallest (144 pt on phuse_OS21's
#    720 pt body) is 15% of the slide's width: 45 cm on a 3 m screen, 1.2 cm a module of the sample's 37-module code --
QR_SHARES = (0.34, 0.3, 0.26, 0.22, 0.2)

Pages = list[tuple[float, list[Para]]]


def arrangements(deck: Deck, part: Part, logical: Logical) -> list[tuple[Box | None, Box | None]]:
    """(QR code box, body box) pairs to try, in order of preference; None: no code, or the part's own body."""
    if logical.picture is None:
        return [(None, None)]
    if part.picture is not None:
        pic = part.picture
        return [((int(pic.left), int(pic.top), int(pic.width), int(pic.height)), None)]
    x, y, cx, cy = deck.body_area(part)
    out: list[tuple[Box | None, Box | None]] = []
    for share in QR_SHARES:
        side = min(cy, int(cx * share))
        if not out or side != out[-1][0][2]:  # type: ignore[index]
            out.append(((x + cx - side, y, side, side), (x, y, cx - side - GAP, cy)))
    return out


def closing(deck: Deck, logical: Logical) -> None:
    """One closing slide when its text fits beside the QR code at some size and code width; else the fallback slides, or continued ones."""
    part = deck.layouts.part("closing")
    best: tuple[Box | None, TextStyle, Pages] | None = None
    error: ContentError | None = None
    for qr, box in arrangements(deck, part, logical):
        bstyle = deck.body_style(part, box)
        try:
            # -- contact lines are not bullets: max_bullets does not split them off --
            pages = deck.pages(logical, part, bstyle, limit=max(len(logical.paras), deck.limits.max_bullets))
        except ContentError as e:
            error = error or e
            continue
        if best is None or len(pages) < len(best[2]):
            best = (qr, bstyle, pages)
        if len(pages) == 1:
            break
    if (best is None or len(best[2]) != 1) and logical.fallback:  # the contact section and the details need more than a slide
        for other in logical.fallback:
            deck.add(other)
        return
    if best is None:
        assert error is not None
        raise error
    qr, bstyle, pages = best
    if qr is not None and part.picture is None:
        deck.layouts.info(f"layout '{part.layout.name}' has no picture placeholder for the QR code: placed right of the contact details")
    for k, (size, paras) in enumerate(pages):  # contact details longer than one slide continue, the QR code on the first
        ph = deck.physical(logical, part, paras, size, k == 0)
        slide = deck.write(ph, part, bstyle)
        if k == 0 and qr is not None and logical.picture is not None:
            deck.writer.picture(slide, logical.picture, qr, logical.alt, "QR code")
        deck.finish(slide, logical.notes)
