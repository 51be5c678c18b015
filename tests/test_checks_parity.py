"""`handouts check` reports what `handouts build` refuses; words counted with their marks; unspaced scripts; wrapped waivers."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from conftest import DATA
from fixtures_checks import findings_of, only

from handouts.build import BuildOptions, load_project, plan
from handouts.checks import numbers_waivers
from handouts.checks.readability import words
from handouts.cli import main
from handouts.errors import HandoutsError

DRAFT_MARK = "DRAFT TRANSLATION — not for use with patients"
PO = "content/i18n-mini/locales/{}.po"
# -- hand-counted (session 11 report, M7): 17 words, then 13 --
HINDI_PURPOSE = ("यह पर्चा उन वयस्कों के लिए है जो रूमेटॉइड आर्थराइटिस के लिए मेथोट्रेक्सेट की गोलियाँ लेते हैं। "
                 "इसमें बताया गया है कि अपनी साप्ताहिक खुराक सुरक्षित रूप से कैसे लें।")
ZH_SENTENCE = "请按时服用药片。"  # 7 characters before the full stop


def add_locale(tmp_path: Path, locale: str, settings: str = "") -> Path:
    """A copy of tests/data/i18n-mini with `locale` added by `handouts i18n add` (catalogs empty), and `checks:` settings."""
    root = tmp_path / "mini"
    shutil.copytree(DATA / "i18n-mini", root)
    assert main(["i18n", "add", locale, "--project", str(root)]) == 0
    if settings:
        config = root / "handouts.yml"
        config.write_text(config.read_text(encoding="utf-8") + settings, encoding="utf-8")
    return root


def fill(path: Path, translate) -> None:  # type: ignore[no-untyped-def]
    """Set every msgstr of a catalog to translate(entry) (None: leave it empty), saved as polib (and Poedit) write it."""
    po = polib.pofile(str(path), wrapwidth=78)
    for entry in po:
        text = translate(entry)
        if text is not None:
            entry.msgstr = text
    po.save()


def line_of(path: Path, key: str, context: bool = True) -> int:
    """The line of an entry's msgid (what a PO entry's location means for every tool here)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if context:
        return lines.index(f'msgctxt "{key}"') + 2
    return lines.index(f'msgid "{key}"') + 1


# -- words ------------------------------------------------------------------------------------------


def test_hindi_sentence_length_counts_words_with_their_vowel_signs(tmp_path: Path) -> None:
    root = add_locale(tmp_path, "hi", "checks:\n  readability.sentence-length: {max_words: 16}\n")
    fill(root / PO.format("hi"), lambda e: HINDI_PURPOSE if e.msgctxt == "meta.purpose" else None)
    found = [f for f in findings_of(root, ["en", "hi"]) if f.locale == "hi"]
    long = only(found, "readability.sentence-length")
    assert [(f.segment, f.message.split(" (")[0]) for f in long] == [("meta.purpose", "sentence of 17 words")]
    [info] = only(found, "readability.unsupported")
    assert "average sentence 15.0 words" in info.message  # (17 + 13) / 2


def test_words_keep_marks_and_joiners_in_other_scripts() -> None:
    # -- hand-counted: Arabic with harakat (tanwin, kasra, damma), Bengali vowel signs, Persian with ZWNJ --
    assert len(words("اتصل بنا فورًا إذا ظننتِ أنكِ حاملًا.", "ar")) == 7
    assert len(words("প্রতিদিন একটি ট্যাবলেট খান।", "bn")) == 4
    assert len(words("من می‌خواهم بروم", "fa")) == 3
    assert len(words("Take one well-known 2.5 mg tablet.", "en")) == 6


def test_unspaced_languages_get_characters_and_no_word_limit(tmp_path: Path) -> None:
    root = add_locale(tmp_path, "zh-Hans", "checks:\n  readability.sentence-length: {max_words: 1}\n")
    fill(root / PO.format("zh-Hans"), lambda e: ZH_SENTENCE.replace("服用", "**服用**") if "**" in e.msgid else ZH_SENTENCE)
    found = [f for f in findings_of(root, ["en", "zh-Hans"]) if f.locale == "zh-Hans"]
    assert only(found, "readability.sentence-length") == []
    [info] = only(found, "readability.unsupported")
    assert "average sentence 7.0 characters" in info.message and "words are not counted" in info.message
    assert "words" not in info.to_dict()["data"] and info.to_dict()["data"]["characters_per_sentence"] == 7.0


# -- what build refuses, check reports ----------------------------------------------------------------


@pytest.fixture
def turkish(tmp_path: Path) -> Path:
    """i18n-mini with tr: all translated but one untranslated and one fuzzy segment, an ordinal "7." and a lost **bold**,
    the draft mark untranslated and one template word fuzzy."""
    root = add_locale(tmp_path, "tr")

    def segment(e: polib.POEntry) -> str | None:
        special = {"second.heading": "", "second.body.1.steps.0": "7. adım bir", "first.body.0.text": "Alfa paragraf kalın metin."}
        if e.msgctxt == "first.key_points.0":
            e.flags.append("fuzzy")
        return special.get(e.msgctxt, "TR " + e.msgid)

    def word(e: polib.POEntry) -> str | None:
        if e.msgid == "Key points":
            e.flags.append("fuzzy")
        return "" if e.msgid == DRAFT_MARK else "TR " + e.msgid

    fill(root / PO.format("tr"), segment)
    fill(root / "templates" / "locales" / "tr.po", word)
    return root


