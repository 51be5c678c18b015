"""A part's title placeholder + its layout's (and master's) own shapes -> the room a title may grow into without crossing them.

A master often draws a rule, a band or a picture between the title and the body (phuse_OS21's
"Title and Content": a line 23 pt under a one-line title). A title that needs more height than
its placeholder then grows down to that shape and moves up into the top margin, never across
it; the body, which lies below the shape, keeps its place. Without such a shape the title takes
its extra height from the body, which moves down.
"""

from __future__ import annotations

from dataclasses import dataclass

from .master import NS
from .mirror import decorations

IN = 914400
TOP_MARGIN = int(0.2 * IN)  # a title moved up stays this far from the slide's top edge (as on the title slide)


@dataclass(frozen=True)
class Headroom:
    """How a title placeholder may grow (EMU): up to `up` above its top; down by `down` (None: into the body, pushing it)."""

    up: int
    down: int | None
    shape: str = ""  # the master's shape under the title that limits `down`
    bottom: int = 0  # that shape's bottom edge (a body placed by geometry starts below it)

    def place(self, grow: int) -> tuple[int, int] | None:
        """(lift, push) for a title `grow` EMU taller than its placeholder: moved up by lift, the body down by push; None when it cannot."""
        if self.down is None:
            return 0, grow
        down = min(grow, self.down)
        lift = grow - down
        return (lift, 0) if lift <= self.up else None


def _box(el) -> tuple[int, int, int, int] | None:  # type: ignore[no-untyped-def]
    xfrm = el.find(".//a:xfrm", NS)
    off, ext = (xfrm.find("a:off", NS), xfrm.find("a:ext", NS)) if xfrm is not None else (None, None)
    if off is None or ext is None:
        return None
    return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))


def headroom(part, slide_height: int) -> Headroom:  # type: ignore[no-untyped-def]
    """The room a part's title may grow into: the master's nearest shape below it (before the body) and any shape above it."""
    title = part.title
    tx, ty, tcx, tcy = int(title.left), int(title.top), int(title.width), int(title.height)
    bottom = ty + tcy
    if part.bodies:
        floor = min(int(b.top) for b in part.bodies)
    else:  # -- a body placed by geometry: a shape in the quarter of the slide under the title still stands between them --
        floor = bottom + slide_height // 4
    lay = part.layout
    sources = [lay] + ([] if lay._element.get("showMasterSp") in ("0", "false") else [lay.slide_master])
    under: list[tuple[int, int, str]] = []
    top = TOP_MARGIN
    for source in sources:
        for el in decorations(source):
            box = _box(el)
            if box is None or not (box[0] < tx + tcx and tx < box[0] + box[2]):
                continue
            x, y, cx, cy = box
            name = next((e.get("name", "") for e in el.iter() if e.tag.endswith("}cNvPr")), "")
            if ty + tcy // 2 <= y < floor:  # -- a rule drawn a little inside the title's box counts too --
                under.append((y, y + cy, name))
            elif y + cy <= ty:
                top = max(top, y + cy)
    if not under:
        return Headroom(max(0, ty - top), None)
    y, end, name = min(under)
    return Headroom(max(0, ty - top), max(0, y - bottom), name, end)
