"""Promotion judged per segment: ads split over sentences, hospital wording, honest comparisons, words of trust.

Hand-written sentences, in no corpus; each pair shows the rules' mechanism: the ad is caught, the
leaflet text with the same words passes. The rules are judged alone here: the wording model is
retrained whenever a corpus grows, and a model sure beyond doubt may still flag a line the rules
pass (a `promotion.wording` warning: since session 7 the Polish hospital-delivery line below);
its gates have their own tests (test_checks_promotion_model.py).
"""

from __future__ import annotations

from fixtures_checks import only  # noqa: F401 -- shared helpers

from pathlib import Path

import pytest

from handouts.checks.promotion import detector
from handouts.checks.text import sentences

MEDICINE = {"en": "Isotretinoin", "es": "Isotretinoína", "pl": "Izotretynoina", "ar": "أيزوتريتينوين", "fr": "Isotrétinoïne", "de": "Isotretinoin", "uk": "Ізотретиноїн"}


pytestmark = pytest.mark.usefixtures("rules_alone")  # -- fixtures_checks: no wording model --


def segment(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(h.category, h.words, h.reason) for _, h in detector(lang, (MEDICINE[lang],)).judge_segment(text)]


def sentence_by_sentence(text: str, lang: str) -> list[str]:
    d = detector(lang, (MEDICINE[lang],))
    return [h.words for s in sentences(text, lang) for h in d.judge(s)]


# an offer whose parts lie in different sentences (medicine, access, channel): each sentence alone passes
SPLIT_ADS = [
    ("en", "Clear skin by summer. Isotretinoin 20 mg. No prescription. Collection or post.", "isotretinoin + no prescription + collection or post"),
    ("es", "Piel limpia para el verano. Isotretinoína 20 mg. Sin receta. Entrega en mano o por correo.", "isotretinoína + sin receta + entrega en mano"),
    ("pl", "Czysta cera na lato. Izotretynoina 20 mg. Bez recepty. Odbiór osobisty lub paczkomat.", "izotretynoina + bez recepty + odbiór osobisty"),
    ("ar", "بشرة صافية قبل الصيف. أيزوتريتينوين 20 ملغ. بدون وصفة. استلام أو توصيل.", "ايزوتريتينوين + بدون وصفه + توصيل"),
    ("fr", "Une peau nette pour l'été. Isotrétinoïne 20 mg. Sans ordonnance. Remise en main propre ou envoi.", "isotrétinoïne + sans ordonnance + remise en main propre"),
    ("de", "Reine Haut bis zum Sommer. Isotretinoin 20 mg. Ohne Rezept. Abholung oder Versand.", "isotretinoin + ohne rezept + abholung oder versand"),
    ("uk", "Чиста шкіра до літа. Ізотретиноїн 20 мг. Без рецепта. Самовивіз або Нова пошта.", "ізотретиноїн + без рецепта + самовивіз"),
]


@pytest.mark.parametrize("lang, text, words", SPLIT_ADS)
def test_an_ad_split_over_sentences_is_one_error_naming_its_parts(lang: str, text: str, words: str) -> None:
    assert sentence_by_sentence(text, lang) == []
    assert segment(text, lang) == [("commerce", words, "an offer across sentences: product, access, channel")]


@pytest.mark.parametrize("lang, text, words", SPLIT_ADS)
def test_a_warning_sentence_clears_the_segment(lang: str, text: str, words: str) -> None:
    warning = {"en": "Fake medicines are dangerous.", "es": "Los medicamentos falsos son peligrosos.", "pl": "Podrobione leki są niebezpieczne.",
               "ar": "الأدوية المزيفة خطيرة.", "fr": "Les faux médicaments sont dangereux.", "de": "Gefälschte Arzneimittel sind gefährlich.",
               "uk": "Підроблені ліки небезпечні."}[lang]
    assert segment(f"{text} {warning}", lang) == []


def test_an_ad_of_fragments_is_caught_and_the_pooled_finding_names_each_part() -> None:
    text = "Clear skin in weeks. Isotretinoin 20 mg. Order today, we post discreetly."
    assert segment(text, "en")
    ad = "Clear skin in weeks. Isotretinoin 20 mg. Pay by PayPal."
    assert sentence_by_sentence(ad, "en") == ["paypal"]  # the payment alone is a signal
    pooled = "Clear skin in weeks. Isotretinoin 20 mg. No prescription. Collection or post."
    assert sentence_by_sentence(pooled, "en") == []
    assert segment(pooled, "en") == [("commerce", "isotretinoin + no prescription + collection or post", "an offer across sentences: product, access, channel")]


