"""Locales per document: meta.locales picks the project locales a document is made in; build, check and i18n follow it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from handouts.cli import main

MINI = DATA / "i18n-mini" / "content" / "i18n-mini"


def library(tmp_path: Path, documents: dict[str, str | None], locales: str = "[en, es, pl]") -> Path:
    """A project with copies of i18n-mini (its es catalog included) named by `documents`, each with the given meta.locales line."""
    root = tmp_path / "library"
    (root / "content").mkdir(parents=True)
    (root / "handouts.yml").write_text(f"source_locale: en\nlocales: {locales}\nformats: [pdf]\nbrand:\n  organisation: Test Clinic\n", encoding="utf-8")
    for doc_id, listed in documents.items():
        folder = root / "content" / doc_id
        shutil.copytree(MINI, folder)
        source = (folder / "document.yml").read_text(encoding="utf-8").replace("id: i18n-mini", f"id: {doc_id}")
        if listed is not None:
            source = source.replace('  version: "2.1"\n', f'  version: "2.1"\n  locales: {listed}\n')
        (folder / "document.yml").write_text(source, encoding="utf-8")
        (folder / "locales" / "i18n-mini.pot").unlink()
    return root


def built(out: Path) -> set[tuple[str, str]]:
    return {(a["document"], a["locale"]) for a in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}


def test_each_document_is_built_in_its_own_locales(tmp_path: Path) -> None:
    # -- the case: one document translated, one not; before meta.locales the project could not build at all --
    root = library(tmp_path, {"alpha": "[es]", "beta": "[]"})
    shutil.rmtree(root / "content" / "beta" / "locales")
    out = root / "out"
    assert main(["build", "--project", str(root), "--out", str(out), "--no-check", "--jobs", "1"]) == 0
    assert built(out) == {("alpha", "en"), ("alpha", "es"), ("beta", "en")}
    assert (out / "alpha" / "es" / "alpha.es.pdf").is_file() and not (out / "beta" / "es").exists()


def test_a_locale_asked_for_builds_the_documents_that_list_it_and_names_the_others(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": "[es]", "beta": "[]"})
    out = root / "out"
    assert main(["build", "--project", str(root), "--out", str(out), "--locale", "es", "--no-check", "--jobs", "1"]) == 0
    assert built(out) == {("alpha", "es")}
    err = capsys.readouterr().err
    beta = root / "content" / "beta" / "document.yml"
    # line 8 of beta/document.yml is the `locales: []` line inserted after `version:` (line 7)
    assert f"note: {beta}:8: not made in 'es': this document's meta.locales is []; to build, check and translate it in es, add es there [locale es]" in err
    assert "alpha" not in err.split("note:")[1]
    assert main(["check", "--project", str(root), "--locale", "es", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["notes"] == [{"message": "not made in 'es': this document's meta.locales is []; to build, check and translate it in es, add es there",
                                "path": str(beta), "line": 8, "locale": "es"}]
    assert {f["document"] for f in report["findings"] if f["locale"] == "es"} == {"alpha"}


def test_a_locale_no_document_lists_is_an_error_naming_each_document(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": "[es]", "beta": "[es]"})
    out = root / "out"
    assert main(["build", "--project", str(root), "--out", str(out), "--locale", "pl", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    for doc in ("alpha", "beta"):
        assert f"{root / 'content' / doc / 'document.yml'}:8: not made in 'pl': this document's meta.locales is [es]; to build, check and translate it in pl, add pl there" in err
    assert not out.exists() and "Traceback" not in err
    # one document asked for by name is the same: it does not list pl
    assert main(["check", str(root / "content" / "alpha"), "--project", str(root), "--locale", "pl"]) == 1
    assert "alpha/document.yml:8: not made in 'pl'" in capsys.readouterr().err


def test_a_locale_the_project_does_not_have_is_an_error_at_its_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": "[es, fr, pl]"})
    assert main(["check", "--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert (f"{root / 'content' / 'alpha' / 'document.yml'}:8: meta.locales lists 'fr', which is not one of the project's locales (en, es, pl): "
            "add it to 'locales' in handouts.yml (`handouts i18n add fr`) or remove it from this list [key meta.locales.1]") in err
    assert main(["build", "--project", str(root), "--out", str(root / "out")]) == 1
    assert not (root / "out").exists()


def test_the_source_locale_is_always_made_and_checked(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": "[es]"})
    capsys.readouterr()
    assert main(["check", "--project", str(root), "--json"]) == 0
    locales = {f["locale"] for f in json.loads(capsys.readouterr().out)["findings"] if f["locale"]}
    assert locales == {"en", "es"}  # pl is in the project but not in alpha's meta.locales: not checked, no finding


def test_a_listed_locale_without_a_catalog_is_not_translated_never_another_rule(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": None})
    folder = root / "content" / "alpha"
    shutil.copy(DATA / "leaflet-basic" / "content" / "leaflet-basic" / "pill.png", folder / "pill.png")
    text = (folder / "document.yml").read_text(encoding="utf-8")
    (folder / "document.yml").write_text(text.replace("      - bullets: [Bravo item one, Bravo item two]\n",
                                                      "      - bullets: [Bravo item one, Bravo item two]\n      - image: {src: pill.png, alt: A white tablet}\n"), encoding="utf-8")
    assert main(["i18n", "update", "--project", str(root), "--locale", "es"]) == 0  # the new alt text: untranslated in es
    capsys.readouterr()
    assert main(["check", "--project", str(root), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    pl = [f for f in findings if f["locale"] == "pl"]
    assert [(f["rule"], f["severity"]) for f in pl] == [("translation.untranslated", "warning")]
    assert "run `handouts i18n update --locale pl`" in pl[0]["message"]
    es = [f for f in findings if f["locale"] == "es" and f["segment"] == "first.body.2.image.alt"]
    assert [(f["rule"], f["severity"]) for f in es] == [("translation.untranslated", "warning")]
    assert not [f for f in findings if f["rule"] == "accessibility.alt-text"]


def test_status_shows_the_documents_by_locales_matrix(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": None, "beta": "[es]", "gamma": "[es, pl]"})
    beta = root / "content" / "beta" / "document.yml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("The second key point.", "The second key point has changed."), encoding="utf-8")
    gamma = root / "content" / "gamma" / "locales" / "es.po"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace('msgstr "El segundo punto clave."', 'msgstr ""'), encoding="utf-8")
    capsys.readouterr()
    assert main(["i18n", "status", "--project", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == [
        "document  en      es" + " " * 21 + "pl",
        "alpha     source  current" + " " * 16 + "not translated",
        "beta      source  stale: 1 fuzzy" + " " * 9 + "not listed",
        "gamma     source  draft: 1 untranslated  not translated",
    ]
    assert main(["i18n", "status", "--project", str(root), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)["matrix"]
    assert table["locales"] == ["en", "es", "pl"]
    states = {(r["document"], loc): c["state"] for r in table["rows"] for loc, c in r["cells"].items()}
    assert states[("beta", "pl")] == "not listed" and states[("gamma", "es")] == "draft" and states[("alpha", "en")] == "source"


def test_status_on_a_terminal_is_a_table(tmp_path: Path) -> None:
    from rich.console import Console

    from handouts.cli.i18n import matrix_table
    from handouts.i18n.workflow import status

    root = library(tmp_path, {"alpha": None, "beta": "[es]"})
    console = Console(record=True, width=80, force_terminal=True)
    console.print(matrix_table(status(root)["matrix"]))
    text = console.export_text()
    assert re.search(r"│ alpha\s+│ source\s+│ current\s+│ not translated\s+│", text)
    assert re.search(r"│ beta\s+│ source\s+│ current\s+│ not listed\s+│", text)


def test_update_and_export_leave_out_the_documents_that_do_not_list_a_locale(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": "[es, pl]", "beta": "[es]"})
    capsys.readouterr()
    assert main(["i18n", "update", "--project", str(root), "--locale", "pl"]) == 0
    out = capsys.readouterr().out
    assert (root / "content" / "alpha" / "locales" / "pl.po").is_file()
    assert not (root / "content" / "beta" / "locales" / "pl.po").exists()
    assert f"skipped: {root / 'content' / 'beta' / 'document.yml'}:8: not made in 'pl'" in out
    assert main(["i18n", "export", "--xliff", "--project", str(root), "--out", str(tmp_path / "x")]) == 0
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["alpha.es.xlf", "alpha.pl.xlf", "beta.es.xlf"]
    capsys.readouterr()
    assert main(["i18n", "export", "--xliff", "--project", str(root), "--locale", "pl", "--out", str(tmp_path / "y")]) == 0
    assert sorted(p.name for p in (tmp_path / "y").iterdir()) == ["alpha.pl.xlf"]
    assert f"skipped: {root / 'content' / 'beta' / 'document.yml'}:8: not made in 'pl'" in capsys.readouterr().out


@pytest.mark.parametrize("listed", ["[]", "[en]"])
def test_a_document_in_its_source_locale_only_needs_no_catalog(tmp_path: Path, listed: str) -> None:
    root = library(tmp_path, {"alpha": listed})
    shutil.rmtree(root / "content" / "alpha" / "locales")
    assert main(["check", "--project", str(root)]) == 0
    assert main(["i18n", "status", "--project", str(root)]) == 0


def test_import_refuses_a_file_for_a_locale_the_document_is_not_made_in(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": None})
    assert main(["i18n", "export", "--xliff", "--project", str(root), "--locale", "es", "--out", str(tmp_path / "x")]) == 0
    document = root / "content" / "alpha" / "document.yml"
    document.write_text(document.read_text(encoding="utf-8").replace('  version: "2.1"\n', '  version: "2.1"\n  locales: [pl]\n'), encoding="utf-8")
    before = (root / "content" / "alpha" / "locales" / "es.po").read_bytes()
    capsys.readouterr()
    assert main(["i18n", "import", str(tmp_path / "x" / "alpha.es.xlf"), "--project", str(root)]) == 1
    assert "which document 'alpha' is not made in (its meta.locales: pl): add es there first" in capsys.readouterr().err
    assert (root / "content" / "alpha" / "locales" / "es.po").read_bytes() == before


def test_add_a_language_writes_catalogs_only_for_the_documents_that_take_every_locale(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = library(tmp_path, {"alpha": None, "beta": "[es]"}, locales="[en, es]")
    capsys.readouterr()
    assert main(["i18n", "add", "pl", "--project", str(root)]) == 0
    out = capsys.readouterr().out
    assert (root / "content" / "alpha" / "locales" / "pl.po").is_file()
    assert not (root / "content" / "beta" / "locales" / "pl.po").exists()
    assert f"no catalog for {root / 'content' / 'beta' / 'document.yml'}: its meta.locales (es) does not list pl; add pl there" in out
