"""A new language without touching the install: `handouts i18n add`, the project's template words, bad codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polib
import pytest
from fixtures_i18n import msgfmt_check
from pptx import Presentation

from conftest import copy_project
from handouts.cli import main
from handouts.errors import ConfigError, TranslationError
from handouts.i18n import catalog as cat
from handouts.i18n.configedit import add_locale, set_templates_dir
from handouts.theme import BUILTIN

COMMENTED = """# Our clinic's settings (keep this comment)
source_locale: en
locales: [en, es]   # languages we print
brand:
  organisation: Test Clinic  # as on the letterhead
"""
FRENCH = {"Agenda": "Au programme", "Questions?": "Des questions ?"}


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The i18n-mini project with a commented handouts.yml and no templates_dir."""
    root = copy_project("i18n-mini", tmp_path)
    (root / "handouts.yml").write_text(COMMENTED, encoding="utf-8")
    return root


def _translate(path: Path, words: dict[str, str] | None = None) -> None:
    """What a translator does in Poedit: fill every entry (here with a marked copy of the source), save."""
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = (words or {}).get(entry.msgid) or entry.msgid.replace("test", "essai")
    po.save()


def test_add_a_language_then_check_and_build_it(mini: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    package = _snapshot(BUILTIN)
    assert main(["i18n", "add", "fr", "--project", str(mini)]) == 0
    out = capsys.readouterr().out
    doc_po, words_po = mini / "content" / "i18n-mini" / "locales" / "fr.po", mini / "templates" / "locales" / "fr.po"
    assert "created templates/ for your template words and set `templates_dir: templates` in handouts.yml" in out
    assert "added 'fr' to `locales:` in handouts.yml" in out and f"wrote {words_po}" in out
    config = (mini / "handouts.yml").read_text(encoding="utf-8")
    assert config == COMMENTED.replace("locales: [en, es]", "locales: [en, es, fr]") + \
        "templates_dir: templates  # your templates and template-word catalogs (set by handouts i18n)\n"
    for path in (doc_po, words_po):
        msgfmt_check(path)
        po = cat.read(path, "fr")
        assert str(po.locale) == "fr" and all(not m.string for m in po if m.id)
    assert cat.read(doc_po, "fr").extra[cat.SOURCE_VERSION] == "2.1"
    packaged = {m.id for m in cat.read(BUILTIN / "locales" / "messages.pot") if m.id}
    assert {m.id for m in cat.read(words_po, "fr") if m.id} == packaged
    assert _snapshot(BUILTIN) == package  # nothing written inside the installed package

    assert main(["check", "--project", str(mini)]) == 0
    out_dir = mini / "out"
    assert main(["build", "--project", str(mini), "--locale", "fr", "--draft", "--out", str(out_dir), "--no-check"]) == 0
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert {(a["locale"], a["translation"]) for a in manifest["artifacts"] if a["variant"] != "library"} == {("fr", "draft")}

    _translate(doc_po)
    _translate(words_po, FRENCH)
    capsys.readouterr()
    assert main(["i18n", "status", "--locale", "fr", "--project", str(mini)]) == 0
    assert "(current)" in capsys.readouterr().out
    assert main(["build", "--project", str(mini), "--locale", "fr", "--out", str(out_dir), "--no-check"]) == 0
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert {a["translation"] for a in manifest["artifacts"] if a["variant"] != "library"} == {"current"}
    deck = Presentation(str(out_dir / "i18n-mini" / "fr" / "i18n-mini.fr.pptx"))
    closing = " ".join(s.text_frame.text for s in deck.slides[-1].shapes if s.has_text_frame)
    agenda = " ".join(s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame)
    assert "Des questions ?" in closing and "Questions?" not in closing
    assert "Au programme" in agenda and "Agenda" not in agenda


def test_add_a_language_already_configured_keeps_the_config(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    before = (root / "handouts.yml").read_text(encoding="utf-8")
    es = (root / "content" / "i18n-mini" / "locales" / "es.po").read_bytes()
    assert main(["i18n", "add", "es", "--project", str(root)]) == 0
    said = capsys.readouterr().out
    assert "to `locales:`" not in said
    assert said.startswith("'es' already exists: its catalogs were brought up to date with the source")
    assert (root / "handouts.yml").read_text(encoding="utf-8") == before + \
        "templates_dir: templates  # your templates and template-word catalogs (set by handouts i18n)\n"
    assert (root / "content" / "i18n-mini" / "locales" / "es.po").read_bytes() == es  # translations untouched
    # es ships with handouts: the project's catalog starts empty and the built-in words still count
    assert main(["i18n", "status", "--project", str(root)]) == 0
    assert "template string" not in capsys.readouterr().out


@pytest.mark.parametrize(("code", "locales", "expected"), [
    ("xx", "[en, es]", "'xx' is not a locale Babel knows"),
    ("spansh", "[en, es]", "did you mean es?"),
    ("ES", "[en, es]", "'ES' differs from the project's 'es' only by case or '_'/'-': did you mean es?"),
    ("en_gb", "[en, es, en-GB]", "'en_gb' differs from the project's 'en-GB' only by case or '_'/'-': did you mean en-GB?"),
    ("pt_br", "[en, es]", "write the locale code as BCP 47: did you mean pt-BR?"),
    ("x-pseudo", "[en, es]", "is the source locale or a pseudo-locale"),
    ("en", "[en, es]", "is the source locale or a pseudo-locale"),
])
def test_add_refuses_a_bad_code_with_one_line_and_writes_nothing(tmp_path: Path, capsys, code: str, locales: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    root = copy_project("i18n-mini", tmp_path)
    (root / "handouts.yml").write_text(COMMENTED.replace("[en, es]", locales), encoding="utf-8")
    before = _snapshot(root)
    assert main(["i18n", "add", code, "--project", str(root)]) == 1
    err = capsys.readouterr().err
    problems = [ln for ln in err.splitlines() if not ln.startswith("handouts: ")]
    assert len(problems) == 1 and expected in problems[0], err
    assert problems[0].startswith(f"{root / 'handouts.yml'}") and "Traceback" not in err
    assert _snapshot(root) == before


def test_a_catalog_without_provenance_headers_is_refused_by_the_build(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    po.write_text("".join(ln for ln in po.read_text(encoding="utf-8").splitlines(keepends=True) if not ln.startswith('"X-')), encoding="utf-8")
    out = root / "out"
    assert main(["build", "--project", str(root), "--locale", "es", "--out", str(out), "--no-check"]) == 1
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if not ln.startswith("handouts: ")]
    assert lines == [ln for ln in lines if ln.startswith(f"{po}:1: provenance missing: the header has no X-Source-Version, X-Reviewer, X-Review-Date")]
    assert len(lines) == 1 and "Traceback" not in err and not out.exists()


def test_update_with_a_new_locale_creates_the_projects_template_words(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    package = _snapshot(BUILTIN)
    assert main(["i18n", "update", "--locale", "de", "--project", str(root)]) == 0
    assert "set `templates_dir: templates`" in capsys.readouterr().out
    for path in (root / "content" / "i18n-mini" / "locales" / "de.po", root / "templates" / "locales" / "de.po"):
        msgfmt_check(path)
    assert "templates_dir: templates" in (root / "handouts.yml").read_text(encoding="utf-8")
    assert main(["i18n", "extract", "--templates", "--project", str(root)]) == 0
    msgfmt_check(root / "templates" / "locales" / "messages.pot")
    assert _snapshot(BUILTIN) == package


def test_a_missing_template_word_names_the_projects_catalog(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    assert main(["i18n", "add", "fr", "--project", str(root)]) == 0
    _translate(root / "content" / "i18n-mini" / "locales" / "fr.po")
    words = root / "templates" / "locales" / "fr.po"
    capsys.readouterr()
    assert main(["build", "--project", str(root), "--locale", "fr", "--out", str(root / "out"), "--no-check"]) == 1
    err = capsys.readouterr().err
    missing = [ln for ln in err.splitlines() if "template string" in ln]
    assert len(missing) == len([m for m in cat.read(words) if m.id]) >= 30
    assert all(ln.startswith(f"{words}:") for ln in missing) and str(BUILTIN) not in err
    # a catalog that is not there yet is named where `i18n add` will create it
    words.unlink()
    assert main(["build", "--project", str(root), "--locale", "fr", "--out", str(root / "out"), "--no-check"]) == 1
    err = capsys.readouterr().err
    assert f"{words}: template string 'Key points' is untranslated in the fr template catalog (create it with `handouts i18n add fr`)" in err
    assert str(BUILTIN) not in err


def test_the_writer_never_writes_inside_the_package(tmp_path: Path) -> None:
    catalog = cat.HandoutsCatalog(locale="fr", fuzzy=False)
    for target in (BUILTIN / "locales" / "fr.po", BUILTIN.parent / "i18n" / "x.po", tmp_path / "link" / "fr.po"):
        if target.parent.name == "link":
            target.parent.symlink_to(BUILTIN / "locales")  # -- a link into the package is the package --
        with pytest.raises(TranslationError) as exc:
            cat.write(target, catalog)
        assert "never writes inside its installed package" in str(exc.value)
        assert not (BUILTIN / "locales" / "fr.po").exists() and not (BUILTIN.parent / "i18n" / "x.po").exists()


def test_config_edits_keep_comments_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "handouts.yml"
    block = "source_locale: en\nlocales:   # ours\n  - en\n  - es  # Spanish\n\n# next\nformats: [pdf]\n"
    assert add_locale(block, "fr", "en", path) == "source_locale: en\nlocales:   # ours\n  - en\n  - es  # Spanish\n  - fr\n\n# next\nformats: [pdf]\n"
    assert add_locale("source_locale: en\n", "fr", "en", path) == "source_locale: en\nlocales: [en, fr]\n"
    assert add_locale("locales: [en, 'es']  # a [note]\n", "fr", "en", path) == "locales: [en, 'es', fr]  # a [note]\n"
    assert set_templates_dir("output_dir: out  # here\nbrand: {}\n", "templates", path).splitlines()[1].startswith("templates_dir: templates")
    with pytest.raises(ConfigError) as exc:
        add_locale("{source_locale: en, locales: [en]}\n", "fr", "en", path)  # a flow mapping: no safe text edit
    assert "add it there yourself" in str(exc.value)


def test_template_words_changed_in_an_override_become_fuzzy_and_msgfmt_accepts_them(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    assert main(["i18n", "add", "fr", "--project", str(root)]) == 0
    leaflet = root / "templates" / "leaflet"
    leaflet.mkdir()
    end = (BUILTIN / "leaflet" / "_end.html").read_text(encoding="utf-8")
    override = leaflet / "_end.html"
    override.write_text(end + '\n<p>{{ _("Ask your pharmacist about this medicine before you take it") }}</p>\n', encoding="utf-8")
    assert main(["i18n", "update", "--templates", "--project", str(root)]) == 0
    words = root / "templates" / "locales" / "fr.po"
    po = polib.pofile(str(words))
    po.find("Ask your pharmacist about this medicine before you take it").msgstr = "Demandez à votre pharmacien avant de prendre ce médicament"
    po.save()
    override.write_text(end + '\n<p>{{ _("Ask your pharmacist about this medicine before you start taking it") }}</p>\n', encoding="utf-8")
    assert main(["i18n", "update", "--templates", "--project", str(root)]) == 0
    msgfmt_check(words)
    entry = cat.read(words, "fr").get("Ask your pharmacist about this medicine before you start taking it")
    assert entry.fuzzy and entry.previous_id == ["Ask your pharmacist about this medicine before you take it"]
    assert '#| msgid "Ask your pharmacist about this medicine before you take it"' in words.read_text(encoding="utf-8")


def test_locale_codes_are_spelled_as_bcp47_parts_as_typed(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    from handouts.i18n.codes import canonical

    assert {c: canonical(c) for c in ("en_gb", "zh_tw", "zh-Hant-TW", "es-419", "sr_latn")} == \
        {"en_gb": "en-GB", "zh_tw": "zh-TW", "zh-Hant-TW": "zh-Hant-TW", "es-419": "es-419", "sr_latn": "sr-Latn"}
    root = make_project("i18n-mini")
    assert main(["i18n", "add", "zh-TW", "--project", str(root)]) == 0  # Babel reads it as zh_Hant_TW: the code stays as written
    assert (root / "content" / "i18n-mini" / "locales" / "zh-TW.po").is_file()
    assert "locales: [en, es, zh-TW]" in (root / "handouts.yml").read_text(encoding="utf-8")
    assert main(["i18n", "status", "--project", str(root)]) == 0 and main(["i18n", "update", "--project", str(root)]) == 0


def test_a_catalog_whose_language_header_names_another_locale_is_refused(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"Language: es\\n"', '"Language: pl\\n"'), encoding="utf-8")
    assert main(["i18n", "status", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{po}:1: the 'Language' header says 'pl' but the file is for 'es'" in err and "Traceback" not in err
