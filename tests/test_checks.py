"""Content checks on the sample and on mini-projects: each rule fires on its fixture and not on its near-miss."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fixtures_checks import TODAY
from handouts.checks import Finding
from handouts.checks.accessibility import contrast
from handouts.checks.settings import RULES
from handouts.errors import ConfigError
from conftest import SAMPLE_SOURCE


def rules(findings: list[Finding], severity: str | None = None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity == severity]


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def set_config(root: Path, text: str) -> None:
    path = root / "handouts.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit_po(root: Path, old: str, new: str) -> None:
    path = root / "content" / "testamol" / "locales" / "es.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def para(section: int, text: str):  # type: ignore[no-untyped-def]
    def edit(doc: dict) -> None:
        doc["sections"][section]["body"].append({"text": text})

    return edit


# -- the sample and the clean mini-project --------------------------------------------------------


def test_sample_has_no_errors_in_any_shipped_locale(sample_findings: list[Finding]) -> None:
    errors = [str(f) for f in sample_findings if f.severity == "error"]
    assert errors == []
    locales = {f.locale for f in sample_findings if f.rule.startswith("readability.")}
    assert {SAMPLE_SOURCE, "es", "pl", "ar"} <= locales  # every shipped locale was actually read


def test_sample_says_which_languages_have_no_readability_formula(sample_findings: list[Finding]) -> None:
    unsupported = {f.locale for f in only(sample_findings, "readability.unsupported")}
    assert unsupported == {"pl", "ar"}
    assert all(f.severity == "info" and "sentence" in f.message for f in only(sample_findings, "readability.unsupported"))
    summary = {f.locale: f.message for f in only(sample_findings, "readability.summary")}
    assert "Flesch Reading Ease" in summary[SAMPLE_SOURCE] and "INFLESZ" in summary["es"]


def test_clean_project_passes(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    findings = checks_run(checks_copy())
    assert [f for f in findings if f.severity != "info"] == []


# -- 1. promotion ----------------------------------------------------------------------------------


def test_sales_phrase_pasted_into_a_sentence_is_an_error_with_its_line(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(0, "Buy Testamol online makes the pain go away."))
    found = only(checks_run(root, ["en"]), "promotion")
    assert len(found) == 1 and found[0].severity == "error"
    f = found[0]
    assert f.path == "content/testamol/document.yml" and f.segment == "what-it-is.body.1.text"
    lines = (root / f.path).read_text(encoding="utf-8").splitlines()
    assert "Buy Testamol online" in lines[f.line - 1]
    assert str(f).startswith(f"content/testamol/document.yml:{f.line}: error [promotion] ")


@pytest.mark.parametrize("sentence", [
    "Do not buy Testamol over the internet.",
    "Never order medicines online without a prescription.",
    "Pain relievers you can buy at a pharmacy may help.",
    "Medicines you can buy without a prescription, such as paracetamol, may help.",
    "Some people have no side effects at all.",
    "No medicine is completely safe.",
    "Testamol is not a miracle cure.",
    "If you buy medicines online, make sure the pharmacy is registered.",
    "Only buy medicines from an online pharmacy that is registered.",
    "Do not buy or order Testamol online.",
    "Do not believe claims of instant results and miracle cures.",
    "You can no longer buy Testamol online.",
    "If you order medicines online, check the pharmacy is registered.",
])
def test_negated_or_ordinary_sentences_are_not_promotion(checks_copy, checks_run, sentence: str) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(1, sentence))
    assert only(checks_run(root, ["en"]), "promotion") == []


@pytest.mark.parametrize("sentence, category", [
    ("Testamol has no side effects.", "claims"),
    ("Get Testamol without a prescription today.", "access"),
    ("Act now: limited time offer on all pain medicines.", "urgency"),
    ("Doctor-recommended and as seen on TV.", "endorsement"),
    ("Don't wait, buy Testamol online now.", "commerce"),
    ("Never feel embarrassed about your skin again and buy Testamol online today.", "commerce"),
])
def test_each_promotion_category_is_caught(checks_copy, checks_run, sentence: str, category: str) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(1, sentence))
    found = only(checks_run(root, ["en"]), "promotion")
    assert found and any(f.message.startswith(category) for f in found)


@pytest.mark.parametrize("lang, name, spam, safe", [
    ("es", "Isotretinoína", "Compre isotretinoína en línea y su piel producirá menos grasa.", "No compre isotretinoína por internet. Los analgésicos de venta sin receta pueden ayudar."),
    ("pl", "Izotretynoina", "Kup izotretynoinę online, a skóra wytwarza mniej łoju.", "Nie kupuj izotretynoiny przez internet. Leki przeciwbólowe dostępne w aptece bez recepty mogą pomóc."),
    ("ar", "أيزوتريتينوين", "اشتر الأيزوتريتينوين عبر الإنترنت يجعل البشرة تنتج زيتاً أقل.", "لا تشترِ الأيزوتريتينوين عبر الإنترنت. يمكن شراء مسكنات الألم بدون وصفة طبية."),
])
def test_promotion_patterns_per_language(lang: str, name: str, spam: str, safe: str) -> None:
    from handouts.checks.promotion import judge, patterns
    from handouts.checks.text import sentences

    p = patterns(lang, (name,))
    assert p is not None
    assert list(judge(spam, p))
    assert [hit for s in sentences(safe) for hit in judge(s, p)] == []


@pytest.mark.parametrize("lang, name, spam", [
    ("en", "Isotretinoin", "Do not worry and buy isotretinoin online today."),
    ("es", "Isotretinoína", "No se preocupe más y compre isotretinoína online hoy."),
    ("pl", "Izotretynoina", "Nie czekaj i kup izotretynoinę online już dziś."),
    ("ar", "أيزوتريتينوين", "لا تقلق واشترِ الأيزوتريتينوين عبر الإنترنت الآن."),
    ("ar", "أيزوتريتينوين", "لا تنتظر، اشتر الآن بأفضل الأسعار."),  # Arabic comma ends the negated clause
    ("en", "Isotretinoin", "You no longer need a prescription to buy isotretinoin online."),
    # a sales verb opening the sentence needs no medicine name (here a brand the document mentions)
    ("en", "Isotretinoin", "Buy Accutane online."),
    ("es", "Isotretinoína", "Compre Accutane en línea."),
    ("pl", "Izotretynoina", "Kup Accutane online."),
    ("ar", "أيزوتريتينوين", "اشترِ أكيوتان عبر الإنترنت."),
    ("en", "Isotretinoin", "Isotretinoin for sale."),
    ("es", "Isotretinoína", "Isotretinoína en venta."),
    ("pl", "Izotretynoina", "Izotretynoina na sprzedaż."),
    ("ar", "أيزوتريتينوين", "أيزوتريتينوين للبيع."),
])
def test_sales_phrases_a_negation_or_a_missing_name_does_not_hide(lang: str, name: str, spam: str) -> None:
    from handouts.checks.promotion import judge, patterns

    p = patterns(lang, (name,))
    assert p is not None and list(judge(spam, p))


def test_promotion_in_a_translation_is_located_in_the_catalog(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    edit_po(root, 'msgstr "Testamol es un medicamento para el dolor leve. Se toma por la boca."',
            'msgstr "Testamol es un medicamento para el dolor leve. Compre Testamol en línea con envío gratis."')
    found = only(checks_run(root), "promotion")
    assert found and {(f.locale, f.path, f.severity) for f in found} == {("es", "content/testamol/locales/es.po", "error")}
    assert {f.message.split(" ", 1)[0] for f in found} == {"commerce"}  # "Compre ... en línea", "envío gratis"
    po = (root / found[0].path).read_text(encoding="utf-8").splitlines()
    assert found[0].segment == "what-it-is.body.0.text" and "what-it-is.body.0.text" in "\n".join(po[found[0].line - 3 : found[0].line + 1])


# -- 2. readability --------------------------------------------------------------------------------


def test_long_sentence_is_flagged_where_it_is(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    long = "You should " + " ".join(["always"] * 10) + " take this medicine with a large glass of water and some food at the same time every day."
    root = checks_copy(para(2, long))
    found = only(checks_run(root, ["en"]), "readability.sentence-length")
    assert len(found) == 1 and found[0].segment == "how-to-take.body.2.text" and "more than 25" in found[0].message
    short = checks_copy(para(2, "Take it with water. Take it with food."))
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


# -- 3. jargon -------------------------------------------------------------------------------------


def test_jargon_flagged_unless_explained(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(0, "It acts on the sebaceous glands."))
    found = only(checks_run(root, ["en"]), "jargon")
    assert len(found) == 1 and "oil glands" in found[0].message
    for explained in ["It acts on the sebaceous glands (oil glands).", "It acts on small glands called sebaceous glands."]:
        ok = checks_copy(para(0, explained))
        assert only(checks_run(ok, ["en"]), "jargon") == []


def test_jargon_defined_in_a_glossary_is_fine(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    def edit(doc: dict) -> None:
        doc["sections"][3]["body"][0]["terms"].append({"term": "Photosensitivity", "text": "Your skin burns more easily in the sun."})
        doc["sections"][3]["body"].append({"text": "Photosensitivity goes away after treatment."})

    assert only(checks_run(checks_copy(edit), ["en"]), "jargon") == []


# -- 4. structure ----------------------------------------------------------------------------------


def test_missing_part_is_a_warning_naming_it(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    def drop_storage(doc: dict) -> None:
        doc["sections"] = [s for s in doc["sections"] if s["id"] != "storage"]

    found = only(checks_run(checks_copy(drop_storage), ["en"]), "structure.parts")
    assert len(found) == 1 and found[0].severity == "warning" and "how to store it" in found[0].message


def test_part_recognised_by_heading_keywords(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    def rename(doc: dict) -> None:
        doc["sections"][4]["id"] = "keeping-it"
        doc["sections"][4]["heading"] = "Storing your tablets"

    assert only(checks_run(checks_copy(rename), ["en"]), "structure.parts") == []


def test_parts_configurable_per_kind(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    set_config(root, "checks:\n  structure.parts:\n    kinds: {medicine: [purpose, symptoms]}\n")
    found = only(checks_run(root, ["en"]), "structure.parts")
    assert len(found) == 1 and "symptoms" in found[0].message


def test_key_points_and_action_required(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    def flatten(doc: dict) -> None:
        for s in doc["sections"]:
            s["key_points"] = []
            s["body"] = [{"text": "This section describes the medicine."}]

    found = checks_run(checks_copy(flatten), ["en"])
    assert "structure.key-points" in rules(found, "warning") and "structure.action" in rules(found, "warning")


# -- 5. document control ---------------------------------------------------------------------------


def test_out_of_review_is_an_error_with_a_settable_clock(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    late = only(checks_run(root, ["en"], today=dt.date(2028, 1, 16)), "control.out-of-review")
    assert len(late) == 1 and late[0].severity == "error" and "out of review: do not print" in late[0].message
    assert late[0].line == 9  # meta.review
    on_the_day = checks_run(root, ["en"], today=dt.date(2028, 1, 15))
    assert only(on_the_day, "control.out-of-review") == [] and only(on_the_day, "control.review-soon")
    assert only(checks_run(root, ["en"], today=TODAY), "control.review-soon") == []


def test_review_at_most_three_years_after_publication(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    def review(day: str):  # type: ignore[no-untyped-def]
        def edit(doc: dict) -> None:
            doc["meta"]["review"] = dt.date.fromisoformat(day)
        return edit

    too_late = only(checks_run(checks_copy(review("2029-01-16")), ["en"]), "control.review-cycle")
    assert len(too_late) == 1 and too_late[0].severity == "error" and "2029-01-15" in too_late[0].message
    assert only(checks_run(checks_copy(review("2029-01-15")), ["en"]), "control.review-cycle") == []


def test_missing_control_fields(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    def strip(doc: dict) -> None:
        doc["meta"]["references"] = []
        del doc["meta"]["reference"]

    found = checks_run(checks_copy(strip), ["en"])
    assert any(f.rule == "control.fields" and f.severity == "error" and "references" in f.message for f in found)
    assert any(f.rule == "control.recommended" and "reference" in f.message for f in found)


# -- 6. translation consistency --------------------------------------------------------------------


def test_untranslated_and_stale_segments_reported(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    edit_po(root, 'msgstr "Es frecuente. Beba agua y descanse."', 'msgstr ""')
    doc = root / "content" / "testamol" / "document.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("Most side effects are mild.", "Most side effects are mild and short."), encoding="utf-8")
    found = checks_run(root)
    assert [f.segment for f in only(found, "translation.untranslated")] == ["side-effects.body.0.terms.0.text"]
    assert [f.segment for f in only(found, "translation.stale")] == ["side-effects.key_points.0"]
    assert all(f.locale == "es" and f.severity == "warning" for f in only(found, "translation.untranslated") + only(found, "translation.stale"))


# -- 7. accessibility ------------------------------------------------------------------------------


def test_wcag_formula_unrounded() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.478, abs=1e-3)  # "4.5" only when rounded: fails
    assert contrast("#767676", "#FFFFFF") >= 4.5


def test_low_contrast_brand_colour_is_an_error_at_its_config_line(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("brand:\n", 'brand:\n  warning: "#E06060"\n'), encoding="utf-8")
    found = only(checks_run(root, ["en"]), "accessibility.contrast")
    assert found and {(f.severity, f.path, f.line) for f in found} == {("error", "handouts.yml", 6)}
    assert any("brand.warning #E06060 on brand.warning_background" in f.message for f in found)


def test_large_text_pair_just_below_three_is_an_error(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    # White on #959595 is 2.9953:1, which a tool that rounds would pass as 3.0:1 (large text).
    assert 2.99 < contrast("#959595", "#FFFFFF") < 3.0
    root = checks_copy()
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8") + "checks:\n  accessibility.contrast:\n    pairs: [[background, accent, large]]\n", encoding="utf-8")
    assert only(checks_run(root, ["en"]), "accessibility.contrast") == []
    config.write_text(config.read_text(encoding="utf-8").replace("brand:\n", 'brand:\n  accent: "#959595"\n'), encoding="utf-8")
    found = only(checks_run(root, ["en"]), "accessibility.contrast")
    assert any("2.995:1" in f.message and "3:1 for large text" in f.message for f in found)


def test_font_size_minimums(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    set_config(root, "leaflet:\n  body_pt: 11\n  large_print_pt: 16\nslides:\n  body_min_pt: 20\n")
    found = only(checks_run(root, ["en"]), "accessibility.font-size")
    assert sorted(f.segment for f in found) == ["leaflet.body_pt", "slides.body_min_pt"]


def test_alt_text_in_every_locale(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    edit_po(root, 'msgstr "Un comprimido pequeño, redondo y blanco"', 'msgstr ""')
    found = only(checks_run(root), "accessibility.alt-text")
    assert [(f.locale, f.severity) for f in found] == [("es", "error")]

    def useless(doc: dict) -> None:
        doc["sections"][2]["body"][1]["image"]["alt"] = "tablet.png"

    found = only(checks_run(checks_copy(useless), ["en"]), "accessibility.alt-text")
    assert len(found) == 1 and "says nothing" in found[0].message


def test_headings_do_not_skip_levels(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    bad = checks_copy(para(0, "#### Details\n\nMore text."))
    found = only(checks_run(bad, ["en"]), "accessibility.headings")
    assert len(found) == 1 and "level 4 follows level 2" in found[0].message
    good = checks_copy(para(0, "### Details\n\nMore text.\n\n#### Finer points\n\nText."))
    assert only(checks_run(good, ["en"]), "accessibility.headings") == []


# -- configuration ---------------------------------------------------------------------------------


def test_rule_can_be_disabled_and_its_severity_changed(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy(para(1, "Testamol has no side effects."))
    set_config(root, "checks:\n  promotion: {severity: warning}\n  readability.summary: false\n")
    found = checks_run(root, ["en"])
    assert rules(found) == ["promotion"] and found[0].severity == "warning"


@pytest.mark.parametrize("block, line, words", [
    ("checks:\n  promotions: true\n", 11, ["unknown check 'promotions'", "promotion"]),
    ("checks:\n  readability.grade:\n    maximum: 6\n", 12, ["unknown option 'maximum'", "smog_max"]),
    ("checks:\n  readability.grade:\n    max: high\n", 12, ["must be a float"]),
    ("checks:\n  jargon: {severity: fatal}\n", 11, ["severity must be one of"]),
])
def test_bad_check_settings_are_config_errors_with_line(checks_copy, checks_run, block: str, line: int, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    set_config(root, block)
    with pytest.raises(ConfigError) as exc:
        checks_run(root, ["en"])
    problem = exc.value.problems[0]
    assert Path(problem.path).name == "handouts.yml" and problem.line == line
    assert all(w in problem.message for w in words)


def test_every_rule_is_documented(repo: Path) -> None:
    doc = (repo / "docs" / "checks.md").read_text(encoding="utf-8")
    missing = [r for r in RULES if f"`{r}`" not in doc]
    assert missing == []


@pytest.mark.parametrize("block, words", [
    ("checks:\n  structure.parts:\n    kinds: {medicine: [purpose, storeage]}\n", ["unknown part(s) storeage"]),
    ("checks:\n  accessibility.contrast:\n    pairs: [[text, paper, normal]]\n", ["pairs[0] must be"]),
    ("checks:\n  jargon:\n    extra: {en: [nephrotoxic]}\n", ["extra must map a language"]),
])
def test_option_values_are_validated(checks_copy, checks_run, block: str, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    set_config(root, block)
    with pytest.raises(ConfigError) as exc:
        checks_run(root, ["en"])
    assert all(w in exc.value.problems[0].message for w in words) and exc.value.problems[0].line == 12


def test_the_seed_texts_spam_is_the_only_promotion() -> None:
    from handouts.checks.promotion import judge, patterns
    from handouts.checks.text import sentences

    seed = (
        "It is important to remember that Isotretinoin is a prescription medication, and its use should be closely "
        "monitored by a healthcare professional. Patients are usually prescribed a limited amount of medication at a "
        "time to ensure proper monitoring during the treatment. Increased Sensitivity to Sun: Buy isotretinoin online "
        "makes the skin more sensitive to the sun, so it's important to apply sunscreen regularly."
    )
    p = patterns("en", ("Isotretinoin",))
    assert p is not None
    assert [hit for s in sentences(seed) for hit in judge(s, p)] == [("commerce", "Buy isotretinoin online")]


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
    assert [(f.rule, f.locale, f.path, f.segment) for f in errors] == [
        ("promotion", locale, f"content/isotretinoin-40mg/locales/{locale}.po", "side-effects.body.1.terms.1.text")]
    assert "msgctxt \"side-effects.body.1.terms.1.text\"" in "\n".join(po.read_text(encoding="utf-8").splitlines()[errors[0].line - 4 : errors[0].line])


def test_unreadable_catalog_is_an_error_with_its_line(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    root = checks_copy()
    edit_po(root, 'msgctxt "storage.heading"', 'msgctxt "storage.heading\nthis is not PO')
    found = only(checks_run(root), "translation.unavailable")
    assert len(found) == 1 and found[0].severity == "error" and found[0].locale == "es"
    assert found[0].path == "content/testamol/locales/es.po" and found[0].line and "PO syntax error" in found[0].message


def test_a_language_no_rule_knows_gets_infos_not_guesses(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    import shutil

    def portuguese(doc: dict) -> None:
        doc["meta"]["locale"] = "pt"
        doc["sections"][4]["id"] = "conservacao"
        doc["sections"][4]["heading"] = "Como conservar o Testamol"

    root = checks_copy(portuguese)
    shutil.rmtree(root / "content" / "testamol" / "locales")
    config = root / "handouts.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("source_locale: en", "source_locale: pt").replace("locales: [en, es]", "locales: [pt]"), encoding="utf-8")
    found = checks_run(root)
    assert {f.rule for f in found if f.severity == "info"} >= {"promotion.unsupported", "jargon.unsupported", "readability.unsupported", "structure.action"}
    parts = only(found, "structure.parts")
    assert len(parts) == 1 and parts[0].severity == "info" and "cannot recognise headings in 'pt'" in parts[0].message
    assert [f for f in found if f.severity != "info"] == []


def test_french_and_german_have_their_formulas() -> None:
    from handouts.checks.context import Unit
    from handouts.checks.readability import stats
    from handouts.checks.syllables import COUNTERS

    def unit(text: str) -> Unit:
        return Unit("x.body.0.text", "x", "text", text, text, None, None)

    fr = stats([unit("Prenez un comprimé le matin. Buvez un grand verre d'eau.")], COUNTERS["fr"])
    de = stats([unit("Nehmen Sie eine Tablette am Morgen. Trinken Sie ein Glas Wasser.")], COUNTERS["de"])
    assert fr and de
    name, score = fr.ease("fr")
    assert name == "Kandel-Moles" and score == pytest.approx(207 - 1.015 * fr.asl - 73.6 * fr.asw)
    assert de.ease("de")[0] == "Amstad" and de.ease("de")[1] == pytest.approx(180 - de.asl - 58.5 * de.asw)


def test_percentages_suggest_natural_frequencies(checks_copy, checks_run) -> None:  # type: ignore[no-untyped-def]
    found = only(checks_run(checks_copy(para(3, "About 10% of people get a headache.")), ["en"]), "readability.percentages")
    assert len(found) == 1 and "about 1 in 10" in found[0].message and found[0].segment == "side-effects.body.2.text"
    assert only(checks_run(checks_copy(para(3, "About 1 in 10 people get a headache.")), ["en"]), "readability.percentages") == []
