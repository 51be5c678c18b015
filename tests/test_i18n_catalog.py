"""Catalog workflow: extract, update (fuzzy/obsolete/new), status, PO round trip, provenance headers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_i18n import NEW_SENTENCE, OLD_SENTENCE, SAMPLE_DOC, STALE_CONTEXT, TARGETS, copy_sample, msgfmt_check

from handouts.cli import main
from handouts.config import load_config
from handouts.content import load_document
from handouts.i18n import catalog as cat
from handouts.i18n import translation_report

SAMPLE = Path(__file__).resolve().parents[1] / "content" / SAMPLE_DOC


def _doc(root: Path, doc_id: str):  # type: ignore[no-untyped-def]
    config = load_config(root)
    folder = (root / "content" / doc_id).resolve()
    return config, folder, load_document(folder, config)


def test_extract_writes_one_entry_per_segment_with_context_and_source_line(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    pot = root / "content" / "i18n-mini" / "locales" / "i18n-mini.pot"
    pot.unlink()
    assert main(["i18n", "extract", "--project", str(root)]) == 0
    assert "i18n-mini.pot" in capsys.readouterr().out
    config, folder, doc = _doc(root, "i18n-mini")
    catalog = cat.read(pot)
    entries = {m.context: m for m in catalog if m.id}
    segments = list(doc.segments())
    assert len(entries) == len(segments) == 21
    for seg in segments:
        m = entries[seg.context]
        assert m.id == seg.text
        assert m.locations == [("document.yml", seg.line)]
        assert f"kind: {seg.kind}" in m.auto_comments
    text = pot.read_text(encoding="utf-8")
    assert 'msgctxt "second.body.0.callout.text"' in text and "#: document.yml:" in text
    assert "keep the Markdown markup" in entries["first.body.0.text"].auto_comments[1]


def test_sample_catalogs_are_complete_current_and_say_not_reviewed(repo: Path) -> None:
    config, folder, doc = _doc(repo, SAMPLE_DOC)
    for locale in TARGETS:
        states = translation_report(doc, locale, config, folder)
        assert len(states) == len(list(doc.segments())) > 60
        assert {s.state for s in states} == {"translated"}, locale
        po = cat.read(cat.po_path(folder, locale), locale)
        assert po.extra[cat.SOURCE_VERSION] == doc.meta.version
        assert po.extra[cat.REVIEWER] == "" and po.extra[cat.REVIEW_DATE] == ""
        assert "not clinically reviewed" in po.extra[cat.NOTE]
        assert "NOT CLINICALLY REVIEWED" in po.header_comment
        for s in states:
            assert s.po_path == cat.po_path(folder, locale) and s.po_line
            # the line points at the entry of that segment in the PO file
            lines = s.po_path.read_text(encoding="utf-8").splitlines()
            assert any(f'msgctxt "{s.context}"' == ln for ln in lines[s.po_line - 3:s.po_line + 1])


def test_sample_translations_keep_every_number_and_dose(repo: Path) -> None:
    import re

    config, folder, doc = _doc(repo, SAMPLE_DOC)
    for locale in TARGETS:
        for s in translation_report(doc, locale, config, folder):
            assert re.findall(r"\d+", s.text or "") == re.findall(r"\d+", s.source.text), (locale, s.context)
            assert ("mg" in s.text) == ("mg" in s.source.text), (locale, s.context)


def test_update_marks_changed_fuzzy_with_previous_source_in_every_locale(stale_sample: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["i18n", "status", "--json", "--project", str(stale_sample)]) == 0
    report = json.loads(capsys.readouterr().out)
    rows = {r["locale"]: r for r in report["documents"]}
    assert set(rows) == set(TARGETS)
    for locale in TARGETS:
        row = rows[locale]
        assert row["fuzzy"] == 1 and row["untranslated"] == 0 and row["current"] is False
        assert row["percent"] < 100
        assert [s["context"] for s in row["segments"]] == [STALE_CONTEXT]
        assert row["segments"][0]["state"] == "fuzzy"
        po = (stale_sample / "content" / SAMPLE_DOC / "locales" / f"{locale}.po").read_text(encoding="utf-8")
        assert f'#| msgid "{OLD_SENTENCE}"' in po  # previous source kept for the translator
        assert f'msgid "{NEW_SENTENCE}"' in po
        assert row["source_version"] == "1.0"


def test_status_text_lists_counts_and_the_stale_segment(stale_sample: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["i18n", "status", "--project", str(stale_sample)]) == 0
    out = capsys.readouterr().out
    for locale in TARGETS:
        assert f"{SAMPLE_DOC:<24} {locale:<8}" in out
    assert out.count(f"fuzzy        {STALE_CONTEXT} (document.yml:") == 3


def test_update_removed_segment_obsolete_new_segment_untranslated(make_project) -> None:  # type: ignore[no-untyped-def]
    def edit(data: dict) -> None:
        data["sections"][0]["key_points"] = ["The first key point.", "A brand new point."]
        data["sections"][1]["body"][1]["steps"] = ["Delta step one"]

    root = make_project("i18n-mini", edit=edit)
    assert main(["i18n", "update", "--project", str(root)]) == 0
    config, folder, doc = _doc(root, "i18n-mini")
    states = {s.context: s for s in translation_report(doc, "es", config, folder)}
    assert states["first.key_points.0"].state == "translated"
    # same context, new text: the old translation is kept but flagged stale
    assert states["first.key_points.1"].state == "fuzzy"
    assert states["first.key_points.1"].previous == "The second key point."
    assert "second.body.1.steps.1" not in states
    po = cat.read(cat.po_path(folder, "es"), "es")
    assert [m.id for m in po.obsolete.values()] == ["Delta step two"]
    assert "#~ msgctxt \"second.body.1.steps.1\"" in cat.po_path(folder, "es").read_text(encoding="utf-8")


def test_update_new_segment_untranslated_and_not_matched_to_another_segment(make_project) -> None:  # type: ignore[no-untyped-def]
    def edit(data: dict) -> None:
        data["sections"][1]["key_points"].append("The second key point!")  # close to another segment's text

    root = make_project("i18n-mini", edit=edit)
    assert main(["i18n", "update", "--project", str(root), "--locale", "es"]) == 0
    config, folder, doc = _doc(root, "i18n-mini")
    states = {s.context: s for s in translation_report(doc, "es", config, folder)}
    assert states["second.key_points.1"].state == "untranslated" and states["second.key_points.1"].text is None
    assert states["first.key_points.1"].state == "translated"


def test_update_moved_segment_keeps_its_own_translation_as_fuzzy(make_project) -> None:  # type: ignore[no-untyped-def]
    def insert(data: dict) -> None:
        data["sections"][1]["body"].insert(0, {"text": "A new first paragraph."})  # every later block moves down one

    root = make_project("i18n-mini", edit=insert)
    assert main(["i18n", "update", "--project", str(root), "--locale", "es"]) == 0
    config, folder, doc = _doc(root, "i18n-mini")
    states = {s.context: s for s in translation_report(doc, "es", config, folder)}
    assert states["second.body.0.text"].state == "untranslated"
    # the steps moved from body.1 to body.2: their own translation is offered (fuzzy), not the block now at body.1's
    step = states["second.body.2.steps.0"]
    assert (step.state, step.text, step.previous) == ("fuzzy", "Delta paso uno", "Delta step one")
    callout = states["second.body.1.callout.text"]
    assert (callout.state, callout.text) == ("fuzzy", "Texto de advertencia charlie.")
    es = cat.read(root / "content" / "i18n-mini" / "locales" / "es.po", "es")
    assert "Delta step one" not in {m.id for m in es.obsolete.values()}  # reused, not left obsolete


def test_update_records_new_source_version_only_when_complete(make_project) -> None:  # type: ignore[no-untyped-def]
    def bump(data: dict) -> None:
        data["meta"]["version"] = "2.2"

    root = make_project("i18n-mini", edit=bump)
    assert main(["i18n", "update", "--project", str(root)]) == 0
    po = cat.read(root / "content" / "i18n-mini" / "locales" / "es.po", "es")
    assert po.extra[cat.SOURCE_VERSION] == "2.2"



def test_update_keeps_old_source_version_while_segments_are_stale(make_project) -> None:  # type: ignore[no-untyped-def]
    def bump_and_change(data: dict) -> None:
        data["meta"]["version"] = "2.3"
        data["sections"][0]["heading"] = "First section, renamed"

    root = make_project("i18n-mini", edit=bump_and_change)
    assert main(["i18n", "update", "--project", str(root)]) == 0
    po = cat.read(root / "content" / "i18n-mini" / "locales" / "es.po", "es")
    assert po.extra[cat.SOURCE_VERSION] == "2.1"


def test_po_round_trip_in_editor_format(make_project) -> None:  # type: ignore[no-untyped-def]
    """A PO as Poedit writes it (wrapped differently, translator comments) reads back with the same meaning."""
    root = make_project("i18n-mini")
    path = root / "content" / "i18n-mini" / "locales" / "es.po"
    before = {m.context: m.string for m in cat.read(path, "es") if m.id}
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        'msgctxt "meta.purpose"\nmsgid "This leaflet is a small test document."\nmsgstr "Este folleto es un pequeño documento de prueba."',
        '# Translator: checked with the clinic\nmsgctxt "meta.purpose"\nmsgid ""\n"This leaflet is a small "\n"test document."\nmsgstr ""\n"Este folleto es un "\n"pequeño documento de prueba."',
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    after = cat.read(path, "es")
    assert {m.context: m.string for m in after if m.id} == before
    assert after.get("This leaflet is a small test document.", context="meta.purpose").user_comments == ["Translator: checked with the clinic"]
    # update keeps the translator comment and the translations; writing again is stable
    assert main(["i18n", "update", "--project", str(root)]) == 0
    again = cat.read(path, "es")
    assert {m.context: m.string for m in again if m.id} == before
    assert "# Translator: checked with the clinic" in path.read_text(encoding="utf-8")
    first = path.read_bytes()
    assert main(["i18n", "update", "--project", str(root)]) == 0
    assert path.read_bytes() == first


def test_sample_catalog_rewrites_byte_identical(repo: Path, tmp_path: Path) -> None:
    for locale in TARGETS:
        path = SAMPLE / "locales" / f"{locale}.po"
        assert cat.dumps(cat.read(path, locale)) == path.read_bytes(), locale


def test_pseudo_command_writes_catalogs_msgfmt_accepts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = copy_sample(tmp_path / "sample")
    locales = root / "content" / SAMPLE_DOC / "locales"
    assert main(["i18n", "pseudo", "--project", str(root)]) == 0
    assert f"wrote {locales / 'x-pseudo.po'}" in capsys.readouterr().out
    assert main(["i18n", "pseudo", "--rtl", "--project", str(root)]) == 0
    for locale, dose in (("x-pseudo", "40 ɱĝ"), ("x-pseudo-rtl", "40 مغ")):
        path = locales / f"{locale}.po"
        msgfmt_check(path)
        entries = {m.context: m.string for m in cat.read(path) if m.id}
        assert len(entries) == 66 and dose in entries["meta.title"], locale
    # the written pseudo catalogs are not target locales: update, status and check carry on as before
    capsys.readouterr()
    assert main(["i18n", "update", "--project", str(root)]) == 0
    assert main(["i18n", "status", "--project", str(root)]) == 0
    assert "x-pseudo" not in capsys.readouterr().out
    assert main(["check", "--project", str(root)]) == 0
    assert main(["i18n", "pseudo", "--out", "-", "--project", str(root)]) == 0
    assert 'msgctxt "meta.title"' in capsys.readouterr().out


@pytest.mark.parametrize("verb", ["add", "extract", "update", "status", "pseudo"])
def test_every_verb_has_help(verb: str, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        main(["i18n", verb, "--help"])
    assert exc.value.code == 0
    assert "usage: handouts i18n " + verb in capsys.readouterr().out


def test_committed_sample_pot_is_up_to_date(repo: Path) -> None:
    config, folder, doc = _doc(repo, SAMPLE_DOC)
    assert cat.dumps(cat.template(doc)) == cat.pot_path(folder, doc).read_bytes(), "run `handouts i18n extract`"
