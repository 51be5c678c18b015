"""`handouts serve`: argument wiring only; the live preview is in handouts.serve."""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
from pathlib import Path
from types import FrameType

from .build import jobs
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, add_project, check_out, csv, formats, project


def port(value: str) -> int:
    """--port as 0-65535 (0: any free port)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r} (use e.g. --port 8000, or --port 0 for any free port)") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"--port must be 0-65535 (got {number}): use e.g. --port 8000, or --port 0 for any free port")
    return number


def loopback(host: str) -> bool:
    """Whether an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `serve` to the top-level parser."""
    s = sub.add_parser("serve", help="live preview: rebuild on every save and reload the page in the browser",
                       description="Serve the output folder on 127.0.0.1, rebuild what changed on every save (through the cache, drafts allowed and marked) and reload the open pages. Problems show on the page; the last good build stays.")
    add_project(s)
    s.add_argument("--locale", type=csv, default=None, help="comma-separated locales (default: all in handouts.yml)")
    s.add_argument("--format", type=formats, default=None, help="comma-separated formats (default: the web edition and the formats in handouts.yml)")
    s.add_argument("--out", type=Path, default=None, help="output folder to build into and serve (default: output/)")
    s.add_argument("--port", type=port, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    s.add_argument("--host", default=None, help="listen on this address instead of 127.0.0.1: exposes unreviewed patient material to the network")
    s.add_argument("--jobs", "-j", type=jobs, default=1, metavar="N", help="worker processes for the leaflets and decks of a rebuild (default: 1, in this process; the web edition always renders here)")
    s.add_argument("--cache", type=Path, default=None, metavar="DIR", help="cache folder (default: .handouts-cache/ in the project)")
    s.add_argument("--no-check", action="store_true", help="skip content checks (their errors otherwise show on the page)")
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C."""
    from ..build import BuildOptions
    from ..serve import BindError, Preview

    config, documents = project(args)
    check_out(args.out, config)
    options = BuildOptions(documents=documents, locales=args.locale, out=args.out, draft=True, check=not args.no_check, jobs=args.jobs, cache=args.cache)
    preview = Preview(config.root, options, formats=args.format)
    host = args.host or "127.0.0.1"
    try:
        url = preview.bind(host, args.port, exposed=not loopback(host))
    except BindError as exc:
        print(f"handouts serve: {exc}", file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_PROBLEMS
    if not loopback(host):
        print(f"handouts serve: warning: listening on {host}: anyone who can reach this machine can read these unreviewed leaflets (patient material, draft translations). Use the default 127.0.0.1 unless you mean it.", file=sys.stderr)
    print(f"handouts serve: previewing {preview.out} at {url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        preview.start()
        preview.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
    print("handouts serve: stopped", file=sys.stderr)
    return EXIT_OK


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops the server like Ctrl-C: the build in progress finishes, nothing is left half-written."""
    raise KeyboardInterrupt
