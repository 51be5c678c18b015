"""A booklet's padding: a Notes page in the leaflet's language, then blank pages, never inside the text."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import JOBS, REPO
from fixtures_leaflet import flat, page_texts

from handouts.build import BuildOptions, build

NOTES = {"en-GB": "Notes", "es": "Notas", "pl": "Notatki", "ar": "ملاحظات"}  # the template catalogs' words


@pytest.fixture(scope="session")
def sample_booklets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's A5 leaflets padded for booklets (and their booklets), every locale."""
    out = tmp_path_factory.mktemp("sample-booklets")
    build(REPO, BuildOptions(out=out, formats=["pdf"], check=False, papers=["A5"], booklet=True, use_cache=False, jobs=JOBS))
    return out / "isotretinoin-40mg"


@pytest.mark.parametrize("locale", list(NOTES))
def test_padding_is_a_notes_page_then_blank_pages(sample_booklets: Path, sample_papers: Path, locale: str) -> None:
    name = f"isotretinoin-40mg.{locale}.a5.pdf"
    text = page_texts(sample_papers / locale / name)  # the same leaflet without padding
    padded = page_texts(sample_booklets / locale / name)
    assert len(padded) % 4 == 0
    count = re.compile(rf"\b({len(text)}|{len(text) + 1})\b")  # "Page 3 of 11" becomes "of 12" with a Notes page
    assert [count.sub("N", flat(t)) for t in padded[:len(text)]] == [count.sub("N", flat(t)) for t in text]  # the text is untouched
    extra = padded[len(text):]
    if len(text) % 4 == 0:
        assert not extra
        assert not any(NOTES[locale] in t.splitlines() for t in padded)
        return
    lines = [line.strip() for line in extra[0].splitlines()]
    assert NOTES[locale] in lines or NOTES[locale][::-1] in lines  # its own line (pdfplumber gives Arabic in visual order)
    assert all(not t.strip() for t in extra[1:])  # blank pages only after the Notes page
    assert _ruled_lines(sample_booklets / locale / name, len(text) + 1) >= 10  # lines to write on, drawn (a CSS background)


def _ruled_lines(path: Path, page: int) -> int:
    """Rows of the rendered page (pdftoppm, 50 dpi) that are mostly ink across the text width: the ruled lines."""
    import subprocess
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", str(page), "-l", str(page), "-gray", str(path), f"{tmp}/p"], check=True)
        image = Image.open(next(Path(tmp).glob("p*.png"))).convert("L")
        width, height = image.size
        pixels = image.load()
        rows = [y for y in range(height) if sum(pixels[x, y] < 200 for x in range(width)) > 0.6 * width]
    return sum(1 for i, y in enumerate(rows) if i == 0 or y != rows[i - 1] + 1)  # runs of adjacent rows count once

def test_booklet_of_a_leaflet_with_a_notes_page_is_whole(sample_booklets: Path) -> None:
    for locale in NOTES:
        leaflet = sample_booklets / locale / f"isotretinoin-40mg.{locale}.a5.pdf"
        with pdfplumber.open(leaflet) as pdf, pdfplumber.open(leaflet.with_suffix(".booklet.pdf")) as sheets:
            assert len(sheets.pages) * 2 == len(pdf.pages)
