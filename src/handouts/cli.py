"""The `handouts` command: argument wiring only; user problems -> `path:line: message`, exit 1."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import HandoutsError

if TYPE_CHECKING:
    from .checks.findings import Finding

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _add_project(p: argparse.ArgumentParser) -> None:
    p.add_argument("documents", nargs="*", type=Path, metavar="CONTENT_DIR", help="document folders (or their document.yml); default: every document under content/")
    p.add_argument("--project", type=Path, default=None, help="project root holding handouts.yml (default: found from the current folder)")


def _root(args: argparse.Namespace) -> Path:
    from .config import find_root

    return (args.project or find_root(Path.cwd())).resolve()


def cmd_build(args: argparse.Namespace) -> int:
    """Build leaflets and decks."""
    from .build import BuildOptions, build
    from .config import FORMATS

    formats = args.format
    bad = [f for f in formats or [] if f not in FORMATS]
    if bad:
        print(f"handouts build: unknown format(s) {', '.join(bad)}; use {', '.join(FORMATS)}", file=sys.stderr)
        return EXIT_USAGE
    options = BuildOptions(
        documents=args.documents or None, locales=args.locale, formats=formats, large_print=args.large_print,
        out=args.out, draft=args.draft, check=not args.no_check, today=args.today,
    )
    report = build(_root(args), options)
    _print_findings(report.findings, minimum="warning")
    for artifact in report.artifacts:
        unit = "slides" if artifact.format == "pptx" else "pages"
        print(f"wrote {_shown(report.out / artifact.path)} ({artifact.pages} {unit}, {artifact.translation})")
    return EXIT_OK


def _shown(path: Path) -> Path:
    """A written file as the user can find it: relative to the current folder when inside it."""
    cwd = Path.cwd()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def cmd_check(args: argparse.Namespace) -> int:
    """Validate documents and run content checks without rendering."""
    from .build import load_project, run_checks, selected_locales

    project = load_project(_root(args), args.documents or None)
    locales = selected_locales(project.config, args.locale)
    findings = run_checks(project, locales, args.today)
    if args.json:
        import json

        print(json.dumps({"findings": [f.to_dict() for f in findings]}, indent=2, ensure_ascii=False))
    else:
        _print_findings(findings, minimum="info")
        counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")}
        print(f"checked {len(project.documents)} document(s) in {len(locales)} locale(s): "
              f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    severities = {f.severity for f in findings}
    failing = {"error", "warning"} if args.strict else {"error"}
    return EXIT_PROBLEMS if severities & failing else EXIT_OK


def _print_findings(findings: Sequence[Finding], minimum: str) -> None:
    ranks = {"info": 0, "warning": 1, "error": 2}
    shown = [f for f in findings if ranks[f.severity] >= ranks[minimum]]
    for f in shown:
        print(str(f), file=sys.stderr)
    hidden = len(findings) - len(shown)
    if hidden:
        print(f"({hidden} informational finding(s) not shown: run `handouts check` to see them)", file=sys.stderr)


def _today(value: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def parser() -> argparse.ArgumentParser:
    """The whole command line."""
    from . import __version__

    top = argparse.ArgumentParser(prog="handouts", description="Build printable patient leaflets (PDF) and slides (PPTX) from one structured source, in every language.")
    top.add_argument("--version", action="version", version=f"handouts {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="check, then build leaflets (PDF) and decks (PPTX) into output/", description="Check, then build leaflets and decks. Nothing is written unless every artifact renders.")
    _add_project(b)
    b.add_argument("--locale", type=_csv, default=None, help="comma-separated locales (default: all in handouts.yml)")
    b.add_argument("--format", type=_csv, default=None, help="comma-separated formats: pdf,pptx (default: all)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    b.add_argument("--large-print", action="store_true", help="also build the large-print leaflet (body >= 16 pt)")
    b.add_argument("--draft", action="store_true", help="build incomplete or stale translations, marked DRAFT on every page and slide")
    b.add_argument("--no-check", action="store_true", help="skip content checks (recorded in the manifest)")
    b.add_argument("--today", type=_today, default=None, help=argparse.SUPPRESS)
    b.set_defaults(func=cmd_build)

    c = sub.add_parser("check", help="validate documents and run content checks, without rendering", description="Validate documents and run the content checks for patient material.")
    _add_project(c)
    c.add_argument("--locale", type=_csv, default=None, help="comma-separated locales (default: all)")
    c.add_argument("--json", action="store_true", help="machine-readable findings")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--today", type=_today, default=None, help="date to check review dates against (default: today)")
    c.set_defaults(func=cmd_check)

    from .i18n.commands import register

    register(sub, _add_project, _root)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command; a user's problem prints where and what, exit 1."""
    try:
        args = parser().parse_args(argv)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except KeyboardInterrupt:
        print("interrupted: no file was left half-written", file=sys.stderr)
        return 130
    except HandoutsError as exc:  # a user's mistake; anything else is a bug and keeps its traceback
        for problem in exc.problems:
            print(f"error: {problem}" if not problem.where() else str(problem), file=sys.stderr)
        print(f"handouts: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
