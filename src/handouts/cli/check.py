"""`handouts check`: argument wiring only; the work is in handouts.checks."""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False  # -- not typing's: `handouts --help` imports only what parsing needs --
if TYPE_CHECKING:
    from ..errors import HandoutsError

from .common import EXIT_OK, EXIT_PROBLEMS, add_project, csv, print_findings, project, today


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `check` to the top-level parser."""
    c = sub.add_parser("check", help="validate documents and run content checks, without rendering", description="Validate documents and run the content checks for patient material.")
    add_project(c)
    c.add_argument("--locale", type=csv, default=None, help="comma-separated locales (default: all)")
    c.add_argument("--json", action="store_true", help="machine-readable findings")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--today", type=today, default=None, help="date to check review dates against (default: today)")
    c.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate documents and run content checks without rendering."""
    from ..i18n.once import reading_once

    with reading_once():  # -- the checks read each catalog once --
        if not args.json:
            return _check(args)
        from ..errors import HandoutsError

        try:
            return _check(args)
        except HandoutsError as exc:  # -- the project did not load: --json still prints its one object --
            _print_errors(exc, args)
            return EXIT_PROBLEMS


def _print_errors(exc: HandoutsError, args: argparse.Namespace) -> None:
    """The problems that stopped the check, as the "errors" list of the --json object (docs/checks.md)."""
    import json

    from ..checks.findings import relative
    from .common import print_problems, root

    base = root(args)
    errors = [{"message": p.message, "path": relative(p.path, base), "line": p.line, "column": p.column, "locale": p.locale, "key": p.key}
              for p in exc.problems]
    print(json.dumps({"findings": [], "errors": errors}, indent=2, ensure_ascii=False))
    print_problems(exc.problems)  # -- and as text for whoever reads the log --


def _check(args: argparse.Namespace) -> int:
    """The check itself, inside one catalog-reading scope."""
    from ..build import load_project, run_checks, selected_locales, unlisted_locales
    from ..i18n.strings import source_words_warning

    config, documents = project(args)
    loaded = load_project(config.root, documents)
    locales = selected_locales(config, args.locale)
    notes = unlisted_locales(loaded, args.locale)
    if config.source_locale in locales and (english := source_words_warning(config)):
        print(f"warning: {english}", file=sys.stderr)
    findings = run_checks(loaded, locales, args.today)
    if args.json:
        import json

        notes_out = [{"message": n.message, "path": str(n.path), "line": n.line, "locale": n.locale} for n in notes]
        print(json.dumps({"findings": [f.to_dict() for f in findings], **({"notes": notes_out} if notes_out else {})}, indent=2, ensure_ascii=False))
    else:
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        print_findings(findings, minimum="info")
        counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")}
        print(f"checked {len(loaded.documents)} document(s) in {len(locales)} locale(s): "
              f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    severities = {f.severity for f in findings}
    failing = {"error", "warning"} if args.strict else {"error"}
    return EXIT_PROBLEMS if severities & failing else EXIT_OK
