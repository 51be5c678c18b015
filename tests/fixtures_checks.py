"""Session fixtures of the content checks: the sample's findings (computed once) and a runner for mini-projects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from collections.abc import Iterator
from typing import Callable

import pytest

from handouts.build import load_project
from handouts.checks import Finding, run_checks

TODAY = dt.date(2026, 6, 1)  # the clock for tests: checks-basic is published 2026-01-15, review 2028-01-15
SAMPLE_LOCALES = ["en", "es", "pl", "ar"]


def findings_of(root: Path, locales: list[str] | None = None, today: dt.date = TODAY) -> list[Finding]:
    """Run every check on a project folder."""
    project = load_project(root)
    return run_checks(project, locales or list(project.config.locales), today=today)


@pytest.fixture(scope="session")
def sample_findings(repo: Path) -> list[Finding]:
    """Findings for the sample in every shipped locale (checked once per session)."""
    project = load_project(repo)
    folder = next(iter(project.documents))
    shipped = [loc for loc in SAMPLE_LOCALES if loc == project.config.source_locale or (folder / "locales" / f"{loc}.po").is_file()]
    return run_checks(project, sorted(set(shipped) | set(project.config.locales)), today=dt.date(2026, 11, 25))


@pytest.fixture
def checks_run() -> Callable[..., list[Finding]]:
    """`checks_run(root, locales=None, today=TODAY)` -> findings."""
    return findings_of


@pytest.fixture
def checks_copy(tmp_path: Path) -> Callable[..., Path]:
    """`checks_copy(edit=None)`: a fresh copy of tests/data/checks-basic (any number per test), document patched by `edit`."""
    counter = iter(range(1000))

    def make(edit: Callable[[dict], None] | None = None) -> Path:
        import shutil

        import yaml

        root = tmp_path / f"checks-basic-{next(counter)}"
        shutil.copytree(Path(__file__).resolve().parent / "data" / "checks-basic", root)
        if edit is not None:
            path = root / "content" / "testamol" / "document.yml"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            edit(data)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return root

    return make


def only(findings: list[Finding], rule: str) -> list[Finding]:
    """The findings of one rule."""
    return [f for f in findings if f.rule == rule]


def para(section: int, text: str) -> Callable[[dict], None]:
    """A document edit that appends a paragraph to a section."""

    def edit(doc: dict) -> None:
        doc["sections"][section]["body"].append({"text": text})

    return edit


@pytest.fixture
def rules_alone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No wording model: what is judged is the promotion rules' reading of each segment."""
    import importlib

    from handouts.checks.promotion import model

    scored = importlib.import_module("handouts.checks.promotion.detector")._scored
    monkeypatch.setattr(model, "load", lambda lang: None)
    scored.cache_clear()
    yield
    scored.cache_clear()  # -- later tests score these texts with the real model --
