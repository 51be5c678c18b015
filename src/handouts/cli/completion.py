"""`handouts completion SHELL`: print a tab-completion script for the whole command line (shtab, from the parser itself)."""

from __future__ import annotations

import argparse

from .common import EXIT_OK

SHELLS = ("bash", "zsh", "tcsh")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `completion` to the top-level parser."""
    c = sub.add_parser("completion", help="print a shell completion script (bash, zsh, tcsh)",
                       description="Print a tab-completion script for handouts. Bash: handouts completion bash > "
                       "~/.local/share/bash-completion/completions/handouts (then open a new shell). "
                       "Zsh: handouts completion zsh > ~/.zfunc/_handouts, with ~/.zfunc in fpath.")
    c.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    c.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    import shtab

    from . import parser

    print(shtab.complete(parser(), shell=args.shell), end="")
    return EXIT_OK
