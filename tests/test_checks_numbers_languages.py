"""Numbers in translations into languages new users brought (session 11): ru, tr, hi, el, zh-Hans, zh-Hant, ja.

Each case is one English (en-GB) sentence and its translation as a native writer puts it, run through
the real check on a one-segment project; the expected findings (rule, severity, the numbers named)
were worked out by hand. Languages with no quantities vocabulary (tr, hi, el) get digits compared and
one info per catalog; ru, zh (Simplified and Traditional) and ja have vocabularies, so units, time words and frequencies count.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import DATA
from fixtures_checks import findings_of
from handouts.checks import Finding

LOCALES = ["en-GB", "ru", "tr", "hi", "el", "pt-BR", "zh-Hans", "zh-Hant", "ja"]
SEGMENT = "advice.body.0.text"
PO = "content/langs-mini/locales/{}.po"
DOCUMENT = """\
meta:
  id: langs-mini
  locale: en-GB
  kind: medicine
  title: Testatrexate
  purpose: This leaflet is for people who take Testatrexate.
  version: "1.0"
  published: 2026-01-15
  review: 2028-01-15
  reference: TEST-LANG-01
  organisation: Test Clinic
  approver: Test pharmacist
  references: [Test reference list]
  contact:
    name: Test Clinic pharmacy
    phone: "0100 000000"
sections:
  - id: advice
    heading: How to take Testatrexate
    body:
      - text: {text}
"""
TURKISH = "checks:\n  translation.numbers:\n    vocabulary:\n      tr: {spans: {week: [hafta, haftada, haftadan], day: [gün, günde, günden]}, connectors: [ila, ile]}\n"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-document project in the seven locales (catalogs made by `handouts i18n update` later, per case)."""
    root = tmp_path_factory.mktemp("langs") / "langs-mini"
    (root / "content" / "langs-mini").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "handouts.yml").write_text(
        f"source_locale: en-GB\nlocales: [{', '.join(LOCALES)}]\nformats: [pdf]\ntemplates_dir: templates\n"
        "brand: {organisation: Test Clinic, contact: {name: Test Clinic pharmacy, phone: \"0100 000000\"}}\n", encoding="utf-8")
    return root


def translated(base: Path, tmp_path: Path, pairs: dict[str, tuple[str, str]], config: str = "") -> Path:
    """A copy of the project where each locale's segment translates its own source sentence (one document per case)."""
    from handouts.i18n.workflow import update

    root = tmp_path / "langs-mini"
    shutil.copytree(base, root)
    if config:
        (root / "handouts.yml").write_text((root / "handouts.yml").read_text(encoding="utf-8") + config, encoding="utf-8")
    sources = {source for source, _ in pairs.values()}
    assert len(sources) == 1, "one source sentence per case"
    (root / "content" / "langs-mini" / "document.yml").write_text(DOCUMENT.format(text=_quoted(sources.pop())), encoding="utf-8")
    update(root, None, list(pairs))
    for lang, (_, text) in pairs.items():
        catalog = polib.pofile(str(root / PO.format(lang)))
        for entry in catalog:
            entry.msgstr = text if entry.msgctxt == SEGMENT else entry.msgid
        catalog.save()
    return root


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number_findings(root: Path, lang: str) -> list[Finding]:
    return [f for f in findings_of(root, ["en-GB", lang]) if f.rule.startswith("translation.number") and f.locale == lang]


def errors(found: list[Finding]) -> list[str]:
    return [f.message for f in found if f.severity == "error"]


def partial_infos(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.rule == "translation.numbers-partial"]


# -- languages with no vocabulary: digits only, never a guess about words ---------------------------


