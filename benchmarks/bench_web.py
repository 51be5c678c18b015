"""Web edition build time per document next to the leaflet's, as whole commands (medians).

    .venv/bin/python benchmarks/bench_web.py [runs]

For the sample in en-GB and ar: `handouts build --format html` against `handouts build --format pdf`
(one document, one locale, --no-cache --jobs 1 --no-check, so every run renders), timed alternately
as wall time of the whole command (Python start-up included) so that machine load drifts over both
alike; and the web renderer alone in this process (the page filled twice, fonts converted to WOFF2
on the first call of a process, then from memory).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content" / "isotretinoin-40mg"
HANDOUTS = Path(sys.executable).with_name("handouts")


def command(fmt: str, locale: str, out: Path) -> float:
    """Wall time of one whole build command."""
    start = time.perf_counter()
    subprocess.run([str(HANDOUTS), "build", str(SAMPLE), "--project", str(REPO), "--format", fmt, "--locale", locale, "--out", str(out),
                    "--no-cache", "--jobs", "1", "--no-check", "--quiet"], check=True, capture_output=True)
    return time.perf_counter() - start


def in_process(locale: str, runs: int) -> tuple[float, float]:
    """The web renderer alone: first call (fonts converted) and the median of the next calls."""
    from handouts.build import BuildOptions, load_project, plan
    from handouts.render.web import render

    project = load_project(REPO, [SAMPLE])
    (job,) = plan(project, BuildOptions(locales=[locale], formats=["html"]))
    job = replace(job, format="html")
    start = time.perf_counter()
    render(job)
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render(job)
        times.append(time.perf_counter() - start)
    return first, statistics.median(times)


def main(runs: int) -> None:
    print("| locale | `--format html` | `--format pdf` | html / pdf | web renderer, first page of a process | next pages |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for locale in ("en-GB", "ar"):
            pairs = [(command("html", locale, Path(tmp) / "h"), command("pdf", locale, Path(tmp) / "p")) for _ in range(runs)]
            web, pdf = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
            first, warm = in_process(locale, runs)
            print(f"| {locale} | {web:.2f} s | {pdf:.2f} s | {web / pdf:.2f} | {first * 1000:.0f} ms | {warm * 1000:.0f} ms |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
