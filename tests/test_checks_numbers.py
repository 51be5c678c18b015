"""Numbers in translations: quantities read in each language, compared through the real check, waivers in the PO entry."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import DATA
from fixtures_checks import findings_of
from handouts.checks import Finding, numbers_waivers
from handouts.checks.quantities import compare, parse

LANGS = ("es", "pl", "ar", "fr", "de", "uk", "zh")
SEGMENTS = {
    "weekly": "what-it-is.key_points.0",
    "dose": "how-to-take.body.0.steps.0",
    "course": "how-to-take.body.0.steps.1",
    "folic": "how-to-take.body.0.steps.2",
    "cream": "how-to-take.body.0.steps.3",
    "gap": "how-to-take.body.0.steps.4",
    "solution": "how-to-take.body.0.steps.5",
    "insulin": "how-to-take.body.0.steps.6",
    "breakfast": "how-to-take.body.0.steps.7",
    "forms": "before.key_points.0",
    "wait": "before.body.0.text",
    "risk": "before.body.1.text",
    "store": "storage.body.0.text",
    "hours": "contact.body.0.text",
    "emergency": "contact.body.1.text",
}
MINI = DATA / "numbers-mini"
PO = "content/numbers-mini/locales/{}.po"


def variants(kind: str) -> list[tuple[str, ...]]:
    rows = []
    for lang in LANGS:
        table = yaml.safe_load((DATA / "numbers-variants" / f"{lang}.yml").read_text(encoding="utf-8"))
        rows += [(lang, *row) for row in table[kind]]
    return rows


def set_translation(root: Path, lang: str, context: str, text: str, comment: str | None = None) -> int:
    """Replace one msgstr of the mini-project's catalog (and add a translator comment); returns the entry's msgid line."""
    path = root / PO.format(lang)
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    for i, block in enumerate(blocks):
        if f'msgctxt "{context}"\n' in block + "\n":
            head = block[: block.index("msgstr")]
            escaped = text.replace("\\", "\\\\").replace('"', '\\"')
            blocks[i] = (f"# {comment}\n" if comment else "") + head + f'msgstr "{escaped}"'
            path.write_text("\n\n".join(blocks), encoding="utf-8")
            return path.read_text(encoding="utf-8").splitlines().index(f'msgctxt "{context}"') + 2
    raise AssertionError(f"no entry {context} in {path}")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "numbers-mini"
    shutil.copytree(MINI, root)
    return root


def number_errors(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.rule.startswith("translation.number") and f.severity == "error"]


# -- the fixtures as translated, and the sample -----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_native_translation_has_no_number_finding(lang: str) -> None:
    found = findings_of(MINI, ["en", lang])
    words = [f for f in found if f.segment is None and "template-word catalog" in f.message]  # -- fr, de, uk: none (not this test's subject) --
    assert [str(f) for f in found if (f.rule.startswith("translation") or f.severity == "error") and f not in words] == []


def test_sample_still_passes(sample_findings: list[Finding]) -> None:
    assert [str(f) for f in sample_findings if f.severity == "error"] == []


def test_every_language_has_its_table() -> None:
    for lang in LANGS:
        table = yaml.safe_load((DATA / "numbers-variants" / f"{lang}.yml").read_text(encoding="utf-8"))
        assert len(table["pass"]) >= 15 and len(table["fail"]) >= 15, lang
        assert {row[0] for row in table["pass"] + table["fail"]} <= set(SEGMENTS), lang


# -- the tables: other correct forms pass, tampered ones fail ---------------------------------------


@pytest.mark.parametrize(("lang", "key", "text"), variants("pass"))
def test_correct_variant_passes(mini: Path, lang: str, key: str, text: str) -> None:
    set_translation(mini, lang, SEGMENTS[key], text)
    assert [str(f) for f in number_errors(findings_of(mini, ["en", lang]))] == []


@pytest.mark.parametrize(("lang", "key", "text", "says"), variants("fail"))
def test_tampered_variant_is_an_error_naming_segment_line_and_values(mini: Path, lang: str, key: str, text: str, says: str) -> None:
    line = set_translation(mini, lang, SEGMENTS[key], text)
    errors = number_errors(findings_of(mini, ["en", lang]))
    assert errors, f"{lang} {key}: {text!r} passed"
    assert {(f.rule, f.segment, f.path, f.line, f.locale) for f in errors} == {("translation.numbers", SEGMENTS[key], PO.format(lang), line, lang)}
    assert any(says in f.message for f in errors), [f.message for f in errors]


# -- reading quantities (values worked out by hand) -------------------------------------------------


@pytest.mark.parametrize(("text", "locale", "meanings"), [
    ("0,500 g", "es", ["0.5 g"]),
    ("0,500 g", "pl", ["0.5 g"]),
    ("0,500 g", "de", ["0.5 g"]),
    ("0,500 g", "fr", ["0.5 g"]),
    ("1.000 unidades", "es", ["1000 unit"]),
    ("1,000 units", "en", ["1000 unit"]),
    ("10 000 jednostek", "pl", ["10000 unit"]),
    ("2.5 mg", "es", ["2.5 mg"]),
    ("تناول ٤٠ ملغ", "ar", ["40 mg"]),
    ("۲٫۵ ملغ", "ar", ["2.5 mg"]),
    ("४० mg", "en", ["40 mg"]),
    ("拨打111或999", "zh", ["111", "999"]),
    ("6到12周", "zh", ["6 weeks", "12 weeks"]),
    ("7.5 mg至20 mg", "zh", ["7.5 mg", "20 mg"]),
    ("上午9点至下午4点", "zh", ["09:00", "16:00"]),
    ("每周一次", "zh", ["1 time per week"]),
    ("一天两次", "zh", ["2 times per day"]),
    ("раз на тиждень", "uk", ["1 time per week"]),
    ("dieciséis a veinte semanas", "es", ["16 weeks", "20 weeks"]),
    ("ستة عشر أسبوعًا", "ar", ["16 weeks"]),
    ("لمدة شهرين", "ar", ["2 months"]),
    ("twenty-one days", "en", ["21 days"]),
    ("dwadzieścia jeden dni", "pl", ["21 days"]),
    ("двадцять п’ять днів", "uk", ["25 days"]),
    ("einundzwanzig Tage", "de", ["21 days"]),
    ("vingt et un jours", "fr", ["21 days"]),
    ("the 2nd dose", "en", ["ordinal 2"]),
    ("9am, 9:00, 09.00, 4pm, 16:00, 4 p.m.", "en", ["09:00", "09:00", "09:00", "16:00", "16:00", "16:00"]),
    ("de 9 h à 16 h 30", "fr", ["09:00", "16:30"]),
    ("every other day, every 8 hours, weekly", "en", ["1 time per 2 days", "1 time per 8 hours", "1 time per week"]),
    ("1.11.2026", "de", ["date 2026-11-01"]),  # day first: 1 November, the year in full
    ("01234 567 890", "en", ["digits 01234567890"]),
    # -- dates with a month name, in the locale's own month names (CLDR), and the year shown in full --
    ("Your dose on 1 January 2027.", "en-GB", ["date 2027-01-01"]),
    ("Your dose on January 1, 2027.", "en-US", ["date 2027-01-01"]),
    ("Your dose on the 1st of January 2027.", "en-GB", ["date 2027-01-01"]),
    ("11/1/2026", "en-US", ["date 2026-11-01"]),
    ("el 1 de noviembre de 2026", "es", ["date 2026-11-01"]),
    ("1 listopada 2026 r.", "pl", ["date 2026-11-01"]),
    ("2027年1月1日", "zh", ["date 2027-01-01"]),
    ("45 January 2027", "en", ["45", "2027"]),
    # -- the percent sign first (Turkish), the wave dash between the ends of a range (Japanese) --
    ("%1'ini", "tr", ["1 %"]),
    ("16〜20週間", "ja", ["16 weeks", "20 weeks"]),
    ("40 mgは", "ja", ["40 mg"]),
])
def test_quantities_are_read(text: str, locale: str, meanings: list[str]) -> None:
    found, unreadable = parse(text, locale)
    assert [q.meaning() for q in found if q.strong or q.kind != "number"] == meanings
    assert unreadable == []


@pytest.mark.parametrize(("source", "translation", "lang", "flagged"), [
    ("Take one tablet once daily.", "Tome un comprimido una vez al día.", "es", False),
    ("Take one tablet twice weekly.", "Tome un comprimido dos veces por semana.", "es", False),
    ("Take 1–2 tablets every 4 to 6 hours.", "Tome 1-2 comprimidos cada 4 a 6 horas.", "es", False),
    ("Do not take more than 8 tablets in 24 hours.", "No tome más de 8 comprimidos en 24 horas.", "es", False),
    ("Take half a tablet.", "Tome medio comprimido.", "es", False),
    ("Take ½ tablet.", "Tome ½ comprimido.", "es", False),
    ("Use 5 ml three times a day for 3 to 5 days.", "Use 5 ml tres veces al día durante 3 a 5 días.", "es", False),
    ("About 1 in 10,000 people.", "Alrededor de 1 de cada 10.000 personas.", "es", False),
    ("Call NHS 111, 24 hours a day.", "Llame al NHS 111, las 24 horas del día.", "es", False),
    ("Published 1 November 2026.", "Publicado el 1 de noviembre de 2026.", "es", False),
    ("Published 1 November 2026.", "Publicado el 1 de diciembre de 2026.", "es", True),
    ("Published 1 November 2026.", "Publicado en noviembre de 2026.", "es", True),
    ("Published 1 November 2026.", "Veröffentlicht am 1. November 2026.", "de", False),
    ("Published 1 November 2026.", "Publié le 1er novembre 2026.", "fr", False),
    ("Published 1 November 2026.", "نُشر في 1 تشرين الثاني 2026.", "ar", False),  # a month name CLDR's ar lacks: day and year as numbers
    ("Published 1 November 2026.", "发布于2026年11月1日。", "zh", False),
    ("Up to 4 times a day.", "Hasta 4 veces al día.", "es", False),
    ("Take 40 mg/day.", "Tome 40 mg/día.", "es", False),
    ("Take 40 mg per day.", "Tome 40 mg al día.", "es", False),
    ("A 10% cream.", "Una crema al 10 %.", "es", False),
    ("Take it at 8 o'clock.", "Tómelo a las 8:00.", "es", False),
    ("Take one capsule a day for 6 months.", "Przyjmuj jedną kapsułkę dziennie przez 6 miesięcy.", "pl", False),
    ("Take one capsule a day for 6 months.", "تناول كبسولة واحدة يوميًا لمدة 6 أشهر.", "ar", False),
    ("Take one capsule a day for 6 months.", "Prenez une gélule par jour pendant 6 mois.", "fr", False),
    ("Take one capsule a day for 6 months.", "Nehmen Sie 6 Monate lang täglich eine Kapsel ein.", "de", False),
    ("Take one capsule a day for 6 months.", "Приймайте одну капсулу на день протягом 6 місяців.", "uk", False),
    ("Take one capsule a day for 6 months.", "每天服用一粒胶囊，连续6个月。", "zh", False),
    ("Do not donate blood during treatment and for 1 month after.", "No done sangre durante el tratamiento ni durante 1 mes después.", "es", False),
    ("You need 2 negative pregnancy tests.", "Necesita 2 pruebas de embarazo negativas.", "es", False),
    ("You need two negative pregnancy tests.", "Potrzebujesz dwóch negatywnych testów ciążowych.", "pl", False),
    ("Tell your doctor within 24 hours.", "Informe a su médico en un plazo de 24 horas.", "es", False),
    ("Tell your doctor within 24 hours.", "Informe a su médico en un plazo de un día.", "es", False),
    ("Take it 2 hours before or 4 hours after food.", "Tómelo 2 horas antes o 4 horas después de comer.", "es", False),
    ("Take it from day 1 to day 21.", "Tómelo del día 1 al día 21.", "es", False),
    ("Children aged 12 and over.", "Niños de 12 años o más.", "es", False),
    ("Children aged 12 years and over.", "Niños a partir de 12 años.", "es", False),
    ("Store below 25°C.", "Conservar por debajo de 25 °C.", "es", False),
    ("Take 1 tablet 3 times a day.", "Tome 1 comprimido 3 veces al día.", "es", False),
    ("Take 1 tablet 3 times a day.", "Tome 1 comprimido 2 veces al día.", "es", True),
    ("Take 10 ml.", "Tome 10 l.", "es", True),
    ("Take 500 mcg.", "Tome 500 mg.", "es", True),
    ("Take 500 micrograms.", "Tome 500 microgramos.", "es", False),
    ("Take 500 micrograms.", "Przyjmuj 500 mikrogramów.", "pl", False),
    ("Take 500 micrograms.", "Приймайте 500 мкг.", "uk", False),
    ("Take 500 micrograms.", "Приймайте 500 мг.", "uk", True),
    ("Take 500 micrograms.", "تناول 500 ميكروغرام.", "ar", False),
    ("Take 500 micrograms.", "服用500微克。", "zh", False),
    ("Take 500 micrograms.", "服用500毫克。", "zh", True),
    ("Take 2.5 mg.", "تناول 2.5 غ.", "ar", True),
    ("Take 2.5 mg.", "تناول ٢٫٥ ملغ.", "ar", False),
    ("Take 2.5 mg.", "Prenez 2,5 mg.", "fr", False),
    ("Take 2.5 mg.", "Prenez 2.5 mg.", "fr", False),
    ("Take 2.5 mg.", "Nehmen Sie 25 mg.", "de", True),
    ("Wait 48 hours.", "Warten Sie 2 Tage.", "de", False),
    ("Wait 48 hours.", "Attendez 48 h.", "fr", False),
    ("Open 8am to 8pm.", "Ouvert de 8 h à 20 h.", "fr", False),
    ("Open 8am to 8pm.", "Geöffnet von 8 bis 20 Uhr.", "de", False),
    ("Open 8am to 8pm.", "Geöffnet von 8 bis 18 Uhr.", "de", True),
    ("Open 8.30am to 5.30pm.", "Abierto de 8:30 a 17:30.", "es", False),
    ("Open 8.30am to 5.30pm.", "开放时间为上午8:30至下午5:30。", "zh", False),
    ("Open 8.30am to 5.30pm.", "Відчинено з 8:30 до 17:30.", "uk", False),
    ("Take it twice a day.", "Приймайте двічі на день.", "uk", False),
    ("Take it twice a day.", "Приймайте двічі на тиждень.", "uk", True),
    ("Take it twice a day.", "每日两次。", "zh", False),
    ("Take it twice a day.", "每周两次。", "zh", True),
    ("Take it once a week.", "每周服用一次。", "zh", False),
    ("Take it once a week.", "每天服用一次。", "zh", True),
    ("Take it once a week.", "تناوله مرة واحدة أسبوعيًا.", "ar", False),
    ("Take it once a week.", "تناوله مرة واحدة يوميًا.", "ar", True),
    ("for three weeks", "durante tres semanas", "es", False),
    ("for three weeks", "durante tres meses", "es", True),
    ("for three weeks", "przez trzy tygodnie", "pl", False),
    ("for three weeks", "протягом трьох тижнів", "uk", False),
    ("for three weeks", "لمدة ثلاثة أسابيع", "ar", False),
    ("for three weeks", "pendant trois semaines", "fr", False),
    ("for three weeks", "drei Wochen lang", "de", False),
    ("for three weeks", "三周", "zh", False),
    ("for three weeks", "三个月", "zh", True),
    ("in the first 2 weeks", "en las primeras 2 semanas", "es", False),
    ("the second dose", "la segunda dosis", "es", False),
    ("Call 0800 123 4567.", "Llame al 0800 1234 567.", "es", False),
    ("Call 0800 123 4567.", "Llame al 0800 123 4568.", "es", True),
    ("Call +44 20 7946 0000.", "Llame al +44 20 7946 0000.", "es", False),
    ('Take 1 tablet in the morning and 1 in the evening.', 'Prenez 1 comprimé le matin et 1 le soir.', 'fr', False),
    ('Take the tablet 1 hour before food.', 'Nehmen Sie die Tablette 1 Stunde vor dem Essen ein.', 'de', False),
    ('Take 1 tablet 3 times a day.', '每次1片，每日3次。', 'zh', False),
    ('Take 1 tablet 3 times a day.', 'Приймайте по 1 таблетці 3 рази на день.', 'uk', False),
    ('Take 1 tablet 3 times a day.', 'تناول قرصًا واحدًا 3 مرات يوميًا.', 'ar', False),
    ('Take 1 tablet 3 times a day.', 'Przyjmuj 1 tabletkę 3 razy dziennie.', 'pl', False),
    ('Take 1 tablet 3 times a day.', 'Przyjmuj 1 tabletkę 4 razy dziennie.', 'pl', True),
    ('Published 01.11.2026.', 'Veröffentlicht am 01.11.2026.', 'de', False),
    ('Published 1 November 2026.', 'Опубліковано 1 листопада 2026 р.', 'uk', False),
    ('A 10% solution.', 'Une solution à 10\xa0%.', 'fr', False),
    ('Keep your blood sugar above 4 mmol/l.', 'Halten Sie Ihren Blutzucker über 4 mmol/l.', 'de', False),
    ('Keep your blood sugar above 4 mmol/l.', 'Halten Sie Ihren Blutzucker über 5 mmol/l.', 'de', True),
    ('Do not drink more than 14 units of alcohol a week.', 'No beba más de 14 unidades de alcohol a la semana.', 'es', False),
    ('Do not drink more than 14 units of alcohol a week.', 'Не вживайте більше 14 одиниць алкоголю на тиждень.', 'uk', False),
    ('Do not drink more than 14 units of alcohol a week.', 'Не вживайте більше 14 одиниць алкоголю на день.', 'uk', True),
    ('Have a blood test every 4 weeks.', 'Faites une prise de sang toutes les 4 semaines.', 'fr', False),
    ('Have a blood test every 4 weeks.', '每4周验一次血。', 'zh', False),
    ('Have a blood test every 4 weeks.', '每4个月验一次血。', 'zh', True),
    ('Have a blood test every 4 weeks.', 'Робіть аналіз крові кожні 4 тижні.', 'uk', False),
    ('Have a blood test every 4 weeks.', 'أجرِ فحص دم كل 4 أسابيع.', 'ar', False),
    ('Have a blood test every 4 weeks.', 'Badanie krwi wykonuj co 4 tygodnie.', 'pl', False),
    ('Have a blood test every 4 weeks.', 'Lassen Sie alle 4 Wochen ein Blutbild machen.', 'de', False),
    ('Take 2 tablets at night.', 'Tome 2 comprimidos por la noche.', 'es', False),
    ('You will have 3 to 4 appointments.', 'Tendrá entre 3 y 4 citas.', 'es', False),
    ('Take 0.5 ml.', 'Tome 0,5 ml.', 'es', False),
    ('Take 0.5 ml.', 'Tome 5 ml.', 'es', True),
    ('Take 0.5 ml.', 'Przyjmij 0,5 ml.', 'pl', False),
    ('Take 0.5 ml.', '服用0.5毫升。', 'zh', False),
    ('Take 0.5 ml.', 'تناول 0.5 مل.', 'ar', False),
    ('Take 0.5 ml.', 'تناول ٠٫٥ مل.', 'ar', False),
])
def test_surface_forms_and_tampering_in_sentences(source: str, translation: str, lang: str, flagged: bool) -> None:
    diff = compare(source, "en", translation, lang)
    assert bool(diff) is flagged, (diff.missing, diff.added, diff.changed)
    assert diff.unreadable == []


# -- constructs that once got only "check by hand": office hours, a unit before its number, number words over 1000 --


@pytest.mark.parametrize(("source", "translation", "lang", "says"), [
    # -- "9 to 5": a range of bare hours that goes down is the opening hours, 09:00 to 17:00 --
    ("Open 9 to 5, Monday to Friday.", "Abierto de 9:00 a 17:00, de lunes a viernes.", "es", None),
    ("Open 9 to 5, Monday to Friday.", "Abierto de 9:00 a 15:00, de lunes a viernes.", "es", "15:00"),
    ("Open 9 to 5, Monday to Friday.", "Otwarte od 9:00 do 17:00, od poniedziałku do piątku.", "pl", None),
    ("Open 9 to 5, Monday to Friday.", "Otwarte od 9:00 do 19:00, od poniedziałku do piątku.", "pl", "19:00"),
    ("Open 9 to 5, Monday to Friday.", "مفتوح من 9:00 إلى 17:00، من الاثنين إلى الجمعة.", "ar", None),
    ("Open 9 to 5, Monday to Friday.", "مفتوح من 9:00 إلى 16:00، من الاثنين إلى الجمعة.", "ar", "16:00"),
    ("Open 9 to 5, Monday to Friday.", "Ouvert de 9 h à 17 h, du lundi au vendredi.", "fr", None),
    ("Open 9 to 5, Monday to Friday.", "Ouvert de 9 h à 18 h, du lundi au vendredi.", "fr", "18:00"),
    ("Open 9 to 5, Monday to Friday.", "Geöffnet Montag bis Freitag von 9 bis 17 Uhr.", "de", None),
    ("Open 9 to 5, Monday to Friday.", "Geöffnet Montag bis Freitag von 10 bis 17 Uhr.", "de", "10:00"),
    ("Open 9 to 5, Monday to Friday.", "Відчинено з 9:00 до 17:00, з понеділка по п'ятницю.", "uk", None),
    ("Open 9 to 5, Monday to Friday.", "Відчинено з 9:00 до 15:00, з понеділка по п'ятницю.", "uk", "15:00"),
    ("Open 9 to 5, Monday to Friday.", "周一至周五上午9点至下午5点开放。", "zh", None),
    ("Open 9 to 5, Monday to Friday.", "周一至周五上午9点至下午3点开放。", "zh", "15:00"),
    ("Call 8–6.", "Llame de 8 a 18 h.", "es", None),
    ("Take 1 to 2 tablets.", "Tome de 1 a 2 comprimidos.", "es", None),
    # -- a unit written before its number --
    ("Dose: mg 40 once a day.", "Dosis: 40 mg una vez al día.", "es", None),
    ("Dose: mg 40 once a day.", "Dosis: 40 g una vez al día.", "es", "40 g"),
    ("The daily dose is 40 mg.", "Dawka dobowa: mg 40.", "pl", None),
    ("The daily dose is 40 mg.", "Dawka dobowa: mcg 40.", "pl", "40 mcg"),
    ("Take 40 mg once a day.", "Dosis: mg 40 einmal täglich.", "de", None),
    ("Take 40 mg once a day.", "Dosis: mg 20 einmal täglich.", "de", "20 mg"),
    ("Take 40 mg once a day.", "Posologie : mg 40 une fois par jour.", "fr", None),
    ("Take 40 mg once a day.", "Posologie : ml 40 une fois par jour.", "fr", "40 ml"),
    ("The daily dose is 40 mg.", "Добова доза: мг 40.", "uk", None),
    ("The daily dose is 40 mg.", "Добова доза: мкг 40.", "uk", "40 mcg"),
    ("The daily dose is 40 mg.", "الجرعة اليومية: ملغ 40.", "ar", None),
    ("The daily dose is 40 mg.", "الجرعة اليومية: غ 40.", "ar", "40"),
    ("The oral solution contains 10 mg per ml.", "口服溶液每毫升含10毫克。", "zh", None),
    ("The oral solution contains 10 mg per ml.", "口服溶液每1毫升含10毫克。", "zh", None),
    ("The oral solution contains 10 mg per ml.", "口服溶液每升含10毫克。", "zh", "10 mg/l"),
    ("The oral solution contains 10 mg per ml.", "口服溶液每毫升含10克。", "zh", "10 g/ml"),
    ("Take 5 ml, then 1 g 2 times a day.", "Tome 5 ml y luego 1 g 2 veces al día.", "es", None),
    ("The charge is USD 5.", "El precio es de 5 USD.", "es", None),
    ("The charge is USD 5.", "El precio es de 6 USD.", "es", "6"),
    # -- number words over 1000 --
    ("About 2,500 people.", "Unas dos mil quinientas personas.", "es", None),
    ("About 2,500 people.", "Unas dos mil cuatrocientas personas.", "es", "2400"),
    ("About 2,500 people.", "Około dwóch tysięcy pięciuset osób.", "pl", None),
    ("About 2,500 people.", "Około dwóch tysięcy osób.", "pl", "2000"),
    ("About 2,500 people.", "حوالي ألفين وخمسمائة شخص.", "ar", None),
    ("About 2,500 people.", "حوالي ألفين وثلاثمائة شخص.", "ar", "2300"),
    ("About 2,500 people.", "Environ deux mille cinq cents personnes.", "fr", None),
    ("About 2,500 people.", "Environ deux mille cinq personnes.", "fr", "2005"),
    ("About 2,500 people.", "Etwa zweitausendfünfhundert Menschen.", "de", None),
    ("About 2,500 people.", "Etwa zweitausendfünfzig Menschen.", "de", "2050"),
    ("About 2,500 people.", "Близько двох тисяч п'ятисот людей.", "uk", None),
    ("About 2,500 people.", "Близько трьох тисяч п'ятисот людей.", "uk", "3500"),
    ("About 2,500 people.", "约两千五百人。", "zh", None),
    ("About 2,500 people.", "约两千人。", "zh", "2000"),
    ("About two thousand five hundred people.", "Unas 2.500 personas.", "es", None),
    ("About two thousand five hundred people.", "Environ 2 500 personnes.", "fr", None),
    ("About two thousand five hundred people.", "Environ 2 600 personnes.", "fr", "2600"),
    ("About twenty-five hundred people.", "Unas 2500 personas.", "es", None),
    ("About one million people.", "Alrededor de un millón de personas.", "es", None),
    ("About one million people.", "Alrededor de 1.000.000 de personas.", "es", None),
    ("About 250 people.", "Etwa zweihundertfünfzig Menschen.", "de", None),
    ("About 250 people.", "Etwa zweihundertvierzig Menschen.", "de", "240"),
    ("About 150 people.", "Unas ciento cincuenta personas.", "es", None),
    ("About two hundred and fifty people.", "Environ 250 personnes.", "fr", None),
    ("Take one or two tablets.", "Tome uno o dos comprimidos.", "es", None),
])
def test_office_hours_units_before_numbers_and_large_number_words(source: str, translation: str, lang: str, says: str | None) -> None:
    """`says`: None when the translation is right, else the wrong or missing value as the check names it (worked out by hand)."""
    diff = compare(source, "en", translation, lang)
    named = [*(m.describe() for m in diff.missing), *(a.describe() for a in diff.added), *(f"{m.describe()} -> {a.describe()}" for m, a in diff.changed)]
    assert diff.unreadable == []
    if says is None:
        assert not diff, named
    else:
        assert diff and any(says in n for n in named), named


def test_a_date_or_a_version_is_never_a_traceback() -> None:
    assert compare("Published 1.11.2026.", "en", "Publicado el 1.11.2026.", "es").missing == []
    diff = compare("Version 1.2.3.", "en", "Versión 1.2.3.", "es")
    assert not diff and diff.unreadable == ["1.2.3"]


def test_equal_amounts_in_other_units_are_the_same() -> None:
    assert not compare("Take 1 g.", "en", "Tome 1000 mg.", "es")
    assert not compare("for 1 week", "en", "durante 7 días", "es")
    assert not compare("once a week", "en", "cada 7 días", "es")
    assert compare("Take 1 g.", "en", "Tome 100 mg.", "es").changed


def test_unreadable_construct_is_a_warning_that_says_which(mini: Path) -> None:
    set_translation(mini, "es", SEGMENTS["store"], "Conserve los comprimidos por debajo de 25 °C (lote 1.2.3), fuera del alcance de los niños.")
    found = [f for f in findings_of(mini, ["en", "es"]) if f.rule == "translation.numbers-unreadable"]
    assert len(found) == 1 and found[0].severity == "warning" and '"1.2.3"' in found[0].message


def test_arabic_dual_of_a_counted_noun_is_a_warning_to_check(mini: Path) -> None:
    set_translation(mini, "ar", SEGMENTS["forms"], "استخدمي وسيلتي منع حمل مختلفتين.")
    found = findings_of(mini, ["en", "ar"])
    assert number_errors(found) == []
    assert [f.segment for f in found if f.rule == "translation.number-words" and f.severity == "warning"] == [SEGMENTS["forms"]]


def test_clinic_extends_a_vocabulary_in_handouts_yml(mini: Path) -> None:
    set_translation(mini, "uk", SEGMENTS["dose"], "Приймайте 2,5 мілігр. раз на тиждень.")
    assert number_errors(findings_of(mini, ["en", "uk"]))
    config = mini / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8") + "checks:\n  translation.numbers:\n    vocabulary:\n      uk: {units: {mg: [мілігр.]}}\n", encoding="utf-8")
    assert number_errors(findings_of(mini, ["en", "uk"])) == []


def test_a_bad_vocabulary_is_a_config_error_with_its_line(mini: Path) -> None:
    from handouts.errors import ConfigError

    config = mini / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8") + "checks:\n  translation.numbers:\n    vocabulary:\n      uk: {units: {mgs: [мілігр]}}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        findings_of(mini, ["en", "uk"])
    assert "'units' names must be among" in str(info.value) and "handouts.yml" in str(info.value)


# -- the reviewer's waiver --------------------------------------------------------------------------


def _fingerprint(found: list[Finding]) -> str:
    match = re.search(r"numbers-ok ([0-9a-f]{8})", next(f.message for f in found if f.rule == "translation.numbers"))
    assert match
    return match.group(1)


def test_waiver_accepts_the_segment_and_is_listed(mini: Path) -> None:
    wrong = "Llame al 0800 123 4567 de 9:00 a 16:00, de lunes a viernes."
    set_translation(mini, "es", SEGMENTS["hours"], wrong)
    fp = _fingerprint(findings_of(mini, ["en", "es"]))
    import hashlib

    assert fp == hashlib.sha256(b"Call 01234 567890 from 9am to 4pm, Monday to Friday.").hexdigest()[:8]
    set_translation(mini, "es", SEGMENTS["hours"], wrong, comment=f"handouts: numbers-ok {fp} — número de la línea de atención en español")
    found = findings_of(mini, ["en", "es"])
    assert number_errors(found) == []
    waived = [f for f in found if f.rule == "translation.numbers-waived"]
    assert len(waived) == 1 and waived[0].severity == "info" and "número de la línea de atención en español" in waived[0].message
    assert waived[0].segment == SEGMENTS["hours"] and waived[0].path == PO.format("es")
    from handouts.build import load_project

    listed = numbers_waivers(load_project(mini), ["en", "es"])
    assert [(w["document"], w["locale"], w["segment"], w["path"], w["reason"], w["current"]) for w in listed] == [
        ("numbers-mini", "es", SEGMENTS["hours"], PO.format("es"), "número de la línea de atención en español", True)]


def test_waiver_without_a_reason_is_an_error(mini: Path) -> None:
    set_translation(mini, "es", SEGMENTS["emergency"], "En caso de urgencia, llame al 112.")
    fp = _fingerprint(findings_of(mini, ["en", "es"]))
    set_translation(mini, "es", SEGMENTS["emergency"], "En caso de urgencia, llame al 112.", comment=f"handouts: numbers-ok {fp}")
    found = findings_of(mini, ["en", "es"])
    assert [f.rule for f in number_errors(found) if f.segment == SEGMENTS["emergency"]].count("translation.numbers-waiver") == 1
    assert any(f.rule == "translation.numbers" for f in number_errors(found))  # it accepts nothing


def test_waiver_without_the_source_fingerprint_is_an_error_that_gives_it(mini: Path) -> None:
    set_translation(mini, "es", SEGMENTS["emergency"], "En caso de urgencia, llame al 112.")
    fp = _fingerprint(findings_of(mini, ["en", "es"]))
    set_translation(mini, "es", SEGMENTS["emergency"], "En caso de urgencia, llame al 112.", comment="handouts: numbers-ok — número europeo")
    found = [f for f in number_errors(findings_of(mini, ["en", "es"])) if f.rule == "translation.numbers-waiver"]
    assert len(found) == 1 and f"numbers-ok {fp} — número europeo" in found[0].message


def test_waiver_expires_when_the_source_changes(mini: Path) -> None:
    set_translation(mini, "es", SEGMENTS["emergency"], "En caso de urgencia, llame al 112.")
    fp = _fingerprint(findings_of(mini, ["en", "es"]))
    line = set_translation(mini, "es", SEGMENTS["emergency"], "En caso de urgencia, llame al 112.", comment=f"handouts: numbers-ok {fp} — número europeo")
    assert number_errors(findings_of(mini, ["en", "es"])) == []
    # -- the source segment changes and the translator re-translates it (msgid and msgstr updated, not fuzzy) --
    doc = mini / "content" / "numbers-mini" / "document.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("call 111 or 999.", "call 111 or 999 at once."), encoding="utf-8")
    po = mini / PO.format("es")
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "In an emergency, call 111 or 999."', 'msgid "In an emergency, call 111 or 999 at once."'), encoding="utf-8")
    found = findings_of(mini, ["en", "es"])
    expired = [f for f in found if f.rule == "translation.numbers-waiver-expired"]
    assert len(expired) == 1 and expired[0].severity == "warning" and expired[0].line == line
    assert [f.rule for f in number_errors(found)] == ["translation.numbers", "translation.numbers"]  # 111 and 999 missing, 112 added: checked again


def test_stale_segment_with_a_changed_number_is_reported_stale_not_a_number_error(stale_sample: Path) -> None:
    """The stale translation is never printed, so `build --draft` (which runs the checks) must not be stopped by it."""
    found = findings_of(stale_sample, ["es", "pl", "ar"], today=dt.date(2026, 11, 25))
    assert [f for f in found if f.severity == "error"] == []
    stale = [f for f in found if f.rule == "translation.stale"]
    assert sorted(f.locale for f in stale) == ["ar", "es", "pl"]
    assert all("24 weeks in the source" in f.message for f in stale)
    assert any("24 weeks in the source, 20 semanas (20 weeks) in the translation" in f.message for f in stale if f.locale == "es")




# -- the Chinese leaflet and deck, with the CJK font setup.sh installs ------------------------------


def test_chinese_leaflet_and_deck_are_built_with_an_embedded_cjk_font(tmp_path: Path) -> None:
    """With no `fonts:` setting, zh uses the Simplified Chinese face (fontconfig alone picks the Japanese one)."""
    import subprocess

    from pptx import Presentation

    from fixtures_leaflet import flat, page_texts
    from handouts.build import BuildOptions, build

    root = tmp_path / "numbers-mini"
    shutil.copytree(MINI, root)
    out = tmp_path / "out"
    build(root, BuildOptions(out=out, locales=["zh"]))
    pdf, deck = (out / "numbers-mini" / "zh" / f"numbers-mini.zh.{ext}" for ext in ("pdf", "pptx"))
    text = flat(" ".join(page_texts(pdf)))
    for words in ("测试曲沙", "每周服用一次，每次2.5毫克。", "疗程通常为16至20周。", "上午9点至下午4点", "要点"):
        assert words in text
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    cjk = [line for line in fonts if "CJK-SC" in line]
    assert cjk and all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in cjk)  # embedded, subset, Unicode map
    slides = "\n".join(shape.text_frame.text for slide in Presentation(str(deck)).slides for shape in slide.shapes if shape.has_text_frame)
    for words in ("测试曲沙", "每周服用一次，每次2.5毫克。", "议程"):
        assert words in slides


def test_waivers_are_listed_in_the_manifest_until_the_source_changes(mini: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from handouts.cli import main

    wrong = "En caso de urgencia, llame al 112."
    set_translation(mini, "es", SEGMENTS["emergency"], wrong)
    fp = _fingerprint(findings_of(mini, ["en", "es"]))
    line = set_translation(mini, "es", SEGMENTS["emergency"], wrong, comment=f"handouts: numbers-ok {fp} — el número europeo de urgencias")
    out = mini / "out"
    build = ["build", "--project", str(mini), "--out", str(out), "--locale", "en,es", "--format", "pdf", "--jobs", "1", "--no-cache"]
    assert main(build) == 0
    entries = {a["locale"]: a for a in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}
    assert entries["es"]["waivers"] == [{"segment": SEGMENTS["emergency"], "path": PO.format("es"), "line": line, "fingerprint": fp,
                                         "reason": "el número europeo de urgencias"}]
    assert entries["en"]["waivers"] == []
    capsys.readouterr()
    assert main(["check", "--project", str(mini), "--locale", "es"]) == 0
    assert f"{PO.format('es')}:{line}: info [translation.numbers-waived] numbers accepted by the reviewer: el número europeo de urgencias" in capsys.readouterr().err
    # -- the source changes (the catalog not yet updated): the waiver no longer applies, is left out and is reported --
    doc = mini / "content" / "numbers-mini" / "document.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("call 111 or 999.", "call 111 or 999 at once."), encoding="utf-8")
    capsys.readouterr()
    assert main([*build, "--draft"]) == 0
    entries = {a["locale"]: a for a in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}
    assert entries["es"]["waivers"] == [] and entries["es"]["translation"] == "draft"
    assert main(["check", "--project", str(mini), "--locale", "es"]) == 0
    err = capsys.readouterr().err
    assert f"{PO.format('es')}:{line}: warning [translation.numbers-waiver-expired]" in err and "numbers-waived" not in err


def test_a_long_run_of_number_words_is_read_in_linear_time() -> None:
    """A glued German word can be split many ways ("achtzehn" = acht + zehn); tried every way, 40 of them would take hours."""
    import time

    parse("Zahl", "de")  # compile the German patterns first
    started = time.monotonic()
    parse("achtzehn" * 40 + "x", "de")
    parse(" ".join(["twenty five"] * 400) + " x", "en")
    assert time.monotonic() - started < 5
