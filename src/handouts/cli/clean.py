"""`handouts clean`: argument wiring only; removes the build cache and what interrupted builds left in the output folder."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, path_arg, root, shown


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `clean` to the top-level parser."""
    c = sub.add_parser("clean", help="remove the build cache and leftovers of interrupted builds", description="Remove the build cache (.handouts-cache/) and finish or roll back what an interrupted build left in the output folder. Built files are kept.")
    c.add_argument("--project", type=path_arg, default=None, help="project root holding handouts.yml (default: found from the current folder)")
    c.add_argument("--out", type=path_arg, default=None, help="output folder (default: output/)")
    c.add_argument("--cache", type=path_arg, default=None, metavar="DIR", help="cache folder (default: .handouts-cache/ in the project)")
    c.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Remove the cache; recover the output folder."""
    from ..config import load_config
    from ..pipeline.cache import FOLDER, clean
    from ..pipeline.write import OutputFolder

    config = load_config(root(args))
    cache = (args.cache or config.root / FOLDER).resolve()
    out = (args.out or config.output_path).resolve()
    print(f"removed the cache {shown(cache)}" if clean(cache) else f"no cache at {shown(cache)}")
    if out.is_dir():
        journal = OutputFolder(out).prepare()
        print(f"output {shown(out)}: {'finished or rolled back an interrupted commit; ' if journal else ''}no leftovers of interrupted builds")
    return EXIT_OK
