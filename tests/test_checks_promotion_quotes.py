"""Quoted wording under a warning is a mention, not an offer (checks/promotion/quotes.py).

Hand-written lines, in no corpus. In each language the same quoted words (the medicine without a
prescription and without side effects) are judged four ways: under a warning that distances itself
from them they pass; with a seller outside the quotes, under a negated distancing word ("not a
scam"), or as someone's own words, they stay promotion. The rules are judged alone (no wording
model), as in test_checks_promotion_segment.py.
"""

from __future__ import annotations

from fixtures_checks import only  # noqa: F401 -- shared helpers


import pytest

from handouts.checks.promotion import detector, quotes

MEDICINE = {"en": "Isotretinoin", "es": "Isotretinoína", "pl": "Izotretynoina", "ar": "أيزوتريتينوين", "fr": "Isotrétinoïne", "de": "Isotretinoin", "uk": "Ізотретиноїн"}

# (language, a warning quoting the offer, the offer quoted by a seller, under a negated warning word, as a patient's own words)
CASES = [
    ('en', 'Be wary of adverts that promise "isotretinoin without a prescription, no side effects".',
     'Tired of fake pharmacies? "Isotretinoin without a prescription, no side effects" from our shop.',
     'Not a scam: "isotretinoin without a prescription, no side effects".',
     'Anna, 19: "Isotretinoin without a prescription, no side effects."'),
    ('es', 'Desconfíe de los anuncios que prometen "isotretinoína sin receta y sin efectos secundarios".',
     '¿Harto de farmacias falsas? "Isotretinoína sin receta y sin efectos secundarios" en nuestra tienda.',
     'No es una estafa: "isotretinoína sin receta y sin efectos secundarios".',
     'Lucía, 19 años: "isotretinoína sin receta y sin efectos secundarios".'),
    ('pl', 'Uważaj na reklamy, które obiecują „izotretynoinę bez recepty i bez skutków ubocznych”.',
     'Masz dość fałszywych aptek? „Izotretynoina bez recepty i bez skutków ubocznych” w naszym sklepie.',
     'To nie oszustwo: „izotretynoina bez recepty i bez skutków ubocznych”.',
     'Kasia, 19 lat: „izotretynoina bez recepty i bez skutków ubocznych”.'),
    ('ar', 'احذر من الإعلانات التي تعد بـ «أيزوتريتينوين بدون وصفة وبدون أعراض جانبية».',
     'هل سئمت من الصيدليات المزيفة؟ «أيزوتريتينوين بدون وصفة وبدون أعراض جانبية» من متجرنا.',
     'ليس احتيالا: «أيزوتريتينوين بدون وصفة وبدون أعراض جانبية».',
     'سارة، 19 سنة: «أيزوتريتينوين بدون وصفة وبدون أعراض جانبية».'),
    ('fr', 'Méfiez-vous des annonces qui promettent « isotrétinoïne sans ordonnance, sans effets secondaires ».',
     'Marre des fausses pharmacies ? « Isotrétinoïne sans ordonnance, sans effets secondaires » dans notre boutique.',
     'Pas une arnaque : « isotrétinoïne sans ordonnance, sans effets secondaires ».',
     'Léa, 19 ans : « isotrétinoïne sans ordonnance, sans effets secondaires ».'),
    ('de', 'Misstrauen Sie Anzeigen, die „Isotretinoin ohne Rezept und ohne Nebenwirkungen“ versprechen.',
     'Genug von gefälschten Apotheken? „Isotretinoin ohne Rezept und ohne Nebenwirkungen“ in unserem Shop.',
     'Keine Abzocke: „Isotretinoin ohne Rezept und ohne Nebenwirkungen“.',
     'Lena, 19: „Isotretinoin ohne Rezept und ohne Nebenwirkungen“.'),
    ('uk', 'Остерігайтеся реклами, яка обіцяє «ізотретиноїн без рецепта і без побічних ефектів».',
     'Набридли підробки в аптеках? «Ізотретиноїн без рецепта і без побічних ефектів» у нашому магазині.',
     'Це не шахрайство: «ізотретиноїн без рецепта і без побічних ефектів».',
     'Оля, 19 років: «ізотретиноїн без рецепта і без побічних ефектів».'),
]


pytestmark = pytest.mark.usefixtures("rules_alone")  # -- fixtures_checks: no wording model --


def categories(text: str, lang: str) -> set[str]:
    return {h.category for _, h in detector(lang, (MEDICINE[lang],)).judge_segment(text)}


@pytest.mark.parametrize("lang, warning, shop, negated, plain", CASES, ids=[c[0] for c in CASES])
def test_a_warning_that_quotes_an_offer_passes(lang: str, warning: str, shop: str, negated: str, plain: str) -> None:
    assert categories(warning, lang) == set()


@pytest.mark.parametrize("lang, warning, shop, negated, plain", CASES, ids=[c[0] for c in CASES])
def test_the_same_quote_from_a_seller_or_unframed_stays_promotion(lang: str, warning: str, shop: str, negated: str, plain: str) -> None:
    for text in (shop, negated, plain):
        assert {"access", "claims"} <= categories(text, lang), text


def test_a_seller_outside_the_distancing_clause_keeps_the_offer() -> None:
    # -- the shop is in a clause of its own: the warning word before the question mark does not cover it --
    text = 'Tired of fake pharmacies? "Isotretinoin without a prescription" from our shop.'
    assert quotes.mention(text, "en") is not None
    assert "access" in categories(text, "en")


@pytest.mark.parametrize("text, rest", [
    ('Adverts promising "no side effects" are illegal.', "Adverts promising … are illegal."),
    ("Anzeigen, die „ohne Rezept“ versprechen, sind verboten.", "Anzeigen, die … versprechen, sind verboten."),
    ("Les annonces « sans ordonnance » sont illégales.", "Les annonces … sont illégales."),
    ("Реклама «без рецепта» незаконна, не вірте їй.", "Реклама … незаконна, не вірте їй."),
    ("The site said “no prescription, 24 h delivery” and it was fake.", "The site said … and it was fake."),
    ("広告の「副作用なし」は虚偽です", None),  # -- two words outside the quotes: too little to be a frame --
    ("«Isotretinoína sin receta».", None),  # -- nothing but the quote --
    ("No quotation marks here at all, only an ordinary sentence.", None),
])
def test_quoted_stretches_are_cut_out_in_every_style(text: str, rest: str | None) -> None:
    got = quotes.outside(text)
    assert (None if got is None else " ".join(got.split())) == rest


def test_a_negated_distancing_word_is_no_frame() -> None:
    assert quotes.mention('This is not a scam: "isotretinoin, no prescription".', "en") is None
    assert quotes.mention('This is a scam: "isotretinoin, no prescription".', "en") is not None
