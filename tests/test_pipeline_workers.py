"""A pool worker that dies is reported as what happened: could not start (with its error), killed by a signal, or an exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_pipeline import multi

from handouts.pipeline.execute import START_FAILED, died


def test_a_worker_that_cannot_import_a_renderer_fails_the_build_at_once_with_its_error(tmp_path: Path) -> None:
    root = multi(tmp_path, 2)
    broken = tmp_path / "site" / "pptx"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("libexample.so.1: cannot open shared object file")\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(broken.parent)}  # -- the client never needs python-pptx; the workers rendering decks do --
    run = subprocess.run([sys.executable, "-m", "handouts", "build", "--no-check", "--no-cache", "--jobs", "2", "--format", "pptx", "--project", str(root)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "a worker process could not start" in run.stderr
    assert "ImportError: libexample.so.1: cannot open shared object file" in run.stderr  # the worker's own last words
    assert "memory" not in run.stderr
    assert "Traceback" not in run.stderr.split("could not start", 1)[0]  # no traceback of the client's
    assert not (root / "output" / "manifest.json").exists()


def test_sigkill_is_said_to_be_likely_memory_and_other_deaths_are_said_as_they_were() -> None:
    killed = died([(-9, "")], "a/en/a.en.pdf", 3)
    assert "killed by SIGKILL while rendering a/en/a.en.pdf (3 time(s))" in killed and "likely out of memory" in killed
    crashed = died([(-11, "Fatal Python error: Segmentation fault")], "a/en/a.en.pdf", 1)
    assert "killed by SIGSEGV" in crashed and "memory" not in crashed and crashed.endswith("Fatal Python error: Segmentation fault")
    exited = died([(1, "SystemExit: 1")], "a/en/a.en.pptx", 1)
    assert "exited with code 1 while rendering a/en/a.en.pptx" in exited and "memory" not in exited
    start = died([(START_FAILED, "ModuleNotFoundError: No module named 'pptx'")], "a/en/a.en.pdf", 1)
    assert "could not start" in start and "No module named 'pptx'" in start and "memory" not in start
