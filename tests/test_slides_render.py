"""Render test: every word of every text frame is visible on its slide in LibreOffice's render, and inside its frame."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from pptx import Presentation

from fixtures_slides import DECK_LOCALES, MASTER_FILES, NARROW
from slides_verify import check, page_words, summary, visible_share
from handouts.theme import BUILTIN
from conftest import SAMPLE_SOURCE

REPO = Path(__file__).resolve().parents[1]


def assert_all_visible(deck: Path, pdf: Path) -> None:
    results = check(deck, pdf)
    problems = [(r.number, r.missing, r.outside) for r in results if r.missing or r.outside]
    assert not problems, f"{deck.name}: {summary(results)}; slide, missing, outside: {problems}"
    assert sum(r.expected for r in results) > 0


def test_sample_decks_every_word_visible(sample_decks: list[Path], deck_pdfs: dict[Path, Path]) -> None:
    for deck in sample_decks:
        assert_all_visible(deck, deck_pdfs[deck])


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_table_decks_every_cell_word_visible_inside_its_cell(locale: str, table_decks: dict[str, Path], deck_pdfs: dict[Path, Path]) -> None:
    """Native tables (one slide, continued rows, an eight-column table in column groups): every cell's words inside its cell."""
    deck = table_decks[locale]
    assert any(sh.has_table for s in Presentation(str(deck)).slides for sh in s.shapes)
    assert_all_visible(deck, deck_pdfs[deck])


def test_stress_deck_every_word_visible(stress_deck: Path, deck_pdfs: dict[Path, Path]) -> None:
    assert_all_visible(stress_deck, deck_pdfs[stress_deck])


@pytest.mark.parametrize("name", ["draft", "arabic"])
def test_draft_and_rtl_decks_every_word_visible(name: str, special_decks: dict[str, Path], deck_pdfs: dict[Path, Path]) -> None:
    assert_all_visible(special_decks[name], deck_pdfs[special_decks[name]])


@pytest.mark.parametrize("name", [f"{m}-{loc}" for m in MASTER_FILES for loc in DECK_LOCALES])
def test_every_master_and_locale_every_word_visible(name: str, master_decks: dict[str, Path], deck_pdfs: dict[Path, Path]) -> None:
    """The stress document (long words, long Arabic and Japanese sentences, a 7-item agenda) on every master, in en, ar and ja."""
    assert_all_visible(master_decks[name], deck_pdfs[master_decks[name]])


@pytest.mark.parametrize("name", [f"{m}-{loc}" for m in NARROW for loc in DECK_LOCALES])
def test_safety_margin_holds_at_97_percent_width(name: str, master_decks: dict[str, Path], deck_pdfs: dict[Path, Path]) -> None:
    """Every text frame made 3% narrower (a renderer that sets text wider than LibreOffice): every word still inside its frame."""
    narrow = master_decks[f"{name}-narrow"]
    assert_all_visible(narrow, deck_pdfs[narrow])


def test_clinic_master_spacing_is_measured(spaced_deck: Path, stress_deck: Path, deck_pdfs: dict[Path, Path]) -> None:
    """A clinic master's line and paragraph spacing count when text is fitted: more slides, every word still visible."""
    assert len(Presentation(str(spaced_deck)).slides) > len(Presentation(str(stress_deck)).slides)
    assert_all_visible(spaced_deck, deck_pdfs[spaced_deck])


def test_the_check_catches_overflow(overflow_deck: Path, deck_pdfs: dict[Path, Path]) -> None:
    """A deck with text off the slide and text out of its box fails the check, so a pass means something."""
    pdf = deck_pdfs[overflow_deck]
    text = " ".join(w for w, _ in page_words(pdf, 1))
    assert "bottom0" in text and "bottom119" not in text  # LibreOffice clips what runs off the slide
    (result,) = check(overflow_deck, pdf)
    assert "bottom119" in result.missing
    assert any(w.startswith("boxed") for w in result.outside)
    assert visible_share([result]) < 1.0


def fonts_used(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in out if line.strip()}


def test_libreoffice_renders_with_the_measured_fonts(sample_decks: list[Path], special_decks: dict[str, Path], deck_pdfs: dict[Path, Path]) -> None:
    """The render uses Noto Sans (and Noto Sans Arabic), the fonts the deck was measured with; a fallback font
    draws only punctuation that Noto Sans Arabic lacks in right-to-left text, which the measurement counts as 1 em."""
    english = next(d for d in sample_decks if d.name.endswith(f".{SAMPLE_SOURCE}.pptx"))
    assert {f.split("-")[0] for f in fonts_used(deck_pdfs[english])} == {"NotoSans"}
    arabic = deck_pdfs[special_decks["arabic"]]
    assert {"NotoSans", "NotoSansArabic"} <= {f.split("-")[0] for f in fonts_used(arabic)}
    arabic_font = TTFont(BUILTIN / "fonts" / "NotoSansArabic-Regular.ttf").getBestCmap()
    with pdfplumber.open(arabic) as pdf:
        others = {c["text"] for page in pdf.pages for c in page.chars if "NotoSans" not in c["fontname"]}
    assert all(unicodedata.category(ch)[0] in "PS" and ord(ch) not in arabic_font for text in others for ch in text), others


@pytest.mark.parametrize("name", [f"{m}-{loc}" for m in MASTER_FILES for loc in DECK_LOCALES])
def test_no_text_is_left_out(name: str, master_decks: dict[str, Path]) -> None:
    """Every key point and every contact line reaches a slide, on every master (text that does not fit continues, never vanishes)."""
    from handouts.build import load_project
    from handouts.markdown import plain

    from fixtures_slides import DATA

    doc = next(iter(load_project(DATA / "slides-stress").documents.values()))
    prs = Presentation(str(master_decks[name]))
    text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf").replace("\n", " ")
    wanted = [doc.meta.url, doc.meta.contact.email, doc.meta.contact.phone]
    if name.endswith("-en"):
        wanted += [plain(k) for s in doc.sections for k in s.key_points]
    assert [w for w in wanted if not in_order(w.split(), text)] == []


def in_order(words: list[str], text: str) -> bool:
    """True when the words occur in text in this order (a long point may continue on the next slide, after its title)."""
    at = 0
    for word in words:
        at = text.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True
