"""Input paths -> the symbolic links among them that lead out of the project (found with lstat/readlink; the target is never opened).

Every command reads only the project's files. A link inside the project to another file inside
it is fine; a link (or a folder reached through one) whose real path is outside the project
root is refused before anything reads it: the build hashes, extracts and renders whole
folders, so one such link would otherwise be read.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Problem

FIX = "handouts reads only the project's files; copy the file into the project (or link to a file inside it)"


def outside(path: Path, root: Path) -> Path | None:
    """The real path of path when a link takes it out of root (its name is inside root, its target is not), else None."""
    if not Path(os.path.normpath(os.path.abspath(path))).is_relative_to(os.path.abspath(root)):
        return None  # named outside the project (../x, /abs): a path setting's own check reports it, not as a link
    real = Path(os.path.realpath(path))  # readlink on each component; the target itself is not opened
    return None if real.is_relative_to(os.path.realpath(root)) else real


def link_problem(path: Path, root: Path, **where: object) -> Problem | None:
    """A located refusal when path is a link out of root (where: line, key... of the setting that names it)."""
    real = outside(path, root)
    if real is None:
        return None
    return Problem(f"{path.name} is a link to {real}, outside the project: {FIX}", path=path, **where)  # type: ignore[arg-type]


def links_out(folder: Path, root: Path) -> list[Problem]:
    """Every file or folder under folder that leads out of root, also through folder links that stay inside (each folder walked once)."""
    found: list[Problem] = []
    seen: set[str] = set()
    for base, dirs, files in os.walk(folder, followlinks=True):
        here = Path(base)
        if os.path.realpath(here) in seen:
            dirs[:] = []
            continue
        seen.add(os.path.realpath(here))
        inside = []
        for name in sorted(dirs + files):
            problem = link_problem(here / name, root)
            if problem:
                found.append(problem)
            elif name in dirs:
                inside.append(name)
        dirs[:] = inside
    return found
