"""What a reader gets in each locale: the built leaflets and decks carry the catalog's text, direction, fonts and marks."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from fixtures_i18n import SAMPLE_DOC, TARGETS
from pptx import Presentation
from pypdf import PdfReader

from handouts.config import load_config
from handouts.content import load_document
from handouts.i18n import translation_report
from handouts.markdown import plain
from conftest import SAMPLE_SOURCE

# English words that never belong in a Spanish, Polish or Arabic leaflet (names excepted).
ENGLISH = {"the", "and", "your", "you", "with", "of", "for", "is", "it", "page", "key", "points", "questions",
           "warning", "important", "draft", "translation", "continued", "agenda", "review", "version"}
DRAFT = {"es": "TRADUCCIÓN PROVISIONAL", "pl": "PROJEKT TŁUMACZENIA", "ar": "مسودة ترجمة"}


def _norm(text: str) -> str:
    # NFKC folds Arabic presentation forms (ligatures); marks (harakat) are dropped on both sides.
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf"))  # marks, bidi controls, ZWSP


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _norm(text).lower())


def _arabic_key(word: str) -> str:
    # The PDF's ToUnicode maps the final alef glyph after tanween to "لا" (a WeasyPrint extraction
    # artifact, invisible in print): compare Arabic words without lam and alef.
    return re.sub("[\u0644\u0627]", "", word) or word


def _pdf(out: Path, locale: str) -> Path:
    return out / SAMPLE_DOC / locale / f"{SAMPLE_DOC}.{locale}.pdf"


def _deck(out: Path, locale: str) -> Path:
    return out / SAMPLE_DOC / locale / f"{SAMPLE_DOC}.{locale}.pptx"


def _pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def _slides(path: Path) -> list[str]:
    return ["\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame) for slide in Presentation(str(path)).slides]


def _states(repo: Path, locale: str):  # type: ignore[no-untyped-def]
    config = load_config(repo)
    folder = (repo / "content" / SAMPLE_DOC).resolve()
    doc = load_document(folder, config)
    return doc, translation_report(doc, locale, config, folder)


def _shown_in(doc, only: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Contexts of segments that the leaflet (or the deck) shows."""
    hidden = set()
    for s in doc.sections:
        for bi, b in enumerate(s.body):
            if b.only and b.only != only:
                hidden.add(f"{s.id}.body.{bi}.")
    return {seg.context for seg in doc.segments() if not any(seg.context.startswith(h) for h in hidden)}


@pytest.mark.parametrize("locale", TARGETS)
def test_leaflet_text_is_the_catalog_translation(sample_out: Path, repo: Path, locale: str) -> None:
    doc, states = _states(repo, locale)
    key = _arabic_key if locale == "ar" else str
    pdf_words = Counter(key(w) for w in _words(" ".join(_pdf_pages(_pdf(sample_out, locale)))))
    leaflet = _shown_in(doc, "leaflet")
    wanted = Counter(key(w) for s in states if s.context in leaflet for w in _words(plain(s.text or "")))
    found = sum(min(n, pdf_words[w]) for w, n in wanted.items())
    assert found / sum(wanted.values()) >= 0.97, [w for w in wanted if w not in pdf_words][:20]
    headings = [plain(s.text or "") for s in states if s.context.endswith(".heading")]
    flat = _norm(" ".join(" ".join(_pdf_pages(_pdf(sample_out, locale))).split()))
    if locale != "ar":  # Arabic lines are extracted in visual order; words are checked above
        for h in headings:
            assert _norm(h) in flat, h


@pytest.mark.parametrize("locale", TARGETS)
def test_no_english_left_in_leaflet_or_deck(sample_out: Path, locale: str) -> None:
    for text in [*_pdf_pages(_pdf(sample_out, locale)), *_slides(_deck(sample_out, locale))]:
        left = set(_words(text)) & ENGLISH
        assert not left, (locale, left, text[:200])


@pytest.mark.parametrize("locale", TARGETS)
def test_deck_text_is_the_catalog_translation(sample_out: Path, repo: Path, locale: str) -> None:
    doc, states = _states(repo, locale)
    slides = _slides(_deck(sample_out, locale))
    deck_text = _norm(" ".join(" ".join(slides).split()))
    by = {s.context: s for s in states}
    assert _norm(plain(by["meta.title"].text or "")) in deck_text
    for section in doc.sections:
        assert _norm(plain(by[f"{section.id}.heading"].text or "")) in deck_text, section.id
        for i, _ in enumerate(section.key_points):
            assert _norm(plain(by[f"{section.id}.key_points.{i}"].text or "")) in deck_text, (section.id, i)