@pytest.mark.parametrize(("lang", "source", "text"), [
    # -- H3: "missing 12 weeks", "missing once a week", "added 2,5" on correct text --
    ("tr", "It can take 6 to 12 weeks before you feel better.", "Kendinizi daha iyi hissetmeniz 6 ila 12 hafta sürebilir."),
    ("tr", "Your tablets are 2.5 mg each. Most people take between 7.5 mg and 25 mg once a week.",
     "Tabletleriniz 2,5 mg'dır. Çoğu kişi haftada bir kez 7,5 mg ile 25 mg arasında alır."),
    ("tr", "This affects about 1% of people and usually stops.", "Bu, kişilerin yaklaşık %1'ini etkiler ve genellikle durur."),
    ("tr", "You need a blood test every 2 weeks at first.", "Başlangıçta 2 haftada bir kan testi yaptırmanız gerekir."),
    ("hi", "Your tablets are 2.5 mg each. Take them once a week.", "आपकी गोलियाँ २.५ mg की हैं। इन्हें हफ़्ते में एक बार लें।"),
    ("hi", "It can take 6 to 12 weeks before you feel better.", "बेहतर महसूस करने में 6 से 12 हफ़्ते लग सकते हैं।"),
    ("hi", "If you remember within 2 days, take it then.", "अगर आपको २ दिन के भीतर याद आए, तो तभी ले लें।"),
    ("el", "Take 2.5 mg once a week.", "Πάρτε 2,5 mg μία φορά την εβδομάδα."),
    ("el", "Call 01632 960 123 from 08:00 to 16:30.", "Καλέστε στο 01632 960 123 από 08:00 έως 16:30."),
    ("el", "Your dose on 1 January 2027 is written on your yellow booklet.", "Η δόση σας την 1η Ιανουαρίου 2027 είναι γραμμένη στο κίτρινο βιβλιαράκι σας."),
    ("el", "Use reliable contraception for 3 months after you stop.", "Χρησιμοποιείτε αξιόπιστη αντισύλληψη για 3 μήνες αφού σταματήσετε."),
    # -- any other language without a data file: the same, never a guess --
    ("pt-BR", "Take 2.5 mg once a week for 12 weeks.", "Tome 2,5 mg uma vez por semana durante 12 semanas."),
])
def test_correct_translation_without_vocabulary_has_no_error_and_one_info(base: Path, tmp_path: Path, lang: str, source: str, text: str) -> None:
    found = number_findings(translated(base, tmp_path, {lang: (source, text)}), lang)
    assert errors(found) == []
    [info] = partial_infos(found)
    assert (info.severity, info.path, info.line, info.segment) == ("info", PO.format(lang), None, None)
    code = lang.split("-")[0]  # -- a vocabulary is per language: pt serves pt-BR --
    assert f"no quantities vocabulary for '{code}'" in info.message and "units, time words" in info.message
    assert f"vocabulary: {{{code}:" in info.message and "handouts.yml" in info.message
    assert [f.rule for f in found] == ["translation.numbers-partial"]


@pytest.mark.parametrize(("lang", "source", "text", "said", "written"), [
    ("tr", "Your tablets are 2.5 mg each.", "Tabletleriniz 25 mg'dır.", "2.5 mg (2.5)", "25 mg (25)"),
    ("tr", "This affects about 1% of people.", "Bu, kişilerin yaklaşık %10'unu etkiler.", "1% (1)", "%10 (10)"),
    ("hi", "Your tablets are 2.5 mg each.", "आपकी गोलियाँ २५ mg की हैं।", "2.5 mg (2.5)", "२५ mg (25)"),
    ("el", "Take 2.5 mg once a week.", "Πάρτε 25 mg μία φορά την εβδομάδα.", "2.5 mg (2.5)", "25 mg (25)"),
    ("el", "Take 2.5 mg once a week.", "Πάρτε 2,5 g μία φορά την εβδομάδα.", None, None),  # -- a unit is not compared without a vocabulary --
    ("pt-BR", "Take 2.5 mg once a week for 12 weeks.", "Tome 2,5 mg uma vez por semana durante 21 semanas.", "12 weeks (12)", "21"),
    ("el", "Call us from 08:00 to 16:30.", "Καλέστε μας από 08:00 έως 17:30.", "16:30", "17:30"),
    ("el", "Your dose on 1 January 2027 is written on your booklet.", "Η δόση σας την 1η Φεβρουαρίου 2027 είναι γραμμένη στο βιβλιαράκι σας.",
     "1 January 2027 (date 2027-01-01)", "1η Φεβρουαρίου 2027 (date 2027-02-01)"),
])
def test_a_changed_digit_without_vocabulary_is_still_an_error(base: Path, tmp_path: Path, lang: str, source: str, text: str, said: str | None, written: str | None) -> None:
    found = number_findings(translated(base, tmp_path, {lang: (source, text)}), lang)
    assert len(partial_infos(found)) == 1
    if said is None:
        assert errors(found) == []
        return
    assert [m.split(";")[0] for m in errors(found)] == [f'changed: the source says "{said}" but the translation says "{written}"']  # one error, naming both values


