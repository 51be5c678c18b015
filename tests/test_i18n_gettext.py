"""Catalogs as GNU gettext, msgcat, polib and Babel see them: msgfmt --check, round trips, plural rules, headers."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
from pathlib import Path

import polib
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from fixtures_i18n import SAMPLE_DOC, TARGETS, copy_sample, msgfmt_check

from handouts import __version__
from handouts.cli import main
from handouts.i18n import catalog as cat

REPO = Path(__file__).resolve().parents[1]
COMMITTED = sorted(p for pattern in ("content/*/locales/*.po*", "src/handouts/templates/locales/*.po*", "tests/data/*/content/*/locales/*.po*")
                   for p in REPO.glob(pattern))
PLACEHOLDERS = ("VERSION", "EMAIL@ADDRESS", "FULL NAME", "YEAR-MO-DA", "<LL@li.org>", "PROJECT")


def _entries(c: cat.HandoutsCatalog) -> list[tuple[object, ...]]:
    """Everything a translator's tool must keep, entry by entry (obsolete ones too)."""
    return [
        (m.context, m.id, m.string, sorted(m.flags), m.user_comments, m.auto_comments, m.locations, m.previous_id,
         c.previous_context.get(c._key_for(m.id, m.context)), key in c.obsolete)
        for key, m in [(c._key_for(m.id, m.context), m) for m in [*c, *c.obsolete.values()]]
    ]


