"""Promotion of prescription medicines: the labelled corpus per language, bad input, clauses, signals, translations."""

from __future__ import annotations

from fixtures_checks import only, para  # noqa: F401 -- shared helpers

import datetime as dt
from pathlib import Path

import pytest

from handouts.checks import Finding
from handouts.checks.promotion import detector
from handouts.checks.promotion.divergence import added
from handouts.checks.text import sentences

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
LANGS = ["en", "es", "pl", "ar", "fr", "de", "uk"]


def hits(text: str, lang: str, medicine: str = "Isotretinoin", full: bool = False) -> list:  # type: ignore[type-arg]
    """(category, words) of each hit of one segment (full: the Hits themselves)."""
    d = detector(lang, (medicine,))
    return [h if full else (h.category, h.words) for _, h in d.judge_segment(text)]


def read_corpus(lang: str) -> tuple[str, list[tuple[str, str]]]:
    medicine, rows = "", []
    for line in (CORPUS / f"{lang}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# medicine:"):
            medicine = line.split(":", 1)[1].strip()
        elif line and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((label, text))
    return medicine, rows


def edit_po(root: Path, old: str, new: str) -> None:
    path = root / "content" / "testamol" / "locales" / "es.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- the labelled development corpus: >= 60 sentences a language, half promotional ----------------


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_recall_and_false_positives(lang: str) -> None:
    medicine, rows = read_corpus(lang)
    assert len(rows) >= 60 and sum(label == "P" for label, _ in rows) * 2 == len(rows)
    missed = [t for label, t in rows if label == "P" and not hits(t, lang, medicine)]
    wrong = [(t, hits(t, lang, medicine)) for label, t in rows if label == "C" and hits(t, lang, medicine)]
    promotional = sum(label == "P" for label, _ in rows)
    assert len(missed) <= 0.05 * promotional, missed
    assert len(wrong) <= 0.02 * (len(rows) - promotional), wrong


@pytest.mark.parametrize("lang", LANGS)
def test_adding_sales_words_never_removes_an_error(lang: str) -> None:
    """The old rule judged context once per sentence: "order ... online without a prescription" passed."""
    medicine, rows = read_corpus(lang)
    extra = {"en": "online cheap today", "es": "online barato hoy", "pl": "online tanio dziś", "ar": "رخيص اليوم",
             "fr": "en ligne pas cher", "de": "online billig heute", "uk": "онлайн дешево сьогодні"}[lang]
    for label, text in rows:
        if label == "P":
            body = text.rstrip(".!")
            assert hits(f"{body} {extra}.", lang, medicine), text
            assert hits(f"{extra.split()[0]} {body}.", lang, medicine) or hits(f"{extra}, {body}.", lang, medicine), text


def test_the_issue_s_two_sentences_are_both_errors() -> None:
    assert hits("You can get isotretinoin capsules without a prescription.", "en")
    assert hits("You can order isotretinoin capsules online without a prescription.", "en")


