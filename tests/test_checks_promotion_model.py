"""The wording model: its n-grams and score computed by hand, the packaged models, and the gate that keeps it off leaflet text."""

from __future__ import annotations

import importlib
import math

import pytest

from handouts.checks.promotion import detector, model
from handouts.checks.promotion.model import Model, features, ngrams

LANGS = ["ar", "de", "en", "es", "fr", "pl", "uk"]


def test_ngrams_of_each_padded_folded_word() -> None:
    # " buy " (5 characters) and " it " (4): every 2..5-gram inside each, counted by hand
    assert ngrams(["buy", "it"]) == [" b", "bu", "uy", "y ", " bu", "buy", "uy ", " buy", "buy ", " buy ",
                                     " i", "it", "t ", " it", "it ", " it "]


def test_features_are_the_ngrams_then_the_folded_words_and_word_pairs() -> None:
    grams = features("BUY it NOW")
    assert grams[-5:] == ["w: buy", "w: it", "w: now", "w: buy it", "w: it now"]
    # -- n-grams: " buy " and " now " 4 + 3 + 2 + 1 = 10 each, " it " 3 + 2 + 1 = 6; then 3 words and 2 pairs --
    assert len(grams) == 10 + 6 + 10 + 5
    assert features("b u y it NOW") == grams  # -- spaced letters are folded into the word first --


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
    assert m is not None and 0.0 < m.threshold < 1.0 and 100 < len(m.weights) <= 20000
    assert model.load("xx") is None  # -- no model: the phrase rules judge alone --


def _fake(monkeypatch: pytest.MonkeyPatch, bias: float) -> object:
    """Every text scores the logistic of `bias` (no weights): 0.99 for bias 5, 0.007 for bias -5."""
    monkeypatch.setattr(model, "load", lambda lang: Model(lang, 0.5, bias, {}))
    module = importlib.import_module("handouts.checks.promotion.detector")
    module._scored.cache_clear()
    module._cached.cache_clear()
    return module


def test_the_model_flags_what_the_rules_pass_but_not_a_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that scores everything as an ad: a three-word heading still passes, a sentence is flagged, and the finding says why."""
    module = _fake(monkeypatch, 5.0)
    d = detector("en", ("Isotretinoin",))
    assert d.judge_segment("How isotretinoin works") == []
    [(_, hit)] = d.judge_segment("Take one capsule with food.")
    assert hit.category == "wording" and "wording model 0.99, above 0.50" in hit.reason
    # -- an offer part the rules found too little on their own is named in the finding --
    [(_, hit)] = d.judge_segment("Sent the same day, every time.")
    assert "channel: same day" in hit.words and hit.reason.startswith("part of an offer (channel: same day)")
    # -- the same part in a hedged sentence is no offer to the rules: the model's flag is then its own (a warning) --
    [(_, hit)] = d.judge_segment("Some people have no side effects at all.")
    assert hit.cues == "" and not hit.reason.startswith("part of an offer")
    module._scored.cache_clear()  # type: ignore[attr-defined]
    module._cached.cache_clear()  # type: ignore[attr-defined]


def test_the_model_clears_weak_hits_below_0_4_strong_ones_below_0_2_and_never_an_order_to_buy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A price in a factual sentence is cleared by a model that reads it as leaflet text (0.27); the medicine offered without a
    prescription only by one surer of it (0.12); an order to buy and a claim stand whatever the model says (0.007)."""
    price = "Visitors may use the car park at the standard rate of £2 an hour."
    access = "Isotretinoin capsules, no prescription needed."
    order = "Buy isotretinoin online without a prescription, delivered tomorrow."
    claim = "Testamol works better than any other painkiller."
    monkeypatch.setattr(model, "load", lambda lang: None)
    d = detector("en", ("Isotretinoin", "Testamol"))
    rules = d.judge_segment(price)
    assert rules and {h.category for _, h in rules} <= detector_module().WEAK  # -- the rules alone flag it, on a weak hit only --
    assert {h.category for _, h in d.judge_segment(access)} == {"access"}
    module = _fake(monkeypatch, -1.0)  # -- 1 / (1 + e^1) = 0.269 --
    assert d.judge_segment(price) == []
    assert d.judge_segment(access)
    module = _fake(monkeypatch, -2.0)  # -- 1 / (1 + e^2) = 0.119 --
    assert d.judge_segment(access) == []
    module = _fake(monkeypatch, -5.0)  # -- 0.0067 --
    assert any(h.category == "commerce" and h.strength == 2 for _, h in d.judge_segment(order))
    assert {h.category for _, h in d.judge_segment(claim)} == {"claims"}
    module._scored.cache_clear()  # type: ignore[attr-defined]
    module._cached.cache_clear()  # type: ignore[attr-defined]


def test_the_model_does_not_overrule_advice_against_buying(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model that scores everything as an ad still lets the rules' negated advice pass: it cannot read negation."""
    module = _fake(monkeypatch, 5.0)
    d = detector("en", ("Isotretinoin",))
    assert d.judge_segment("Never buy isotretinoin online: capsules sold without a prescription may be fake.") == []
    module._scored.cache_clear()  # type: ignore[attr-defined]
    module._cached.cache_clear()  # type: ignore[attr-defined]


def detector_module():  # type: ignore[no-untyped-def]
    return importlib.import_module("handouts.checks.promotion.detector")


@pytest.mark.parametrize("text", [
    "How isotretinoin works",
    "Isotretinoin 40 mg",
    "Isotretinoin can harm an unborn baby.",
])
def test_leaflet_headings_and_warnings_pass_with_the_real_models(text: str) -> None:
    assert detector("en", ("Isotretinoin",)).judge_segment(text) == []


def test_only_a_model_sure_beyond_doubt_judges_a_service_sentence_and_never_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence that speaks for a service keeps a model at 0.62 (above its threshold 0.5, below 0.75, halfway to 1) from
    flagging it, not one at 0.95 (1 / (1 + e^-3)); a sentence advising against buying passes even then."""
    service = "The hospital pharmacy homecare service delivers your capsules to your home."
    advice = "Never buy isotretinoin online."
    d = detector("en", ("Isotretinoin",))
    module = _fake(monkeypatch, 0.5)  # -- 1 / (1 + e^-0.5) = 0.6225 --
    assert d.judge_segment(service) == []
    module = _fake(monkeypatch, 3.0)  # -- 0.9526 --
    [(_, hit)] = d.judge_segment(service)
    assert hit.category == "wording" and hit.cues == "" and "wording model 0.95" in hit.reason
    assert d.judge_segment(advice) == []
    module._scored.cache_clear()  # type: ignore[attr-defined]
    module._cached.cache_clear()  # type: ignore[attr-defined]


def test_an_offer_part_with_a_model_short_of_sure_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 0.62 (above the threshold 0.5, below 0.75) the model's finding names the offer part the rules saw but carries no cue,
    so it is promotion.wording (a warning); at 0.95 it carries it (promotion, an error)."""
    d = detector("en", ("Isotretinoin",))
    module = _fake(monkeypatch, 0.5)
    [(_, hit)] = d.judge_segment("Sent the same day, every time.")
    assert hit.cues == "" and hit.reason.startswith("part of an offer (channel: same day)")
    module = _fake(monkeypatch, 3.0)
    [(_, hit)] = d.judge_segment("Sent the same day, every time.")
    assert hit.cues == "channel: same day"
    module._scored.cache_clear()  # type: ignore[attr-defined]
    module._cached.cache_clear()  # type: ignore[attr-defined]
