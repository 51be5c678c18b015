"""Publishing policy, provenance, template strings, pseudo-locales, font coverage and bad catalogs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures_i18n import SAMPLE_DOC, STALE_CONTEXT, TARGETS, copy_sample

from handouts.build import BuildOptions, load_project, plan
from handouts.cli import main
from handouts.config import load_config
from handouts.content import load_document
from handouts.errors import HandoutsError, TranslationError
from handouts.i18n import babel_locale, is_rtl, localize, template_translations, translation_report
from handouts.i18n import catalog as cat
from handouts.markdown import markup_signature
from handouts.theme import BUILTIN
from conftest import SAMPLE_SOURCE


def _doc(root: Path, doc_id: str):  # type: ignore[no-untyped-def]
    config = load_config(root)
    folder = (root / "content" / doc_id).resolve()
    return config, folder, load_document(folder, config)


def _set_translation(po: Path, locale: str, context: str, text: str) -> None:
    c = cat.read(po, locale)
    for m in c:
        if m.context == context:
            m.string = text
    cat.write(po, c)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_localize_returns_the_catalog_translations(repo: Path) -> None:
    config, folder, doc = _doc(repo, SAMPLE_DOC)
    for locale in TARGETS:
        localized, prov = localize(doc, locale, config, folder)
        expected = {s.context: s.text for s in translation_report(doc, locale, config, folder)}
        got = {s.context: s.text for s in localized.segments()}
        assert got == expected
        assert localized.meta.locale == locale
        assert prov.status == "current" and prov.source_version == doc.meta.version
        assert prov.translator and "Sample translation" in prov.translator
        assert prov.reviewer is None and prov.reviewed is False
    localized, prov = localize(doc, SAMPLE_SOURCE, config, folder)
    assert localized is doc and prov.status == "source"


def test_reviewed_catalog_provenance(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    config, folder, doc = _doc(root, "i18n-mini")
    _, prov = localize(doc, "es", config, folder)
    assert (prov.status, prov.reviewer, prov.review_date, prov.reviewed, prov.source_version) == ("current", "Test Reviewer", "2026-01-20", True, "2.1")


def test_default_build_refuses_stale_locales_naming_the_segment(stale_sample: Path) -> None:
    project = load_project(stale_sample)
    with pytest.raises(HandoutsError) as exc:
        plan(project, BuildOptions(locales=list(TARGETS)))
    problems = exc.value.problems
    assert sorted(p.locale for p in problems) == sorted(TARGETS)
    source_line = project.documents[next(iter(project.documents))].line(("sections", 3, "key_points", 1))
    for p in problems:
        assert p.key == STALE_CONTEXT
        assert str(p.path).endswith(f"locales/{p.locale}.po") and p.line
        assert f"(source document.yml:{source_line})" in p.message and "fuzzy" in p.message and "--draft" in p.message


def test_default_cli_build_refuses_and_writes_nothing(stale_sample: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert main(["build", "--project", str(stale_sample), "--locale", "es", "--out", str(out), "--no-check"]) == 1
    err = capsys.readouterr().err
    assert f"locales/es.po:" in err and STALE_CONTEXT in err and "nothing was written" in err
    assert not out.exists()


def test_draft_plan_keeps_source_text_for_stale_segments(stale_sample: Path) -> None:
    project = load_project(stale_sample)
    jobs = plan(project, BuildOptions(locales=["es"], draft=True, formats=["pdf"]))
    assert jobs and all(j.provenance.status == "draft" and j.draft for j in jobs)
    seg = {s.context: s.text for s in jobs[0].document.segments()}
    # never the stale translation (it may carry an old dose): the new source, marked draft on every page
    assert seg[STALE_CONTEXT] == "A course usually lasts 16 to 24 weeks."
    assert seg["how-to-take.heading"] == "Cómo tomar la isotretinoína"


def test_untranslated_segment_refused_then_draft(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    _set_translation(po, "es", "second.key_points.0", "")
    config, folder, doc = _doc(root, "i18n-mini")
    with pytest.raises(TranslationError) as exc:
        localize(doc, "es", config, folder)
    [p] = exc.value.problems
    assert p.key == "second.key_points.0" and "untranslated" in p.message and p.locale == "es"
    localized, prov = localize(doc, "es", config, folder, allow_draft=True)
    assert prov.status == "draft"
    assert localized.sections[1].key_points == ["Only one point here."]


def test_catalog_from_an_older_source_version_refused_then_draft(make_project) -> None:  # type: ignore[no-untyped-def]
    """Every segment still matches, but the document's version moved on: not current until `i18n update` records it."""
    def bump(data: dict) -> None:
        data["meta"]["version"] = "2.2"

    root = make_project("i18n-mini", edit=bump)
    config, folder, doc = _doc(root, "i18n-mini")
    with pytest.raises(TranslationError) as exc:
        localize(doc, "es", config, folder)
    [p] = exc.value.problems
    assert p.key == cat.SOURCE_VERSION and p.locale == "es" and p.path == cat.po_path(folder, "es")
    assert "made from source version 2.1, the document is version 2.2" in p.message
    _, prov = localize(doc, "es", config, folder, allow_draft=True)
    assert (prov.status, prov.source_version) == ("draft", "2.1")
    assert main(["i18n", "update", "--project", str(root), "--locale", "es"]) == 0
    _, prov = localize(doc, "es", config, folder)
    assert (prov.status, prov.source_version) == ("current", "2.2")