ORDINARY = [
    ("es", "Su médico le ofrecerá isotretinoína si otros tratamientos no han funcionado."),
    ("es", "Algunos medicamentos que compra sin receta pueden interaccionar con la isotretinoína."),
    ("es", "Pida a su farmacéutico consejo antes de comprar cualquier medicamento, incluidas las plantas medicinales."),
    ("es", "Su farmacia puede enviarle los medicamentos a casa."),
    ("es", "Para más información, visite www.cima.aemps.es."),
    ("es", "La isotretinoína es el tratamiento más eficaz para el acné grave."),
    ("es", "Pida una nueva receta al menos siete días antes de que se le acaben las cápsulas."),
    ("es", "Puede comprar un test de embarazo en la farmacia si se le retrasa la regla."),
    ("es", "Devuelva las cápsulas que no haya usado a la farmacia al final del tratamiento."),
    ("es", "Los anticonceptivos son gratuitos en los centros de planificación familiar."),
    ("es", "No deje de tomar la isotretinoína sin hablar antes con su médico."),
    ("es", "La mayoría de las personas tiene la piel limpia después de un tratamiento."),
    ("pl", "Lekarz zaproponuje izotretynoinę, jeśli inne leczenie nie pomogło."),
    ("pl", "Niektóre leki kupowane bez recepty mogą wchodzić w interakcje z izotretynoiną."),
    ("pl", "Zapytaj farmaceutę o radę, zanim kupisz jakikolwiek lek, także ziołowy."),
    ("pl", "Apteka może dostarczyć leki do domu."),
    ("pl", "Więcej informacji znajdziesz na stronie www.urpl.gov.pl."),
    ("pl", "Izotretynoina to najskuteczniejsze leczenie ciężkiego trądziku."),
    ("pl", "Zamów nową receptę co najmniej 7 dni przed końcem kapsułek."),
    ("pl", "Test ciążowy możesz kupić w aptece."),
    ("pl", "Oddaj niewykorzystane kapsułki do apteki po zakończeniu leczenia."),
    ("pl", "Nie przerywaj przyjmowania izotretynoiny bez rozmowy z lekarzem."),
    ("pl", "U większości osób skóra jest czysta po jednej kuracji."),
    ("de", "Ihr Arzt wird Ihnen Isotretinoin anbieten, wenn andere Behandlungen nicht geholfen haben."),
    ("de", "Manche Arzneimittel, die Sie ohne Rezept kaufen, können mit Isotretinoin wechselwirken."),
    ("de", "Fragen Sie in der Apotheke, bevor Sie andere Arzneimittel kaufen, auch pflanzliche."),
    ("de", "Viele Apotheken liefern Ihre Arzneimittel kostenlos nach Hause."),
    ("de", "Weitere Informationen finden Sie unter www.gesundheitsinformation.de."),
    ("de", "Bestellen Sie ein neues Rezept mindestens 7 Tage, bevor die Kapseln ausgehen."),
    ("de", "Einen Schwangerschaftstest können Sie in der Apotheke kaufen."),
    ("de", "Geben Sie nicht verbrauchte Kapseln am Ende der Behandlung in der Apotheke ab."),
    ("de", "Brechen Sie die Einnahme nicht ab, ohne mit Ihrem Arzt zu sprechen."),
    ("de", "Bei den meisten Menschen ist die Haut nach einer Behandlung rein."),
    ("fr", "Votre médecin vous proposera l'isotrétinoïne si les autres traitements n'ont pas marché."),
    ("fr", "Certains médicaments achetés sans ordonnance peuvent interagir avec l'isotrétinoïne."),
    ("fr", "Demandez conseil à votre pharmacien avant d'acheter un autre médicament, même à base de plantes."),
    ("fr", "Votre pharmacie peut vous livrer vos médicaments à domicile."),
    ("fr", "Pour plus d'informations, consultez base-donnees-publique.medicaments.gouv.fr."),
    ("fr", "Commandez votre nouvelle ordonnance au moins 7 jours avant la fin des gélules."),
    ("fr", "Vous pouvez acheter un test de grossesse en pharmacie."),
    ("fr", "Rapportez les gélules non utilisées à la pharmacie à la fin du traitement."),
    ("fr", "N'arrêtez pas le traitement sans en parler à votre médecin."),
    ("fr", "Chez la plupart des personnes, la peau est nette après une cure."),
    ("uk", "Лікар запропонує ізотретиноїн, якщо інше лікування не допомогло."),
    ("uk", "Деякі ліки, які ви купуєте без рецепта, можуть взаємодіяти з ізотретиноїном."),
    ("uk", "Порадьтеся з фармацевтом, перш ніж купувати будь-які інші ліки."),
    ("uk", "Аптека може доставити ліки додому."),
    ("uk", "Замовте новий рецепт щонайменше за 7 днів до закінчення капсул."),
    ("uk", "Тест на вагітність можна купити в аптеці."),
    ("uk", "Поверніть невикористані капсули в аптеку після закінчення лікування."),
    ("uk", "Не припиняйте прийом ізотретиноїну, не порадившись із лікарем."),
    ("uk", "У більшості людей шкіра чиста після одного курсу лікування."),
    ("ar", "سيعرض عليك طبيبك الأيزوتريتينوين إذا لم تنجح العلاجات الأخرى."),
    ("ar", "بعض الأدوية التي تشتريها بدون وصفة قد تتفاعل مع الأيزوتريتينوين."),
    ("ar", "اسأل الصيدلي قبل شراء أي دواء آخر، بما في ذلك الأعشاب."),
    ("ar", "قد توصل الصيدلية الأدوية إلى منزلك."),
    ("ar", "اطلب وصفة جديدة قبل نفاد الكبسولات بسبعة أيام على الأقل."),
    ("ar", "يمكنك شراء اختبار الحمل من الصيدلية."),
    ("ar", "أعد الكبسولات غير المستخدمة إلى الصيدلية في نهاية العلاج."),
    ("ar", "لا تتوقف عن تناول الأيزوتريتينوين دون استشارة طبيبك."),
    ("ar", "تصبح البشرة صافية عند معظم الناس بعد كورس واحد من العلاج."),
]


