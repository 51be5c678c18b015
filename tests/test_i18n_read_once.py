"""Every catalog file is parsed once per build and once per check run, however many checks, locales and formats read it."""

from __future__ import annotations

import collections
import shutil
import subprocess
from pathlib import Path

import pytest

from handouts.build import BuildOptions, build
from handouts.cli import main
from handouts.i18n import catalog, once

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "isotretinoin-40mg"


@pytest.fixture
def two(tmp_path: Path) -> Path:
    """The sample project with two documents, each with its es, pl and ar catalogs."""
    root = tmp_path / "two"
    root.mkdir()
    shutil.copy(REPO / "handouts.yml", root / "handouts.yml")
    for doc in ("doc-a", "doc-b"):
        shutil.copytree(REPO / "content" / SAMPLE, root / "content" / doc)
        yml = root / "content" / doc / "document.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace(f"id: {SAMPLE}", f"id: {doc}", 1), encoding="utf-8")
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """How often each catalog file was parsed (the PO reader under catalog.read, counted)."""
    counts: collections.Counter[str] = collections.Counter()
    real = catalog.read_po

    def counting(path: Path, locale: str | None = None) -> catalog.HandoutsCatalog:
        counts[str(path.resolve())] += 1
        return real(path, locale)

    monkeypatch.setattr(catalog, "read_po", counting)
    return counts


def document_catalogs(root: Path) -> set[str]:
    return {str(p.resolve()) for p in (root / "content").glob("*/locales/*.po")}


def test_a_build_parses_each_catalog_once(two: Path, reads: collections.Counter[str]) -> None:
    report = build(two, BuildOptions(jobs=1, use_cache=False, formats=["pdf"]))  # checks and localization in every locale
    assert report.built == 2 * 4
    assert document_catalogs(two) <= set(reads)  # the six document catalogs were read ...
    assert len(document_catalogs(two)) == 6
    assert all(n == 1 for n in reads.values()), {p: n for p, n in reads.items() if n > 1}  # ... and every file (template words too) once


def test_each_build_reads_again_so_an_edited_catalog_is_seen(two: Path, reads: collections.Counter[str]) -> None:
    options = BuildOptions(documents=[two / "content" / "doc-a"], jobs=1, use_cache=False, formats=["pdf"], locales=["es"], check=False)
    build(two, options)
    es = two / "content" / "doc-a" / "locales" / "es.po"
    text = es.read_text(encoding="utf-8")
    assert 'msgstr "Un medicamento' in text
    es.write_text(text.replace('msgstr "Un medicamento', 'msgstr "UN MEDICAMENTO', 1), encoding="utf-8")  # same size: only the content differs
    build(two, options)
    assert reads[str(es.resolve())] == 2
    assert "UN MEDICAMENTO" in subprocess.run(["pdftotext", str(two / "output" / "doc-a" / "es" / "doc-a.es.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert once._shared is None  # nothing is kept between builds


def test_check_parses_each_catalog_once(two: Path, reads: collections.Counter[str], capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--project", str(two)])
    assert "checked 2 document(s) in 4 locale(s)" in capsys.readouterr().out
    assert document_catalogs(two) <= set(reads)
    assert all(n == 1 for n in reads.values()), {p: n for p, n in reads.items() if n > 1}