def test_missing_catalog_refused(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    config, folder, doc = _doc(root, "i18n-mini")
    with pytest.raises(TranslationError, match=r"no catalog for this locale: run `handouts i18n update --locale pl`"):
        localize(doc, "pl", config, folder)


def test_markdown_markup_mismatch_is_an_error_even_in_draft(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    _set_translation(po, "es", "first.body.0.text", "Párrafo alfa con texto en negrita.")
    config, folder, doc = _doc(root, "i18n-mini")
    for draft in (False, True):
        with pytest.raises(TranslationError) as exc:
            localize(doc, "es", config, folder, allow_draft=draft)
        [p] = exc.value.problems
        assert p.key == "first.body.0.text" and "markup" in p.message and p.path == po and p.line
    out = root / "out"
    assert main(["build", "--project", str(root), "--locale", "es", "--out", str(out), "--no-check"]) == 1  # -- only es: refused, nothing to write --
    assert f"{po}:" in capsys.readouterr().err and not out.exists()


def test_link_target_change_is_an_error(make_project) -> None:  # type: ignore[no-untyped-def]
    def edit(data: dict) -> None:
        data["sections"][0]["body"][0]["text"] = "See [the site](https://example.org/a)."

    root = make_project("i18n-mini", edit=edit)
    assert main(["i18n", "update", "--project", str(root)]) == 0
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    c = cat.read(po, "es")
    for m in c:
        if m.context == "first.body.0.text":
            m.string, m.flags = "Vea [el sitio](https://example.org/b).", set()
    cat.write(po, c)
    config, folder, doc = _doc(root, "i18n-mini")
    with pytest.raises(TranslationError, match="link addresses differ"):
        localize(doc, "es", config, folder)


def test_po_syntax_error_names_file_and_line_and_writes_nothing(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, ln in enumerate(lines) if ln.startswith('msgstr "Primera'))
    lines[bad] = 'msgstr "Primera sección'  # unterminated string
    lines.insert(bad + 1, "msgxyz oops")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _snapshot(root)
    for argv in (["i18n", "update"], ["i18n", "status"], ["build", "--locale", "es", "--out", str(root / "out"), "--no-check"]):
        capsys.readouterr()
        assert main([*argv, "--project", str(root)]) == 1, argv
        err = capsys.readouterr().err
        assert re.search(rf"{re.escape(str(po))}:{bad + 1}\d*: PO syntax error", err) or f"{po}:{bad + 2}: PO syntax error" in err, err
        assert _snapshot(root) == before


_SUBTITLE = 'msgctxt "meta.subtitle"\nmsgid "For tests"\nmsgstr "Para pruebas"\n'


@pytest.mark.parametrize("edit, expected", [
    # a tool turned the segment into a plural entry: it printed "('Para prueba', 'Para pruebas')" as current
    (lambda s: s.replace(_SUBTITLE, 'msgctxt "meta.subtitle"\nmsgid "For tests"\nmsgid_plural "For testss"\nmsgstr[0] "Para prueba"\nmsgstr[1] "Para pruebas"\n'),
     "plural entry (msgid_plural) for segment 'meta.subtitle'"),
    # a second entry for the same segment: which one printed depended on the order
    (lambda s: s + "\n" + _SUBTITLE.replace("Para pruebas", "Otra traducción"), "duplicate entry for 'meta.subtitle'"),
    (lambda s: s.replace("charset=utf-8", "charset=latin-9x"), "cannot read catalog: unknown encoding: latin-9x"),
])
def test_bad_catalog_content_is_refused_with_its_line(make_project, capsys, edit, expected: str) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    text = po.read_text(encoding="utf-8")
    assert _SUBTITLE in text
    po.write_text(edit(text), encoding="utf-8")
    before = _snapshot(root)
    for argv in (["i18n", "update"], ["i18n", "status"], ["build", "--locale", "es", "--out", str(root / "out"), "--no-check", "--draft"]):
        capsys.readouterr()
        assert main([*argv, "--project", str(root)]) == 1, argv
        err = capsys.readouterr().err
        assert re.search(rf"{re.escape(str(po))}:\d+: {re.escape(expected)}", err) and "Traceback" not in err, (argv, err)
        assert _snapshot(root) == before


def test_unknown_locale_is_refused(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    before = _snapshot(root)
    assert main(["i18n", "update", "--project", str(root), "--locale", "qq"]) == 1
    assert "'qq' is not a locale Babel knows" in capsys.readouterr().err
    shutil.copy(root / "content" / "i18n-mini" / "locales" / "es.po", root / "content" / "i18n-mini" / "locales" / "zz.po")
    before = _snapshot(root)
    assert main(["i18n", "status", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert "zz.po" in err and "'zz' is not a locale Babel knows" in err
    assert _snapshot(root) == before


def test_catalog_for_missing_document_is_refused(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    ghost = root / "content" / "ghost" / "locales"
    ghost.mkdir(parents=True)
    shutil.copy(root / "content" / "i18n-mini" / "locales" / "es.po", ghost / "es.po")
    before = _snapshot(root)
    for verb in ("update", "status", "extract"):
        assert main(["i18n", verb, "--project", str(root)]) == 1
        err = capsys.readouterr().err
        assert f"{ghost / 'es.po'}: catalog for a document that does not exist" in err
    assert _snapshot(root) == before


def test_template_string_missing_is_reported_and_refused(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    templates = root / "templates" / "locales"
    templates.mkdir(parents=True)
    pot = cat.HandoutsCatalog(fuzzy=False)
    pot.add("Key points")
    pot.add("Only in the clinic's template")
    cat.write(templates / "messages.pot", pot)
    es = cat.HandoutsCatalog(locale="es", fuzzy=False)
    es.add("Key points", "Puntos clave")
    cat.write(templates / "es.po", es)
    cfg = root / "handouts.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "templates_dir: templates\n", encoding="utf-8")
    config, folder, doc = _doc(root, "i18n-mini")
    translations = template_translations("es", config)
    assert translations.gettext("Key points") == "Puntos clave"
    assert translations.gettext("DRAFT TRANSLATION — not for use with patients") != "DRAFT TRANSLATION — not for use with patients"  # built-in fallback
    with pytest.raises(TranslationError) as exc:
        localize(doc, "es", config, folder)
    [p] = exc.value.problems
    assert p.key == "Only in the clinic's template" and p.path == templates / "es.po"
    _, prov = localize(doc, "es", config, folder, allow_draft=True)
    assert prov.status == "draft"
    capsys.readouterr()
    assert main(["i18n", "status", "--project", str(root)]) == 0
    assert "template string untranslated in es: \"Only in the clinic's template\"" in capsys.readouterr().out


def test_template_translation_with_wrong_placeholders_is_an_error_not_a_traceback(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    (root / "templates" / "locales").mkdir(parents=True)
    es = cat.HandoutsCatalog(locale="es", fuzzy=False)
    es.add("Version %(version)s", "Versión %(versión)s")
    es.add("(continued %(number)s)", "(continuación %(number)s, 100%)")
    es.add("Key points", "Puntos clave")
    cat.write(root / "templates" / "locales" / "es.po", es)
    cfg = root / "handouts.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "templates_dir: templates\n", encoding="utf-8")
    config = load_config(root)
    with pytest.raises(TranslationError) as exc:
        template_translations("es", config)
    lines = (root / "templates" / "locales" / "es.po").read_text(encoding="utf-8").splitlines()
    version, continued = (lines.index(f'msgid "{key}"') + 1 for key in ("Version %(version)s", "(continued %(number)s)"))
    assert [(p.key, p.line) for p in exc.value.problems] == [("Version %(version)s", version), ("(continued %(number)s)", continued)]
    out = root / "out"
    assert main(["build", "--project", str(root), "--out", str(out), "--locale", "es", "--draft", "--no-check"]) == 1
    err = capsys.readouterr().err
    assert f"{root / 'templates' / 'locales' / 'es.po'}:{version}: the translation's placeholders (%(versión)s) differ" in err
    assert "Traceback" not in err and not out.exists()


def test_template_code_in_a_template_translation_is_refused_in_words(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    (root / "templates" / "locales").mkdir(parents=True)
    es = cat.HandoutsCatalog(locale="es", fuzzy=False)
    es.add("Version %(version)s", 'Versión %(version)s {{ 7*7 }} {% include "/etc/passwd" %}')
    cat.write(root / "templates" / "locales" / "es.po", es)
    cfg = root / "handouts.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "templates_dir: templates\n", encoding="utf-8")
    with pytest.raises(TranslationError) as exc:
        template_translations("es", load_config(root))
    [p] = exc.value.problems
    assert p.key == "Version %(version)s"
    assert p.message.startswith("the translation holds template code ('{{ 7*7 }}'), which handouts never runs: remove it")


def test_string_added_by_an_override_template_must_be_translated(make_project, repo: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    leaflet = root / "templates" / "leaflet"
    leaflet.mkdir(parents=True)
    end = (BUILTIN / "leaflet" / "_end.html").read_text(encoding="utf-8")
    (leaflet / "_end.html").write_text(end + '\n<p>{{ _("Ask your pharmacist") }}</p>\n', encoding="utf-8")
    cfg = root / "handouts.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "templates_dir: templates\n", encoding="utf-8")
    config, folder, doc = _doc(root, "i18n-mini")
    with pytest.raises(TranslationError) as exc:  # no messages.pot lists it: still never printed in English as current
        localize(doc, "es", config, folder)
    assert [p.key for p in exc.value.problems] == ["Ask your pharmacist"]
    # the workflow puts it in the clinic's catalogs, for the translator
    assert main(["i18n", "extract", "--templates", "--project", str(root)]) == 0
    assert main(["i18n", "update", "--templates", "--locale", "es", "--project", str(root)]) == 0
    es = cat.read(root / "templates" / "locales" / "es.po", "es")
    assert es.get("Ask your pharmacist") is not None and es.get("Key points") is not None
    es.get("Ask your pharmacist").string = "Pregunte a su farmacéutico"
    cat.write(root / "templates" / "locales" / "es.po", es)
    _, prov = localize(doc, "es", config, folder)
    assert prov.status == "current"
    assert template_translations("es", config).gettext("Ask your pharmacist") == "Pregunte a su farmacéutico"


def test_builtin_template_catalogs_cover_every_extracted_string(repo: Path) -> None:
    from handouts.i18n.strings import extract_pot, missing_strings, template_messages

    config = load_config(repo)
    listed = template_messages(config)
    extracted = {m.id for m in extract_pot() if m.id}
    assert extracted <= set(listed), f"run `handouts i18n extract --templates`: {sorted(extracted - set(listed))}"
    for locale in TARGETS:
        assert missing_strings(locale, config) == [], locale


def test_pseudo_locales_expand_keep_markup_and_numbers(repo: Path) -> None:
    config, folder, doc = _doc(repo, SAMPLE_DOC)
    for locale in ("x-pseudo", "x-pseudo-rtl"):
        localized, prov = localize(doc, locale, config, folder)
        assert prov.status == "draft" and not prov.reviewed
        pairs = list(zip(doc.segments(), localized.segments()))
        for src, out in pairs:
            assert out.text != src.text
            assert markup_signature(out.text) == markup_signature(src.text)
            assert re.findall(r"\d+", out.text) == re.findall(r"\d+", src.text)
            assert "https://yellowcard.mhra.gov.uk" in out.text or "https://" not in src.text
        if locale == "x-pseudo":
            ratio = sum(len(o.text) for _, o in pairs) / sum(len(s.text) for s, _ in pairs)
            assert 1.3 <= ratio <= 1.6
            assert not re.search(r"[a-zA-Z]{3,}", re.sub(r"\(https?://[^)]*\)", "", localized.meta.purpose))
        else:
            assert all("\u0600" <= ch <= "\u06ff" for ch in localized.meta.title if ch.isalpha())
    assert template_translations("x-pseudo", config).gettext("Page {page} of {pages}") == "Ƥààĝéé {page} óóƒ {pages}"


def test_locale_facts_for_renderers() -> None:
    assert [is_rtl(x) for x in ("ar", "ur", "fa", "he", "x-pseudo-rtl")] == [True] * 5
    assert [is_rtl(x) for x in ("en", "es", "pl", "zh", "x-pseudo")] == [False] * 5
    assert (babel_locale("x-pseudo"), babel_locale("x-pseudo-rtl"), babel_locale("pt-BR"), babel_locale("pl")) == ("en", "ar", "pt_BR", "pl")


@pytest.fixture
def no_installed_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig with no font folders, as on a machine without fonts-noto-cjk (setup installs it here)."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?><fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    assert subprocess.run(["fc-list", ":charset=4e2d", "family"], capture_output=True, text=True).stdout.strip() == ""


@pytest.mark.usefixtures("no_installed_fonts")
def test_chinese_without_cjk_font_stops_with_fix(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    po = root / "content" / "i18n-mini" / "locales" / "es.po"
    _set_translation(po, "es", "second.heading", "Segunda sección 中文")
    config, folder, doc = _doc(root, "i18n-mini")
    with pytest.raises(TranslationError) as exc:
        localize(doc, "es", config, folder, allow_draft=True)
    [p] = exc.value.problems
    assert p.locale == "es" and p.key == "second.heading" and p.path == po and p.line
    assert "'中' U+4E2D" in p.message and "'文' U+6587" in p.message
    assert "install fonts-noto-cjk" in p.message and "fonts: {Hani: [" in p.message
    out = root / "out"
    assert main(["build", "--project", str(root), "--locale", "es", "--out", str(out), "--draft", "--no-check"]) == 1
    assert "U+4E2D" in capsys.readouterr().err and not out.exists()


def test_configured_font_covers_a_script(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A font named under `fonts:` counts for coverage (here a vendored Arabic font declared as the Syriac-free fallback)."""
    from handouts.fonts import families, missing_characters, stack

    root = make_project("i18n-mini")
    config = load_config(root)
    assert families("ar", config)[:2] == ["Noto Sans Arabic", "Noto Sans"]
    assert families("es", config)[0] == "Noto Sans"
    assert missing_characters("إيزوتريتينوين 40 mg — ąęł ñ", stack("ar", config), installed=False) == ""
    assert missing_characters("中", stack("es", config), installed=False) == "中"


def test_fonts_from_config_files_and_installed_families(make_project) -> None:  # type: ignore[no-untyped-def]
    from handouts.fonts import configured, families, missing_characters, stack

    root = make_project("i18n-mini")
    cfg = root / "handouts.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "fonts:\n  Guru: [Noto Sans Gurmukhi]\n  Arab: [fonts/NotoSansArabic-Bold.ttf]\n", encoding="utf-8")
    config = load_config(root)
    [arabic] = configured("Arab", config)
    assert arabic.family == "Noto Sans Arabic" and arabic.path.name == "NotoSansArabic-Bold.ttf"
    gurmukhi = configured("Guru", config)
    if not gurmukhi:
        pytest.skip("Noto Sans Gurmukhi is not installed here")
    assert families("pa", config)[0] == "Noto Sans Gurmukhi"
    assert missing_characters("ਪੰਜਾਬੀ", stack("pa", config), installed=False) == ""


@pytest.mark.usefixtures("no_installed_fonts")
def test_source_text_is_checked_for_font_coverage_too(make_project) -> None:  # type: ignore[no-untyped-def]
    def edit(data: dict) -> None:
        data["sections"][0]["heading"] = "First section 中"

    root = make_project("i18n-mini", edit=edit)
    config, folder, doc = _doc(root, "i18n-mini")
    with pytest.raises(TranslationError) as exc:
        localize(doc, "en", config, folder)
    [p] = exc.value.problems
    assert p.key == "first.heading" and p.path == folder / "document.yml" and p.line == doc.line(("sections", 0, "heading"))
    assert "U+4E2D" in p.message and "fonts-noto-cjk" in p.message


def test_bad_font_files_in_config_are_errors_with_their_line(make_project, repo: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A font the leaflet cannot load must not count for coverage: missing, outside the project, or not a font."""
    root = make_project("i18n-mini")
    outside = tmp_path / "elsewhere" / "Outside.ttf"
    outside.parent.mkdir()
    shutil.copy(BUILTIN / "fonts" / "NotoSans-Regular.ttf", outside)
    (root / "fonts").mkdir()
    (root / "fonts" / "fake.ttf").write_text("not a font", encoding="utf-8")
    shutil.copy(BUILTIN / "fonts" / "NotoSans-Bold.ttf", root / "fonts" / "Good.ttf")
    cfg = root / "handouts.yml"
    base = cfg.read_text(encoding="utf-8")
    cfg.write_text(base + f"fonts:\n  Hani:\n    - fonts/typo.ttf\n    - {outside}\n    - ../elsewhere/Outside.ttf\n    - fonts/fake.ttf\n    - fonts/Good.ttf\n", encoding="utf-8")
    first = len(base.splitlines()) + 3
    with pytest.raises(HandoutsError) as exc:
        load_config(root)
    found = [(p.line, p.key, p.message.split(" ", 3)[:3]) for p in exc.value.problems]
    assert [(line, key) for line, key, _ in found] == [(first + i, "fonts.Hani") for i in range(4)]
    assert [p.message.startswith("font file") for p in exc.value.problems] == [True, True, True, False]
    assert "not a font file" in exc.value.problems[3].message
    out = root / "out"
    assert main(["build", "--project", str(root), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"handouts.yml:{first}: font file 'fonts/typo.ttf' not found" in err and "Traceback" not in err and not out.exists()
