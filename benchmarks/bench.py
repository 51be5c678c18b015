"""Benchmark: whole commands as a user runs them (leaflet vs WeasyPrint's command, deck vs Pandoc, --help), peak memory; then the slides and checks benchmarks.

Every command is a fresh process, A/B interleaved, median wall time and median CPU time (user +
system of the process and the children it waits for: on a shared machine CPU time moves much
less with the load than wall time). Bytecode is written and used as an installed wheel does
(PYTHONDONTWRITEBYTECODE is dropped for the commands). `--before PYTHON` times the same handouts
commands with another interpreter (e.g. the main branch's .venv/bin/python) in the same rounds.

Run: .venv/bin/python benchmarks/bench.py [--quick] [--before PYTHON] [--only commands]. Prints tables; not a test.
"""

from __future__ import annotations

import argparse
import os
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


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(cmd: list[str], cwd: Path = REPO, server: object = None) -> tuple[float, float]:
    """(wall s, CPU s) of one command as a fresh process; CPU is user + system of its whole process tree (workers too), and of the build server's copy when `server` runs it."""
    from bench_scale import measure

    wall, cpu, _, _ = measure(cmd, cwd, server)  # type: ignore[arg-type]
    return wall, cpu


def interleaved(commands: dict[str, list[str]], runs: int, cwd: Path = REPO, before: dict[str, Callable[[], None]] | None = None,
                servers: dict[str, object] | None = None) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) of each command as a fresh process, runs rounds of A/B/... alternated (load drifts over all alike); before[name] runs, untimed, before each run of it; servers[name] is the build server that runs it."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    before, servers = before or {}, servers or {}
    for name, cmd in commands.items():  # one warm-up each: page cache, font cache, bytecode
        before.get(name, lambda: None)()
        once(cmd, cwd, servers.get(name))
    for _ in range(runs):
        for name, cmd in commands.items():
            before.get(name, lambda: None)()
            times[name].append(once(cmd, cwd, servers.get(name)))
    return {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values)) for name, values in times.items()}


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


def forget_artifacts(cache: Path) -> None:
    """Remove the cache entries from a cache folder, keeping the compiled templates: as after an edit of the document."""
    for folder in cache.glob("??"):
        shutil.rmtree(folder, ignore_errors=True)


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