@pytest.mark.parametrize("lang, text", ORDINARY)
def test_ordinary_leaflet_sentences_pass(lang: str, text: str) -> None:
    """Sentences as real leaflets write them: offering treatment, OTC medicines that interact, ordering repeat prescriptions.

    No rule flags them; the wording model alone may (a promotion.wording warning, counted below)."""
    assert [h for h in hits(text, lang, read_corpus(lang)[0], full=True) if h.category != "wording" or h.cues] == []


def test_the_wording_model_alone_flags_at_most_one_ordinary_sentence_in_fifty() -> None:
    flagged = [(lang, text) for lang, text in ORDINARY if hits(text, lang, read_corpus(lang)[0])]
    assert len(flagged) <= len(ORDINARY) / 50, flagged


# -- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, text", [
    ("en", "B-u-y is0tretinoin 0nline, n0 prescripti0n needed."),
    ("en", "Get your i s o t r e t i n o i n here, no p r e s c r i p t i o n needed."),
    ("en", "Buy isotretinoin оnline"),  # a Cyrillic "о" inside "online"
    ("en", "b.u.y isotretinoin o.n.l.i.n.e"),
    ("es", "C0mpre is0tretinoína 0nline sin r3ceta."),
    ("pl", "K-u-p izotretyn0inę 0nline bez recepty."),
    ("fr", "Ach3tez l'is0trétinoïne en l1gne sans 0rdonnance."),
    ("de", "K4ufen Sie Is0tretinoin 0nline ohne R3zept."),
    ("uk", "Куп1ть 1зотретино1н онлайн без рецепта."),
    ("ar", "اشـــتري الأَيْزُوتْرِيتِينُوين أونلاين بدون روشتة."),  # tatweel and diacritics
])
def test_obfuscated_spelling_is_still_promotion(lang: str, text: str) -> None:
    medicine = read_corpus(lang)[0]
    assert hits(text, lang, medicine)


@pytest.mark.parametrize("lang, text", [
    ("en", "Never buy isotretinoin online."),
    ("en", "Do not buy or order isotretinoin online, even if it is cheap."),
    ("es", "Nunca compre isotretinoína por internet."),
    ("pl", "Nigdy nie kupuj izotretynoiny online."),
    ("ar", "لا تشترِ الأيزوتريتينوين أبداً عبر الإنترنت."),
    ("fr", "N'achetez jamais d'isotrétinoïne en ligne."),
    ("de", "Kaufen Sie Isotretinoin niemals online."),
    ("uk", "Ніколи не купуйте ізотретиноїн онлайн."),
])
def test_never_buy_online_passes(lang: str, text: str) -> None:
    assert hits(text, lang, read_corpus(lang)[0]) == []


@pytest.mark.parametrize("lang, text", [
    ("uk", "Цей крем підходить не всім людям."),  # a negation inside a claim's words reverses it
    ("uk", "Немає доказів, що це безпечно для всіх."),
    ("de", "Das Mittel wirkt nicht bei jedem."),
    ("pl", "Ten lek nie działa u każdego."),
])
def test_negation_between_the_words_of_a_claim_reverses_it(lang: str, text: str) -> None:
    assert hits(text, lang, read_corpus(lang)[0]) == []


