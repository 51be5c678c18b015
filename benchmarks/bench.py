"""Benchmark: whole commands as a user runs them (leaflet vs WeasyPrint's command, deck vs Pandoc, --help), peak memory; then the slides and checks benchmarks.

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


def interleaved(commands: dict[str, list[str]], runs: int, cwd: Path = REPO) -> dict[str, float]:
    """Median wall time of each command as a fresh process, runs rounds of A/B/... alternated (load drifts over all alike)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, cmd in commands.items():  # one warm-up each: page cache, font cache
        subprocess.run(cmd, cwd=cwd, capture_output=True, check=True)
    for _ in range(runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, cwd=cwd, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def final_html(tmp: Path) -> Path:
    """The sample leaflet's final HTML, with real file URLs so that WeasyPrint's own command can read it."""
    from handouts.build import BuildOptions, load_project, plan
    from handouts.fetcher import PROJECT_URL
    from handouts.render.leaflet.html import render_html

    project = load_project(REPO, [SAMPLE])
    (job,) = plan(project, BuildOptions(locales=[project.config.source_locale], formats=["pdf"]))
    page = render_html(job)
    html = page.html.replace(PROJECT_URL, REPO.as_uri() + "/")
    path = tmp / "leaflet.html"
    path.write_text(html, encoding="utf-8")
    return path


def typst_source(tmp: Path) -> Path:
    """A Typst document with the sample's leaflet text (title, headings, paragraphs, lists): a comparable fast-PDF reference."""
    from handouts.build import load_project
    from handouts.render.deck.plan import section_notes

    project = load_project(REPO, [SAMPLE])
    (doc,) = project.documents.values()

    def esc(text: str) -> str:
        return "".join("\\" + c if c in "#*_$@<>[]`\\" else c for c in text)

    lines = ['#set page(paper: "a4", margin: 2cm)', '#set text(font: "Noto Sans", size: 12.5pt)', f"= {esc(doc.meta.title)}", ""]
    for section in doc.sections:
        heading, *rest = section_notes(section).split("\n")
        lines += [f"== {esc(heading)}", ""] + [("- " + esc(line[2:])) if line.startswith("• ") else esc(line) for line in rest] + [""]
    path = tmp / "leaflet.typ"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def commands(runs: int) -> None:
    """The commands as a user runs them (fresh processes), next to anchors run as commands on the same input."""
    import pypandoc
    from bench_slides import document_markdown

    from handouts.build import load_project

    exe = [sys.executable, "-m", "handouts"]
    locale = ["--locale", "en-GB", "--no-check", "--project", str(REPO)]
    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as name:
        tmp = Path(name)
        html = final_html(tmp)
        (doc,) = load_project(REPO, [SAMPLE]).documents.values()
        md = tmp / "deck.md"
        md.write_text(document_markdown(doc), encoding="utf-8")
        weasy = [sys.executable, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", str(html), str(tmp / "w.pdf")]
        cold = ["--no-cache", "--out", str(tmp / "cold")]
        leaf = interleaved({
            "handouts build --format pdf (no cache)": [*exe, "build", "--format", "pdf", *locale, *cold],
            "handouts build --format pdf (cached)": [*exe, "build", "--format", "pdf", *locale, "--out", str(tmp / "warm"), "--cache", str(tmp / "c")],
            "weasyprint (its command, same HTML)": weasy,
        }, runs)
        deck = interleaved({
            "handouts build --format pptx (no cache)": [*exe, "build", "--format", "pptx", *locale, *cold],
            "pandoc (binary, same text)": [pypandoc.get_pandoc_path(), str(md), "-o", str(tmp / "p.pptx")],
        }, runs)
        start = interleaved({"handouts --help": [*exe, "--help"], "python -c pass": [sys.executable, "-c", "pass"]}, runs)
        typst = {}
        try:
            import typst as _typst  # noqa: F401 -- optional (pip install .[bench])

            source = typst_source(tmp)
            typst = interleaved({"typst (Python package, comparable text)": [sys.executable, "-c", f"import typst; typst.compile({str(source)!r}, output={str(tmp / 't.pdf')!r})"]}, runs)
        except ImportError:
            pass
    w = leaf["weasyprint (its command, same HTML)"]
    p = deck["pandoc (binary, same text)"]
    print("## Whole commands (fresh process each, A/B interleaved, median of", runs, "rounds)")
    print("| command | wall | ratio to its anchor | goal |")
    print("|---|---:|---:|---|")
    for name, value in leaf.items():
        print(f"| {name} | {value * 1000:.0f} ms | {value / w:.2f}x WeasyPrint | <= 1.15x |")
    for name, value in deck.items():
        print(f"| {name} | {value * 1000:.0f} ms | {value / p:.2f}x Pandoc | <= 2x |")
    for name, value in typst.items():
        print(f"| {name} | {value * 1000:.0f} ms | {value / w:.2f}x WeasyPrint | reference |")
    for name, value in start.items():
        print(f"| {name} | {value * 1000:.0f} ms | | <= 100 ms |")
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
    commands(runs)
    memory()
    for other in ("bench_slides.py", "bench_checks.py"):
        script = Path(__file__).with_name(other)
        if script.is_file():
            sys.stdout.flush()
            subprocess.run([sys.executable, str(script)], cwd=REPO, check=False)
            print()


if __name__ == "__main__":
    main()
