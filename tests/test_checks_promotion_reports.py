"""News of a seizure quotes the seller without selling; a survey-style endorsement sells (session 14 rules).

Hand-written lines, in no corpus. A report of police or customs action that quotes the seller's
words passes in every language; the same quoted words from a seller stay promotion; "9 out of
10 dermatologists" and "trusted by thousands" are endorsements.
"""

from __future__ import annotations

import pytest

from handouts.checks.promotion import detector

REPORTS = [
    ("en", 'Police seized 4,000 capsules after a website advertised "isotretinoin without a prescription, cash on delivery".'),
    ("es", 'La policía incautó 4.000 cápsulas de una web que anunciaba "isotretinoína sin receta, pago contra reembolso".'),
    ("fr", "La gendarmerie a saisi 4 000 gélules vendues sur un site qui promettait « isotrétinoïne sans ordonnance, paiement à la livraison »."),
    ("de", "Die Polizei hat 4000 Kapseln beschlagnahmt, die eine Website als „Isotretinoin ohne Rezept, Zahlung bei Lieferung“ anbot."),
    ("pl", "Policjanci zabezpieczyli 4000 kapsułek ze strony, która reklamowała „izotretynoinę bez recepty, płatność przy odbiorze”."),
    ("uk", "Поліція вилучила 4000 капсул із сайту, що пропонував «ізотретиноїн без рецепта, оплата при отриманні»."),
    ("ar", "ضبطت الشرطة 4000 كبسولة من موقع كان يعلن عن «أيزوتريتينوين بدون وصفة والدفع عند الاستلام»."),
]


@pytest.mark.parametrize("lang,text", REPORTS, ids=[r[0] for r in REPORTS])
def test_a_seizure_report_quoting_the_seller_passes(lang: str, text: str) -> None:
    assert detector(lang, ("isotretinoin",)).judge_segment(text) == []


def test_the_same_words_from_a_seller_stay_promotion() -> None:
    d = detector("en", ("isotretinoin",))
    assert d.judge_segment('Our shop: "isotretinoin without a prescription, cash on delivery".')


@pytest.mark.parametrize("lang,text,words", [
    ("en", "Recommended by 9 out of 10 dermatologists for severe acne.", "10 dermatologists"),
    ("pl", "Zaufały nam tysiące pacjentek i setki gabinetów dermatologicznych.", "zaufały nam"),
])
def test_survey_and_trust_endorsements_are_found(lang: str, text: str, words: str) -> None:
    hits = detector(lang, ("isotretinoin",)).judge(text)
    assert hits and {h.category for h in hits} == {"endorsement"} and any(words in h.words for h in hits)