@pytest.mark.parametrize("lang, text", [
    ("en", "The prescription charge in England is £9.90 for each item."),
    ("en", "A 12-month prescription prepayment certificate costs £114.50."),
    ("de", "Die Zuzahlung für ein Rezept beträgt mindestens 5 € und höchstens 10 €."),
    ("pl", "Dopłata do leku na receptę wynosi 3,20 zł."),
    ("fr", "Une participation forfaitaire de 2 € reste à votre charge."),
    ("uk", "Доплата за ліки за рецептом становить 50 грн."),
    ("ar", "رسوم الوصفة الطبية 20 ريالاً حسب التأمين."),
    ("es", "La aportación por receta tiene un límite de 8,23 € al mes."),
])
def test_price_in_a_factual_sentence_about_prescription_charges_passes(lang: str, text: str) -> None:
    assert hits(text, lang, read_corpus(lang)[0]) == []


def test_price_for_the_medicine_is_promotion_in_any_language() -> None:
    assert ("price", "£19.99") in hits("Isotretinoin is only £19.99 a pack.", "en")
    assert {c for c, _ in hits("异维A酸每盒只要¥99，加微信下单。", "zh")} == {"price", "messaging app"}
    assert hits("每天服用一粒胶囊，与食物同服。", "zh") == []


def test_unknown_language_gets_signals_and_an_info_never_a_guess(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    import shutil

    def portuguese(doc: dict) -> None:
        doc["meta"]["locale"] = "pt"
        doc["sections"][0]["body"].append({"text": "Compre Testamol online em www.farmacia-barata.com.br por apenas R$ 19,90."})
        doc["sections"][1]["body"].append({"text": "Nunca compre medicamentos pela internet."})

    root = checks_copy(portuguese)
    shutil.rmtree(root / "content" / "testamol" / "locales")
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("source_locale: en", "source_locale: pt").replace("locales: [en, es]", "locales: [pt]"), encoding="utf-8")
    found = checks_run(root)
    partial = only(found, "promotion.partial")
    assert len(partial) == 1 and partial[0].severity == "info" and "'pt'" in partial[0].message
    assert "promotion.unsupported" not in {f.rule for f in found}
    errors = only(found, "promotion")
    # the web address and the price are language-independent; Portuguese phrases are not guessed
    assert {f.message.split(" language", 1)[0] for f in errors} == {"web address", "price"}
    assert all(f.segment == "what-it-is.body.1.text" for f in errors)


# -- in a document -------------------------------------------------------------------------------------


def test_sales_phrase_pasted_into_a_sentence_is_an_error_with_its_line(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(0, "Buy Testamol online makes the pain go away."))
    found = only(checks_run(root, ["en"]), "promotion")
    assert len(found) == 1 and found[0].severity == "error"
    f = found[0]
    assert f.path == "content/testamol/document.yml" and f.segment == "what-it-is.body.1.text"
    lines = (root / f.path).read_text(encoding="utf-8").splitlines()
    assert "Buy Testamol online" in lines[f.line - 1]
    # the finding names the words and the reason
    assert '"buy"' in f.message and "(a sales verb with the medicine" in f.message


@pytest.mark.parametrize("sentence", [
    "Do not buy Testamol over the internet.",
    "Never order medicines online without a prescription.",
    "Pain relievers you can buy at a pharmacy may help.",
    "Medicines you can buy without a prescription, such as paracetamol, may help.",
    "Some people have no side effects at all.",
    "No medicine is completely safe.",
    "Testamol is not a miracle cure.",
    "If you buy medicines online, make sure the pharmacy is registered.",
    "Do not buy or order Testamol online.",
    "Do not believe claims of instant results and miracle cures.",
    "You can no longer buy Testamol online.",
    "Report side effects online at yellowcard.mhra.gov.uk or call 0800 731 6789.",
    "You can order repeat prescriptions online through the NHS App.",
    "Call the pharmacy on 0100 000000 if you have questions about Testamol.",
])
def test_negated_or_ordinary_sentences_are_not_promotion(checks_copy, checks_run, sentence: str) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(1, sentence))
    assert only(checks_run(root, ["en"]), "promotion") == []


