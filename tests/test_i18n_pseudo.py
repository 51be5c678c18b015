"""Pseudo-locales build a leaflet and a deck whose every word stays visible despite ~40% longer or right-to-left text."""

from __future__ import annotations

import re
from pathlib import Path

from fixtures_i18n import PSEUDO_LOCALES, SAMPLE_DOC
from pptx import Presentation
from pypdf import PdfReader

from handouts.i18n import pseudo_text
from slides_verify import check, visible_share


def _artifact(out: Path, locale: str, ext: str) -> Path:
    return out / SAMPLE_DOC / locale / f"{SAMPLE_DOC}.{locale}.{ext}"


def test_pseudo_leaflets_and_decks_build_as_drafts(pseudo_out) -> None:  # type: ignore[no-untyped-def]
    out, report = pseudo_out
    assert {(a.locale, a.format) for a in report.artifacts} == {(loc, fmt) for loc in PSEUDO_LOCALES for fmt in ("pdf", "pptx", "html")}
    assert {a.translation for a in report.artifacts} == {"draft"}
    en_pages = None
    for locale in PSEUDO_LOCALES:
        pages = [p.extract_text() for p in PdfReader(_artifact(out, locale, "pdf")).pages]
        text = " ".join(pages)
        assert "40" in text and not re.search(r"\b(the|and|your|with)\b", text)
        mark = pseudo_text("DRAFT TRANSLATION", locale)
        assert all(mark.split()[0] in p for p in pages), locale
        slides = Presentation(str(_artifact(out, locale, "pptx"))).slides
        assert len(slides) >= 10
        if locale == "x-pseudo":
            en_pages = len(pages)
            assert "Ííšóóţŕééţííñóóííñ" in text
    assert en_pages and en_pages >= 5


def test_pseudo_decks_show_every_word(pseudo_out, pseudo_deck_pdfs) -> None:  # type: ignore[no-untyped-def]
    out, _ = pseudo_out
    for locale in PSEUDO_LOCALES:
        deck = _artifact(out, locale, "pptx")
        results = check(deck, pseudo_deck_pdfs[deck])
        missing = [(r.number, r.missing[:5]) for r in results if r.missing]
        assert visible_share(results) == 1.0, (locale, missing)
