"""The `handouts` command: one module per verb, argument wiring only; user problems -> `path:line: message`, exit 1."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from ..errors import HandoutsError
from . import build, check, clean, completion, i18n, init, serve
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Parser, UsageError

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "main", "parser"]
VERBS = (init, build, check, i18n, clean, serve, completion)


def parser() -> argparse.ArgumentParser:
    """The whole command line."""
    from .. import __version__

    top = Parser(prog="handouts", description="Build printable patient leaflets (PDF) and slides (PPTX) from one structured source, in every language.")
    top.add_argument("--version", action="version", version=f"handouts {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for verb in VERBS:
        verb.register(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command; a user's problem prints where and what, exit 1."""
    try:
        try:
            args = parser().parse_args(argv)
        except SystemExit as exc:  # -- a usage error is returned like every other exit code; --help and --version exit as argparse does --
            if exc.code in (0, None):
                raise
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except BrokenPipeError:  # `handouts i18n status | head`: the reader left; not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted: no file was left half-written", file=sys.stderr)
        return 130
    except UsageError as exc:
        print(f"handouts: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except HandoutsError as exc:  # a user's mistake; anything else is a bug and keeps its traceback
        for problem in exc.problems:
            print(f"error: {problem}" if not problem.where() else str(problem), file=sys.stderr)
        print(f"handouts: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
