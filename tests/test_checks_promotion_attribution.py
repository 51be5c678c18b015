"""A court or press report that quotes a seller's promise passes; "recommended by dermatologists" in any form is an endorsement (session 15 rules).

Hand-written lines, in no corpus. The quoted words are an advert's; the sentence around them
attributes them to someone else (promised, touted, a court, a journalist) and sells nothing, so it
is a mention. The same quoted words with an offer around them stay promotion.
"""

from __future__ import annotations

import pytest

from handouts.checks.promotion import detector
from handouts.checks.promotion.detector import Hit


def _segment(lang: str, text: str) -> list[tuple[str, Hit]]:
    """The findings of one catalog segment, as `handouts check` judges it."""
    return detector(lang, ("isotretinoin",)).judge_segment(text)


def _sentence(lang: str, text: str) -> list[Hit]:
    """The phrase rules' hits of one sentence."""
    return detector(lang, ("isotretinoin",)).judge(text)

ATTRIBUTED = [
    ("en", 'A court fined a trader who had touted the capsules as "totally safe, no side effects".'),
    ("es", 'Un tribunal multó a un vendedor que prometía "resultados garantizados en dos semanas" a menores.'),
    ("fr", "Le tribunal a condamné un vendeur qui vantait une cure « sans aucun risque pour la grossesse »."),
    ("de", "Das Landgericht verurteilte einen Händler, der mit „garantiert ohne Nebenwirkungen“ warb."),
    ("pl", "Sąd skazał sprzedawcę, który obiecywał „całkowicie bezpieczną kurację bez skutków ubocznych”."),
    ("uk", "Суд засудив продавця, який обіцяв «повністю безпечний курс без побічних ефектів»."),
    ("ar", "غرامة على تاجر بسبب وعود مثل «علاج آمن تماماً بدون أي أعراض جانبية» في إعلاناته."),
]


@pytest.mark.parametrize("lang,text", ATTRIBUTED, ids=[a[0] for a in ATTRIBUTED])
def test_a_report_attributing_the_promise_passes(lang: str, text: str) -> None:
    assert _segment(lang, text) == []


@pytest.mark.parametrize("lang,text", [
    ("en", 'As promised: "totally safe, no side effects" - order today at our shop.'),
    ("de", "Wie versprochen: „garantiert ohne Nebenwirkungen“ – jetzt in unserem Shop bestellen."),
])
def test_the_promise_with_an_offer_around_it_stays_promotion(lang: str, text: str) -> None:
    assert _segment(lang, text)


ENDORSED = [
    ("en", "Dermatologist recommended and number 1 in the UK for clear skin.", "endorsement"),
    ("de", "Von Hautärzten empfohlen: die Nummer 1 gegen Pickel.", "endorsement"),
    ("es", "Avalado por dermatólogos y recomendado por expertos en piel.", "endorsement"),
    ("fr", "Recommandé par les dermatologues, numéro 1 en pharmacie.", "endorsement"),
    ("pl", "Rekomendowany przez dermatologów, numer 1 w aptekach.", "endorsement"),
    ("uk", "Рекомендовано дерматологами: номер 1 в аптеках.", "endorsement"),
    ("ar", "موصى به من أطباء الجلد، رقم 1 في الصيدليات.", "endorsement"),
]


@pytest.mark.parametrize("lang,text,category", ENDORSED, ids=[e[0] for e in ENDORSED])
def test_recommended_by_professionals_is_an_endorsement(lang: str, text: str, category: str) -> None:
    hits = _sentence(lang, text)
    assert any(h.category == category for h in hits), hits


@pytest.mark.parametrize("lang,text", [
    ("en", "Take the dose recommended by your doctor."),
    ("de", "Nehmen Sie die von Ihrem Arzt empfohlene Dosis ein."),
    ("pl", "Stosuj lek wyłącznie z rekomendacją lekarza."),
    ("es", "Tome la dosis recomendada por su médico."),
])
def test_the_dose_your_doctor_recommends_is_no_endorsement(lang: str, text: str) -> None:
    assert _segment(lang, text) == []


# -- session 15: ways an offer reads without a sales verb (hand-written, in no corpus) --
QUIET_OFFERS = [
    ("en", "Lip balm free with every order of two packs, this month only."),
    ("en", "Honestly wish I'd ordered sooner, my skin cleared in weeks."),
    ("es", "Contenido patrocinado: el tratamiento que arrasa entre los jóvenes de Madrid."),
    ("es", "Pago contra entrega en Lima y Arequipa, despacho el mismo día."),
    ("pl", "Bez przedpłaty: płacisz przy odbiorze u kuriera."),
    ("pl", "Materiał partnera: jak pokonać trądzik w miesiąc."),
    ("ar", "ايـ.ـزوتريـ.ـتينوين بـ.ـدون وصـ.ـفة تواصـ.ـل معي."),
    ("ar", "هدية مع كل طلب لكورس حب الشباب."),
    ("fr", "Tu payes à la réception par Orange Money, livraison le jour même à Abidjan."),
    ("de", "Zahlung erst bei Erhalt, keine Vorkasse, Versand am selben Tag."),
    ("de", "Völlig ungefährlich, auch für Jugendliche."),
    ("uk", "Без передоплати, у подарунок при замовленні бальзам для губ."),
]


@pytest.mark.parametrize("lang,text", QUIET_OFFERS, ids=[f"{q[0]}-{i}" for i, q in enumerate(QUIET_OFFERS)])
def test_an_offer_without_a_sales_verb_is_found(lang: str, text: str) -> None:
    assert _segment(lang, text)