def test_check_reports_every_problem_build_refuses(turkish: Path) -> None:
    with pytest.raises(HandoutsError) as refused:
        plan(load_project(turkish), BuildOptions(locales=["tr"], draft=False))
    problems = refused.value.problems
    found = [f for f in findings_of(turkish, ["en", "tr"]) if f.locale == "tr" and f.rule.startswith("translation.")]
    keys = {(p.key, str(p.path.relative_to(turkish.resolve())), p.line) for p in problems}
    assert keys >= {("second.heading", PO.format("tr"), line_of(turkish / PO.format("tr"), "second.heading")),
                    (DRAFT_MARK, "templates/locales/tr.po", line_of(turkish / "templates/locales/tr.po", DRAFT_MARK, context=False))}
    assert len(problems) == 6  # two segments, two template words, two markup differences
    for key, path, line in keys:
        match = [f for f in found if f.path == path and f.line == line and (f.segment == key or repr(key) in f.message)]
        assert match, f"build refuses {key} at {path}:{line}, check says nothing"
    assert {f.segment: f.severity for f in only(found, "translation.markup")} == {"second.body.1.steps.0": "error", "first.body.0.text": "error"}


def test_messages_are_in_translator_words(turkish: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "--project", str(turkish), "--locale", "tr"]) == 1
    err = capsys.readouterr().err
    po = turkish / PO.format("tr")
    ordinal = line_of(po, "second.body.1.steps.0")
    assert (f'{PO.format("tr")}:{ordinal}: error [translation.markup] the text starts with "7.", which Markdown reads as a numbered list; '
            'write "7\\." to keep it as text (locale tr, segment second.body.1.steps.0)') in err
    assert "bold text (**...**): 1 in the source, 0 in the translation" in err
    assert "_open" not in err and "paragraph_close" not in err
    draft = next(ln for ln in err.splitlines() if "DRAFT TRANSLATION" in ln)
    assert draft.startswith(f"templates/locales/tr.po:{line_of(turkish / 'templates/locales/tr.po', DRAFT_MARK, context=False)}: warning")
    assert "prints this mark in English on every page and slide" in draft
    untranslated = next(ln for ln in err.splitlines() if "segment second.heading" in ln)
    assert "fuzzy" not in untranslated and "or build with --draft" not in untranslated and str(turkish) not in err


def test_build_says_untranslated_without_the_fuzzy_flag(turkish: Path) -> None:
    with pytest.raises(HandoutsError) as refused:
        plan(load_project(turkish), BuildOptions(locales=["tr"]))
    by_key = {p.key: p.message for p in refused.value.problems}
    assert "is untranslated; translate it in tr.po, or build with --draft" in by_key["second.heading"] and "fuzzy" not in by_key["second.heading"]
    assert "clear the fuzzy flag" in by_key["first.key_points.0"]
    assert by_key["second.body.1.steps.0"] == 'the text starts with "7.", which Markdown reads as a numbered list; write "7\\." to keep it as text'


def test_escaped_ordinal_is_text(turkish: Path) -> None:
    fill(turkish / PO.format("tr"), lambda e: "7\\. adım bir" if e.msgctxt == "second.body.1.steps.0" else None)
    assert [f.segment for f in only(findings_of(turkish, ["en", "tr"]), "translation.markup")] == ["first.body.0.text"]


# -- waivers ------------------------------------------------------------------------------------------


def test_waiver_reason_wrapped_by_a_po_editor_is_read_whole(tmp_path: Path) -> None:
    root = tmp_path / "numbers-mini"
    shutil.copytree(DATA / "numbers-mini", root)
    path = root / "content/numbers-mini/locales/es.po"
    reason = "el número de la línea de atención en España es otro que el del Reino Unido, y lo comprobó la revisora"
    po = polib.pofile(str(path), wrapwidth=78)
    entry = next(e for e in po if e.msgctxt == "contact.body.0.text")
    entry.msgstr = "Llame al 0800 123 4567 de 9:00 a 16:00, de lunes a viernes."
    import hashlib

    entry.tcomment = f"handouts: numbers-ok {hashlib.sha256(entry.msgid.encode()).hexdigest()[:8]} — {reason}\nshort note"
    po.save()
    assert path.read_text(encoding="utf-8").count("\n# ") >= 3  # -- wrapped: the reason is on two comment lines, then the note --
    [waived] = only(findings_of(root, ["en", "es"]), "translation.numbers-waived")
    assert f"numbers accepted by the reviewer: {reason} (" in waived.message and "short note" not in waived.message
    [listed] = numbers_waivers(load_project(root), ["en", "es"])
    assert listed["reason"] == reason


def test_a_locale_without_template_words_is_one_finding(turkish: Path) -> None:
    (turkish / "templates" / "locales" / "tr.po").unlink()
    words = [f for f in findings_of(turkish, ["en", "tr"]) if f.locale == "tr" and f.segment is None and "template" in f.message]
    assert len(words) == 1 and words[0].path == "templates/locales/tr.po" and words[0].severity == "warning"
    assert "handouts i18n add tr" in words[0].message and "the draft mark among them" in words[0].message