def test_one_info_per_catalog_however_many_segments_and_locales(base: Path, tmp_path: Path) -> None:
    source = "Take 2.5 mg once a week for 12 weeks."
    root = translated(base, tmp_path, {"tr": (source, "12 hafta boyunca haftada bir kez 2,5 mg alın."),
                                       "hi": (source, "12 हफ़्ते तक हफ़्ते में एक बार 2.5 mg लें।"),
                                       "el": (source, "Πάρτε 2,5 mg μία φορά την εβδομάδα για 12 εβδομάδες.")})
    found = [f for f in findings_of(root, ["en-GB", "tr", "hi", "el"]) if f.rule.startswith("translation.number")]
    # -- the meta fields (title, purpose, contact...) are segments of the same catalog: still one info for it --
    assert sorted((f.rule, f.locale, f.path) for f in found) == [("translation.numbers-partial", lang, PO.format(lang)) for lang in ("el", "hi", "tr")]


def test_turkish_with_a_vocabulary_reads_units_and_the_sign_first_percentage(base: Path, tmp_path: Path) -> None:
    """The tester's deliberate mistake: with a Turkish vocabulary in handouts.yml, days for weeks is an error; without one it cannot be seen."""
    wrong = {"tr": ("It can take 6 to 12 weeks before you feel better.", "Kendinizi daha iyi hissetmeniz 6 ila 12 gün sürebilir.")}
    assert errors(number_findings(translated(base, tmp_path / "a", wrong), "tr")) == []
    found = number_findings(translated(base, tmp_path / "b", wrong, TURKISH), "tr")
    assert sorted(m.split(";")[0] for m in errors(found)) == [
        'changed: the source says "12 weeks" but the translation says "12 gün (12 days)"',
        'changed: the source says "6 (6 weeks)" but the translation says "6 (6 days)"']
    assert partial_infos(found) == []
    right = {"tr": ("This affects about 1% of people.", "Bu, kişilerin yaklaşık %1'ini etkiler.")}
    assert number_findings(translated(base, tmp_path / "c", right, TURKISH), "tr") == []
    tenfold = {"tr": ("This affects about 1% of people.", "Bu, kişilerin yaklaşık %10'unu etkiler.")}
    assert [m.split(";")[0] for m in errors(number_findings(translated(base, tmp_path / "d", tenfold, TURKISH), "tr"))] == [
        'changed: the source says "1% (1 %)" but the translation says "%10 (10 %)"']


# -- Russian, with its vocabulary: words are checked -------------------------------------------------


@pytest.mark.parametrize(("source", "text"), [
    ("Your tablets are 2.5 mg each. Most people take between 7.5 mg and 25 mg once a week.",
     "Каждая таблетка содержит 2,5 мг. Большинство людей принимают от 7,5 мг до 25 мг раз в неделю."),
    ("It can take 6 to 12 weeks before you feel better.", "Улучшение может наступить через 6–12 недель."),
    ("Weeks 7 to 12", "С 7-й по 12-ю неделю"),
    ("You need a blood test every 2 weeks at first.", "Вначале нужно сдавать анализ крови каждые 2 недели."),
    ("Keep to no more than 14 units of alcohol a week.", "Не превышайте 14 единиц алкоголя в неделю."),
    ("Your dose on 1 January 2027 is written on your yellow booklet.", "Ваша доза на 1 января 2027 года записана в жёлтой книжке."),
    ("Take methotrexate on one day and folic acid 2 days later.", "Принимайте метотрексат в один день, а фолиевую кислоту — через 2 дня."),
    ("Take two tablets twice a day for 3 days.", "Принимайте по две таблетки дважды в день в течение 3 дней."),
    ("British Society for Rheumatology guideline (2022)", "Рекомендации Британского общества ревматологии (2022 г.)"),
])
def test_correct_russian_has_no_number_finding(base: Path, tmp_path: Path, source: str, text: str) -> None:
    assert [str(f) for f in number_findings(translated(base, tmp_path, {"ru": (source, text)}), "ru")] == []


