"""`handouts i18n add|extract|update|status|pseudo|export|import`: argument wiring only; the work is in handouts.i18n.workflow and .xliff."""

from __future__ import annotations

import argparse
import sys

from .common import add_project, csv, path_arg, root


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the i18n command group to the top-level parser."""
    group = sub.add_parser("i18n", help="translation catalogs: add, extract, update, status, pseudo",
                           description="Translation workflow: gettext PO catalogs per document and locale.")
    verbs = group.add_subparsers(dest="i18n_command", required=True, metavar="ACTION")

    a = verbs.add_parser("add", help="start a new language: its catalogs, its template words, and handouts.yml",
                         description="Start translating into a new locale: write content/<doc>/locales/<locale>.po for every document and "
                         "<templates_dir>/locales/<locale>.po for the template words (creating templates/ and setting templates_dir "
                         "in handouts.yml when it has none), and add the locale to `locales:` in handouts.yml (comments kept).")
    a.add_argument("locale", metavar="LOCALE", help="BCP 47 code, e.g. fr, pt-BR, zh-Hans")
    a.add_argument("--project", type=path_arg, default=None, help="project root holding handouts.yml (default: found from the current folder)")
    a.set_defaults(func=_add)

    e = verbs.add_parser("extract", help="write content/<doc>/locales/<doc>.pot (one entry per segment)",
                         description="Write the translation template (POT) of each document: one entry per translatable segment, msgctxt = its place in the document, with its source line.")
    add_project(e)
    e.add_argument("--templates", action="store_true", help="also write the template words into <templates_dir>/locales/messages.pot")
    e.set_defaults(func=_extract)

    u = verbs.add_parser("update", help="create or merge content/<doc>/locales/<locale>.po",
                         description="Create or merge each locale's catalog: a changed source segment becomes fuzzy (previous source kept), a removed one obsolete, "
                         "a new one untranslated. A locale with no catalog yet also gets the project's template-word catalog.")
    add_project(u)
    u.add_argument("--locale", type=csv, default=None, help="comma-separated locales (default: every non-source locale in handouts.yml)")
    u.add_argument("--templates", action="store_true", help="also merge the template words into the project's <templates_dir>/locales/<locale>.po")
    u.set_defaults(func=_update)

    s = verbs.add_parser("status", help="translated / fuzzy / untranslated per document and locale",
                         description="Per document x locale: translated, fuzzy and untranslated segments, percentage, the source version the catalog matches "
                         "(or 'provenance missing'), and missing template strings.")
    add_project(s)
    s.add_argument("--locale", type=csv, default=None, help="comma-separated locales (default: every non-source locale)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=_status)

    p = verbs.add_parser("pseudo", help="write pseudo-translated catalogs (accented, ~40%% longer, or right-to-left)",
                         description="Pseudo-translate every segment into content/<doc>/locales/x-pseudo.po (or x-pseudo-rtl.po) to inspect the expansion in a PO editor. "
                         "The reserved locales x-pseudo and x-pseudo-rtl also build directly: handouts build --locale x-pseudo.")
    add_project(p)
    p.add_argument("--rtl", action="store_true", help="right-to-left pseudo-locale (x-pseudo-rtl) instead of accented, longer text")
    p.add_argument("--out", type=path_arg, default=None, help="write one PO file here instead ('-': standard output)")
    p.set_defaults(func=_pseudo)

    x = verbs.add_parser("export", help="write XLIFF 1.2 files for a translation agency (one per document and locale)",
                         description="Write <out>/<document>.<locale>.xlf (XLIFF 1.2, for memoQ, Trados Studio, Phrase): segment ids, source lines, notes and states kept.")
    add_project(x)
    x.add_argument("--xliff", action="store_true", required=True, help="write XLIFF 1.2 (the only export format)")
    x.add_argument("--locale", type=csv, default=None, help="comma-separated locales (default: every non-source locale)")
    x.add_argument("--out", type=path_arg, default=None, help="folder for the .xlf files (default: xliff/ in the project)")
    x.set_defaults(func=_export)

    i = verbs.add_parser("import", help="merge translated XLIFF files back into the catalogs",
                         description="Merge XLIFF files made by `handouts i18n export --xliff` into content/<doc>/locales/<locale>.po; a file made from another document or source version is refused and nothing is written.")
    i.add_argument("files", nargs="+", type=path_arg, metavar="FILE.xlf", help="XLIFF files to import")
    i.add_argument("--project", type=path_arg, default=None, help="project root holding handouts.yml (default: found from the current folder)")
    i.set_defaults(func=_import, documents=[])


def _print(lines: list[str]) -> int:
    for line in lines:
        print(line)
    return 0


def _add(args: argparse.Namespace) -> int:
    from ..i18n.newlocale import add

    return _print(add(root(args), args.locale))


def _extract(args: argparse.Namespace) -> int:
    from ..i18n.workflow import extract

    return _print(extract(root(args), args.documents or None, templates=args.templates))


def _update(args: argparse.Namespace) -> int:
    from ..i18n.workflow import update

    return _print(update(root(args), args.documents or None, args.locale, templates=args.templates))


def _status(args: argparse.Namespace) -> int:
    from ..i18n.workflow import detail_lines, status, status_lines

    report = status(root(args), args.documents or None, args.locale)
    if args.json:
        import json

        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    if not sys.stdout.isatty():
        return _print(status_lines(report))
    from rich.console import Console

    Console().print(matrix_table(report["matrix"]))  # type: ignore[arg-type]
    return _print(["", *detail_lines(report)])


# -- how each state looks in the terminal's table --
STYLES = {"source": "bold", "current": "green", "stale": "bold red", "draft": "yellow", "not translated": "red", "not listed": "dim"}


def matrix_table(table: dict) -> object:  # type: ignore[type-arg]
    """The documents x locales matrix as a rich Table (one coloured state per cell)."""
    from rich.table import Table

    out = Table(title="translations", title_justify="left")
    out.add_column("document", no_wrap=True)
    for locale in table["locales"]:
        out.add_column(locale)
    for row in table["rows"]:
        cells = [row["cells"][loc] for loc in table["locales"]]
        out.add_row(row["document"], *(f"[{STYLES[c['state']]}]{c['text']}[/]" for c in cells))
    return out


def _pseudo(args: argparse.Namespace) -> int:
    from ..i18n.workflow import pseudo, pseudo_bytes, write_catalogs

    catalogs = pseudo(root(args), args.documents or None, rtl=args.rtl)
    if args.out is None:
        return _print(write_catalogs(catalogs))
    if str(args.out) == "-":
        sys.stdout.write(pseudo_bytes(catalogs).decode("utf-8"))
        return 0
    from ..i18n.catalog import write_bytes

    write_bytes(args.out, pseudo_bytes(catalogs))
    print(f"wrote {args.out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..i18n.xliff import export

    project = root(args)
    paths, notes = export(project, args.documents or None, args.locale, args.out.resolve() if args.out else project / "xliff")
    return _print([*notes, *(f"wrote {path}" for path in paths)])


def _import(args: argparse.Namespace) -> int:
    from ..i18n.xliff import import_files

    for path, summary in import_files(root(args), [f.resolve() for f in args.files]):
        print(f"wrote {path} ({summary})")
    return 0
