"""`handouts daemon start|stop|status`: argument wiring only; the server is handouts.daemon."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, EXIT_PROBLEMS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `daemon` to the top-level parser."""
    d = sub.add_parser("daemon", help="a build server that keeps handouts loaded: build and check start warm",
                       description="A background build server for this installation: while it runs, `handouts build` and "
                       "`handouts check` run in a warm copy of it (same output, exit codes and Ctrl-C; no start-up cost). "
                       "It stops after an idle hour, or when handouts, its libraries or the fonts change. "
                       "HANDOUTS_DAEMON=0 runs one command without it.")
    d.add_argument("action", choices=("start", "stop", "status"))
    d.add_argument("--idle", type=minutes, default=60.0, metavar="MINUTES", help="stop after this many idle minutes (default 60)")
    d.set_defaults(func=run)


def minutes(value: str) -> float:
    """--idle as a positive number of minutes."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"--idle must be more than 0 minutes (got {value})")
    return number


def run(args: argparse.Namespace) -> int:
    """Start, stop or describe the build server."""
    from ..daemon import control

    if args.action == "status":
        state = control.status()
        print(state.message)
        return EXIT_OK if state.running else 3  # -- like `systemctl status`: 3 means not running --
    message, ok = control.start(args.idle * 60) if args.action == "start" else control.stop()
    print(message, file=sys.stdout if ok else sys.stderr)
    return EXIT_OK if ok else EXIT_PROBLEMS