@pytest.mark.parametrize(("source", "text", "said", "written"), [
    ("Your tablets are 2.5 mg each.", "Каждая таблетка содержит 25 мг.", "2.5 mg", "25 мг (25 mg)"),
    ("Your tablets are 2.5 mg each.", "Каждая таблетка содержит 2,5 г.", "2.5 mg", "2,5 г (2.5 g)"),
    ("It can take 6 to 12 weeks before you feel better.", "Улучшение может наступить через 6–12 дней.", "12 weeks", "12 дней (12 days)"),
    ("Take it once a week.", "Принимайте раз в день.", "once a week (1 time per week)", "раз в день (1 time per day)"),
    ("You need a blood test every 2 weeks at first.", "Вначале нужно сдавать анализ крови каждые 2 дня.",
     "every 2 weeks (1 time per 2 weeks)", "каждые 2 дня (1 time per 2 days)"),
])
def test_russian_changed_dose_unit_or_time_word_is_an_error(base: Path, tmp_path: Path, source: str, text: str, said: str, written: str) -> None:
    found = number_findings(translated(base, tmp_path, {"ru": (source, text)}), "ru")
    assert f'changed: the source says "{said}" but the translation says "{written}"' in " | ".join(errors(found))
    assert all(f.rule == "translation.numbers" and f.line and f.path == PO.format("ru") for f in found if f.severity == "error")
    assert partial_infos(found) == []


# -- Chinese and Japanese: the constructs the testers found ------------------------------------------


@pytest.mark.parametrize(("lang", "source", "text"), [
    ("zh-Hans", "Weeks 7 to 12", "第7至12周"),
    ("zh-Hans", "Your dose on 1 January 2027 is written on your yellow booklet.", "您在2027年1月1日的剂量写在黄色手册上。"),
    ("zh-Hans", "Your dose on January 1, 2027 is written on your yellow booklet.", "您在2027年1月1日的剂量写在黄色手册上。"),
    ("zh-Hans", "About 1 in 10 people feel sick on the day after their dose.", "大约每10人中有1人在服药后第二天感到恶心。"),
    ("zh-Hans", "A course usually lasts 16 to 20 weeks.", "疗程通常为16～20周。"),
    ("zh-Hans", "Take it once a week.", "每周服用一次。"),
    ("zh-Hant", "A course usually lasts 16 to 20 weeks.", "療程通常為16至20週。"),
    ("zh-Hant", "Take it once a week for 3 months.", "每週服用一次，連續3個月。"),
    ("ja", "Isotretinoin 40 mg is a capsule you take by mouth for severe acne.", "イソトレチノイン40 mgは、重いにきびのために口から飲むカプセルです。"),
    ("ja", "A course usually lasts 16 to 20 weeks.", "治療期間は通常16～20週間です。"),
    ("ja", "A course usually lasts 16 to 20 weeks.", "治療期間は通常16〜20週です。"),
    ("ja", "Take 1 tablet 3 times a day.", "1回1錠を1日3回服用してください。"),
    ("ja", "Your dose on 1 January 2027 is written on your booklet.", "2027年1月1日の用量は手帳に書いてあります。"),
])
def test_correct_chinese_and_japanese_have_no_number_finding(base: Path, tmp_path: Path, lang: str, source: str, text: str) -> None:
    assert [str(f) for f in number_findings(translated(base, tmp_path, {lang: (source, text)}), lang)] == []


@pytest.mark.parametrize(("lang", "source", "text", "said", "written"), [
    ("zh-Hans", "Your tablets are 2.5 mg each.", "您的药片每片25毫克。", "2.5 mg", "25毫克 (25 mg)"),
    ("zh-Hans", "A course usually lasts 16 to 20 weeks.", "疗程通常为16～20天。", "20 weeks", "20天 (20 days)"),
    ("zh-Hans", "Your dose on 1 January 2027 is written on your booklet.", "您在2027年2月1日的剂量写在手册上。",
     "1 January 2027 (date 2027-01-01)", "2027年2月1日 (date 2027-02-01)"),
    ("zh-Hant", "Take it once a week.", "每天服用一次。", "once a week (1 time per week)", "每天服用一次 (1 time per day)"),
    ("ja", "Take 2.5 mg once a day.", "1日1回25 mgを服用してください。", "2.5 mg", "25 mg"),
    ("ja", "A course usually lasts 16 to 20 weeks.", "治療期間は通常16～20日間です。", "20 weeks", "20日間 (20 days)"),
])
def test_chinese_and_japanese_real_errors_stay_errors(base: Path, tmp_path: Path, lang: str, source: str, text: str, said: str, written: str) -> None:
    found = number_findings(translated(base, tmp_path, {lang: (source, text)}), lang)
    assert f'changed: the source says "{said}" but the translation says "{written}"' in " | ".join(errors(found))
    assert partial_infos(found) == []
