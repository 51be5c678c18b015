"""Is requirements.lock up to date with pyproject.toml? Exit 1 naming each requirement the lock does not satisfy.

Run by scripts/setup.sh (so CI says so) with the venv's Python, which has `packaging` from the lock.
Offline on purpose: it compares the lock's pins with pyproject's ranges instead of re-resolving.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def requirements(root: Path) -> list[tuple[str, Requirement]]:
    """Every requirement pyproject.toml and requirements/build.in declare, with where it is declared."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [("pyproject.toml [project] dependencies", Requirement(r)) for r in project.get("dependencies", [])]
    for extra, reqs in project.get("optional-dependencies", {}).items():
        found += [(f"pyproject.toml [project.optional-dependencies] {extra}", Requirement(r)) for r in reqs]
    build = root / "requirements" / "build.in"
    if build.is_file():
        lines = [line.split("#")[0].strip() for line in build.read_text(encoding="utf-8").splitlines()]
        found += [(str(build.relative_to(root)), Requirement(line)) for line in lines if line]
    return found


def stale(root: Path) -> list[str]:
    """One message per declared requirement that the lock's pins do not satisfy."""
    lock = root / "requirements.lock"
    if not lock.is_file():
        return [f"{lock}: missing: run `bash scripts/lock.sh` and commit requirements.lock"]
    pins = {canonicalize_name(name): version for name, version in PIN.findall(lock.read_text(encoding="utf-8"))}
    out = []
    for where, req in requirements(root):
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None:
            out.append(f"requirements.lock: '{req}' ({where}) is not in the lock")
        elif not req.specifier.contains(pinned, prereleases=True):
            out.append(f"requirements.lock: '{req}' ({where}) but the lock pins {req.name}=={pinned}")
    return out


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    problems = stale(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("the lock file is out of date with pyproject.toml: run `bash scripts/lock.sh` and commit requirements.lock", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
