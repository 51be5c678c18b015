"""The wording model: its n-grams and score computed by hand, the packaged models, and the gate that keeps it off leaflet text."""

from __future__ import annotations

import importlib
import math

import pytest

from handouts.checks.promotion import detector, model
from handouts.checks.promotion.model import Model, ngrams

LANGS = ["ar", "de", "en", "es", "fr", "pl", "uk"]


def test_ngrams_of_each_padded_folded_word() -> None:
    # " buy " (5 characters) and " it " (4): every 2..5-gram inside each, counted by hand
    assert ngrams("BUY it") == [" b", "bu", "uy", "y ", " bu", "buy", "uy ", " buy", "buy ", " buy ",
                                " i", "it", "t ", " it", "it ", " it "]


def test_score_is_the_logistic_of_the_normalised_sum() -> None:
    m = Model("en", 0.5, -0.25, {" b": 1.0, "it": -0.5, "zz": 3.0})
    score, cues = m.score("Buy it")
    # z = -0.25 + (1.0 - 0.5) / sqrt(2) = 0.103553; 1 / (1 + e^-z) = 0.525865
    assert score == pytest.approx(0.525865, abs=1e-6)
    assert cues == [" b"]
    assert m.score("nothing known")[0] == pytest.approx(1 / (1 + math.exp(0.25)))


@pytest.mark.parametrize("lang", LANGS)
def test_every_corpus_language_has_a_model_in_the_package(lang: str) -> None:
    m = model.load(lang)
    assert m is not None and 0.0 < m.threshold < 1.0 and 100 < len(m.weights) <= 4000
    assert model.load("xx") is None  # -- no model: the phrase rules judge alone --


def test_the_model_alone_never_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that scores everything as an ad still lets a heading and a warning pass: it only decides where the rules saw part of an offer."""
    monkeypatch.setattr(model, "load", lambda lang: Model(lang, 0.5, 5.0, {}))
    module = importlib.import_module("handouts.checks.promotion.detector")
    module._worded.cache_clear()
    module._cached.cache_clear()
    d = detector("en", ("Isotretinoin",))
    assert d.judge_segment("How isotretinoin works") == []
    assert d.judge_segment("Never buy isotretinoin online: capsules sold without a prescription may be fake.") == []
    # -- one offer part the rules found too little on their own: here the (fake) model decides, and the finding names part and cues --
    [(_, hit)] = d.judge_segment("Some people have no side effects at all.")
    assert hit.category == "wording" and "claim: no side effects" in hit.words and "wording model 0.99" in hit.reason
    module._worded.cache_clear()
    module._cached.cache_clear()


@pytest.mark.parametrize("text", [
    "How isotretinoin works",
    "Isotretinoin 40 mg",
    "Isotretinoin can harm an unborn baby.",
])
def test_leaflet_headings_and_warnings_pass_with_the_real_models(text: str) -> None:
    assert detector("en", ("Isotretinoin",)).judge_segment(text) == []