# the same parts, but one sentence warns, advises against buying, states a charge or speaks for a hospital
LEAFLET_PARAGRAPHS = [
    ("en", "Do not buy isotretinoin online. Sites that sell it may post fakes. Your hospital pharmacy can post it to you."),
    ("en", "Isotretinoin 20 mg capsules come in packs of 30. The hospital homecare team delivers them to your door. Call 0161 496 0999 to change the day."),
    ("en", "You can order your isotretinoin repeat prescription online. Allow 3 working days. Call 0161 496 0000 if it is late."),
    ("es", "La isotretinoína se presenta en cajas de 30 cápsulas. La farmacia del hospital se la envía a casa. Llame al 913 000 111 para cambiar el día."),
    ("pl", "Izotretynoina 20 mg jest w opakowaniach po 30 kapsułek. Apteka szpitalna dostarczy ją do domu. Zadzwoń pod 22 000 11 11, aby zmienić dzień."),
    ("ar", "يتوفر الأيزوتريتينوين في علب من 30 كبسولة. توصل صيدلية المستشفى الدواء إلى منزلك. اتصل على 0112000111 لتغيير الموعد."),
    ("fr", "L'isotrétinoïne existe en boîtes de 30 gélules. La pharmacie de l'hôpital vous la livre à domicile. Appelez le 01 00 00 11 11 pour changer le jour."),
    ("de", "Isotretinoin gibt es in Packungen zu 30 Kapseln. Die Krankenhausapotheke liefert es nach Hause. Rufen Sie 030 000111 an, um den Tag zu ändern."),
    ("uk", "Ізотретиноїн випускають в упаковках по 30 капсул. Лікарняна аптека доставить його додому. Телефонуйте 044 000 11 11, щоб змінити день."),
]


@pytest.mark.parametrize("lang, text", LEAFLET_PARAGRAPHS)
def test_a_leaflet_paragraph_with_the_same_parts_passes(lang: str, text: str) -> None:
    assert segment(text, lang) == []


@pytest.mark.parametrize("lang, seller, hospital", [
    ("en", "We deliver isotretinoin to your home, free delivery.", "The hospital pharmacy delivers isotretinoin to your home, free delivery."),
    ("es", "Te enviamos la isotretinoína a casa con envío gratis.", "La farmacia del hospital le envía la isotretinoína a casa con envío gratis."),
    ("pl", "Wyślemy izotretynoinę do domu, darmowa dostawa.", "Apteka szpitalna wyśle izotretynoinę do domu, darmowa dostawa."),
    ("ar", "نوصل لك الأيزوتريتينوين إلى منزلك مع توصيل مجاني.", "توصل صيدلية المستشفى الأيزوتريتينوين إلى منزلك مع توصيل مجاني."),
    ("fr", "Nous livrons l'isotrétinoïne chez vous, livraison gratuite.", "La pharmacie de l'hôpital livre l'isotrétinoïne chez vous, livraison gratuite."),
    ("de", "Wir liefern Isotretinoin nach Hause, kostenlose Lieferung.", "Die Krankenhausapotheke liefert Isotretinoin nach Hause, kostenlose Lieferung."),
    ("uk", "Доставимо ізотретиноїн додому, безкоштовна доставка.", "Лікарняна аптека доставить ізотретиноїн додому, безкоштовна доставка."),
])
def test_delivery_by_a_hospital_is_a_service_not_an_offer(lang: str, seller: str, hospital: str) -> None:
    assert segment(seller, lang)
    assert segment(hospital, lang) == []


def test_a_hospital_word_does_not_excuse_an_offer_without_a_prescription() -> None:
    assert segment("Hospital-grade isotretinoin without a prescription, delivered to your door.", "en")
    assert segment("Online clinic: order isotretinoin today, delivered tomorrow.", "en")


