"""Pages that fill: lay out, and where a page is left part empty by a block that moved on whole, loosen or move blocks and lay out again.

CSS cannot say "keep together only if short", and WeasyPrint 70 has no page floats (a CSS float
that does not fit at a page bottom is drawn there anyway or pushes its whole context on), so the
renderer reads WeasyPrint's own layout. When a page but the last is less than FILL full (and the
next page does not start with a forced break), every block kept together with
``break-inside: avoid`` that is taller than TALL of a page gets ``break-inside: auto`` (headings
keep their first lines: ``break-after: avoid``, orphans); a figure or callout at the top of the
next page moves after the block that follows it in its section, or before the block above it
when it is the last of its section (never past a heading, never into another section); a block
kept whole (``break-inside: avoid-page``) that takes more than HUGE of the next page splits too
if the template gave it a "continued" label (the contact box; the QR box has none and never
splits). A table whose first part lost its repeating heading row gets it printed once. A leaflet
that needs none of this is laid out once. After the last layout, a split box's "continued" label
is moved from its first part to its later parts (no layout: the label is absolutely positioned).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ... import native  # noqa: F401  -- first: WeasyPrint's libraries without a compiler (native.py)
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.text.fonts import FontConfiguration

FILL = 0.75  # a page but the last is at least this full, unless the next page starts with something that never splits
TALL = 0.25  # a kept-together block taller than this share of a page may split
HUGE = 0.5  # a block kept whole (avoid-page) taller than this share of a page may split too, when it leaves a gap
PASSES = 3  # layouts at most (each change is kept; the loop stops when a layout needs none)
_FORCED = {"page", "left", "right", "recto", "verso"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FLOATS = {"figure", "aside"}  # a figure or a callout may move within its section to fill a gap


def settle(html: HTML, font_config: FontConfiguration) -> Document:
    """Lay out `html`, then loosen or move what leaves a page part empty, up to PASSES layouts."""
    document = html.render(font_config=font_config)
    for _ in range(PASSES - 1):
        headers, filled = _keep_headers(document), _improve(html, document)
        if not (headers or filled):
            break
        document = html.render(font_config=font_config)
    label_continuations(document)
    return document


def label_continuations(document: Document) -> None:
    """A box holding a "continued" label (an absolute child of class ``continued``) shows it only on its parts after the first, at the same place on their top edge."""
    parts: dict[int, list[Any]] = {}
    for page in document.pages:
        seen: set[int] = set()  # the outermost box of an element on a page (its anonymous boxes share the element)
        for box in _descendants(page._page_box.children[0]):
            if (box.element is not None and id(box.element) not in seen and not _is_label(box)
                    and any(_is_label_element(c) for c in box.element)):
                seen.add(id(box.element))
                parts.setdefault(id(box.element), []).append(box)
    for fragments in parts.values():
        holder = next((f for f in fragments if any(_is_label(c) for c in f.children)), None)
        if holder is None:
            continue
        label = next(c for c in holder.children if _is_label(c))
        dx, dy = label.position_x - holder.position_x, label.position_y - holder.position_y
        for part in fragments:
            part.children = [c for c in part.children if not _is_label(c)]
        for part in fragments[1:]:
            copy = AbsolutePlaceholder(label._box.deepcopy())
            copy.set_laid_out_box(copy._box)
            copy.translate(part.position_x + dx - label.position_x, part.position_y + dy - label.position_y)
            part.children = [copy, *part.children]


def page_fill(page: Any) -> float:
    """How far down its content area a laid-out page is used (0-1): the lowest line, image or box edge."""
    page_box = page._page_box
    top, height = page_box.content_box_y(), page_box.height
    lowest = top
    root = page_box.children[0]
    for box in _descendants(root):
        if box is root or box.element_tag == "body" or box.style["position"] in ("absolute", "fixed"):
            continue
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or _drawn(box):
            lowest = max(lowest, box.position_y + box.margin_top + box.border_height())
    return (lowest - top) / height if height else 1.0


def _improve(html: HTML, document: Document) -> bool:
    """Change the HTML tree when a page is under-filled: tall kept blocks may split, a figure or callout at a gap moves; False when nothing can change."""
    pages = document.pages
    # -- a gap before a forced break (a booklet's Notes page) is meant --
    low = [i for i in range(len(pages) - 1) if page_fill(pages[i]) < FILL and not _forced(pages[i + 1])]
    if not low:
        return False
    changed = False
    for index in low:
        changed |= _move_float(html, pages[index], pages[index + 1])
        # -- a block kept whole (avoid-page) that takes most of the page after a gap splits, if it can say "continued" (the contact box) --
        for box in _first_blocks(pages[index + 1]._page_box.children[0]):
            element = box.element
            if (box.style["break_inside"] == "avoid-page" and element is not None and not element.get("data-settled")
                    and any(_is_label_element(c) for c in element) and box.margin_height() > pages[index]._page_box.height * HUGE):
                _loosen(element)
                changed = True
    for page in pages:
        tall = page._page_box.height * TALL
        for box in _descendants(page._page_box.children[0]):
            element = box.element
            if (box.style["break_inside"] == "avoid" and element is not None and element.tag not in _HEADINGS
                    and not element.get("data-settled") and box.margin_height() > tall):
                _loosen(element)
                changed = True
    return changed


def _move_float(html: HTML, page: Any, following: Any) -> bool:
    """A figure or callout at the top of the page after a gap: after the block that follows it in its section, or else before the block that precedes it."""
    before = {id(b.element) for b in _descendants(page._page_box.children[0]) if b.element is not None}
    for box in _first_blocks(following._page_box.children[0]):
        element = box.element
        if element is None or element.tag not in _FLOATS or id(element) in before or element.get("data-settled") == "moved":
            continue
        parent = _parent(html, element)
        if parent is None:
            return False
        siblings = list(parent)
        at = siblings.index(element)
        if at + 1 < len(siblings) and siblings[at + 1].tag not in _HEADINGS:
            return _move(html, parent, element, at + 1)
        # -- last in its section: before the block above it, if that block ends the under-filled page --
        if at > 0 and siblings[at - 1].tag not in _HEADINGS and id(siblings[at - 1]) in before and not siblings[at - 1].get("class", "").startswith("section-start"):
            return _move(html, parent, element, at - 1)
        return False
    return False


def _forced(page: Any) -> bool:
    return any(b.style["break_before"] in _FORCED for b in _first_blocks(page._page_box.children[0]))


def _keep_headers(document: Document) -> bool:
    """A table whose first part lost its heading row (WeasyPrint drops a repeating header that does not fit with the first row): print it once instead."""
    seen: set[int] = set()
    changed = False
    for page in document.pages:
        for box in _descendants(page._page_box.children[0]):
            if not isinstance(box, boxes.TableBox) or id(box.element) in seen:
                continue
            seen.add(id(box.element))
            thead = next((c for c in box.element if c.tag == "thead"), None)
            if thead is not None and not any(getattr(c, "is_header", False) for c in box.children) and not thead.get("data-settled"):
                thead.set("style", "display: table-row-group")
                thead.set("data-settled", "once")
                changed = True
    return changed


def _first_blocks(box: Any) -> Iterator[Any]:
    """The block boxes at the top of a page, outermost first (html, body, main, section, ...); a heading's next sibling too (it is kept with it)."""
    if not isinstance(box, boxes.ParentBox) or isinstance(box, boxes.LineBox):
        return
    yield box
    flow = [c for c in box.children if c.style["position"] not in ("absolute", "fixed")]
    if flow:
        yield from _first_blocks(flow[0])
    if len(flow) > 1 and flow[0].element_tag in _HEADINGS:
        yield from _first_blocks(flow[1])


def _loosen(element: Any) -> None:
    style = element.get("style", "")
    element.set("style", f"{style}; break-inside: auto" if style else "break-inside: auto")
    element.set("data-settled", "split")


def _parent(html: HTML, element: Any) -> Any:
    return next((p for p in html.etree_element.iter() if element in list(p)), None)


def _move(html: HTML, parent: Any, element: Any, to: int) -> bool:
    parent.remove(element)
    parent.insert(to, element)
    element.set("data-settled", "moved")
    html.wrapper_element = type(html.wrapper_element).from_html_root(html.etree_element)  # its cached children are stale
    return True


def _is_label(box: Any) -> bool:
    return isinstance(box, AbsolutePlaceholder) and _is_label_element(box.element)


def _is_label_element(element: Any) -> bool:
    return element is not None and "continued" in (element.get("class") or "").split()


def _drawn(box: Any) -> bool:
    style = box.style
    return bool(style["background_color"].alpha) or any(style[f"border_{side}_width"] for side in ("top", "bottom"))


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)
