"""What every verb of the command line shares: exit codes, project arguments, printing findings."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..checks.findings import Finding

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"


def csv(value: str) -> list[str]:
    """A comma-separated option value as a list."""
    return [v.strip() for v in value.split(",") if v.strip()]


def add_project(p: argparse.ArgumentParser) -> None:
    """The document folders and --project that most verbs take."""
    p.add_argument("documents", nargs="*", type=Path, metavar="CONTENT_DIR", help="document folders (or their document.yml); default: every document under content/")
    p.add_argument("--project", type=Path, default=None, help="project root holding handouts.yml (default: found from the current folder)")


def root(args: argparse.Namespace) -> Path:
    """The project root: --project, else the nearest folder holding handouts.yml."""
    from ..config import find_root

    return (args.project or find_root(Path.cwd())).resolve()


def today(value: str) -> dt.date:
    """--today as a date."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def shown(path: Path) -> Path:
    """A written file as the user can find it: relative to the current folder when inside it."""
    cwd = Path.cwd()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def print_findings(findings: Sequence[Finding], minimum: str) -> None:
    """Findings at or above a severity to stderr, with a count of the ones hidden."""
    ranks = {"info": 0, "warning": 1, "error": 2}
    visible = [f for f in findings if ranks[f.severity] >= ranks[minimum]]
    for f in visible:
        print(str(f), file=sys.stderr)
    hidden = len(findings) - len(visible)
    if hidden:
        print(f"({hidden} informational finding(s) not shown: run `handouts check` to see them)", file=sys.stderr)
