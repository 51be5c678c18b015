"""`handouts build`: argument wiring only; the work is in handouts.build."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_OK, add_project, check_out, csv, formats, print_findings, project, shown, today


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `build` to the top-level parser."""
    b = sub.add_parser("build", help="check, then build leaflets (PDF) and decks (PPTX) into output/", description="Check, then build leaflets and decks. Nothing is written unless every artifact renders.")
    add_project(b)
    b.add_argument("--locale", type=csv, default=None, help="comma-separated locales (default: all in handouts.yml)")
    b.add_argument("--format", type=formats, default=None, help="comma-separated formats: pdf,pptx (default: all)")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    b.add_argument("--large-print", action="store_true", help="also build the large-print leaflet (body >= 16 pt)")
    b.add_argument("--paper", type=papers, default=None, help="comma-separated leaflet papers: A4,A5,Letter (default: leaflet.paper in handouts.yml)")
    b.add_argument("--booklet", action="store_true", help="pad leaflets to a multiple of 4 pages and write a saddle-stitch booklet (A5 on A4 sheets, A4 on A3, Letter on 11x17)")
    b.add_argument("--print-marks", action="store_true", help="leaflets with 3 mm bleed and crop marks, for a print shop (file name .print)")
    b.add_argument("--draft", action="store_true", help="build incomplete or stale translations, marked DRAFT on every page and slide")
    b.add_argument("--no-check", action="store_true", help="skip content checks (recorded in the manifest)")
    b.add_argument("--today", type=today, default=None, help=argparse.SUPPRESS)
    b.set_defaults(func=run)


def papers(value: str) -> list[str]:
    """--paper A4,a5 -> ['A4', 'A5']; an unknown name is a usage error with a suggestion."""
    from ..errors import HandoutsError
    from ..render.leaflet.products import paper_name

    try:
        return [paper_name(p) for p in csv(value)]
    except HandoutsError as exc:
        raise argparse.ArgumentTypeError(exc.problems[0].message) from None


def run(args: argparse.Namespace) -> int:
    """Build leaflets and decks."""
    from ..build import BuildOptions, build

    config, documents = project(args)
    check_out(args.out, config)
    options = BuildOptions(
        documents=documents, locales=args.locale, formats=args.format, large_print=args.large_print,
        out=args.out, draft=args.draft, check=not args.no_check, today=args.today,
        papers=args.paper, booklet=args.booklet, print_marks=args.print_marks,
    )
    report = build(config.root, options)
    print_findings(report.findings, minimum="warning")
    for artifact in report.artifacts:
        unit = "slides" if artifact.format == "pptx" else "pages"
        print(f"wrote {shown(report.out / artifact.path)} ({artifact.pages} {unit}, {artifact.translation})")
    return EXIT_OK
