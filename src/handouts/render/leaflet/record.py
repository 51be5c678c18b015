"""While WeasyPrint writes tags: which HTML element (and margin box) each structure element and marked text comes from.

WeasyPrint 70 tags page by page and does not say which HTML element a structure element stands
for, so a section split by a page break becomes two elements and margin-box text is marked but
left out of the tree. Its tag builder (``weasyprint.pdf.tags._build_box_tree``) calls itself
through the module global, so wrapping that one function sees every box: the wrapper adds a
private ``/HdKey`` to each structure element and records the element's tag and attributes, the
text of each marked run, and which runs sit in a margin box. ``tags.retag`` uses this and removes
the keys. The wrapper is inert (a plain pass-through) outside ``recording()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ... import native  # noqa: F401  -- first: WeasyPrint's libraries without a compiler (native.py)
import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as weasy_tags

KEY = "HdKey"


@dataclass
class Recorder:
    """What the tag builder saw: element keys, marked text runs, margin-box runs (page index, MCID)."""

    elements: dict[int, tuple[str, dict[str, str]]] = field(default_factory=dict)
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    margins: dict[tuple[int, int], str] = field(default_factory=dict)
    _keys: dict[tuple[int, str], int] = field(default_factory=dict)
    _alive: list[Any] = field(default_factory=list)

    def key(self, element: Any, tag: str) -> int:
        """One number per (HTML element, box tag): the pieces of a box split by pages share it."""
        ident = (id(element), tag)
        if ident not in self._keys:
            self._keys[ident] = len(self._keys) + 1
            self._alive.append(element)  # keeps id() unique while recording
            self.elements[self._keys[ident]] = (tag, {str(k): str(v) for k, v in element.attrib.items()})
        return self._keys[ident]


_current: ContextVar[Recorder | None] = ContextVar("handouts_tag_recorder", default=None)
_original = weasy_tags._build_box_tree


def _text_boxes(box: Any) -> Iterator[Any]:
    for child in getattr(box, "children", ()):
        for item in child.children if isinstance(child, boxes.LineBox) else [child]:
            if isinstance(item, boxes.TextBox):
                yield item


def _descendant_text_boxes(box: Any) -> Iterator[Any]:
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.TextBox):
            yield child
        else:
            yield from _descendant_text_boxes(child)


def _recording_build(box: Any, parent: Any, pdf: Any, page_number: int, nums: Any, annotations: Any, tags: Any) -> Iterator[pydyf.Dictionary]:
    recorder = _current.get()
    if recorder is None:
        yield from _original(box, parent, pdf, page_number, nums, annotations, tags)
        return
    real = box._box if isinstance(box, AbsolutePlaceholder) else box
    if isinstance(real, boxes.MarginBox):
        where = "Header" if real.at_keyword.startswith("@top") else "Footer"
        for text in _descendant_text_boxes(real):
            if text in tags:
                recorder.margins[(page_number, tags[text]["mcid"])] = where
    for text in _text_boxes(real):
        if text in tags:
            recorder.texts[(page_number, tags[text]["mcid"])] = text.text.replace("\u200b", "")
    for element in _original(box, parent, pdf, page_number, nums, annotations, tags):
        if real.element is not None and real.element_tag and KEY not in element:
            element[KEY] = recorder.key(real.element, real.element_tag)
        yield element


weasy_tags._build_box_tree = _recording_build


@contextmanager
def recording() -> Iterator[Recorder]:
    """Record while WeasyPrint writes one PDF (per thread/context; nested calls do not mix)."""
    recorder = Recorder()
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)
