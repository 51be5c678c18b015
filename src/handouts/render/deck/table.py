"""Table slides: a Table block -> native PowerPoint tables (a graphicFrame), every cell measured to fit; long tables continue.

The caption is the slide's title. Column widths follow the usual automatic table layout: each
column gets at least its longest word and, when there is room, its longest cell on one line;
the rest of the body's width is shared in proportion. Text keeps the body's size when the whole
table fits on one slide, else it shrinks to slides.body_min_pt and the rows continue on slides
titled "<caption> (continued)" with the header row repeated; a table too wide for that continues
in column groups, each led by the first column, and rows taller than a slide even so are shown
one at a time as (heading, cell) pairs, with a warning. The look (header row, header
column, banding) is the master's default table style, or PowerPoint's "Medium Style 2 - Accent 1",
which takes the theme's colours. Right-to-left decks write the columns right to left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lxml import etree
from pptx.util import Emu

from ...errors import ContentError, Problem
from ...markdown import Run
from .master import NS
from .measure import line_break_units
from .plan import Logical, Para, runs
from .styles import EMU_PER_PT, TextStyle

if TYPE_CHECKING:
    from .deck import Deck

CELL_INSETS = (91440, 45720, 91440, 45720)  # PowerPoint's default cell margins (EMU): 0.1 in across, 0.05 in down
MEDIUM_STYLE_2 = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # "Medium Style 2 - Accent 1": theme colours, header row bold


@dataclass
class Grid:
    """A table measured at one size: column widths (EMU), each row's cells as paragraphs and its height (EMU)."""

    size: float
    widths: list[int]
    rows: list[list[Para]]
    heights: list[int]
    header: bool
    whole_words: bool = True  # no word is broken inside a cell
    key: bool = False  # a row written as a column of (heading, cell) pairs: the headings are a header column


def cell_paras(table) -> tuple[list[list[Para]], bool]:  # type: ignore[no-untyped-def]
    """Every row (the header first, when there is one) as one paragraph per column; header cells bold."""
    width = max([len(table.columns), *(len(r) for r in table.rows)], default=0)
    header = bool(table.columns)
    out = []
    for r, row in enumerate(([table.columns] if header else []) + list(table.rows)):
        cells = [*row, *[""] * (width - len(row))]
        out.append([Para([replace(run, bold=True) if (header and r == 0) or (table.header_column and c == 0) else run
                          for run in (runs(text) if text else [Run("")])], bullet=False) for c, text in enumerate(cells)])
    return out, header