@pytest.mark.parametrize("locale", [SAMPLE_SOURCE, *TARGETS])
def test_pdf_lang_matches_locale(sample_out: Path, locale: str) -> None:
    reader = PdfReader(_pdf(sample_out, locale))
    assert str(reader.trailer["/Root"]["/Lang"]) == locale


def test_arabic_leaflet_is_right_aligned_with_arabic_font(sample_out: Path) -> None:
    path = _pdf(sample_out, "ar")
    fonts = set()
    reader = PdfReader(path)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            if "/FontFile2" in descendant["/FontDescriptor"] or "/FontFile3" in descendant["/FontDescriptor"]:
                fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert "Noto-Sans-Arabic" in fonts
    rights, lefts = _line_edges(path, arabic=True)
    # lines end on a few right edges (body, list items, boxes) and start wherever the text runs out
    assert len(rights) >= 15
    assert _share_on_edges(rights) >= 0.85
    assert _share_on_edges(lefts) < 0.5
    es_rights, es_lefts = _line_edges(_pdf(sample_out, "es"), arabic=False)
    assert _share_on_edges(es_lefts) >= 0.85 and _share_on_edges(es_rights) < 0.5


def _line_edges(path: Path, arabic: bool) -> tuple[list[float], list[float]]:
    """Left and right x of each body text line (at least 100 pt wide) on page 2."""
    script = "[\u0600-\u06ff]" if arabic else "[a-zñáéíóú]"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[1]
        lines: dict[int, list[dict]] = {}
        for w in page.extract_words():
            if re.search(script, w["text"]) and 80 < w["top"] < page.height - 100:
                lines.setdefault(round(w["top"]), []).append(w)
    spans = [(min(w["x0"] for w in ws), max(w["x1"] for w in ws)) for ws in lines.values()]
    spans = [(a, b) for a, b in spans if b - a > 100]
    return [b for _, b in spans], [a for a, _ in spans]


def _share_on_edges(xs: list[float], edges: int = 3) -> float:
    """Share of values within 2 pt of the `edges` most common positions."""
    common = [x for x, _ in Counter(round(x) for x in xs).most_common(edges)]
    return sum(1 for x in xs if any(abs(x - c) <= 2 for c in common)) / len(xs)


def test_arabic_deck_paragraphs_are_rtl(sample_out: Path) -> None:
    deck = Presentation(str(_deck(sample_out, "ar")))
    arabic = rtl = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for para in shape.text_frame.paragraphs:
                if re.search("[\u0600-\u06ff]", para.text):
                    arabic += 1
                    ppr = para._p.pPr
                    rtl += ppr is not None and ppr.get("rtl") == "1"
    assert arabic > 30 and rtl == arabic
    for locale in ("es", "pl"):
        for slide in Presentation(str(_deck(sample_out, locale))).slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    assert all(p._p.pPr is None or p._p.pPr.get("rtl") != "1" for p in shape.text_frame.paragraphs)


def test_manifest_records_translation_status(sample_report) -> None:  # type: ignore[no-untyped-def]
    status = {(a.locale, a.format, a.variant): a.translation for a in sample_report.artifacts}
    for locale in TARGETS:
        assert status[(locale, "pdf", "standard")] == "current"
        assert status[(locale, "pptx", "standard")] == "current"
    assert status[(SAMPLE_SOURCE, "pdf", "standard")] == "source"


def test_leaflet_footer_names_source_version_and_not_reviewed(sample_out: Path) -> None:
    pages = _pdf_pages(_pdf(sample_out, "es"))
    text = " ".join(" ".join(pages).split())
    assert "Traducido de la versión original 1.0" in text or "Basada en la versión original 1.0" in text
    assert "sin revisar" in text


def test_draft_build_marks_every_page_and_slide(stale_draft) -> None:  # type: ignore[no-untyped-def]
    out, report = stale_draft
    assert {a.translation for a in report.artifacts} == {"draft"}
    for locale in TARGETS:
        pages = _pdf_pages(_pdf(out, locale))
        assert pages and all(_norm(DRAFT[locale]) in _norm(p) for p in pages), locale
        slides = _slides(_deck(out, locale))
        assert slides and all(_norm(DRAFT[locale]) in _norm(s) for s in slides), locale
        # the stale segment shows the new English source, never the old translation with the old figure
        text = " ".join(" ".join(pages).split())
        assert "16 to 24 weeks" in text


@pytest.mark.parametrize("locale", TARGETS)
def test_translated_decks_show_every_word(sample_out: Path, deck_pdfs, locale: str) -> None:  # type: ignore[no-untyped-def]
    from slides_verify import check, visible_share

    deck = _deck(sample_out, locale)
    results = check(deck, deck_pdfs[deck])
    assert visible_share(results) == 1.0, [(r.number, r.missing[:5]) for r in results if r.missing]
