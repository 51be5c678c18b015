"""`handouts init [DIR]` and `handouts new DOC-ID`: argument wiring only; the work is in handouts.scaffold."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, csv, path_arg, root, shown, today


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `init` and `new` to the top-level parser."""
    i = sub.add_parser("init", help="start a project: a commented handouts.yml and an empty content/ folder",
                       description="Start a handouts project in DIR (default: the current folder): a commented handouts.yml, "
                       "an empty content/ folder and a .gitignore for output/. An existing handouts.yml is never overwritten.")
    i.add_argument("dir", nargs="?", type=path_arg, default=".", metavar="DIR", help="the project folder (created if missing)")
    i.add_argument("--source-locale", default="en", metavar="CODE", help="the language documents are written in (default: en), e.g. en-GB")
    i.add_argument("--locale", type=csv, default=None, metavar="CODES", help="comma-separated locales to build besides the source locale, e.g. es,pl,ar")
    i.add_argument("--organisation", default=None, help="your organisation's name, printed on every leaflet and title slide")
    i.set_defaults(func=_init)

    n = sub.add_parser("new", help="start a document: content/DOC-ID/document.yml with the sections its kind needs",
                       description="Write content/DOC-ID/document.yml with one section per part the kind needs (the structure check's list), "
                       "placeholder text (\"TODO: ...\") that `handouts check` reports until you replace it, today's date and the latest review date allowed.")
    n.add_argument("doc_id", metavar="DOC-ID", help="the document id and folder name: lowercase letters, digits and hyphens, e.g. ibuprofen-200mg")
    n.add_argument("--kind", default="medicine", help="document kind: medicine, condition, procedure, or a kind of your project's checks.structure.parts (default: medicine)")
    n.add_argument("--project", type=path_arg, default=None, help="project root holding handouts.yml (default: found from the current folder)")
    n.add_argument("--today", type=today, default=None, help=argparse.SUPPRESS)
    n.set_defaults(func=_new)


def _init(args: argparse.Namespace) -> int:
    from ..scaffold import ProjectOptions, init

    written = init(args.dir, ProjectOptions(args.source_locale, args.locale, args.organisation))
    for path in written:
        print(f"wrote {shown(path)}{'/' if path.is_dir() else ''}")
    from pathlib import Path

    where = "" if args.dir.resolve() == Path.cwd().resolve() else f"cd {args.dir} && "
    print(f"next: {where}handouts new my-leaflet --kind medicine")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from ..scaffold import new

    path = new(root(args), args.doc_id, args.kind, args.today)
    print(f"wrote {shown(path)}")
    print("next: replace every \"TODO: ...\" in it, then run `handouts check`")
    return EXIT_OK