@pytest.mark.parametrize("lang,text", [
    ("en", "The hospital pharmacy posts repeat prescriptions free of charge; there is no prepayment for NHS patients."),
    ("de", "Die Rötung ist harmlos und verschwindet nach einigen Tagen."),
    ("en", "Your urine may turn orange. This is harmless."),
    ("en", "This is harmless and will pass in a few days."),
    ("ar", "تناول كبسولة واحدة يومياً.لا تتناولها مع الحليب."),
])
def test_service_and_leaflet_wording_passes(lang: str, text: str) -> None:
    """A bare "harmless" about a side effect is leaflet wording (it was an error before session 15)."""
    assert _segment(lang, text) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "Harmless and natural acne capsules, order today."),
    ("de", "Isotretinoin ist harmlos, jetzt bestellen."),
    ("en", "Isotretinoin is completely harmless."),
])
def test_harmless_with_the_medicine_or_an_offer_is_a_claim(lang: str, text: str) -> None:
    hits = _sentence(lang, text)
    assert any(h.category == "claims" for h in hits), hits


DTC = [
    ("en", "Stubborn spots? Ask your dermatologist whether Roaccutane is right for you."),
    ("es", "Pregunte a su médico si Roacután es adecuado para usted."),
    ("fr", "Demandez à votre médecin si Curacné est fait pour vous."),
    ("de", "Frag deinen Hautarzt, ob Aknenormin das Richtige für dich ist."),
    ("pl", "Zapytaj lekarza, czy Aknenormin jest dla Ciebie odpowiedni."),
    ("uk", "Запитайте дерматолога, чи Акнекутан підходить саме вам."),
    ("ar", "اسألي طبيبتك إن كان روأكيوتان مناسبا لك."),
]


@pytest.mark.parametrize("lang,text", DTC, ids=[d[0] for d in DTC])
def test_a_direct_to_consumer_tagline_naming_the_medicine_is_promotion(lang: str, text: str) -> None:
    hits = _sentence(lang, text)
    assert any("direct-to-consumer" in h.reason for h in hits), hits


@pytest.mark.parametrize("lang,text", [
    ("en", "Talk to your doctor about which contraception is right for you."),
    ("en", "Ask your doctor whether a generic is right for you."),
    ("en", "Only your dermatologist can decide whether isotretinoin is right for you."),
    ("de", "Fragen Sie Ihren Arzt, welche Verhütungsmethode das Richtige für Sie ist."),
    ("fr", "Demandez à votre médecin quelle contraception vous convient."),
])
def test_advice_on_what_is_right_for_you_passes(lang: str, text: str) -> None:
    assert _segment(lang, text) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "Done with covering up? Talk to your dermatologist about Claravis."),
    ("es", "¿Granos otra vez? Pregunte a su médico por Roacután."),
    ("de", "Sprechen Sie mit Ihrer Hautärztin über Aknenormin."),
    ("pl", "Porozmawiaj z dermatologiem o Aknenorminie."),
    ("uk", "Поговоріть із лікарем про Роаккутан."),
    ("ar", "استشر طبيبك عن روأكيوتان."),
])
def test_asking_about_a_brand_alone_is_a_direct_to_consumer_advert(lang: str, text: str) -> None:
    hits = _sentence(lang, text)
    assert any("direct-to-consumer" in h.reason for h in hits), hits


@pytest.mark.parametrize("lang,text", [
    ("en", "If your acne is severe, ask your GP about isotretinoin."),
    ("en", "Talk to your doctor about stopping isotretinoin if you want to become pregnant."),
    ("en", "Ask your doctor about Roaccutane and the pregnancy prevention programme before you start."),
    ("de", "Fragen Sie Ihren Arzt nach Verhütungsmitteln."),
    ("pl", "Zapytaj lekarza o izotretynoinę, jeśli trądzik jest ciężki."),
])
def test_asking_about_the_generic_or_about_something_else_passes(lang: str, text: str) -> None:
    assert _segment(lang, text) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "Honestly the pregnancy warnings are massively overblown, loads of girls take it."),
    ("es", "Lo del embarazo está exagerado, a nadie le pasa nada."),
    ("fr", "Les craintes sur la grossesse sont exagérées."),
    ("de", "Die Warnhinweise zur Schwangerschaft sind völlig übertrieben."),
    ("pl", "Ostrzeżenia o ciąży są przesadzone."),
    ("uk", "Ризики для вагітності сильно перебільшені."),
    ("ar", "كلام الاكتئاب مبالغ فيه."),
])
def test_risks_played_down_are_a_claim(lang: str, text: str) -> None:
    hits = _sentence(lang, text)
    assert any(h.reason == "the medicine's risks played down" for h in hits), hits


@pytest.mark.parametrize("lang,text", [
    ("en", "The risk to an unborn baby is not exaggerated."),
    ("en", "Some stories about side effects online are exaggerated; ask your nurse."),
    ("pl", "Sprzedawca pisał, że „ostrzeżenia o ciąży są przesadzone”, choć lek może uszkodzić płód."),
    ("ar", "قال البائع إن \"تحذيرات الحمل مبالغ فيها\" فتقدمت الهيئة ببلاغ."),
    ("ar", "لا تطلب وزارة الصحة بيانات بطاقتك لاسترداد مبالغ."),
])
def test_a_negated_hedged_or_reported_downplay_passes(lang: str, text: str) -> None:
    assert _segment(lang, text) == []
