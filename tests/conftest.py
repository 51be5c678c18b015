"""Shared fixtures: the repo, mini-projects under tests/data/, one build of the sample per session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from handouts.build import BuildOptions, BuildReport, build

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SOURCE = "en-GB"  # the sample's source locale (British dates), as in handouts.yml
DATA = Path(__file__).resolve().parent / "data"
JOBS = 2  # -- the shared builds use both cores; parallel output is byte-identical to serial (test_pipeline) --

pytest_plugins: list[str] = ["fixtures_checks", "fixtures_i18n", "fixtures_leaflet", "fixtures_slides"]


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root (holds the sample project)."""
    return REPO


def copy_project(name: str, dest: Path, config: Callable[[dict], None] | None = None, document: Callable[[dict], None] | None = None) -> Path:
    """Copy tests/data/<name> to dest; optionally patch its handouts.yml and its document (dicts, edited in place)."""
    root = dest / name
    shutil.copytree(DATA / name, root)
    for path, edit in ((root / "handouts.yml", config), (root / "content" / name / "document.yml", document)):
        if edit is not None:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            edit(data)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Copy tests/data/<name> to a temp folder; optionally patch its document with `edit(doc_dict)`."""

    def make(name: str = "minimal", edit: Callable[[dict], None] | None = None) -> Path:
        return copy_project(name, tmp_path, document=edit)

    return make


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output folder of one build of the sample project (every locale and format), shared by all tests."""
    out = tmp_path_factory.mktemp("sample-output")
    sample_report_holder.append(build(REPO, BuildOptions(out=out, large_print=True, jobs=JOBS)))
    return out


sample_report_holder: list[BuildReport] = []


@pytest.fixture(scope="session")
def sample_report(sample_out: Path) -> BuildReport:
    """The report of the shared sample build."""
    return sample_report_holder[0]


def pytest_configure(config: pytest.Config) -> None:
    """Every command the tests run is run in its own process: a build server a developer has started is not used (test_daemon starts its own)."""
    import os

    os.environ["HANDOUTS_DAEMON"] = "0"
