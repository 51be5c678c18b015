"""Readability: hand-counted syllables, hand-computed scores, sentence splitting, structured summary data."""

from __future__ import annotations

from fixtures_checks import only, para  # noqa: F401 -- shared helpers

from pathlib import Path

import pytest

from handouts.checks import Finding
from handouts.checks.context import Unit
from handouts.checks.readability import stats
from handouts.checks.syllables import COUNTERS, english, english_estimate, french, german, spanish
from handouts.checks.text import sentences
from conftest import SAMPLE_SOURCE


def set_config(root: Path, text: str) -> None:
    path = root / "handouts.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def unit(text: str) -> Unit:
    return Unit("x.body.0.text", "x", "text", text, text, None, None)


def pairs(table: str) -> list[tuple[str, int]]:
    t = table.split()
    return list(zip(t[::2], map(int, t[1::2])))


# -- syllables counted by hand (English: as a dictionary divides them; French: written syllables, mute final e left out)

EN = pairs("""medicine 3 capsule 2 pregnancy 3 doctor 2 every 3 skin 1 acne 2 severe 2 treatment 2 isotretinoin 6
contraception 4 depression 3 pharmacist 3 sunscreen 2 leaflet 2 moisturiser 4 paracetamol 5 tablets 2 water 2 side 1
effects 2 different 3 family 3 information 4 important 3 usually 4 headache 2 blood 1 pregnant 2 teratogenic 5
dermatologist 5 vitamin 3 helped 1 table 2 ibuprofen 4 serious 3 area 3 idea 3 create 2 people 2 unborn 2 baby 2""")
# hiatus (dí-a, po-e-ta, ba-úl, a-é-re-o), diphthongs (ciu-dad, cui-da-do, far-ma-céu-ti-co), triphthongs (buey, U-ru-guay),
# silent u (quien, gue-rra), gü (pin-güi-no), y as a vowel (muy, hoy, y) or a consonant (ma-yo), one-letter syllables (u-na, o-jos)
ES = pairs("""una 2 ojos 2 efectos 3 día 2 ciudad 2 cuidado 3 aéreo 4 poeta 3 ahí 2 oír 2 baúl 2 país 2 leer 2 buey 1
Uruguay 3 quien 1 guerra 2 pingüino 3 acentúa 4 medicamento 5 farmacéutico 5 oído 3 maíz 2 ahora 3 caer 2 héroe 3
hielo 2 muy 1 hoy 1 y 1 mayo 2 dieciséis 3 biología 4 reúne 3 ruido 2 veintiún 2 isotretinoína 7 embarazo 4 piel 1
cápsula 3 tratamiento 4 tome 2 comida 3 comparta 3""")
DE = pairs("""Feuer 2 Tablette 3 Arzneimittel 4 Nebenwirkungen 5 Patient 3 Patienten 4 Ferien 3 Familie 4 Therapie 3
Kapsel 2 Haut 1 Akne 2 Schwangerschaft 3 Apotheke 4 Ärztin 2 Blutuntersuchung 5 Sonne 2 Eier 2 Leber 2 Augen 2 täglich 2
Wasser 2 Isotretinoin 6 Morgen 2 Glas 1 trinken 2 nehmen 2 Behandlung 3 Sonnenschutz 3 Haare 2 Monate 3 heute 2 Frau 1
Verhütung 3 Schwindel 2 eine 2""")
FR = pairs("""comprimé 3 prenez 2 verre 1 avec 2 eau 1 oiseau 2 pharmacie 3 traitement 3 douleur 2 réaction 3 créer 2
année 2 idée 2 personnes 2 médicament 4 matin 2 grossesse 2 peau 1 soleil 2 isotrétinoïne 6 lait 1 boire 1 enceinte 2
sang 1 semaine 2 bouche 1 lèvres 1 crème 1 jour 1 fois 1 deux 1 mois 1 santé 2 docteur 2 sécheresse 3 acné 2 effets 2
secondaires 3 maïs 2 buvez 2""")


