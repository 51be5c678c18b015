"""`handouts build`: argument wiring only; the work is in handouts.build."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, add_project, check_out, csv, formats, path_arg, print_findings, print_problems, project, shown, today


def jobs(value: str) -> int:
    """--jobs as a positive number of worker processes."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of worker processes: {value!r} (use e.g. --jobs 4, or --jobs 1 to build in one process)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be at least 1 (got {number}): use --jobs 1 to build in one process")
    return number


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `build` to the top-level parser."""
    b = sub.add_parser("build", help="check, then build leaflets (PDF), decks (PPTX) and web pages (HTML) into output/", description="Check, then build leaflets and decks. Each document is written whole or not at all; unchanged artifacts come from the cache.")
    add_project(b)
    b.add_argument("--locale", type=csv, default=None, help="comma-separated locales (default: all in handouts.yml)")
    b.add_argument("--format", type=formats, default=None, help="comma-separated formats: pdf,pptx,html (default: formats in handouts.yml)")
    b.add_argument("--out", type=path_arg, default=None, help="output folder (default: output/)")
    b.add_argument("--large-print", action="store_true", help="also build the large-print leaflet (body >= 16 pt)")
    b.add_argument("--paper", type=papers, default=None, help="comma-separated leaflet papers: A4,A5,Letter (default: leaflet.paper in handouts.yml)")
    b.add_argument("--booklet", action="store_true", help="pad leaflets to a multiple of 4 pages and write a saddle-stitch booklet (A5 on A4 sheets, A4 on A3, Letter on 11x17)")
    b.add_argument("--print-marks", action="store_true", help="leaflets with 3 mm bleed and crop marks, for a print shop (file name .print)")
    b.add_argument("--handout", action="store_true", help="also the presenter's handout: a PDF of the slides beside their speaker notes, "
                   "2 or 3 a page (slides.handout_per_page)")
    b.add_argument("--draft", action="store_true", help="build incomplete or stale translations, marked DRAFT on every page and slide")
    b.add_argument("--no-check", action="store_true", help="skip content checks (recorded in the manifest)")
    b.add_argument("--jobs", "-j", type=jobs, default=None, metavar="N", help="worker processes (default: the machine's cores; 1 builds in this process)")
    b.add_argument("--executor", choices=("local", "dask"), default="local", help="local processes (default), or a Dask cluster (with --scheduler)")
    b.add_argument("--scheduler", default=None, metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://build-1:8786 (with --executor dask)")
    b.add_argument("--cache", type=path_arg, default=None, metavar="DIR", help="cache folder (default: .handouts-cache/ in the project)")
    b.add_argument("--no-cache", action="store_true", help="render everything, neither reading nor writing the cache")
    b.add_argument("--fail-fast", action="store_true", help="stop at the first artifact that fails (default: report every failure)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress and no line per artifact; problems and the summary only")
    b.add_argument("--verbose", "-v", action="store_true", help="print the renderers' info lines (layouts used, what was placed by geometry)")
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


def print_notices(artifacts: list, verbose: bool) -> int:  # type: ignore[type-arg]
    """The renderers' notices: each warning once (however many artifacts gave it), info lines with --verbose; returns the infos not shown."""
    seen: dict[tuple[str, str], int] = {}
    for artifact in artifacts:
        for notice in artifact.notices:
            key = (notice["severity"], notice["message"])
            seen[key] = seen.get(key, 0) + 1
    infos = 0
    for (severity, message), count in seen.items():
        if severity == "info" and not verbose:
            infos += count
            continue
        print(f"{severity}: {message}" + (f" ({count} artifacts)" if count > 1 else ""), file=sys.stderr)
    return infos


def run(args: argparse.Namespace) -> int:
    """Build leaflets and decks."""
    from ..build import BuildOptions, build
    from ..errors import HandoutsError
    from ..pipeline.execute import cores
    from .progress import listener, summary

    if (args.executor == "dask") != bool(args.scheduler):
        print("handouts build: --executor dask needs --scheduler ADDRESS (and --scheduler needs --executor dask)", file=sys.stderr)
        return EXIT_USAGE
    config, documents = project(args)
    check_out(args.out, config)
    progress = listener(args.quiet)
    options = BuildOptions(
        documents=documents, locales=args.locale, formats=args.format, large_print=args.large_print,
        out=args.out, draft=args.draft, check=not args.no_check, today=args.today,
        papers=args.paper, booklet=args.booklet, print_marks=args.print_marks, handout=args.handout,
        jobs=args.jobs or cores(), executor=args.executor, scheduler=args.scheduler, cache=args.cache,
        use_cache=not args.no_cache, fail_fast=args.fail_fast, progress=progress,
    )
    try:
        report = build(config.root, options)
    except HandoutsError as exc:
        progress.close()
        done = getattr(exc, "report", None)
        if done is None or not (done.written or (done.refused and (done.built or done.cached))):
            raise  # nothing was written: the command's usual message
        print_problems(exc.problems)
        print(summary(done.built, done.cached, done.failed, done.seconds), file=sys.stderr)
        refused = (f"the translations above were refused ({done.refused} artifact(s) not made: fix them; a stale or untranslated one can be built marked DRAFT with --draft); "
                   if done.refused else "")
        print(f"handouts: {len(exc.problems)} problem(s); {refused}{done.written} artifact(s) of the documents that built whole were written "
              f"(see {shown(done.out / 'manifest.json')}), the failed documents and refused locales keep their previous files", file=sys.stderr)
        return EXIT_PROBLEMS
    progress.close()
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print_findings(report.findings, minimum="warning")
    infos = print_notices(report.artifacts, args.verbose)
    print(summary(report.built, report.cached, report.failed, report.seconds), file=sys.stderr)
    if infos and not args.quiet:
        print(f"info: {infos} renderer note(s) on layouts and placement: see --verbose or the notices in manifest.json", file=sys.stderr)
    return EXIT_OK
