"""Leaflet overhead above WeasyPrint alone on the same HTML, tag post-processing included (target <= 10 %).

    .venv/bin/python benchmarks/bench_leaflet.py [runs]

For the sample in en-GB and ar on A4 and A5: the whole leaflet renderer (HTML, WeasyPrint, recorded
tags, pikepdf retagging) against WeasyPrint alone writing the same final HTML with the same options,
timed alternately (CPU time of this process, medians) so that machine load drifts over both alike;
and the retagging step on its own.
"""

from __future__ import annotations

import statistics
import sys
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


def main(runs: int) -> None:
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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