@pytest.mark.parametrize("count, table", [(english, EN), (spanish, ES), (german, DE), (french, FR)], ids=["en", "es", "de", "fr"])
def test_syllables_match_hand_counts(count, table: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    assert len(table) >= 30
    assert [(w, count(w)) for w, n in table if count(w) != n] == []


def test_english_fallback_for_words_the_dictionary_lacks() -> None:
    from handouts.checks.syllables import _cmu

    unknown = pairs("isotretinoin 6 teratogenic 5 moisturiser 4 paracetamol 5 isotretinoin's 6")
    assert all(w.removesuffix("'s") not in _cmu() for w, _ in unknown)  # really the fallback
    assert [(w, english(w)) for w, n in unknown if english(w) != n] == []
    # the estimate alone on common words: silent e, -le, -ed, -es
    assert [english_estimate(w) for w in ["medicine", "table", "helped", "takes", "capsule", "leaflet"]] == [3, 2, 1, 1, 2, 2]


def test_spanish_is_not_hyphenation() -> None:
    """Pyphen never splits off a one-letter syllable; the rule-based count does (the old figures were ~7 points too easy)."""
    import pyphen

    hyphen = pyphen.Pyphen(lang="es")
    for word in ["una", "ojos", "efectos"]:
        assert spanish(word) == len(hyphen.positions(word)) + 2


# -- scores computed by hand -----------------------------------------------------------------------------


def test_english_paragraph_without_long_words() -> None:
    # Take(1) one(1) capsule(2) with(1) food(1) = 5 words, 6 syllables
    # Do(1) not(1) share(1) your(1) capsules(2) = 5 words, 6 syllables
    # Tell(1) your(1) doctor(2) if(1) you(1) feel(1) low(1) = 7 words, 8 syllables
    # 3 sentences, 17 words, 20 syllables: ASL = 17/3 = 5.6667, ASW = 20/17 = 1.1765, no word of 3+ syllables
    # Flesch = 206.835 - 1.015 * 5.6667 - 84.6 * 1.1765 = 206.835 - 5.7517 - 99.5294 = 101.55
    # FK = 0.39 * 5.6667 + 11.8 * 1.1765 - 15.59 = 2.21 + 13.8824 - 15.59 = 0.50; SMOG = 1.043 * 0 + 3.1291 = 3.13
    st = stats([unit("Take one capsule with food. Do not share your capsules. Tell your doctor if you feel low.")], english, "en")
    assert st and (st.sentences, st.words, st.syllables, st.polysyllables) == (3, 17, 20, 0)
    assert st.flesch() == pytest.approx(101.55, abs=0.01)
    assert st.fk_grade() == pytest.approx(0.50, abs=0.01)
    assert st.smog() == pytest.approx(3.13, abs=0.01)


def test_english_paragraph_with_long_words() -> None:
    # Isotretinoin(6) is(1) a(1) medicine(3) for(1) severe(2) acne(2) = 7 words, 16 syllables
    # It(1) can(1) harm(1) an(1) unborn(2) baby(2) so(1) you(1) must(1) use(1) contraception(4) = 11 words, 16 syllables
    # 2 sentences, 18 words, 32 syllables; 3 words of 3+ syllables (isotretinoin, medicine, contraception)
    # ASL = 9, ASW = 32/18 = 1.7778
    # Flesch = 206.835 - 1.015 * 9 - 84.6 * 1.7778 = 206.835 - 9.135 - 150.4 = 47.30
    # FK = 0.39 * 9 + 11.8 * 1.7778 - 15.59 = 3.51 + 20.9778 - 15.59 = 8.90
    # SMOG = 1.043 * sqrt(3 * 30 / 2) + 3.1291 = 1.043 * 6.7082 + 3.1291 = 10.13
    st = stats([unit("Isotretinoin is a medicine for severe acne. It can harm an unborn baby, so you must use contraception.")], english, "en")
    assert st and (st.sentences, st.words, st.syllables, st.polysyllables) == (2, 18, 32, 3)
    assert st.flesch() == pytest.approx(47.30, abs=0.01)
    assert st.fk_grade() == pytest.approx(8.90, abs=0.01)
    assert st.smog() == pytest.approx(10.13, abs=0.01)


def test_spanish_paragraph() -> None:
    # Tome(2) una(2) cápsula(3) al(1) día(2) con(1) comida(3) = 7 words, 14 syllables
    # No(1) comparta(3) sus(1) cápsulas(3) = 4 words, 8 syllables
    # 2 sentences, 11 words, 22 syllables: ASL = 5.5, ASW = 2.0
    # INFLESZ = 206.835 - 62.3 * 2 - 5.5 = 76.735; Fernández-Huerta = 206.84 - 1.02 * 5.5 - 60 * 2 = 81.23
    st = stats([unit("Tome una cápsula al día con comida. No comparta sus cápsulas.")], spanish, "es")
    assert st and (st.sentences, st.words, st.syllables) == (2, 11, 22)
    assert st.inflesz() == pytest.approx(76.735, abs=0.001)
    assert st.fernandez_huerta() == pytest.approx(81.23, abs=0.001)


def test_german_and_french_paragraphs() -> None:
    # Nehmen(2) Sie(1) eine(2) Tablette(3) am(1) Morgen(2) = 6 words, 11; Trinken(2) Sie(1) ein(1) Glas(1) Wasser(2) = 5 words, 7
    # ASL = 11/2 = 5.5, ASW = 18/11 = 1.6364; Amstad = 180 - 5.5 - 58.5 * 1.6364 = 180 - 5.5 - 95.7273 = 78.77
    de = stats([unit("Nehmen Sie eine Tablette am Morgen. Trinken Sie ein Glas Wasser.")], german, "de")
    assert de and (de.words, de.syllables) == (11, 18) and de.ease("de") == ("Amstad", pytest.approx(78.77, abs=0.01))
    # Prenez(2) un(1) comprimé(3) le(1) matin(2) = 5 words, 9; Buvez(2) un(1) grand(1) verre(1) d'eau(1) = 5 words, 6
    # ASL = 5, ASW = 15/10 = 1.5; Kandel-Moles = 207 - 1.015 * 5 - 73.6 * 1.5 = 207 - 5.075 - 110.4 = 91.525
    fr = stats([unit("Prenez un comprimé le matin. Buvez un grand verre d'eau.")], french, "fr")
    assert fr and (fr.words, fr.syllables) == (10, 15) and fr.ease("fr") == ("Kandel-Moles", pytest.approx(91.525, abs=0.001))


# -- sentences --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, text, count", [
    ("en", "Take 2.5 mg a day, e.g. with food. Dr. Smith said so. See www.nhs.uk/medicines. Then stop.", 4),
    ("en", "It is made from vitamin A. It works on the skin.", 2),
    ("en", "Take 40 mg. Then wait 2 weeks.", 2),
    ("en", "Email help@clinic.nhs.uk. We reply within 2 days.", 2),
    ("es", "Tome 2,5 mg al día, p. ej. con comida. La Dra. García lo dijo. Vea www.aemps.gob.es. Luego pare.", 4),
    ("pl", "Bierz 2,5 mg dziennie, np. z jedzeniem. Zob. www.urpl.gov.pl. Potem przestań.", 3),
    ("de", "Nehmen Sie z. B. 2,5 mg pro Tag. Dr. Müller sagt das. Dann hören Sie auf.", 3),
    ("fr", "Prenez 2,5 mg par jour, p. ex. avec un repas. Mme Martin le dit. Puis arrêtez.", 3),
    ("uk", "Приймайте 2,5 мг на день, напр. з їжею. Д-р Іваненко так сказав. Потім зупиніться.", 3),
    ("ar", "خذ 2.5 ملغ يومياً. قال د. أحمد ذلك. ثم توقف.", 3),
    ("zh", "每天服用2.5毫克。然后停止！好吗？", 3),
    ("en", "A list item without a full stop\nAnother item", 2),
])
def test_sentences_know_abbreviations_decimals_doses_and_addresses(lang: str, text: str, count: int) -> None:
    assert len(sentences(text, lang)) == count, sentences(text, lang)


