"""Tables, papers side by side, booklets: what the print room and a reader check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import copy_project
from fixtures_leaflet import structure

from handouts.build import BuildOptions, build, load_project
from handouts.errors import HandoutsError
from handouts.render.leaflet.products import paper_name, spreads

MM = 72 / 25.4


def _load_error(tmp_path: Path, table: dict) -> list:
    def edit(doc: dict) -> None:
        doc["sections"][0]["body"].append({"table": table})

    root = copy_project("leaflet-print", tmp_path, document=edit)
    with pytest.raises(HandoutsError) as exc:
        load_project(root)
    return exc.value.problems


def test_table_cells_and_caption_are_translation_segments(tmp_path: Path) -> None:
    doc = next(iter(load_project(copy_project("leaflet-print", tmp_path)).documents.values()))
    segs = {s.context: s for s in doc.segments()}
    assert segs["before.body.1.table.caption"].text == "Qué puede comer antes de la prueba"
    assert segs["before.body.1.table.columns.2"].text == "Evite"
    cell = segs["before.body.1.table.rows.2.2"]
    assert cell.text == "**Todo**, también chicle" and cell.line == 36
    assert segs["schedule.body.0.table.rows.0.0"].text == "08:00"  # a time stays text as written


@pytest.mark.parametrize(("table", "words"), [
    ({"caption": "C", "columns": ["A", "B"], "rows": [["1", "2", "3"]]}, "row 1 has 3 cells, more than the 2 columns"),
    ({"caption": "C", "columns": ["A", "B"], "rows": []}, "the table has no rows"),
    ({"columns": ["A", "B"], "rows": [["1", "2"]]}, "a table needs a caption"),
    ({"caption": "C", "rows": [["1"]]}, "needs its column headings"),
])
def test_bad_tables_are_content_errors_at_their_line(tmp_path: Path, table: dict, words: str) -> None:
    problems = _load_error(tmp_path, table)
    assert len(problems) == 1
    assert words in problems[0].message
    assert problems[0].line and str(problems[0].path).endswith("document.yml")
    assert problems[0].key.startswith("sections.0.body.4.table")


def test_tables_are_tagged_with_header_scopes(print_build: tuple[Path, list]) -> None:
    out, _ = print_build
    s = structure(out / "leaflet-print/es/leaflet-print.es.pdf")
    tables = [e for e in s["elements"] if str(e.S) == "/Table"]
    data = [t for t in tables if any(str(k.S) == "/Caption" for k in s["kids"](t) if "/S" in k)]
    assert len(data) == 3  # the three data tables have captions; contact and document control do not
    scopes = [str(e.A.Scope) for e in s["elements"] if str(e.S) == "/TH"]
    # 3 + 2 + 8 column headings; 3 row headings (header_column); 4 + 7 row headings in contact and document control
    assert scopes.count("/Column") == 13
    assert scopes.count("/Row") >= 3 + 4


def test_wide_table_wraps_inside_the_page_on_a5_large_print(print_build: tuple[Path, list]) -> None:
    out, _ = print_build
    path = out / "leaflet-print/es/leaflet-print.es.large-print.a5.pdf"
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:  # inside the 13 mm side margins, give or take a cell's padding
            assert all(10 * MM <= c["x0"] and c["x1"] <= page.width - 10 * MM for c in page.chars), page.page_number
    s = structure(path)
    heads = [e for e in s["elements"] if str(e.S) == "/THead"]
    widths = sorted(len([k for k in s["kids"](s["kids"](h)[0])]) for h in heads)
    assert widths == [2, 3, 8]  # every table's heading row is printed and tagged, the 8-column one too


def test_papers_coexist_with_their_names_sizes_and_manifest(print_build: tuple[Path, list]) -> None:
    out, artifacts = print_build
    names = {a.path.rsplit("/", 1)[1]: a for a in artifacts}
    sizes = {"leaflet-print.es.pdf": (595, 842), "leaflet-print.es.a5.pdf": (420, 595), "leaflet-print.es.letter.pdf": (612, 792)}
    for name, size in sizes.items():
        assert names[name].paper == {"595": "A4", "420": "A5", "612": "Letter"}[str(size[0])]
        with pdfplumber.open(out / "leaflet-print/es" / name) as pdf:
            assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == size
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {Path(a["path"]).name: a for a in manifest["artifacts"]} if isinstance(manifest, dict) else {Path(a["path"]).name: a for a in manifest}
    assert listed["leaflet-print.es.a5.booklet.pdf"]["variant"] == "booklet"
    assert listed["leaflet-print.es.large-print.a5.booklet.pdf"]["variant"] == "large-print-booklet"
    assert listed["leaflet-print.es.letter.pdf"]["paper"] == "Letter"


def test_spreads_are_in_saddle_stitch_order() -> None:
    # 8 pages on 2 sheets, worked out with a folded paper dummy
    assert spreads(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert spreads(8, rtl=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]
    assert spreads(4) == [(4, 1), (2, 3)]


def _page_number(page: pdfplumber.page.Page, left: bool) -> int | None:
    half = page.crop((0, 0, page.width / 2, page.height) if left else (page.width / 2, 0, page.width, page.height))
    import re

    found = re.search(r"Página (\d+) de", half.extract_text() or "") or re.search(r"Page (\d+) of", half.extract_text() or "")
    return int(found.group(1)) if found else None


@pytest.mark.parametrize(("name", "sheet"), [("leaflet-print.es.a5.booklet.pdf", (842, 595)), ("leaflet-print.es.letter.booklet.pdf", (1224, 792))])
def test_booklet_sheets_hold_pages_in_printers_spreads(print_build: tuple[Path, list], name: str, sheet: tuple[int, int]) -> None:
    out, artifacts = print_build
    leaflet = out / "leaflet-print/es" / name.replace(".booklet", "")
    with pdfplumber.open(leaflet) as pdf:
        pages = len(pdf.pages)
        printed = sum(1 for p in pdf.pages if p.chars)  # blank pages are added at the end only
        assert all(p.chars for p in pdf.pages[:printed]) and not any(p.chars for p in pdf.pages[printed:])
    assert pages % 4 == 0
    with pdfplumber.open(out / "leaflet-print/es" / name) as pdf:
        assert len(pdf.pages) == pages // 2
        assert all((round(p.width), round(p.height)) == sheet for p in pdf.pages)
        sides = [(_page_number(p, True), _page_number(p, False)) for p in pdf.pages]
    seen = [n for side in sides for n in side if n is not None]
    assert sorted(seen) == list(range(1, printed + 1))
    assert sides[0][1] == 1 and sides[1][0] == 2  # first sheet: page 1 on the front's right, page 2 on the back's left
    for left, right in sides:  # facing pages of a saddle-stitched booklet add up to pages + 1
        if left and right:
            assert left + right == pages + 1


def test_unknown_paper_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    root = copy_project("leaflet-print", tmp_path)
    run = subprocess.run([sys.executable, "-m", "handouts", "build", "--project", str(root), "--paper", "A4,Leter", "--no-check"], capture_output=True, text=True)
    assert run.returncode == 2
    assert "unknown paper 'Leter'" in run.stderr and "did you mean Letter?" in run.stderr and "Traceback" not in run.stderr
    assert not (root / "output").exists()
    assert paper_name("letter") == "Letter"


ADDRESSES = ("endoscopy.appointments@riverside-hospital.example.org",
             "https://leaflets.riverside-hospital.example.org/endoscopy/colonoscopy-preparation-instructions")


@pytest.mark.parametrize("name", ["leaflet-print.es.large-print.a5.pdf", "leaflet-print.es.a5.pdf", "leaflet-print.es.pdf"])
def test_addresses_break_only_after_slash_dot_at_hyphen(print_build: tuple[Path, list], name: str) -> None:
    out, _ = print_build
    with pdfplumber.open(out / "leaflet-print/es" / name) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "\u200b" not in text and "\u00ad" not in text
    breaks = 0
    for address in ADDRESSES:
        import re

        # -- a break may put a label of the box's other column (e.g. "Correo\nelectrónico") at the start of the next line --
        pattern = r"(?:\n(?:[^\s@/.]+ )?)?".join(re.escape(ch) for ch in address)
        found = [m.group(0) for m in re.finditer(pattern, text)]
        assert len(found) >= 2, address  # in the text and in the contact box or online box
        for match in found:
            for at in [i for i, ch in enumerate(match) if ch == "\n"]:
                assert match[at - 1] in "/.@-", (name, match)
                breaks += 1
    if "large-print.a5" in name:
        assert breaks >= 2  # long addresses do wrap on a narrow page


def test_large_print_edition_does_not_offer_large_print(print_build: tuple[Path, list]) -> None:
    out, _ = print_build
    offer = "disponible en letra grande"  # -- the project's source locale is es: its template words are Spanish --
    for name, offered in (("leaflet-print.es.pdf", True), ("leaflet-print.es.large-print.pdf", False)):
        with pdfplumber.open(out / "leaflet-print/es" / name) as pdf:
            text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
        assert (offer in text) is offered, name


def test_print_marks_add_bleed_and_a_print_file(tmp_path: Path) -> None:
    from handouts.build import BuildOptions, build

    root = copy_project("leaflet-print", tmp_path)
    report = build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False, papers=["A5"], print_marks=True))
    (artifact,) = report.artifacts
    assert artifact.path.endswith("leaflet-print.es.a5.print.pdf")
    import pikepdf

    pdf = pikepdf.open(tmp_path / "out" / artifact.path)
    page = pdf.pages[0]
    media, trim = [float(v) for v in page.MediaBox], [float(v) for v in page.TrimBox]
    assert round((media[2] - media[0]) - (trim[2] - trim[0])) == round(6 * MM)  # 3 mm bleed each side
    assert round(trim[2] - trim[0]) == 420  # the A5 page itself


def test_a_table_never_drops_text_from_the_deck(tmp_path: Path) -> None:
    from pptx import Presentation

    from handouts.build import BuildOptions, build

    root = copy_project("leaflet-print", tmp_path)
    report = build(root, BuildOptions(out=tmp_path / "out", formats=["pptx"], check=False))
    deck = Presentation(str(tmp_path / "out" / report.artifacts[0].path))
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide)
    for words in ("Qué puede comer antes de la prueba", "Día: El día anterior", "Evite: Leche y zumos con pulpa", "Hidroclorotiazida-dependiente"):
        assert words in notes


def test_contact_and_online_boxes_are_never_split_across_pages(print_build: tuple[Path, list]) -> None:
    out, _ = print_build
    for path in sorted((out / "leaflet-print/es").glob("*.pdf")):
        if path.name.endswith(".booklet.pdf"):
            continue
        with pdfplumber.open(path) as pdf:
            texts = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
        for first, last in (("¿Tiene preguntas? Contacte con nosotros", "18:00"), ("Lea este folleto en internet", "instructions")):
            pages = [i for i, t in enumerate(texts) if first in t]
            assert len(pages) == 1 and last in texts[pages[0]].split(first, 1)[1], (path.name, first)


def test_long_table_repeats_its_heading_row_as_an_artifact(tmp_path: Path) -> None:
    def edit(doc: dict) -> None:
        rows = [[f"{h:02d}:00", f"Tome un vaso de agua número {h}"] for h in range(40)]
        doc["sections"][0]["body"].append({"table": {"caption": "Horario largo", "columns": ["Hora", "Qué hacer"], "rows": rows}})

    root = copy_project("leaflet-print", tmp_path, document=edit)
    build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False, papers=["A5"]))
    path = tmp_path / "out/leaflet-print/es/leaflet-print.es.a5.pdf"
    with pdfplumber.open(path) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    holding = [n for n, t in enumerate(texts) if "Tome un vaso de agua" in t]
    assert len(holding) >= 2  # the table crosses a page
    for n in holding:  # every part of the table starts with its heading row, above its first row
        lines = texts[n].splitlines()
        first_row = next(i for i, line in enumerate(lines) if "Tome un vaso de agua" in line)
        assert any(line.startswith("Hora Qué hacer") for line in lines[:first_row]), n
    s = structure(path)
    assert len([e for e in s["elements"] if str(e.S) == "/THead"]) == 3 + 1  # the fixture's three tables and this one: one THead each
    ths = [e for e in s["elements"] if str(e.S) == "/TH" and str(e.A.Scope) == "/Column"]
    assert len(ths) == 13 + 2  # the fixture's 13 column headings + these 2, printed on every page but tagged once
    assert s["marked"] == s["in_tree"] and not s["in_artifact"]  # the repeated rows are artifacts, outside the tree
