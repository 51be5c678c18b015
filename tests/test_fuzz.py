"""A CI-sized fuzz run (about 100 cases, derandomized): mutated documents, configs, catalogs and templates.

HANDOUTS_FUZZ=long runs thousands of cases with fresh randomness (scripts/fuzz.sh);
HANDOUTS_FUZZ_SCALE sets how many times the CI count a long run makes (50 unless told);
HANDOUTS_FUZZ_MINUTES bounds a long run: each test gets an even share and runs no new example past it;
HANDOUTS_FUZZ_LOG=<file> appends one JSON line per case (command, exit code, CPU seconds, first finding).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from fuzzing import byte_mutation, document_edit, fresh_copy, mutate, run, set_path, snapshot, violations
from hypothesis import HealthCheck, Phase, assume, given, settings

from handouts.theme import BUILTIN

LONG = os.environ.get("HANDOUTS_FUZZ") == "long"
SCALE = int(os.environ.get("HANDOUTS_FUZZ_SCALE", "50"))
LOG = os.environ.get("HANDOUTS_FUZZ_LOG")
MINUTES = float(os.environ.get("HANDOUTS_FUZZ_MINUTES", "0"))  # a long run's time budget, shared by the tests; 0: none


def budget(ci: int) -> Callable:  # type: ignore[type-arg]
    """Hypothesis settings: ci examples, reproducible, in CI; SCALE x more with fresh seeds when long."""
    # -- no shrinking in CI: each case is a process, and shrinking one failure took over 5 minutes --
    phases = list(Phase) if LONG else [Phase.explicit, Phase.reuse, Phase.generate]
    return settings(max_examples=ci * SCALE if LONG else ci, derandomize=not LONG, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck), print_blob=True, phases=phases)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Projects with a good build in output/: the minimal one, and one with a Spanish catalog and an override template."""
    from conftest import copy_project

    base = tmp_path_factory.mktemp("fuzz-good")
    minimal = copy_project("minimal", base)
    mini = copy_project("i18n-mini", base)
    (mini / "theme" / "leaflet").mkdir(parents=True)
    (mini / "theme" / "leaflet" / "leaflet.html").write_bytes((BUILTIN / "leaflet" / "leaflet.html").read_bytes())
    (mini / "handouts.yml").write_text((mini / "handouts.yml").read_text(encoding="utf-8") + "templates_dir: theme\n", encoding="utf-8")
    for root in (minimal, mini):
        outcome = run(root, "build")
        assert outcome.code == 0, outcome.stderr
    return {"minimal": minimal, "i18n-mini": mini}


class Share:
    """One test's share of a long run's time budget (HANDOUTS_FUZZ_MINUTES split evenly; no budget in CI)."""

    def __init__(self) -> None:
        self.until = time.monotonic() + MINUTES * 60 / (len(PLAN) + len(SCHEMA)) if LONG and MINUTES else None
        self.failing = False

    def admit(self) -> None:
        # -- past the share, new examples are rejected unrun and the test ends passing on what ran;
        #    once a case failed, its replays and shrinks always run (else Hypothesis calls it flaky) --
        assume(self.failing or self.until is None or time.monotonic() < self.until)


def _case(good: dict[str, Path], name: str, tmp_path: Path, edit: Callable[[Path], None], *command: str, share: Share | None = None) -> None:
    if share is not None:
        share.admit()
    root = fresh_copy(good[name], tmp_path / "case")
    before = snapshot(root / "output")
    edit(root)
    outcome = run(root, *command)
    found = violations(root, outcome, before, wrote=command[0] == "build")
    if LOG:  # -- one line per case, for the figures of a long run (docs/hardening.md) --
        with open(LOG, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"project": name, "command": " ".join(command), "code": outcome.code,
                                 "cpu": round(outcome.cpu_seconds, 2), "findings": found[:1]}) + "\n")
    if found and share is not None:
        share.failing = True
    assert not found, f"{' '.join(command)}: " + "\n".join(found) + f"\n--- stderr ---\n{outcome.stderr[-3000:]}"


FILES = {
    "document": ("minimal", "content/minimal/document.yml"),
    "config": ("minimal", "handouts.yml"),
    "catalog": ("i18n-mini", "content/i18n-mini/locales/es.po"),
    "template": ("i18n-mini", "theme/leaflet/leaflet.html"),
}
COMMANDS = {
    "check": ("check",),
    "pdf": ("build", "--format", "pdf", "--no-check"),
    "pptx": ("build", "--format", "pptx", "--no-check"),
    "update": ("i18n", "update", "--locale", "es"),
}
PLAN = [  # (file, command, examples in CI)
    ("document", "check", 20), ("document", "pdf", 6), ("document", "pptx", 6),
    ("config", "check", 10), ("config", "pdf", 4),
    ("catalog", "check", 10), ("catalog", "pdf", 4), ("catalog", "update", 6),
    ("template", "pdf", 6),
]


@pytest.mark.parametrize(("file", "command", "examples"), PLAN, ids=[f"{f}-{c}" for f, c, _ in PLAN])
def test_byte_mutations(good: dict[str, Path], tmp_path: Path, file: str, command: str, examples: int) -> None:
    name, relative = FILES[file]
    share = Share()

    @budget(examples)
    @given(edits=byte_mutation())
    def case(edits: list[tuple[str, int, int, bytes]]) -> None:
        def edit(root: Path) -> None:
            path = root / relative
            path.write_bytes(mutate(path.read_bytes(), edits))

        _case(good, name, tmp_path, edit, *COMMANDS[command], share=share)

    case()


SCHEMA = {"check": 20, "pdf": 6, "pptx": 6}  # command: examples in CI


@pytest.mark.parametrize("command", list(SCHEMA))
def test_schema_shaped_documents(good: dict[str, Path], tmp_path: Path, command: str) -> None:
    share = Share()

    @budget(SCHEMA[command])
    @given(edits=document_edit())
    def case(edits: list[tuple[tuple[object, ...], object]]) -> None:
        def edit(root: Path) -> None:
            path = root / "content" / "minimal" / "document.yml"
            data: object = yaml.safe_load(path.read_text(encoding="utf-8"))
            for key_path, value in edits:
                data = set_path(data, key_path, value)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

        _case(good, "minimal", tmp_path, edit, *COMMANDS[command], share=share)

    case()