# -- in a document ----------------------------------------------------------------------------------------


def test_summary_carries_the_scores_as_data(sample_findings: list[Finding]) -> None:
    summary = {f.locale: f for f in only(sample_findings, "readability.summary")}
    en = summary[SAMPLE_SOURCE].to_dict()["data"]
    assert set(en) >= {"flesch_reading_ease", "flesch_kincaid_grade", "smog", "sentences", "words", "syllables", "words_per_sentence"}
    assert f"Flesch Reading Ease {en['flesch_reading_ease']:.1f}" in summary[SAMPLE_SOURCE].message
    es = summary["es"].to_dict()["data"]
    assert f"Szigriszt-INFLESZ {es['szigriszt_inflesz']:.1f}" in summary["es"].message and "fernandez_huerta" in es
    pl = next(f for f in only(sample_findings, "readability.unsupported") if f.locale == "pl").to_dict()["data"]
    assert set(pl) == {"sentences", "words", "words_per_sentence", "letters_per_word"}
    assert all(f.to_dict()["data"] is None for f in sample_findings if f.rule.startswith("promotion"))


def test_long_sentence_is_flagged_where_it_is(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    long = "You should " + " ".join(["always"] * 10) + " take this medicine with a large glass of water and some food at the same time every day."
    root = checks_copy(para(2, long))
    found = only(checks_run(root, ["en"]), "readability.sentence-length")
    assert len(found) == 1 and found[0].segment == "how-to-take.body.2.text" and "more than 25" in found[0].message
    short = checks_copy(para(2, "Take it with water, e.g. a large glass. Take it with food."))
    assert only(checks_run(short, ["en"]), "readability.sentence-length") == []


def test_grade_targets_are_configurable_and_per_section(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    set_config(root, "checks:\n  readability.grade: {max: 2}\n  readability.ease: {en_min: 95, section_min_words: 5}\n")
    found = checks_run(root, ["en"])
    grade = only(found, "readability.grade")
    assert any(f.segment is None and "Flesch-Kincaid grade" in f.message for f in grade)
    assert any(f.segment == "before" for f in only(found, "readability.ease"))
    assert all(f.severity == "warning" for f in grade)


def test_spanish_uses_its_own_formula(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    set_config(root, "checks:\n  readability.ease: {es_min: 99, es_formula: fernandez-huerta}\n")
    es = [f for f in only(checks_run(root), "readability.ease") if f.locale == "es"]
    assert es and all("Fernández-Huerta" in f.message for f in es)


def test_every_formula_language_has_a_counter() -> None:
    assert set(COUNTERS) == {"en", "es", "fr", "de"}


def test_percentages_suggest_natural_frequencies(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    found = only(checks_run(checks_copy(para(3, "About 10% of people get a headache.")), ["en"]), "readability.percentages")
    assert len(found) == 1 and "about 1 in 10" in found[0].message and found[0].segment == "side-effects.body.2.text"
    assert only(checks_run(checks_copy(para(3, "About 1 in 10 people get a headache.")), ["en"]), "readability.percentages") == []