@pytest.mark.parametrize("lang, bare, honest", [
    ("en", "Isotretinoin works better than antibiotics.", "Isotretinoin works better than antibiotics for severe acne, but it has more side effects."),
    ("es", "La isotretinoína funciona mejor que los antibióticos.", "La isotretinoína funciona mejor que los antibióticos en el acné grave, pero tiene más efectos adversos."),
    ("pl", "Izotretynoina działa lepiej niż antybiotyki.", "Izotretynoina działa lepiej niż antybiotyki w ciężkim trądziku, ale ma więcej działań niepożądanych."),
    ("fr", "L'isotrétinoïne agit mieux que les antibiotiques.", "L'isotrétinoïne agit mieux que les antibiotiques dans l'acné sévère, mais elle a plus d'effets indésirables."),
    ("de", "Isotretinoin wirkt besser als Antibiotika.", "Isotretinoin wirkt bei schwerer Akne besser als Antibiotika, hat aber mehr Nebenwirkungen."),
    ("uk", "Ізотретиноїн діє краще за антибіотики.", "Ізотретиноїн діє краще за антибіотики при тяжкому акне, але має більше побічних ефектів."),
    ("ar", "الأيزوتريتينوين أفضل من المضادات الحيوية.", "الأيزوتريتينوين أفضل من المضادات الحيوية في حب الشباب الشديد، لكن آثاره الجانبية أكثر."),
])
def test_a_comparison_is_a_claim_only_without_its_limits(lang: str, bare: str, honest: str) -> None:
    assert {c for c, _, _ in segment(bare, lang)} == {"claims"}
    assert segment(honest, lang) == []


def test_words_of_trust_warn_in_advice_but_sell_beside_a_seller() -> None:
    assert segment("Only buy medicines from a registered online pharmacy.", "en") == []
    assert segment("If you buy online, use a registered pharmacy.", "en") == []
    assert segment("Registered online pharmacy: Roaccutane 20 mg with tracked shipping.", "en")
    assert segment("Seriöse Online-Apotheke: Isotretinoin mit Lieferung in 2 Tagen.", "de")
    assert segment("Kaufen Sie Arzneimittel nur bei seriösen Versandapotheken mit Sicherheitslogo.", "de") == []


def test_a_time_of_day_is_not_a_condition() -> None:
    assert segment("Order isotretinoin before 3pm for dispatch the same day.", "en")
    assert segment("Pide la isotretinoína antes de las 14 h y te llega mañana.", "es")
    assert segment("If you order medicines online, make sure the pharmacy is registered.", "en") == []


def test_adjacent_words_phrases_need_their_words_together() -> None:
    assert segment("You can buy moisturiser online or in shops.", "en") == []
    assert segment("Roaccutane from our online shop.", "en")
    assert segment("الأدوية في القطاع الخاص يغطيها التأمين.", "ar") == []
    assert segment("أيزوتريتينوين متوفر، التفاصيل في الخاص.", "ar")


def test_a_messaging_app_with_a_case_ending_is_still_an_app() -> None:
    found = segment("Pisz na Telegramie albo WhatsAppie.", "pl")
    assert ("messaging app", "telegramie", "ordering through a messaging app or social account") in found


@pytest.mark.parametrize("text", [
    "لن تجد الأيزوتريتينوين في الصيدليات إلا بوصفة من طبيب الجلدية.",
    "ليس هناك دواء خالٍ تماماً من الآثار الجانبية، فناقشي ذلك مع طبيبك.",
    "غير مسموح بشراء الأيزوتريتينوين عبر الإنترنت.",
    "لم يثبت أن شراء الأدوية دون وصفة من المواقع آمن.",
    "وللحصول على نسخة من النشرة، اطلبها من مكتب الاستقبال في العيادة.",
    "اسأل الصيدلي عن مسكن مناسب، فبعض المسكنات تباع بدون وصفة.",
])
def test_clean_arabic_with_negation_and_attached_letters_passes(text: str) -> None:
    assert segment(text, "ar") == []


@pytest.mark.parametrize("text", ["اطلبيه الآن أونلاين بسعر مخفض.", "وبالأيزوتريتينوين الأصلي، التوصيل مجاني لكل المدن.", "لدينا كبسولات الأيزوتريتينوين، ادفعي عند الاستلام."])
def test_arabic_ads_with_attached_pronouns_and_prefixes_are_caught(text: str) -> None:
    assert segment(text, "ar")


