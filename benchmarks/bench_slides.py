"""Benchmark: the deck command against Pandoc's Markdown -> PPTX on the same text, as whole processes; visible words of both decks.

Run: .venv/bin/python benchmarks/bench_slides.py [--runs N] [--before PYTHON]. Prints Markdown tables; not a test.
Needs pypandoc-binary (pip install .[bench]), LibreOffice (soffice) and pdftotext.

Timing: `handouts build --locale en-GB --format pptx --no-check --no-cache` and the Pandoc binary
(`pandoc deck.md -o deck.pptx`), each a fresh process, A/B interleaved, medians (bench.interleaved).
CPU is user + system time of the whole process tree; on a shared machine it moves far less with
the load than wall time, so the CPU ratio is the figure to compare (the load average is printed).
The floor rows time what any Python deck command pays before it does any work: the interpreter,
python-pptx's import, and handouts' configuration model (pydantic) that every command loads.
Visible words: every deck is rendered by LibreOffice, and each slide's frame words are looked up
on its page with pdftotext (tests/slides_verify.py), as in the tests. Documents: the sample, and
the sample grown to 20 sections (its sections repeated with new ids and numbered headings).
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml
from bench import interleaved  # fresh processes, A/B interleaved, medians of (wall, CPU of the process tree)

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "isotretinoin-40mg"
SEED = REPO.parent / "shared" / "seed" / "isotretinoin-40mg.txt"
if not SEED.is_file():
    SEED = Path("/work/shared/seed/isotretinoin-40mg.txt")


def seed_markdown(text: str) -> str:
    """The seed text as the Markdown a user would hand Pandoc: short unpunctuated lines are slide headings."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out: list[str] = []
    for line in lines:
        if line.startswith("- "):
            out.append(line)
        elif len(line) < 60 and not re.search(r"[.:]$", line):
            out += ["", f"# {line}", ""]
        else:
            out += ["", line, ""]
    return "\n".join(out)


def document_markdown(doc) -> str:  # type: ignore[no-untyped-def]
    """A document's leaflet text as Markdown (one '##' slide per section)."""
    from handouts.render.deck.plan import section_notes

    out = [f"# {doc.meta.title}", ""]
    for section in doc.sections:
        heading, *rest = section_notes(section).split("\n")
        out += [f"## {heading}", ""] + [("- " + line[2:]) if line.startswith("• ") else line for line in rest] + [""]
    return "\n".join(out).replace("\n\n\n", "\n\n")