def column_groups(count: int, groups: int) -> list[list[int]]:
    """Columns split into groups, each led by the first column (it names the row): 1 group is the whole table."""
    if groups == 1:
        return [list(range(count))]
    rest = list(range(1, count))
    per = -(-len(rest) // groups)
    return [[0, *rest[k:k + per]] for k in range(0, len(rest), per)]


def cell_style(deck: Deck, size: float) -> TextStyle:
    """What measuring one cell needs: no bullets, no spacing, PowerPoint's cell insets (the box is set per column)."""
    return TextStyle(box=(0, 0, 0, 0), insets=CELL_INSETS, size=size, margin=0, bullets=False)


def measure(deck: Deck, rows: list[list[Para]], header: bool, width: int, size: float) -> Grid:
    """Column widths for the body's width at this size, words wider than their column broken, and the row heights."""
    w = deck.fitter.w
    pad = (CELL_INSETS[0] + CELL_INSETS[2]) / EMU_PER_PT
    columns = len(rows[0])
    lo, hi = [pad] * columns, [pad] * columns
    for row in rows:
        for c, para in enumerate(row):
            safety = w.m.safety(para.text)
            for run in para.runs:  # -- the widest piece between break opportunities (UAX #14: after a hyphen too) --
                pieces = [u.rstrip(" ") for u in line_break_units(run.text, w.m.locale)]
                lo[c] = max(lo[c], pad + max((w.m.width(u, size, run.bold, run.italic) for u in pieces), default=0) / safety + 1)
            hi[c] = max(hi[c], pad + sum(w.m.width(run.text, size, run.bold, run.italic) for run in para.runs) / safety + 1)
    total = width / EMU_PER_PT
    fits = sum(lo) <= total
    if sum(hi) <= total:
        share = [h + (total - sum(hi)) * h / sum(hi) for h in hi]
    elif sum(lo) <= total:
        spare = sum(h - m for h, m in zip(hi, lo)) or 1.0
        share = [m + (total - sum(lo)) * (h - m) / spare for h, m in zip(hi, lo)]
    else:  # -- even single words do not fit: columns in proportion to their longest word, words broken inside --
        share = [total * m / sum(lo) for m in lo]
    widths = [int(s * EMU_PER_PT) for s in share]
    widths[-1] = width - sum(widths[:-1])
    style = cell_style(deck, size)
    broken, heights = [], []
    for row in rows:
        cells = []
        tallest = 0.0
        for para, cw in zip(row, widths):
            inner = (cw - CELL_INSETS[0] - CELL_INSETS[2]) / EMU_PER_PT
            para = replace(para, runs=w.breakable(para.runs, inner, size))
            cells.append(para)
            # -- LibreOffice spaces the lines of a cell by the font's own line height (Noto Sans Arabic: 1.8 em), not 1.2 em --
            tallest = max(tallest, deck.fitter.lines_height(para.runs, style, size, inner), w.height(para.runs, inner, size))
        broken.append(cells)
        heights.append(int(tallest * EMU_PER_PT) + CELL_INSETS[1] + CELL_INSETS[3] + 1)
    return Grid(size, widths, broken, heights, header, fits)


def pages(grid: Grid, room) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Row indexes per slide (the header row, 0, repeated on each); room(k) is the body height (EMU) of slide k."""
    first = 1 if grid.header else 0
    head = grid.heights[0] if grid.header else 0
    out: list[list[int]] = []
    page: list[int] = []
    used = head
    for r in range(first, len(grid.rows)):
        if page and used + grid.heights[r] > room(len(out)):
            out.append(page)
            page, used = [], head
        if not page and head + grid.heights[r] > room(len(out)):
            raise NoRoomForRow(r)
        page.append(r)
        used += grid.heights[r]
    if page or not out:
        out.append(page)
    return [([0] if grid.header else []) + p for p in out]


class NoRoomForRow(ValueError):
    """One row (with the header) is taller than a whole slide's body."""


def table(deck: Deck, logical: Logical) -> None:
    """The table on one slide at the largest size that fits; else, at the minimum size, its rows (and, for a wide table, its
    columns, each group led by the first column) continue on further slides with the header row repeated."""
    assert logical.table is not None
    part = deck.layouts.part("table")
    x, y, cx, cy = deck.body_area(part)
    rows, header = cell_paras(logical.table)
    if not rows or not rows[0]:
        return

    def room(k: int) -> int:
        return cy - deck.title_push(deck.titles.peek(logical.title, k), part)

    plan = one_slide(deck, rows, header, cx, room(0)) or split(deck, rows, header, cx, room, logical)
    bstyle = deck.body_style(part)
    for grid, columns, indexes in plan:
        ph = deck.physical(logical, part, [], 0, first=not deck.titles.used.get(logical.title))
        slide = deck.write(ph, part, bstyle)
        write_table(deck, slide, grid, columns, indexes, (x, y + ph.body_push, cx), logical)
        deck.finish(slide, logical.notes)


Plan = list[tuple[Grid, list[int], list[int]]]  # per slide: the grid, its columns (of the whole table) and its rows


def one_slide(deck: Deck, rows: list[list[Para]], header: bool, width: int, room: int) -> Plan | None:
    """The whole table on one slide at the largest size (down to the minimum) at which it fits with whole words."""
    for size in deck.fitter.sizes(max(deck.body_style(deck.layouts.part("table")).size, deck.limits.body_min_pt), deck.limits.body_min_pt):
        grid = measure(deck, rows, header, width, size)
        if grid.whole_words and sum(grid.heights) <= room:
            return [(grid, list(range(len(rows[0]))), list(range(len(rows))))]
    return None


def split(deck: Deck, rows: list[list[Para]], header: bool, width: int, room, logical: Logical) -> Plan:  # type: ignore[no-untyped-def]
    """At the minimum size: the fewest column groups whose every row fits a slide (whole words if any grouping allows)."""
    floor, count = deck.limits.body_min_pt, len(rows[0])
    found: Plan | None = None
    for whole in (True, False):
        for groups in range(1, max(count, 2)):
            plan: Plan = []
            try:
                for columns in column_groups(count, groups):
                    grid = measure(deck, [[row[c] for c in columns] for row in rows], header, width, floor)
                    if whole and not grid.whole_words:
                        raise NoRoomForRow(-1)
                    plan += [(grid, columns, page) for page in pages(grid, lambda k: room(len(plan) + k))]
            except NoRoomForRow:
                continue
            found = plan
            break
        if found:
            break
    found = found or stacked(deck, rows, header, width, room)
    if found is None:
        raise ContentError(Problem(f"the table '{logical.title}' has a row too long for a slide even at {floor:g} pt: shorten its cells, or "
                                   "mark the table 'only: leaflet'", path=deck.job.folder / "document.yml",
                                   line=deck.job.document.line(logical.source), locale=deck.job.locale))
    if any(grid.key for grid, _, _ in found):
        deck.warnings.append(Problem(f"the table '{logical.title}' has rows too long for a slide even in column groups: each row is shown "
                                     "as a list of heading and cell; shorten its cells or mark it 'only: leaflet'",
                                     path=deck.job.folder / "document.yml", line=deck.job.document.line(logical.source), locale=deck.job.locale))
    elif not all(grid.whole_words for grid, _, _ in found):
        deck.warnings.append(Problem(f"the table '{logical.title}' has words wider than its columns on a slide: they are broken inside their "
                                     "cells; give the slides a table with fewer columns ('only: slides') or mark it 'only: leaflet'",
                                     path=deck.job.folder / "document.yml", line=deck.job.document.line(logical.source), locale=deck.job.locale))
    return found


def stacked(deck: Deck, rows: list[list[Para]], header: bool, width: int, room) -> Plan | None:  # type: ignore[no-untyped-def]
    """The last resort for rows taller than a slide: each row as a two-column table of (column heading, cell), a field a row."""
    names = rows[0] if header else [Para([Run(str(c + 1), bold=True)], bullet=False) for c in range(len(rows[0]))]
    plan: Plan = []
    for row in rows[1:] if header else rows:
        grid = measure(deck, [[name, cell] for name, cell in zip(names, row)], False, width, deck.limits.body_min_pt)
        grid.key = True
        try:
            plan += [(grid, [0, 1], page) for page in pages(grid, lambda k: room(len(plan) + k))]
        except NoRoomForRow:
            return None
    return plan


def write_table(deck: Deck, slide, grid: Grid, columns: list[int], indexes: list[int], at: tuple[int, int, int],  # type: ignore[no-untyped-def]
                logical: Logical) -> None:
    """A graphicFrame table of these rows at (x, y, width), columns right to left in a right-to-left deck, in the master's table style."""
    x, y, cx = at
    rtl = deck.writer.rtl
    heights = [grid.heights[r] for r in indexes]
    order = list(range(len(columns)))[::-1] if rtl else list(range(len(columns)))
    frame = slide.shapes.add_table(len(indexes), len(columns), Emu(x), Emu(y), Emu(cx), Emu(sum(heights)))
    frame.name = "Table"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", logical.title)
    tbl = frame.table
    for c, k in enumerate(order):
        tbl.columns[c].width = Emu(grid.widths[k])
    tbl.first_row = grid.header
    tbl.horz_banding = True
    key = bool(logical.table.header_column) or grid.key  # type: ignore[union-attr]
    tbl.first_col, tbl.last_col = key and not rtl, key and rtl
    tbl._tbl.tblPr.find("a:tableStyleId", NS).text = style_id(deck)
    style = cell_style(deck, grid.size)
    for i, (r, height) in enumerate(zip(indexes, heights)):
        tbl.rows[i].height = Emu(height)
        for c, k in enumerate(order):
            para, cell = grid.rows[r][k], tbl.cell(i, c)
            cell.margin_left, cell.margin_top, cell.margin_right, cell.margin_bottom = (Emu(v) for v in CELL_INSETS)
            deck.writer.paragraphs(cell.text_frame, [para], grid.size, bullets=False)
            deck.writer.spacing(cell.text_frame, style)


def style_id(deck: Deck) -> str:
    """The master's default table style (ppt/tableStyles.xml 'def'), else PowerPoint's theme-coloured Medium Style 2."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = deck.prs.part.part_related_by(RT.TABLE_STYLES)
    except KeyError:
        return MEDIUM_STYLE_2
    return etree.fromstring(part.blob).get("def") or MEDIUM_STYLE_2  # a built-in style's GUID or one the file defines
