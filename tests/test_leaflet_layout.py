"""Pages that fill: no page but the last is left part empty by a block that could split or move (read from the real PDFs)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from fixtures_leaflet import page_fills

FILLED = 0.7
LOCALES = ["en-GB", "es", "pl", "ar"]
PAPERS = ["A4", "A5", "Letter"]


def _name(doc: str, locale: str, paper: str, variant: str) -> str:
    parts = [locale] + (["large-print"] if variant == "large-print" else []) + ([paper.lower()] if paper != "A4" else [])
    return f"{doc}." + ".".join(parts) + ".pdf"


def _assert_filled(path: Path) -> None:
    fills = page_fills(path)
    short = [(n, f"{f.fill:.0%}") for n, f in enumerate(fills[:-1], start=1) if f.fill < FILLED and not f.next_unit_too_tall]
    assert not short, f"{path.name}: pages under {FILLED:.0%} full whose next block could have split or moved: {short}"


@pytest.fixture(scope="session")
def fill_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """leaflet-fill (other section lengths than the sample, a 12-row table, long names and addresses) on every paper, standard and large print."""
    from conftest import copy_project

    from handouts.build import BuildOptions, build

    base = tmp_path_factory.mktemp("leaflet-fill")
    build(copy_project("leaflet-fill", base), BuildOptions(out=base / "out", formats=["pdf"], check=False, large_print=True, papers=PAPERS))
    return base / "out/leaflet-fill/en-GB"


@pytest.mark.parametrize("variant", ["standard", "large-print"])
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_but_the_last_is_filled(sample_papers: Path, locale: str, paper: str, variant: str) -> None:
    _assert_filled(sample_papers / locale / _name("isotretinoin-40mg", locale, paper, variant))


@pytest.mark.parametrize("variant", ["standard", "large-print"])
@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_but_the_last_is_filled_in_another_document(fill_build: Path, paper: str, variant: str) -> None:
    _assert_filled(fill_build / _name("leaflet-fill", "en-GB", paper, variant))


def test_a_split_box_says_continued_on_its_second_part_only_and_as_an_artifact(fill_build: Path) -> None:
    # large print on A5: the contact box (a long name, e-mail address, hours and address) is taller than half a page
    path = fill_build / _name("leaflet-fill", "en-GB", "A5", "large-print")
    with pdfplumber.open(path) as pdf:
        pages = [(p.extract_text() or "", p) for p in pdf.pages]
        starts = [i for i, (text, _) in enumerate(pages) if "Questions? Contact us" in text]
        assert len(starts) == 1
        first, second = pages[starts[0]], pages[starts[0] + 1]
        assert "(continued)" not in first[0] and "Address" not in first[0]  # the box split between its rows
        assert "(continued)" in second[0] and "Address" in second[0]
        label = [c for c in second[1].chars if c["text"] == "("]
        assert label and all(c.get("tag") == "Artifact" for c in label)  # decoration: a screen reader reads the box once
        words = second[1].extract_words()
        continued = next(w for w in words if w["text"].startswith("(continued"))
        assert continued["top"] < min(w["top"] for w in words if w["text"] == "Address")  # on the top edge of the part


def test_key_points_split_with_at_least_two_points_on_each_side() -> None:
    # the leaflet stylesheet, a key-points box of five points pushed down line by line: wherever it splits, a page
    # holds at least two of its points (a split after the first point leaves one bullet alone at a page bottom)
    from weasyprint import CSS, HTML

    from handouts.render.leaflet.layout import _descendants

    css = CSS(filename=str(Path(__file__).parents[1] / "src/handouts/templates/leaflet/leaflet.css"))
    points = "".join(f"<li>Point {n}: a line of text that wraps onto a second line in this narrow page</li>" for n in range(1, 6))
    splits = set()
    for lines in range(0, 24):
        html = ("<style>@page{size:A7;margin:8mm}</style>" + "<p>filler line</p>" * lines
                + f'<div class="key-points" style="break-inside:auto"><h3>Key points</h3><ul>{points}</ul></div>')
        pages = HTML(string=html).render(stylesheets=[css]).pages
        counts = [len({id(b.element) for b in _descendants(p._page_box) if b.element_tag == "li" and b.element is not None
                       and (b.element.text or "").startswith("Point")}) for p in pages]
        parts = [c for c in counts if c]
        if len(parts) > 1:
            splits.add(tuple(parts))
            assert min(parts) >= 2, f"{lines} filler lines: points per page {parts}"
    assert splits  # the box did split at some filler height (not only moved on whole)


def test_fill_reads_a_half_empty_page(tmp_path: Path) -> None:
    from weasyprint import HTML

    html = ("<style>@page{size:A6;margin:10mm;@bottom-left{content:'x';border-top:1pt solid}}p{margin:0;line-height:20pt;font-size:10pt}"
            ".box{break-before:page;border:1pt solid;height:60mm}</style>" + "<p>line</p>" * 5 + "<div class=box><h2>Heading</h2></div><p>end</p>")
    path = tmp_path / "half.pdf"
    HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1")
    fills = page_fills(path)
    # A6 is 148 mm high: 128 mm of content; five 20 pt lines = 100 pt = 35.3 mm -> 28% (glyph bottoms sit a little higher)
    assert 0.24 < fills[0].fill < 0.29
    assert len(fills) == 2


def test_a_figure_that_does_not_fit_moves_after_the_text_that_follows_it(tmp_path: Path) -> None:
    from conftest import copy_project
    from PIL import Image

    from handouts.build import BuildOptions, build

    sentence = "Este párrafo explica con calma lo que tiene que hacer en casa antes de la prueba. "

    def edit(doc: dict) -> None:
        doc["sections"].insert(0, {"id": "figure", "heading": "Una figura", "body": [
            {"text": (sentence * 10)[:820]},  # page 1 about two thirds full: the 90 mm picture does not fit below
            {"image": {"src": "tall.png", "alt": "Un sobre", "caption": "El sobre.", "width": "full"}},
            {"text": "Texto que sigue a la figura. " + sentence * 36}]})

    root = copy_project("leaflet-print", tmp_path, document=edit)
    Image.new("RGB", (600, 800), (40, 90, 160)).save(root / "content/leaflet-print/tall.png")
    build(root, BuildOptions(out=tmp_path / "out", formats=["pdf"], check=False))
    path = tmp_path / "out/leaflet-print/es/leaflet-print.es.pdf"
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        first, later = pdf.pages[0], pdf.pages[1:]
        assert "Texto que sigue a la figura" in (first.extract_text() or "")  # the text after the figure fills page 1
        assert not first.images and any(p.images for p in later)  # the figure moved on, it was not dropped
    assert page_fills(path)[0].fill >= FILLED
