"""Start-up of the command: --help, --version and completion load no heavy library (each costs tens of milliseconds)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("weasyprint", "pptx", "pydantic", "jinja2", "yaml", "ruamel", "babel", "rich", "fontTools", "lxml", "PIL", "distributed")


def imported(*args: str) -> set[str]:
    """Top-level names of every module a fresh `python -m handouts ARGS` imported (from -X importtime)."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "handouts", *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    names = [line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    assert "handouts.cli" in names  # the parse is real: -X importtime listed the command's own modules
    return {n.split(".")[0] for n in names} | set(names)


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("build", "--help"), ("i18n", "update", "--help"), ("completion", "bash")])
def test_help_version_and_completion_import_no_heavy_library(args: tuple[str, ...]) -> None:
    loaded = imported(*args)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "handouts.errors" not in loaded and "dataclasses" not in loaded  # nothing of the library layer either


def test_help_lists_every_command_with_its_help_and_a_command_help_has_its_options() -> None:
    top = subprocess.run([sys.executable, "-m", "handouts", "--help"], capture_output=True, text=True, timeout=60).stdout
    for command in ("init", "new", "build", "check", "i18n", "clean", "completion"):
        assert f"\n    {command}" in top
    assert "remove the build cache" in top
    build = subprocess.run([sys.executable, "-m", "handouts", "build", "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "--jobs N" in build and "--no-cache" in build and "--scheduler ADDRESS" in build


def test_a_mistyped_option_of_a_command_still_gets_a_suggestion() -> None:
    run = subprocess.run([sys.executable, "-m", "handouts", "build", "--jbs", "2"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "did you mean --jobs?" in run.stderr
