"""Leaflet command against WeasyPrint's own command on the same final HTML, as whole processes; then the renderer's parts in one process.

    .venv/bin/python benchmarks/bench_leaflet.py [--runs N] [--before PYTHON] [--parts]

Whole commands (the figure a user waits for, issue 13 goal <= 1.15x): `handouts build --locale
en-GB --format pdf --no-check --no-cache` (and the same with the cache on but the leaflet not in
it, as after an edit) against `python -m weasyprint --pdf-variant pdf/ua-1` on the same final HTML,
each a fresh process, A/B interleaved, medians of wall and CPU time (bench.interleaved: CPU is user
+ system of the process tree, the figure to compare on a shared machine; the load is printed).
`--before PYTHON` times another checkout's command in the same rounds. The floor rows time the
imports a leaflet command needs before any work (WeasyPrint, then handouts' model, Jinja2 and pikepdf).

`--parts`: for the sample in en-GB and ar on A4 and A5, the leaflet renderer (HTML, WeasyPrint,
recorded tags, pikepdf retagging) against WeasyPrint alone writing the same final HTML, warm in
one process (CPU time, medians), and the HTML and retagging steps on their own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content" / "isotretinoin-40mg"


def timed(fn: Callable[[], object]) -> float:
    # -- CPU time of this process: on a shared machine, wall time mostly measures the neighbours --
    start = time.process_time()
    fn()
    return time.process_time() - start


def commands(runs: int, before: str | None) -> None:
    """The leaflet command and WeasyPrint's, each a fresh process, interleaved; the floor of imports."""
    from bench import final_html, forget_artifacts, interleaved

    load = os.getloadavg()[0]
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-leaflet-") as name:
        tmp = Path(name)
        html = final_html(tmp)
        cmds: dict[str, list[str]] = {}
        forget = {}
        for tag, exe in {"": python, " (before)": before}.items():
            if exe is None:
                continue
            base = [exe, "-m", "handouts", "build", "--project", str(REPO), "--locale", "en-GB", "--format", "pdf", "--no-check", "-q"]
            cmds[f"handouts, no cache{tag}"] = [*base, "--no-cache", "--out", str(tmp / f"cold{len(tag)}")]
            cache = tmp / f"cache{len(tag)}"
            cmds[f"handouts, cache on, the leaflet not in it{tag}"] = [*base, "--cache", str(cache), "--out", str(tmp / f"edit{len(tag)}")]
            forget[f"handouts, cache on, the leaflet not in it{tag}"] = lambda folder=cache: forget_artifacts(folder)
        cmds["weasyprint, its command on the same HTML"] = [python, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", str(html), str(tmp / "w.pdf")]
        floor = {
            "floor: python -c 'import weasyprint'": [python, "-c", "import weasyprint"],
            "floor: + handouts.build, jinja2, pikepdf": [python, "-c", "import weasyprint, handouts.build, jinja2, pikepdf"],
        }
        times = interleaved({**cmds, **floor}, runs, before=forget)
    anchor = times["weasyprint, its command on the same HTML"]
    print(f"## Leaflet command vs WeasyPrint's (fresh processes, A/B interleaved, median of {runs}; load average {load:.1f} -> "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print("| command | CPU | wall | CPU ratio | wall ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, (wall, cpu) in times.items():
        print(f"| {name} | {cpu:.2f} s | {wall:.2f} s | {cpu / anchor[1]:.2f}x | {wall / anchor[0]:.2f}x |")
    print("\ngoal: the no-cache command <= 1.15x WeasyPrint's\n")


def parts(runs: int) -> None:
    """The renderer's parts, warm, in this process."""
    from weasyprint import HTML

    from handouts.build import BuildOptions, load_project, plan
    from handouts.fetcher import RestrictedFetcher
    from handouts.render.leaflet.html import render_html
    from handouts.render.leaflet.pdf import PDF_OPTIONS, font_config, render
    from handouts.render.leaflet.record import recording
    from handouts.render.leaflet.tags import retag

    project = load_project(REPO, [SAMPLE])
    print("| locale | paper | pages | handouts leaflet | WeasyPrint alone | HTML alone | retag alone | overhead | HTML + retag / WeasyPrint |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for locale in ("en-GB", "ar"):
        (base,) = plan(project, BuildOptions(locales=[locale], formats=["pdf"]))
        for paper in ("A4", "A5"):
            job = replace(base, paper=paper)
            page = render_html(job)
            roots = job.theme.readable_roots()

            def floor() -> bytes:
                fetcher = RestrictedFetcher(roots, page.extra_files, page.project)
                return HTML(string=page.html, base_url=page.base_url, url_fetcher=fetcher).render(font_config=font_config()).write_pdf(**PDF_OPTIONS)

            with recording() as recorder:
                raw = floor()
            ours = render(job)
            pairs = [(timed(lambda: render(job)), timed(floor)) for _ in range(runs)]
            t_ours = statistics.median(p[0] for p in pairs)
            t_floor = statistics.median(p[1] for p in pairs)
            t_retag = statistics.median(timed(lambda: retag(raw, recorder, page.rtl)) for _ in range(runs))
            t_html = statistics.median(timed(lambda: render_html(job)) for _ in range(runs))
            overhead = (t_ours - t_floor) / t_floor * 100
            parts = (t_html + t_retag) / t_floor * 100
            print(f"| {locale} | {paper} | {ours.pages} | {t_ours * 1000:.0f} ms | {t_floor * 1000:.0f} ms | {t_html * 1000:.0f} ms | {t_retag * 1000:.0f} ms | {overhead:+.1f} % | {parts:.1f} % |")
    print("\ntarget: overhead <= 10 %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", default=None, metavar="PYTHON", help="also time the command with this interpreter (another checkout's .venv/bin/python)")
    parser.add_argument("--parts", action="store_true", help="the renderer's parts warm in one process instead of the whole commands")
    args = parser.parse_args()
    if args.parts:
        parts(args.runs)
    else:
        commands(args.runs, args.before)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