def _msgcat(path: Path, out: Path) -> Path:
    subprocess.run(["msgcat", str(path), "-o", str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def fuzzy_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample after a long paragraph changed and a block moved, updated twice (fuzzy entries with previous ids)."""
    root = copy_sample(tmp_path_factory.mktemp("fuzzy-sample"))
    source = root / "content" / SAMPLE_DOC / "document.yml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["meta"]["purpose"] = data["meta"]["purpose"].replace("Keep it to read again", "Keep it and read it again")
    data["sections"][0]["body"].insert(0, {"text": "A new first paragraph."})  # every later block of section 0 moves down one
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["i18n", "update", "--project", str(root)]) == 0
    assert main(["i18n", "update", "--project", str(root)]) == 0  # a second update keeps the previous ids
    return root


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: str(p.relative_to(REPO)))
def test_every_committed_catalog_passes_msgfmt_check_and_has_no_placeholder_or_library_version(path: Path) -> None:
    msgfmt_check(path)
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Generated-By: handouts\\n"' in header and "Babel" not in header
    assert not [p for p in PLACEHOLDERS if p in header], header
    assert cat.dumps(cat.read(path)) == path.read_bytes(), "rewrite it with the writer (scripts/template_catalogs.py or handouts i18n update)"


def test_packaged_template_catalogs_name_handouts_and_its_version() -> None:
    for path in (REPO / "src" / "handouts" / "templates" / "locales").glob("*.po*"):
        assert f'"Project-Id-Version: handouts {__version__}\\n"' in path.read_text(encoding="utf-8"), path.name
        if path.suffix == ".po":
            assert cat.read(path).language_team.startswith(cat.read(path).locale.english_name)


def test_update_with_fuzzy_entries_writes_previous_ids_msgfmt_accepts(fuzzy_sample: Path) -> None:
    locales = fuzzy_sample / "content" / SAMPLE_DOC / "locales"
    for locale in TARGETS:
        path = locales / f"{locale}.po"
        msgfmt_check(path)
        text = path.read_text(encoding="utf-8")
        # the long previous source, wrapped as msgmerge wraps it: every line a complete quoted string
        block = re.search(r'#\| msgid ""\n((?:#\| ".*"\n)+)msgctxt "meta.purpose"', text)
        assert block, locale
        assert "".join(re.findall(r'#\| "(.*)"', block.group(1))).endswith("Keep it to read again during your treatment.")
        # the moved block: its old context is offered as `#| msgctxt`
        moved = re.findall(r'#\| msgctxt "([\w.-]+)"\n#\| msgid "(.*)"\nmsgctxt "([\w.-]+)"\nmsgid "(.*)"', text)
        assert ("pregnancy-warning.body.1.bullets.0", "Use **two forms of contraception** during treatment.",
                "pregnancy-warning.body.2.bullets.0", "Use **two forms of contraception** during treatment.") in moved, locale
        po = cat.read(path, locale)
        # every translation offered is this locale's own (never another locale's merged from the same template)
        before = {m.string for m in cat.read(REPO / "content" / SAMPLE_DOC / "locales" / f"{locale}.po", locale) if m.id}
        assert {m.string for m in po if m.id and m.string} <= before, locale
        purpose = po.get(next(m.id for m in po if m.context == "meta.purpose"), context="meta.purpose")
        assert purpose.fuzzy and purpose.previous_id[0].endswith("Keep it to read again during your treatment.")
    msgfmt_check(locales / f"{SAMPLE_DOC}.pot")


def test_msgcat_round_trip_changes_nothing_but_wrapping(fuzzy_sample: Path, tmp_path: Path) -> None:
    paths = [*(fuzzy_sample / "content" / SAMPLE_DOC / "locales").glob("*.po*"), *(p for p in COMMITTED if "templates" in p.parts)]
    for path in paths:
        ours = cat.read(path)
        theirs = cat.read(_msgcat(path, tmp_path / path.name))
        assert _entries(theirs) == _entries(ours), path
        assert theirs.mime_headers == ours.mime_headers and theirs.extra == ours.extra, path
        assert theirs.header_comment == ours.header_comment, path
        assert any(m.previous_id for m in ours) or "fuzzy-sample" not in str(path) or path.suffix == ".pot"


def test_plural_forms_follow_cldr_for_ar_pl_es(tmp_path: Path) -> None:
    # -- categories read off the CLDR plural rules chart (unicode.org/cldr/charts/.../language_plural_rules.html) by hand --
    cldr = {
        "ar": (6, {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5, 103: 3, 111: 4, 200: 5}),
        "pl": (3, {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 12: 2, 14: 2, 21: 2, 22: 1, 25: 2, 112: 2, 122: 1}),
        "es": (3, {0: 2, 1: 0, 2: 2, 1000000: 1, 2000000: 1, 1000001: 2}),
    }
    for locale, (nplurals, forms) in cldr.items():
        for path in (REPO / "content" / SAMPLE_DOC / "locales" / f"{locale}.po", REPO / "src" / "handouts" / "templates" / "locales" / f"{locale}.po"):
            header = dict(cat.read(path, locale).mime_headers)
            found = re.fullmatch(r"nplurals=(\d+); plural=(.*);", header["Plural-Forms"])
            assert found and int(found.group(1)) == nplurals, (path, header["Plural-Forms"])
            plural = gettext.c2py(found.group(2))
            assert {n: plural(n) for n in forms} == forms, path


def test_an_old_plural_rule_in_a_file_is_replaced_by_cldrs(tmp_path: Path) -> None:
    path = tmp_path / "ar.po"
    old = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);"
    path.write_text(f'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Plural-Forms: {old}\\n"\n\nmsgid "Key points"\nmsgstr "نقاط رئيسية"\n', encoding="utf-8")
    cat.write(path, cat.read(path, "ar"))
    text = path.read_text(encoding="utf-8")
    assert old not in text and "n % 100 >= 11 && n % 100 <= 99 ? 4 : 5" in text
    msgfmt_check(path)


def _provenance(path: Path) -> dict[str, str]:
    return {k: v for k, v in cat.read(path).extra.items() if k in cat.PROVENANCE}


def test_provenance_survives_babel_polib_and_msgcat(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    path = root / "content" / "i18n-mini" / "locales" / "es.po"
    want = {cat.SOURCE_VERSION: "2.1", cat.REVIEWER: "Test Reviewer", cat.REVIEW_DATE: "2026-01-20"}
    assert _provenance(path) == want
    # Babel's own writer, given the catalog handouts reads
    buf = io.BytesIO()
    write_po(buf, cat.read(path, "es"), width=76)
    (tmp_path / "babel.po").write_bytes(buf.getvalue())
    # polib (what many scripts and Weblate add-ons use)
    polib.pofile(str(path)).save(str(tmp_path / "polib.po"))
    # msgcat
    _msgcat(path, tmp_path / "msgcat.po")
    for name in ("babel.po", "polib.po", "msgcat.po"):
        assert _provenance(tmp_path / name) == want, name
        msgfmt_check(tmp_path / name)


def test_a_tool_that_drops_provenance_makes_the_catalog_not_current(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project("i18n-mini")
    path = root / "content" / "i18n-mini" / "locales" / "es.po"
    plain = read_po(io.BytesIO(path.read_bytes()))  # a plain Babel Catalog keeps no X- header fields
    buf = io.BytesIO()
    write_po(buf, plain)
    path.write_bytes(buf.getvalue())
    assert "X-Source-Version" not in path.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["i18n", "status", "--project", str(root)]) == 0
    out = capsys.readouterr().out
    assert "provenance missing: no X-Source-Version, X-Reviewer, X-Review-Date in the header; not current" in out
    out_dir = root / "out"
    assert main(["build", "--project", str(root), "--out", str(out_dir), "--locale", "es", "--no-check"]) == 1
    err = capsys.readouterr().err
    [line] = [ln for ln in err.splitlines() if "provenance missing" in ln]
    assert line.startswith(f"{path}:1: provenance missing") and "Traceback" not in err
    assert not out_dir.exists()
    assert main(["build", "--project", str(root), "--out", str(out_dir), "--locale", "es", "--no-check", "--draft"]) == 0
    manifest = (out_dir / "manifest.json").read_text(encoding="utf-8")
    assert '"translation": "draft"' in manifest and '"translation": "current"' not in manifest
    # update restores the fields: the source version because every segment is translated, the review as "not reviewed"
    assert main(["i18n", "update", "--project", str(root)]) == 0
    assert _provenance(path) == {cat.SOURCE_VERSION: "2.1", cat.REVIEWER: "", cat.REVIEW_DATE: ""}
    capsys.readouterr()
    assert main(["i18n", "status", "--json", "--project", str(root)]) == 0
    assert '"current": true' in capsys.readouterr().out


def test_a_percent_in_document_text_is_not_a_format_msgfmt_would_check(make_project) -> None:  # type: ignore[no-untyped-def]
    def percent(data: dict) -> None:
        data["sections"][0]["key_points"][0] = "About 10% of people get dry eyes."

    root = make_project("i18n-mini", edit=percent)
    assert main(["i18n", "update", "--project", str(root)]) == 0
    path = root / "content" / "i18n-mini" / "locales" / "es.po"
    po = polib.pofile(str(path))
    entry = po.find("About 10% of people get dry eyes.")
    entry.msgstr, entry.flags = "Una de cada diez personas tiene los ojos secos.", [f for f in entry.flags if f != "fuzzy"]
    po.save()
    assert main(["i18n", "update", "--project", str(root)]) == 0
    msgfmt_check(path)  # with "#, python-format" msgfmt says: number of format specifications ... does not match
    assert "#, no-python-format\n" in path.read_text(encoding="utf-8")
    msgfmt_check(root / "content" / "i18n-mini" / "locales" / "i18n-mini.pot")