def commands(runs: int, before: str | None = None) -> None:
    """The commands as a user runs them (fresh processes), next to anchors run as commands on the same input."""
    import pypandoc
    from bench_slides import document_markdown

    from handouts.build import load_project

    start_load = os.getloadavg()[0]
    pythons = {"": sys.executable, **({" (before)": before} if before else {})}
    locale = ["--locale", "en-GB", "--no-check", "--project", str(REPO)]
    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as name:
        tmp = Path(name)
        html = final_html(tmp)
        (doc,) = load_project(REPO, [SAMPLE]).documents.values()
        md = tmp / "deck.md"
        md.write_text(document_markdown(doc), encoding="utf-8")
        weasy = [sys.executable, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", str(html), str(tmp / "w.pdf")]
        leaf_cmds, deck_cmds, start_cmds = {}, {}, {}
        forget: dict[str, Callable[[], None]] = {}
        for tag, python in pythons.items():
            exe = [python, "-m", "handouts"]
            cold = ["--no-cache", "--out", str(tmp / f"cold{len(tag)}")]
            leaf_cmds[f"handouts build --format pdf (no cache){tag}"] = [*exe, "build", "--format", "pdf", *locale, *cold]
            changed = tmp / f"changed{len(tag)}"
            name = f"handouts build --format pdf (cache on, the leaflet not in it){tag}"
            leaf_cmds[name] = [*exe, "build", "--format", "pdf", *locale, "--out", str(tmp / f"o{len(tag)}"), "--cache", str(changed)]
            forget[name] = lambda folder=changed: forget_artifacts(folder)
            leaf_cmds[f"handouts build --format pdf (cached){tag}"] = [*exe, "build", "--format", "pdf", *locale, "--out", str(tmp / f"warm{len(tag)}"), "--cache", str(tmp / f"c{len(tag)}")]
            deck_cmds[f"handouts build --format pptx (no cache){tag}"] = [*exe, "build", "--format", "pptx", *locale, *cold]
            start_cmds[f"handouts --help{tag}"] = [*exe, "--help"]
        # -- the same commands with a build server running (`handouts daemon start`): what a user who keeps one waits for --
        from bench_scale import Server

        server = Server(tmp)
        exe = [sys.executable, "-m", "handouts"]
        cold = ["--no-cache", "--out", str(tmp / "served")]
        leaf_cmds["handouts build --format pdf (no cache), build server running"] = [*exe, "build", "--format", "pdf", *locale, *cold]
        deck_cmds["handouts build --format pptx (no cache), build server running"] = [*exe, "build", "--format", "pptx", *locale, *cold]
        servers = {name: server for name in (*leaf_cmds, *deck_cmds) if "server running" in name}
        try:
            leaf = interleaved({**leaf_cmds, "weasyprint (its command, same HTML)": weasy}, runs, before=forget, servers=servers)
            deck = interleaved({**deck_cmds, "pandoc (binary, same text)": [pypandoc.get_pandoc_path(), str(md), "-o", str(tmp / "p.pptx")]}, runs,
                               servers=servers)
        finally:
            server.stop()
        start = interleaved({**start_cmds, "python -c pass": [sys.executable, "-c", "pass"]}, runs)
        typst = {}
        try:
            import typst as _typst  # noqa: F401 -- optional (pip install .[bench])

            source = typst_source(tmp)
            typst = interleaved({"typst (Python package, comparable text)": [sys.executable, "-c", f"import typst; typst.compile({str(source)!r}, output={str(tmp / 't.pdf')!r})"]}, runs)
        except ImportError:
            pass
    w = leaf["weasyprint (its command, same HTML)"]
    p = deck["pandoc (binary, same text)"]
    load = os.getloadavg()[0]
    print(f"## Whole commands (fresh process each, A/B interleaved, median of {runs} rounds; load average {start_load:.1f} -> {load:.1f} on {os.cpu_count()} cores)")
    print("| command | wall | CPU | wall ratio | CPU ratio | goal |")
    print("|---|---:|---:|---:|---:|---|")

    def row(name: str, value: tuple[float, float], anchor: tuple[float, float] | None, what: str, goal: str) -> None:
        ratios = f"{value[0] / anchor[0]:.2f}x {what} | {value[1] / anchor[1]:.2f}x" if anchor else " | "
        print(f"| {name} | {value[0] * 1000:.0f} ms | {value[1] * 1000:.0f} ms | {ratios} | {goal} |")

    for name, value in leaf.items():
        row(name, value, w, "WeasyPrint", "<= 1.15x" if "not in it" in name or "no cache" in name else "")
    for name, value in deck.items():
        row(name, value, p, "Pandoc", "<= 2x" if "handouts" in name else "")
    for name, value in typst.items():
        row(name, value, w, "WeasyPrint", "reference")
    for name, value in start.items():
        row(name, value, None, "", "<= 100 ms" if "help" in name else "")
    print()


def memory() -> None:
    """Wall time and peak memory of a full build of the sample (every locale, format, large print)."""
    out = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "handouts", "build", "--large-print", "--out", str(out)], cwd=REPO, env=ENV, capture_output=True, check=True)
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
    parser.add_argument("--before", default=None, metavar="PYTHON", help="also time the handouts commands with this interpreter (another checkout's .venv/bin/python)")
    parser.add_argument("--only", choices=("commands",), default=None, help="only the whole-command table")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    commands(runs, args.before)
    if args.only:
        return
    memory()
    for other in ("bench_slides.py", "bench_checks.py"):
        script = Path(__file__).with_name(other)
        if script.is_file():
            sys.stdout.flush()
            subprocess.run([sys.executable, str(script)], cwd=REPO, check=False)
            print()


if __name__ == "__main__":
    main()
