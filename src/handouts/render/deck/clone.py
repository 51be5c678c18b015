"""New slides and notes pages with their placeholders: python-pptx clones them once per layout, later ones copy that first clone.

python-pptx clones a layout's (or the notes master's) placeholders shape by shape, reading each
one's type, index and name by XPath and naming the copy after the shapes already on the slide,
for every slide and again for its notes page. The result depends only on the layout (a new slide
is empty), so the first slide of each layout keeps a copy of its fresh placeholders and later
slides of that layout get copies of those: the same XML (tests/test_slides_clone.py).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import NotesSlidePart

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import NotesSlide, Slide, SlideLayout


class Cloner:
    """Adds slides on a layout and notes pages to slides for one Presentation."""

    def __init__(self, prs: Presentation) -> None:
        self.prs = prs
        self._fresh: dict[int, tuple[SlideLayout, list[Any]]] = {}  # id(layout part) -> (the layout, kept so that the id stays its own; its first slide's fresh placeholders)
        self._notes: list[Any] | None = None  # a fresh notes page's placeholders

    def slide(self, layout: SlideLayout) -> Slide:
        """A new slide on `layout` with the layout's placeholders, as `prs.slides.add_slide(layout)` makes it."""
        known = self._fresh.get(id(layout.part))
        if known is None:
            slide = self.prs.slides.add_slide(layout)
            self._fresh[id(layout.part)] = (layout, _placeholders(slide.shapes._spTree))
            return slide
        r_id, slide = self.prs.part.add_slide(layout)
        _paste(slide.shapes._spTree, known[1])
        self.prs.slides._sldIdLst.add_sldId(r_id)
        return slide

    def notes(self, slide: Slide) -> NotesSlide:
        """The slide's notes page, made with the notes master's placeholders when it has none yet (as `slide.notes_slide`)."""
        if slide.has_notes_slide or self._notes is None:
            notes = slide.notes_slide
            if self._notes is None:
                self._notes = _placeholders(notes.shapes._spTree)
            return notes
        part = slide.part
        master = part.package.presentation_part.notes_master_part
        notes_part = NotesSlidePart._add_notes_slide_part(part.package, part, master)
        _paste(notes_part.notes_slide.shapes._spTree, self._notes)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part.notes_slide


def _placeholders(tree: Any) -> list[Any]:
    """Copies of the shapes a clone added to an empty shape tree (python-pptx adds only placeholder p:sp elements)."""
    return [copy.deepcopy(shape) for shape in tree.iter_shape_elms()]


def _paste(tree: Any, shapes: list[Any]) -> None:
    """Copies of `shapes` into an empty shape tree, where python-pptx's clone puts them (before any p:extLst)."""
    for shape in shapes:
        tree.insert_element_before(copy.deepcopy(shape), "p:extLst")
