"""The lock file against pyproject.toml: the real lock is current; a new or raised requirement makes
scripts/check_lock.py, and so scripts/setup.sh (CI), fail naming it and the fix."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

FIX = "bash scripts/lock.sh"


def project_copy(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    """pyproject.toml, requirements/ and requirements.lock (and the scripts) copied; edit = (old, new) in pyproject."""
    root = tmp_path / "h"
    (root / "scripts").mkdir(parents=True)
    for name in ("pyproject.toml", "requirements.lock", "scripts/check_lock.py", "scripts/setup.sh"):
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(REPO / "requirements", root / "requirements")
    if edit:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
        assert edit[0] in text
        (root / "pyproject.toml").write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return root


def check_lock(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "check_lock.py"), str(root)], capture_output=True, text=True, check=False)


def test_the_committed_lock_is_current() -> None:
    result = check_lock(REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize(("edit", "named"), [
    (('"pyphen>=0.14",\n', '"pyphen>=0.14",\n  "requests>=2.31",\n'), "'requests>=2.31' (pyproject.toml [project] dependencies) is not in the lock"),
    (('"Jinja2>=3.1"', '"Jinja2>=99"'), "'Jinja2>=99' (pyproject.toml [project] dependencies) but the lock pins Jinja2=="),
    (('"pytest>=8"', '"pytest>=99"'), "'pytest>=99' (pyproject.toml [project.optional-dependencies] dev) but the lock pins pytest=="),
])
def test_a_stale_lock_names_the_requirement_and_the_fix(tmp_path: Path, edit: tuple[str, str], named: str) -> None:
    result = check_lock(project_copy(tmp_path, edit))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("requirements.lock: ") and named in lines[0]
    assert FIX in lines[-1] and "Traceback" not in result.stderr


def test_a_missing_lock_says_how_to_make_it(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    (root / "requirements.lock").unlink()
    result = check_lock(root)
    assert result.returncode == 1 and "requirements.lock: missing" in result.stderr and FIX in result.stderr


def test_setup_fails_on_a_stale_lock_before_installing_handouts(tmp_path: Path) -> None:
    # -- setup.sh as CI runs it, with this test run's environment as .venv (the lock is installed there already) --
    root = project_copy(tmp_path, ('"Jinja2>=3.1"', '"Jinja2>=99"'))
    (root / ".venv").symlink_to(Path(sys.prefix))
    result = subprocess.run(["bash", "scripts/setup.sh", "--no-build"], cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300, check=False)
    assert result.returncode != 0
    assert "'Jinja2>=99'" in result.stderr and FIX in result.stderr
    assert not re.search(r"Successfully installed handouts|Obtaining file:", result.stdout + result.stderr)
