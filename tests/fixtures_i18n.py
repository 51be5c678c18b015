"""Session fixtures of the localization tests: a copy of the sample whose English changed (stale catalogs)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import JOBS

from handouts.build import BuildOptions, BuildReport, build
from handouts.cli import main

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DOC = "isotretinoin-40mg"
OLD_SENTENCE = "A course usually lasts 16 to 20 weeks."
NEW_SENTENCE = "A course usually lasts 16 to 24 weeks."
STALE_CONTEXT = "how-to-take.key_points.1"
TARGETS = ("es", "pl", "ar")


def msgfmt_check(path: Path) -> None:
    """GNU gettext's `msgfmt --check` accepts the catalog: no error, and no warning but a template's empty Language."""
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    noise = [ln for ln in done.stderr.splitlines() if not (path.suffix == ".pot" and "'Language'" in ln)]
    assert noise == [], noise


def copy_sample(dest: Path) -> Path:
    """The sample project (config, content, catalogs) copied to dest."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "handouts.yml", dest / "handouts.yml")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


@pytest.fixture(scope="session")
def stale_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with one English sentence changed and `handouts i18n update` run for es, pl, ar."""
    root = copy_sample(tmp_path_factory.mktemp("stale-sample"))
    source = root / "content" / SAMPLE_DOC / "document.yml"
    text = source.read_text(encoding="utf-8")
    assert text.count(OLD_SENTENCE) == 1
    source.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    assert main(["i18n", "update", "--project", str(root), "--locale", ",".join(TARGETS)]) == 0
    return root


@pytest.fixture(scope="session")
def stale_draft(stale_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """One --draft build of the stale sample in es, pl, ar (leaflet and deck)."""
    out = tmp_path_factory.mktemp("stale-draft-out")
    report = build(stale_sample, BuildOptions(out=out, locales=list(TARGETS), draft=True, check=False, jobs=JOBS))
    return out, report


PSEUDO_LOCALES = ("x-pseudo", "x-pseudo-rtl")


@pytest.fixture(scope="session")
def pseudo_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """One build of the sample in both pseudo-locales (leaflet and deck)."""
    out = tmp_path_factory.mktemp("pseudo-out")
    return out, build(REPO, BuildOptions(out=out, locales=list(PSEUDO_LOCALES), check=False, jobs=JOBS))


@pytest.fixture(scope="session")
def pseudo_deck_pdfs(pseudo_out: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """The pseudo-locale decks rendered by LibreOffice in one run: deck -> PDF."""
    from slides_verify import to_pdf

    out, _ = pseudo_out
    decks = sorted(out.rglob("*.pptx"))
    return to_pdf(decks, tmp_path_factory.mktemp("pseudo-deck-pdf"))