def test_a_split_ad_pasted_into_a_catalog_is_an_error_at_its_line(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    path = root / "content" / "testamol" / "locales" / "es.po"
    old = 'msgstr "Testamol es un medicamento para el dolor leve. Se toma por la boca."'
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, 'msgstr "Testamol, 20 comprimidos. Sin receta. Escribe por Telegram."'), encoding="utf-8")
    promo = only(checks_run(root), "promotion")
    assert promo and {(f.locale, f.path, f.segment) for f in promo} == {("es", "content/testamol/locales/es.po", "what-it-is.body.0.text")}
    assert any("telegram" in f.message for f in promo), [f.message for f in promo]
    lines = Path(root / promo[0].path).read_text(encoding="utf-8").splitlines()
    assert "Sin receta" in "\n".join(lines[promo[0].line - 1 : promo[0].line + 1])


@pytest.mark.parametrize("lang, clean, ad", [
    ("en", "Isotretinoin is reserved for severe acne that has not responded to other treatments.", "Reserve your isotretinoin now, limited batch."),
    ("fr", "La prescription d'isotrétinoïne est réservée aux dermatologues.", "Réservez votre isotrétinoïne, stock limité."),
    ("es", "La isotretinoína se reserva para el acné grave.", "Reserva tu isotretinoína hoy, stock limitado."),
])
def test_reserved_for_is_not_reserve_now(lang: str, clean: str, ad: str) -> None:
    assert segment(clean, lang) == []
    assert segment(ad, lang)


@pytest.mark.parametrize("lang, text", [
    ("en", "Painkiller tablets can be bought without a prescription from any pharmacy."),
    ("es", "Las pastillas para el dolor se pueden comprar sin receta en la farmacia."),
    ("pl", "Tabletki przeciwbólowe można kupić bez recepty w każdej aptece."),
    ("uk", "Знеболювальні таблетки можна купити без рецепта в аптеці."),
    ("de", "Die Pille danach gibt es ohne Rezept in der Apotheke."),
    ("ar", "غسول حب الشباب بحمض الساليسيليك رخيص وقد يساعد في الحبوب الخفيفة."),
])
def test_pills_of_another_kind_are_not_the_medicine(lang: str, text: str) -> None:
    assert segment(text, lang) == []
    assert segment({"en": "Acne pills without a prescription, delivered tomorrow.", "es": "Pastillas sin receta, envío mañana.",
                    "pl": "Tabletki bez recepty, wysyłka jutro.", "uk": "Таблетки без рецепта, доставка завтра.",
                    "de": "Pillen ohne Rezept, Lieferung morgen.", "ar": "الحبوب بدون وصفة، توصيل بكرة."}[lang], lang)


@pytest.mark.parametrize("lang, text", [
    ("es", "La sanidad pública cubre la isotretinoína."),  # publicidad
    ("es", "Beba muchos líquidos durante el tratamiento con isotretinoína."),  # liquidación
    ("de", "Sie können Nebenwirkungen von Isotretinoin auch direkt dem BfArM anzeigen."),  # Anzeige
    ("pl", "Nie przyjmuj cudzych leków, także izotretynoiny."),  # cud
    ("pl", "Zapytaj lekarza o opinię przed zmianą dawki izotretynoiny."),  # opinie klientów
    ("pl", "Ta ulotka jest dla osób, które przyjmują izotretynoinę."),  # przyjmujemy
    ("fr", "Appelez vite le 15 en cas de réaction grave à l'isotrétinoïne."),  # vite
    ("fr", "La remise des gélules d'isotrétinoïne se fait à la pharmacie."),  # remise
    ("ar", "اتصل بالطوارئ بأسرع وقت إذا ظهر طفح شديد بعد الأيزوتريتينوين."),  # أسرع
])
def test_a_clean_word_sharing_a_stem_with_a_sales_word_passes(lang: str, text: str) -> None:
    assert segment(text, lang) == []


@pytest.mark.parametrize("text", [
    "Free, confidential support for people with acne: www.acnesupport.org.uk or call 0300 123 4567.",  # brand-shaped word inside an address
    "Order repeat prescriptions through the Patients Know Best app or at www.patientsknowbest.com.",  # a service ordered, not the medicine
    "Visit www.changingfaces.org.uk for free help if acne affects how you feel.",
])
def test_a_charity_or_service_address_in_a_leaflet_passes(text: str) -> None:
    assert segment(text, "en") == []


def test_an_address_still_counts_where_the_medicine_is_sold() -> None:
    assert ("web address", "www.clearskin.com", "a web address that is not an official or allowed site") in segment("Order isotretinoin at www.clearskin.com today.", "en")
