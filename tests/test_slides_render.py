"""Render test: every word of every text frame is visible on its slide in LibreOffice's render, and inside its frame."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.render.slides_verify import check, page_words, summary, visible_share


def assert_all_visible(deck: Path, pdf: Path) -> None:
    results = check(deck, pdf)
    problems = [(r.number, r.missing, r.outside) for r in results if r.missing or r.outside]
    assert not problems, f"{deck.name}: {summary(results)}; slide, missing, outside: {problems}"
    assert sum(r.expected for r in results) > 0


def test_sample_decks_every_word_visible(sample_decks: list[Path], deck_pdfs: dict[Path, Path]) -> None:
    for deck in sample_decks:
        assert_all_visible(deck, deck_pdfs[deck])


def test_stress_deck_every_word_visible(stress_deck: Path, deck_pdfs: dict[Path, Path]) -> None:
    assert_all_visible(stress_deck, deck_pdfs[stress_deck])


@pytest.mark.parametrize("name", ["draft", "arabic"])
def test_draft_and_rtl_decks_every_word_visible(name: str, special_decks: dict[str, Path], deck_pdfs: dict[Path, Path]) -> None:
    assert_all_visible(special_decks[name], deck_pdfs[special_decks[name]])


def test_the_check_catches_overflow(overflow_deck: Path, deck_pdfs: dict[Path, Path]) -> None:
    """A deck with text off the slide and text out of its box fails the check, so a pass means something."""
    pdf = deck_pdfs[overflow_deck]
    text = " ".join(w for w, _ in page_words(pdf, 1))
    assert "bottom0" in text and "bottom119" not in text  # LibreOffice clips what runs off the slide
    (result,) = check(overflow_deck, pdf)
    assert "bottom119" in result.missing
    assert any(w.startswith("boxed") for w in result.outside)
    assert visible_share([result]) < 1.0
