"""A translation that cannot be published refuses only that locale: the others are written, the command exits 1 and says which."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_cli import run_cli

REPO = Path(__file__).resolve().parents[1]
PO = "content/isotretinoin-40mg/locales/{}.po"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    shutil.copy(REPO / "handouts.yml", root)
    shutil.copytree(REPO / "content", root / "content")
    return root


def edit(root: Path, locale: str, old: str, new: str) -> int:
    """Replace a line of a catalog; returns its 1-based line number."""
    po = root / PO.format(locale)
    lines = po.read_text(encoding="utf-8").split("\n")
    at = lines.index(old)
    lines[at] = new
    po.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def listed(root: Path) -> set[str]:
    return {e["locale"] for e in json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))["artifacts"] if e["document"]}


def test_an_untranslated_segment_refuses_its_locale_and_the_others_are_written(sample: Path) -> None:
    line = edit(sample, "pl", 'msgstr "Izotretynoina 40 mg"', 'msgstr ""')
    code, said = run_cli("build", "--locale", "en-GB,es,pl", "--format", "pdf", "--no-check", "--no-cache", "--quiet", cwd=sample)
    assert code == 1
    assert f"pl.po:{line - 1}:" in said  # -- the entry's msgid line and "meta.title" in said and "[locale pl" in said
    assert "translations above were refused" in said and "Traceback" not in said
    assert listed(sample) == {"en-GB", "es"}
    assert not (sample / "output" / "isotretinoin-40mg" / "pl").exists()
    assert (sample / "output" / "isotretinoin-40mg" / "es" / "isotretinoin-40mg.es.pdf").is_file()


def test_a_check_error_in_one_catalog_refuses_that_locale_and_keeps_its_previous_files(sample: Path) -> None:
    code, said = run_cli("build", "--locale", "en-GB,es,pl", "--format", "pdf", "--no-cache", "--quiet", cwd=sample)
    assert code == 0, said
    before = (sample / "output" / "isotretinoin-40mg" / "es" / "isotretinoin-40mg.es.pdf").read_bytes()
    line = edit(sample, "es", 'msgstr "Isotretinoína 40 mg"', 'msgstr "Isotretinoína 400 mg"')  # -- a tenfold dose --
    code, said = run_cli("build", "--locale", "en-GB,es,pl", "--format", "pdf", "--no-cache", "--quiet", cwd=sample)
    assert code == 1
    assert f"es.po:{line - 1}:" in said and "translation.numbers" in said and "Traceback" not in said
    assert (sample / "output" / "isotretinoin-40mg" / "es" / "isotretinoin-40mg.es.pdf").read_bytes() == before  # -- never the 400 mg one --
    assert listed(sample) == {"en-GB", "es", "pl"}


def test_with_fail_fast_a_refused_translation_still_stops_the_whole_build(sample: Path) -> None:
    edit(sample, "pl", 'msgstr "Izotretynoina 40 mg"', 'msgstr ""')
    code, said = run_cli("build", "--locale", "en-GB,es,pl", "--format", "pdf", "--no-check", "--no-cache", "--quiet", "--fail-fast", cwd=sample)
    assert code == 1 and "nothing was written" in said
    assert not (sample / "output" / "manifest.json").exists()
