"""Benchmark: leaflet build vs WeasyPrint alone, CLI start, peak memory; then the slides and checks benchmarks.

Run: .venv/bin/python benchmarks/bench.py [--quick]. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content" / "isotretinoin-40mg"


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of fn over runs (after one warm-up call)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def leaflet(runs: int) -> None:
    """Our whole leaflet pipeline vs WeasyPrint alone on the same final HTML (the floor)."""
    from weasyprint import HTML

    from handouts.build import BuildOptions, load_project, plan
    from handouts.fetcher import RestrictedFetcher
    from handouts.render import renderer
    from handouts.render.leaflet.html import render_html
    from handouts.render.leaflet.pdf import PDF_OPTIONS, font_config

    def ours() -> bytes:
        project = load_project(REPO, [SAMPLE])
        (job,) = plan(project, BuildOptions(locales=[project.config.source_locale], formats=["pdf"]))
        return renderer("pdf")(job).data

    project = load_project(REPO, [SAMPLE])
    (job,) = plan(project, BuildOptions(locales=[project.config.source_locale], formats=["pdf"]))
    page = render_html(job)
    roots = job.theme.readable_roots()

    def floor() -> bytes:
        fetcher = RestrictedFetcher(roots, page.extra_files)
        return HTML(string=page.html, base_url=page.base_url, url_fetcher=fetcher).render(font_config=font_config()).write_pdf(**PDF_OPTIONS)

    # -- alternate the two so that machine load drifts over both alike --
    ours(), floor()
    pairs = [(timed(ours, 1), timed(floor, 1)) for _ in range(runs * 2)]
    t_ours, t_floor = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    overhead = (t_ours - t_floor) / t_floor * 100
    print(f"## Leaflet (sample, {job.locale}, A4)")
    print(f"| handouts build (load + check-free plan + HTML + PDF) | {t_ours * 1000:7.0f} ms |")
    print(f"| WeasyPrint alone on the same final HTML (floor)       | {t_floor * 1000:7.0f} ms |")
    print(f"| overhead above WeasyPrint                             | {overhead:6.1f} %  (target <= 10 %) |")
    print()


def cli(runs: int) -> None:
    """Wall time of CLI start and of `handouts check` on the four-locale sample, in fresh processes."""
    exe = [sys.executable, "-m", "handouts"]

    def call(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run([*exe, *args], cwd=REPO, capture_output=True, check=False)

    print("## Command line (fresh process each run, median)")
    print(f"| handouts --help  | {timed(call('--help'), runs) * 1000:6.0f} ms | target <= 300 ms |")
    print(f"| handouts check   | {timed(call('check'), runs) * 1000:6.0f} ms | target <= 300 ms start, <= 1 s on the sample |")
    print()


def memory() -> None:
    """Wall time and peak memory of a full build of the sample (every locale, format, large print)."""
    out = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "handouts", "build", "--large-print", "--out", str(out)], cwd=REPO, capture_output=True, check=True)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        files = len([p for p in out.rglob("*") if p.is_file()]) - 1
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print("## Full sample build (4 locales x leaflet, large-print leaflet, deck)")
    print(f"| artifacts | {files} |")
    print(f"| wall time | {wall:.1f} s |")
    print(f"| peak RSS  | {peak:.0f} MiB |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    leaflet(runs)
    cli(runs)
    memory()
    for other in ("bench_slides.py", "bench_checks.py"):
        script = Path(__file__).with_name(other)
        if script.is_file():
            sys.stdout.flush()
            subprocess.run([sys.executable, str(script)], cwd=REPO, check=False)
            print()


if __name__ == "__main__":
    main()