@pytest.mark.parametrize("sentence, category", [
    ("Testamol has no side effects.", "claims"),
    ("Testamol does not cause any side effects.", "claims"),
    ("Get Testamol without a prescription today.", "access"),
    ("Act now: limited time offer on all pain medicines.", "urgency"),
    ("Doctor-recommended and as seen on TV.", "endorsement"),
    ("Don't wait, buy Testamol online now.", "commerce"),
    ("Never feel embarrassed about your skin again and buy Testamol online today.", "commerce"),
    ("Testamol works better than any other painkiller.", "claims"),
    ("Order on WhatsApp +44 7700 900123.", "messaging app"),
    ("Use code PAIN20 at checkout.", "discount code"),
    ("3 for 2 on all Testamol packs.", "offer"),
    ("More at www.testamol-deals.biz.", "web address"),
])
def test_each_promotion_category_is_caught(checks_copy, checks_run, sentence: str, category: str) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(1, sentence))
    found = only(checks_run(root, ["en"]), "promotion")
    assert found and any(f.message.startswith(category + " language") for f in found), [f.message for f in found]


def test_promotion_in_a_translation_only_is_located_in_the_catalog(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    edit_po(root, 'msgstr "Testamol es un medicamento para el dolor leve. Se toma por la boca."',
            'msgstr "Testamol es un medicamento para el dolor leve. Compre Testamol en línea con envío gratis."')
    found = checks_run(root)
    promo = only(found, "promotion")
    assert promo and {(f.locale, f.path, f.severity) for f in promo} == {("es", "content/testamol/locales/es.po", "error")}
    po = (root / promo[0].path).read_text(encoding="utf-8").splitlines()
    assert promo[0].segment == "what-it-is.body.0.text" and "what-it-is.body.0.text" in "\n".join(po[promo[0].line - 3 : promo[0].line + 1])
    # the added sentence also makes the translation much longer than its source? no: one sentence is within the slack
    assert only(found, "promotion.divergence") == []


def test_what_a_translation_adds_is_a_divergence_error(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    edit_po(root, 'msgstr "Testamol es un medicamento para el dolor leve. Se toma por la boca."',
            'msgstr "Testamol es un medicamento para el dolor leve. Se toma por la boca. Más información: www.testamol-info.es, +34 600 123 456."')
    found = only(checks_run(root), "promotion.divergence")
    assert {f.message.split(" '", 1)[0] for f in found} == {"the translation adds a web address", "the translation adds a phone number"}
    assert all(f.severity == "error" and f.locale == "es" and f.segment == "what-it-is.body.0.text" for f in found)


@pytest.mark.parametrize("lang, source, faithful, tampered, what", [
    ("es", "Do not buy isotretinoin online.", "No compre isotretinoína por internet.", "No compre Roacutan por internet.", "a brand name of"),
    ("pl", "Take one capsule.", "Weź jedną kapsułkę.", "Weź jedną kapsułkę. Tylko 99 zł.", "a price"),
    ("ar", "Take one capsule.", "خذ كبسولة واحدة.", "خذ كبسولة واحدة. واتساب 0501234567", "a messaging account"),
    ("fr", "Take one capsule.", "Prenez une gélule.", "Prenez une gélule. www.gelules.fr", "a web address"),
    ("de", "Take one capsule.", "Nehmen Sie eine Kapsel.", "Nehmen Sie eine Kapsel. Rufen Sie 0151 98765432 an.", "a phone number"),
    ("uk", "Take one capsule.", "Прийміть одну капсулу.", "Прийміть одну капсулу. Промокод ШКІРА15.", "a discount code"),
    ("zh", "Take one capsule.", "每次服用一粒胶囊。", "每次服用一粒胶囊。加微信 med888 购买。", "a messaging account"),
    ("en", "Take one capsule.", "Take one capsule.", "Take one capsule. Semaglutide helps too.", "the name of"),
    ("es", "Take one capsule.", "Tome una cápsula.", "Tome una cápsula. " + "Es muy importante tomarla cada día con comida y agua. " * 3, "text"),
])
def test_divergence_in_every_language(lang: str, source: str, faithful: str, tampered: str, what: str) -> None:
    d = detector(lang, ("Isotretinoin",))
    assert what in [w for w, _ in added(source, tampered, d)]
    assert list(added(source, faithful, d)) == []


def test_a_faithful_translation_adds_nothing() -> None:
    d = detector("es", ("Isotretinoína",))
    source = "Report side effects at yellowcard.mhra.gov.uk or call 01234 567890. A prescription costs £9.90."
    translation = "Notifique los efectos adversos en yellowcard.mhra.gov.uk o llame al +44 1234 567890. Una receta cuesta 9,90 £."
    assert list(added(source, translation, d)) == []


def test_the_seed_texts_spam_is_the_only_promotion() -> None:
    seed = (
        "It is important to remember that Isotretinoin is a prescription medication, and its use should be closely "
        "monitored by a healthcare professional. Patients are usually prescribed a limited amount of medication at a "
        "time to ensure proper monitoring during the treatment. Increased Sensitivity to Sun: Buy isotretinoin online "
        "makes the skin more sensitive to the sun, so it's important to apply sunscreen regularly."
    )
    found = hits(seed, "en")
    assert found and {c for c, _ in found} == {"commerce"} and all("buy" in w for _, w in found)


@pytest.mark.parametrize("locale, spam", [
    ("es", "Compre isotretinoína en línea y su piel producirá menos grasa."),
    ("pl", "Kup izotretynoinę online, a skóra wytwarza mniej łoju."),
    ("ar", "اشتر الأيزوتريتينوين عبر الإنترنت يجعل البشرة تنتج زيتاً أقل."),
])
def test_spam_pasted_into_a_sample_catalog_is_an_error_there(repo: Path, tmp_path: Path, checks_run, locale: str, spam: str) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from handouts.i18n import catalog as cat

    root = tmp_path / "sample"
    shutil.copytree(repo / "content", root / "content")
    shutil.copy(repo / "handouts.yml", root / "handouts.yml")
    po = root / "content" / "isotretinoin-40mg" / "locales" / f"{locale}.po"
    catalog = cat.read(po, locale)
    message = next(m for m in catalog if m.context == "side-effects.body.1.terms.1.text")
    message.string = f"{spam} {message.string}"
    cat.write(po, catalog)
    errors = [f for f in checks_run(root, [locale], today=dt.date(2026, 11, 25)) if f.severity == "error"]
    assert {(f.rule, f.locale, f.path, f.segment) for f in errors} == {
        ("promotion", locale, f"content/isotretinoin-40mg/locales/{locale}.po", "side-effects.body.1.terms.1.text")}


# -- structural rules (issue 10): hand-written sentences, in no corpus ----------------------------------


@pytest.mark.parametrize("lang, text", [
    ("en", "You can get acne capsules delivered tomorrow, no questions asked"),
    ("es", "Pastillas para el acné sin receta, te las mando hoy mismo"),
    ("pl", "Tabletki na trądzik bez kolejki do dermatologa, wysyłka w 24h, pisz"),
    ("ar", "كبسولات حب الشباب بدون روشتة، توصيل خلال ٢٤ ساعة، راسلني"),
    ("fr", "Gélules anti-acné sans ordonnance, envoi en 24 h, écrivez-moi"),
    ("de", "Aknetabletten ohne Rezept, Versand in 24 Stunden, schreib mir"),
    ("uk", "Капсули від прищів без рецепта, доставка за 24 години, пишіть в особисті"),
])
def test_generic_acne_drug_spam_that_never_names_the_medicine_is_caught(lang: str, text: str) -> None:
    assert hits(text, lang, read_corpus(lang)[0])


@pytest.mark.parametrize("lang, text", [
    ("en", "Some acne treatments you can buy from a pharmacy, such as benzoyl peroxide, can make dry skin worse."),
    ("es", "Algunos tratamientos para el acné que se venden sin receta pueden resecar la piel."),
    ("ar", "قد تسبب بعض علاجات حب الشباب التي تباع بدون وصفة جفاف الجلد."),
    ("uk", "Засоби від акне, які продаються без рецепта, можуть сушити шкіру."),
    ("de", "Manche Aknemittel, die Sie ohne Rezept kaufen, können die Haut austrocknen."),
])
def test_over_the_counter_acne_products_as_a_general_fact_pass(lang: str, text: str) -> None:
    """The acne-drug category counts as the medicine only when the sentence does not hedge ("some", "can"): no rule flags it
    (the wording model may still read it as an ad: a promotion.wording warning, never an error)."""
    assert [h for h in hits(text, lang, read_corpus(lang)[0], full=True) if h.category != "wording" or h.cues] == []


def test_an_offer_spread_over_fragments_needs_the_medicine_and_two_more_parts() -> None:
    d = detector("en", ("Isotretinoin",))
    found = d.judge("Acne capsules from Spain, they arrive in a week, price on request")
    assert [(h.category, h.reason) for h in found] == [("commerce", "an offer: product, channel, price")]
    # the medicine and one more part is not yet an offer to the rules (the wording model may still read it as one); a hedge asks for one part more
    assert [h for h in hits("Acne capsules from Spain, they arrive in a week", "en", full=True) if h.category != "wording"] == []
    assert hits("Medicines you buy without a prescription can interact with isotretinoin.", "en") == []


@pytest.mark.parametrize("lang, text", [
    ("en", "Acnotrex 20mg 💊 fast & discreet, inbox for prices"),  # a brand name no list has
    ("es", "Dermotrex 💊 envío 24h, pregunta precio por privado"),
    ("uk", "Aкнeкутaн дешево"),  # Latin look-alikes inside a Cyrillic brand
    ("en", "Spots gone in 2 weeks 😍 clear skin capsules shipped same day"),
])
def test_unlisted_brands_and_the_pill_emoji_stand_for_the_medicine(lang: str, text: str) -> None:
    assert hits(text, lang, read_corpus(lang)[0])


@pytest.mark.parametrize("lang, text", [
    ("en", "Acne Support (www.acnesupport.org.uk) has information about living with acne."),
    ("en", "The dermatology pharmacy team, Tel 0161 276 1234, www.mft.nhs.uk"),
    ("es", "Consulte el prospecto en www.hospital-clinic.org o llame al 93 227 54 00."),
    ("pl", "Informacje o leczeniu znajdziesz na stronie szpitala www.szpital-kopernik.pl."),
    ("de", "Mehr zur Aknebehandlung lesen Sie unter www.uniklinik-freiburg.de/hautklinik."),
    ("ar", "للاستفسار اتصل بقسم الجلدية على ٠١٢٦٦٧٧٧٧٧ أو زر www.kauh.edu.sa"),
])
def test_an_unknown_address_that_sells_nothing_passes(lang: str, text: str) -> None:
    """A hospital's or charity's address is not on the allow-list, but its sentence sells nothing."""
    assert hits(text, lang, read_corpus(lang)[0]) == []


@pytest.mark.parametrize("text, address", [
    ("Details at www.skinclear-pharma.net", "www.skinclear-pharma.net"),  # pharmacy words in the host
    ("See acneaway.store for details", "acneaway.store"),  # a shop top-level domain
    ("Pay here: acne-help.co.uk/checkout", "acne-help.co.uk/checkout"),  # a checkout path
    ("Our leaflet is at www.acne-help.org and you can buy Testamol there today", "www.acne-help.org"),  # the sentence sells
])
def test_a_shop_like_address_or_an_address_in_a_selling_sentence_is_caught(text: str, address: str) -> None:
    assert ("web address", address) in hits(text, "en")


@pytest.mark.parametrize("lang, text", [
    ("en", "Top 3 isotretinoin brands of 2026, tested by our team"),
    ("pl", "Top 3 leki na trądzik 2026 – linki do sklepów"),
    ("en", "isotretinoin price uk | isotretinoin 20mg cost | generic roaccutane"),
    ("en", "✅Roaccutane✅Curacne✅Isotrexin✅ all here"),
    ("en", "Roaccutane 20 mg (we may earn a commission from links on this page)"),
])
def test_rankings_keyword_lists_and_affiliate_disclosures_are_caught(lang: str, text: str) -> None:
    assert any(c == "commerce" for c, _ in hits(text, lang, read_corpus(lang)[0]))


def test_the_brand_names_of_a_leaflet_in_plain_prose_are_not_a_list() -> None:
    assert hits("Isotretinoin is also known by brand names such as Roaccutane and Accutane.", "en") == []


def test_hyphen_spaced_words_stay_separate_words() -> None:
    from handouts.checks.promotion.normalise import fold

    assert fold("b-u-y r-o-a-c-c-u-t-a-n-e cheap") == "buy roaccutane cheap"
    assert fold("к-у-п-и-т-и а-к-н-е-к-у-т-а-н") == "купити акнекутан"
    assert fold("i s o t r e t i n o i n  o n l i n e").split() == ["isotretinoin", "online"]


def test_german_kein_negates_the_word_after_it_not_a_verb_far_before() -> None:
    medicine = read_corpus("de")[0]
    assert hits("Bestellen Sie keine Medikamente auf Seiten ohne Impressum.", "de", medicine) == []
    assert hits("Hab's auf der Seite ohne Rezept bestellt und nach zwei Monaten keine Pickel mehr.", "de", medicine)


def test_arabic_data_words_keep_a_root_s_first_letter() -> None:
    """وصفة (prescription) starts with و like the conjunction: "order a new prescription" is a service, not a sale."""
    medicine = read_corpus("ar")[0]
    assert hits("سنرسل لك الوصفة التالية إلى صيدليتك عبر النظام الإلكتروني.", "ar", medicine) == []
    assert hits("اطلب وصفة جديدة قبل نفاد الكبسولات بسبعة أيام على الأقل.", "ar", medicine) == []


BLIND = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "promotion-blind"


@pytest.mark.parametrize("lang", LANGS)
def test_the_blind_corpus_has_balanced_tune_and_test_halves(lang: str) -> None:
    """The benchmark's blind corpus: >= 60 sentences, half promotional, each label split evenly into tune and test."""
    rows = [line.split("\t") for line in (BLIND / f"{lang}.tsv").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 60 and all(len(r) == 3 and r[0] in "PC" and r[2] in ("tune", "test") for r in rows)
    for label in "PC":
        halves = [r[2] for r in rows if r[0] == label]
        assert halves.count("tune") == halves.count("test") == len(rows) // 4


@pytest.mark.parametrize("lang, text", [
    ("de", "Kaufen Sie keine Arzneimittel über soziale Netzwerke oder bei Händlern, die kein Rezept verlangen."),
    ("en", "Never buy medicines from social media sellers, who offer them without a prescription."),
])
def test_a_relative_clause_after_negated_advice_is_negated_too(lang: str, text: str) -> None:
    assert hits(text, lang, read_corpus(lang)[0]) == []


def test_look_alike_letters_take_the_script_of_the_word_s_own_letters() -> None:
    from handouts.checks.promotion.normalise import fold

    assert fold("Ізoтpeтинoїн бeз peцeптa") == "ізотретиноїн без рецепта"  # Latin o, p, e, a in Ukrainian words
    assert fold("Kyпiть Poaккyтaн з дocтaвкoю") == "купіть роаккутан з доставкою"
    assert hits("Ізoтpeтинoїн бeз peцeптa", "uk", read_corpus("uk")[0])


def test_a_social_network_is_a_channel_for_an_offer_but_not_a_finding_alone() -> None:
    assert hits("Follow our dermatology clinic on Instagram for news about our services.", "en") == []
    assert hits("Ordered mine off a girl on Insta and it came in two days, highly recommend", "en")
    assert hits("Zamówiłam przez Instagrama od dziewczyny i przyszło w dwa dni, polecam", "pl", read_corpus("pl")[0])


@pytest.mark.parametrize("lang, text", [
    ("en", "Tell your doctor if you have DM or high blood pressure."),  # DM: diabetes mellitus, not "direct message"
    ("de", "Patienten mit PN brauchen vor der Behandlung eine Beratung."),
])
def test_a_private_message_abbreviation_alone_is_not_a_seller(lang: str, text: str) -> None:
    assert hits(text, lang, read_corpus(lang)[0]) == []
