"""Table slides read back with python-pptx: native tables, cells in order, continued rows and column groups, right to left."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fixtures_slides import JAPANESE, SHORT_ARABIC, arabic_texts, job_for
from pptx import Presentation

from handouts.markdown import plain

ES_TABLES = ("Qué puede comer antes de la prueba", "Horario de tomas del día anterior", "Dosis de preparación por peso y edad")


def clean(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def title(slide) -> str:  # type: ignore[no-untyped-def]
    return clean(slide.shapes.title.text_frame.text) if slide.shapes.title is not None else ""


def table_of(slide):  # type: ignore[no-untyped-def]
    frames = [sh for sh in slide.shapes if sh.has_table]
    return frames[0] if frames else None


def grid(frame) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[clean(cell.text_frame.text) for cell in row.cells] for row in frame.table.rows]


def slides_of(prs, caption: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    """The slides of one table: its caption, then '<caption> (continued ...)'."""
    return [s for s in prs.slides if title(s) == caption or title(s).startswith(caption + " (continued")]


@pytest.fixture(scope="module")
def source():  # type: ignore[no-untyped-def]
    """The print-room leaflet's three tables, as written (Markdown made plain)."""
    doc = job_for("leaflet-print", "es").document
    return [b.table for s in doc.sections for b in s.body if type(b).__name__ == "Table"]


@pytest.fixture(scope="module")
def es(table_decks: dict[str, Path]):  # type: ignore[no-untyped-def]
    return Presentation(str(table_decks["es"]))


def test_a_table_is_a_native_table_with_its_cells_in_order(es, source) -> None:  # type: ignore[no-untyped-def]
    (slide,) = slides_of(es, ES_TABLES[0])
    frame = table_of(slide)
    assert frame is not None and frame.name == "Table"
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == ES_TABLES[0]
    table = source[0]
    assert grid(frame) == [[plain(c) for c in table.columns]] + [[plain(c) for c in row] for row in table.rows]
    assert grid(frame)[3][2] == "Todo, también chicle"  # the Markdown bold is a bold run, not asterisks
    assert frame.table.first_row and frame.table.first_col and frame.table.horz_banding  # header_column: true


def test_a_long_table_continues_with_its_header_repeated(es, source) -> None:  # type: ignore[no-untyped-def]
    # -- 12 rows + a header at the 24 pt minimum are at least 13 x (1.362 x 24 + 7.2) = 519 pt: more than the 342 pt body --
    slides = slides_of(es, ES_TABLES[1])
    assert [title(s) for s in slides][:2] == [ES_TABLES[1], ES_TABLES[1] + " (continued)"]
    grids = [grid(table_of(s)) for s in slides]
    assert all(g[0] == ["Hora", "Qué hacer"] for g in grids)
    assert [row for g in grids for row in g[1:]] == [[plain(c) for c in row] for row in source[1].rows]
    assert all(not table_of(s).table.first_col for s in slides)


def test_a_wide_table_continues_in_column_groups_led_by_its_first_column(es, source) -> None:  # type: ignore[no-untyped-def]
    table = source[2]
    grids = [grid(table_of(s)) for s in slides_of(es, ES_TABLES[2])]
    assert len(grids) >= 2
    assert all(g[0][0] == "Peso" and [row[0] for row in g[1:]] == ["Menos de 50 kg", "Más de 50 kg"] for g in grids)
    assert [h for g in grids for h in g[0][1:]] == table.columns[1:]
    for r, row in enumerate(table.rows, 1):
        assert [cell for g in grids for cell in g[r][1:]] == row[1:]


def test_notes_of_a_table_slide_hold_every_cell(es, source) -> None:  # type: ignore[no-untyped-def]
    (slide,) = slides_of(es, ES_TABLES[0])
    notes = slide.notes_slide.notes_text_frame.text
    assert all(plain(cell) in notes for row in [source[0].columns, *source[0].rows] for cell in row)


def test_right_to_left_table_reads_from_the_right(table_decks: dict[str, Path]) -> None:
    doc = job_for("leaflet-print", "ar", arabic_texts("leaflet-print", SHORT_ARABIC)).document
    first = next(b.table for s in doc.sections for b in s.body if type(b).__name__ == "Table")
    prs = Presentation(str(table_decks["ar"]))
    frames = [table_of(s) for s in slides_of(prs, plain(first.caption))]
    rows = grid(frames[0])[:1] + [row for f in frames for row in grid(f)[1:]]
    expected = [[plain(c) for c in first.columns]] + [[plain(c) for c in row] for row in first.rows]
    assert [row[::-1] for row in rows] == expected  # the first column is the rightmost
    assert all(f.table.last_col and not f.table.first_col for f in frames)  # the header column is on the right
    rtl = [p._p.pPr.get("rtl") for f in frames for row in f.table.rows for c in row.cells for p in c.text_frame.paragraphs]
    assert set(rtl) == {"1"}


def test_every_master_draws_the_stress_table(master_decks: dict[str, Path]) -> None:
    """The stress document's table on every master in en, ar and ja: native tables holding every cell (long Arabic and Japanese
    cells may continue in column groups or as heading-cell pairs)."""
    cells = {}
    for locale, texts in (("en", None), ("ar", arabic_texts("slides-stress")), ("ja", arabic_texts("slides-stress", JAPANESE, 0.5))):
        doc = job_for("slides-stress", locale, texts).document
        table = next(b.table for s in doc.sections for b in s.body if type(b).__name__ == "Table")
        cells[locale] = [plain(c) for row in [table.columns, *table.rows] for c in row]
    for name, deck in master_decks.items():
        if name.endswith("-narrow"):
            continue
        frames = [table_of(s) for s in Presentation(str(deck)).slides if table_of(s) is not None]
        drawn = [cell for f in frames for row in grid(f) for cell in row]
        locale = name.rsplit("-", 1)[1]
        assert frames and set(cells[locale]) <= set(drawn), name
        if locale == "en":
            assert len(frames) == 1 and grid(frames[0])[1] == ["First week", "One capsule with breakfast", "Nothing"], name