def twenty_sections(dest: Path) -> Path:
    """A copy of the sample project whose document has 20 sections (its sections repeated, new ids and numbered headings), contact last."""
    shutil.copy(REPO / "handouts.yml", dest / "handouts.yml")
    shutil.copytree(REPO / "content" / SAMPLE, dest / "content" / SAMPLE)
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", dest / "templates")
    path = dest / "content" / SAMPLE / "document.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    body, contact = doc["sections"][:-1], doc["sections"][-1]
    doc["sections"] = [{**copy.deepcopy(body[n % len(body)]), "id": f"{body[n % len(body)]['id']}-{n + 1}",  # -- copies: no YAML aliases --
                        "heading": f"{body[n % len(body)]['heading']} ({n + 1})"} for n in range(19)] + [contact]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", default=None, metavar="PYTHON", help="also time the deck command with this interpreter (another checkout's .venv/bin/python)")
    args = parser.parse_args()

    import pypandoc

    sys.path.insert(0, str(REPO / "tests"))
    from slides_verify import check, summary, to_pdf, visible_share

    from handouts.build import load_project

    pandoc = pypandoc.get_pandoc_path()
    python = sys.executable
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-slides-") as tmp:
        out = Path(tmp)
        (out / "twenty").mkdir()
        projects = {"sample": REPO, "20 sections": twenty_sections(out / "twenty")}
        commands, decks = {}, {}
        for n, (label, root) in enumerate(projects.items()):
            (doc,) = load_project(root).documents.values()
            md = out / f"deck-{n}.md"
            md.write_text(document_markdown(doc), encoding="utf-8")
            built = out / f"handouts-{n}"
            commands[("handouts", label)] = [python, "-m", "handouts", "build", "--project", str(root), "--locale", "en-GB", "--format", "pptx",
                                             "--no-check", "--no-cache", "--quiet", "--out", str(built)]
            if args.before:
                commands[("handouts (before)", label)] = [args.before, *commands[("handouts", label)][1:-1], str(out / f"before-{n}")]
            commands[("pandoc", label)] = [pandoc, str(md), "-o", str(out / f"pandoc-{n}.pptx")]
            decks[("handouts", label)] = built / SAMPLE / "en-GB" / f"{SAMPLE}.en-GB.pptx"
            decks[("pandoc", label)] = out / f"pandoc-{n}.pptx"
        seed = out / "seed.md"
        seed.write_text(seed_markdown(SEED.read_text(encoding="utf-8")), encoding="utf-8")
        commands[("pandoc, raw seed text", "seed")] = [pandoc, str(seed), "-o", str(out / "pandoc-seed.pptx")]
        decks[("pandoc, raw seed text", "seed")] = out / "pandoc-seed.pptx"
        floor = {
            "python -c pass": [python, "-c", "pass"],
            "python -c 'import pptx'": [python, "-c", "import pptx"],
            "python -c 'import handouts.build' (config model: pydantic, YAML, Markdown)": [python, "-c", "import handouts.build"],
            "python -c 'import handouts.build, pptx, uharfbuzz, icu4py.breakers'": [python, "-c", "import handouts.build, pptx, uharfbuzz, icu4py.breakers"],
        }
        names = {f"{tool} | {label}": cmd for (tool, label), cmd in commands.items()}
        times = interleaved({**names, **floor}, args.runs)
        load_after = os.getloadavg()[0]
        for key, deck in decks.items():  # -- one name per deck: LibreOffice names each PDF after its deck --
            if deck.parent.name == "en-GB":
                decks[key] = Path(shutil.copy(deck, out / f"handouts-{key[1].replace(' ', '-')}.pptx"))
        pdfs = to_pdf(list(decks.values()), out / "pdf")
        print(f"## Deck command vs Pandoc (fresh processes, A/B interleaved, median of {args.runs}; load average {load_before:.1f} -> "
              f"{load_after:.1f} on {os.cpu_count()} cores)")
        print("| tool | document | CPU | wall | CPU ratio | wall ratio | slides | words | visible | slides clipped |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (tool, label), deck in [*decks.items(), *(((t, lb), None) for t, lb in commands if t == "handouts (before)")]:
            wall, cpu = times[f"{tool} | {label}"]
            anchor = times.get(f"pandoc | {label}", times[f"{tool} | {label}"])
            timing = f"| {tool} | {label} | {cpu * 1000:.0f} ms | {wall * 1000:.0f} ms | {cpu / anchor[1]:.2f}x | {wall / anchor[0]:.2f}x |"
            if deck is None:  # -- the other checkout's deck: timed only --
                print(timing + " | | | |")
                continue
            results = check(deck, pdfs[deck])
            counts = summary(results)
            clipped = sum(1 for r in results if r.missing)
            print(f"{timing} {counts['slides']} | {counts['words']} | {visible_share(results):.1%} | {clipped} of {counts['slides']} |")
        print()
        print("Floor: what a Python deck command pays before any work (CPU ratio to Pandoc on the sample):")
        print("| command | CPU | wall | CPU ratio |")
        print("|---|---:|---:|---:|")
        pandoc_cpu = times["pandoc | sample"][1]
        for name in floor:
            wall, cpu = times[name]
            print(f"| {name} | {cpu * 1000:.0f} ms | {wall * 1000:.0f} ms | {cpu / pandoc_cpu:.2f}x |")
        print()
        for label in projects:
            h, p = times[f"handouts | {label}"], times[f"pandoc | {label}"]
            print(f"{label}: handouts / pandoc CPU {h[1] / p[1]:.2f}x, wall {h[0] / p[0]:.2f}x (target <= 2x); target visible: 100%")


if __name__ == "__main__":
    main()
