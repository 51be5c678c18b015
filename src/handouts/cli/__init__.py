"""The `handouts` command: one module per verb, argument wiring only; user problems -> `path:line: message`, exit 1."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from . import build, check, clean, completion, daemon, i18n, init, serve
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Parser, UsageError, print_problems

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "main", "parser"]
VERBS = (init, build, check, i18n, clean, serve, daemon, completion)


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given argv, only the command it names gets its options (every command is listed with its help)."""
    from .. import __version__

    top = Parser(prog="handouts", description="Build printable patient leaflets (PDF) and slides (PPTX) from one structured source, in every language.")
    top.add_argument("--version", action="version", version=f"handouts {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # -- top-level options take no value, so the first word that is not an option is the command --
    chosen = None if argv is None else next((a for a in argv if not a.startswith("-")), "")
    target = sub if chosen is None else _Listing(sub, chosen)
    for verb in VERBS:
        verb.register(target)
    return top


class _Listing:
    """Subparsers that build the options of one command only: the others are named with their help (for `handouts --help`)."""

    def __init__(self, sub: argparse._SubParsersAction, chosen: str) -> None:  # type: ignore[type-arg]
        self.sub, self.chosen = sub, chosen

    def add_parser(self, name: str, **kwargs: object) -> object:
        if name == self.chosen:
            return self.sub.add_parser(name, **kwargs)  # type: ignore[arg-type]
        self.sub.add_parser(name, help=kwargs.get("help"))
        return _Ignored()


class _Ignored:
    """A command's parser that is not used this time: options added to it cost nothing."""

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: self


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command (in the build server when one runs: only from the real command line); a user's problem prints where and what, exit 1."""
    if argv is None:
        from ..daemon.client import forward

        code = forward(sys.argv[1:])
        if code is not None:
            return code
    try:
        try:
            args = parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
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
    except Exception as exc:
        from ..errors import HandoutsError  # -- imported only now: --help and --version never load the error classes --

        if not isinstance(exc, HandoutsError):
            raise  # a bug keeps its traceback
        print_problems(exc.problems)
        print(f"handouts: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
