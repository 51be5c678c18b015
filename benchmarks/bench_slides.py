"""Benchmark: the sample deck against Pandoc's Markdown -> PPTX on the same text; build time and share of visible words.

Run: .venv/bin/python benchmarks/bench_slides.py [--runs N]. Prints a table; not a test.
Needs pypandoc-binary (pip install .[bench]), LibreOffice (soffice) and pdftotext.
Visible words: every deck is rendered by LibreOffice, and each slide's frame words are
looked up on its page with pdftotext (tests/slides_verify.py), as in the tests. Documents: the sample,
and the sample grown to 20 sections.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from bench import timed  # the same median-of-runs timer as the main benchmark

REPO = Path(__file__).resolve().parents[1]
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
    """Our sample document's leaflet text as Markdown (one '##' slide per section)."""
    from handouts.render.deck.plan import section_notes

    out = [f"# {doc.meta.title}", ""]
    for section in doc.sections:
        heading, *rest = section_notes(section).split("\n")
        out += [f"## {heading}", ""] + [("- " + line[2:]) if line.startswith("• ") else line for line in rest] + [""]
    return "\n".join(out).replace("\n\n\n", "\n\n")


def twenty_sections(doc):  # type: ignore[no-untyped-def]
    """The sample document grown to 20 sections (its sections repeated with new ids and numbered headings), contact last."""
    body = doc.sections[:-1]
    sections = []
    for n in range(19):
        base = body[n % len(body)]
        sections.append(base.model_copy(update={"id": f"{base.id}-{n + 1}", "heading": f"{base.heading} ({n + 1})"}))
    return doc.model_copy(update={"sections": [*sections, doc.sections[-1]]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import dataclasses
    import sys

    import pypandoc

    sys.path.insert(0, str(REPO / "tests"))
    from slides_verify import check, summary, to_pdf, visible_share

    from handouts.build import BuildOptions, load_project, plan
    from handouts.render import renderer

    project = load_project(REPO)
    (job,) = [j for j in plan(project, BuildOptions(formats=["pptx"], locales=[project.config.source_locale]))]
    render = renderer("pptx")
    jobs = {"sample": job, "20 sections": dataclasses.replace(job, document=twenty_sections(job.document))}
    with tempfile.TemporaryDirectory(prefix="bench-slides-") as tmp:
        out = Path(tmp)
        decks, times = {}, {}
        for label, j in jobs.items():
            ours, theirs = out / f"handouts-{len(decks)}.pptx", out / f"pandoc-{len(decks)}.pptx"
            ours.write_bytes(render(j).data)
            md = document_markdown(j.document)
            times[("handouts", label)] = timed(lambda j=j: render(j), args.runs)
            times[("pandoc", label)] = timed(lambda md=md, p=theirs: pypandoc.convert_text(md, "pptx", format="md", outputfile=str(p)), args.runs)
            decks[("handouts", label)], decks[("pandoc", label)] = ours, theirs
        seed = out / "pandoc-seed.pptx"
        times[("pandoc, raw seed text", "seed")] = timed(
            lambda: pypandoc.convert_text(seed_markdown(SEED.read_text(encoding="utf-8")), "pptx", format="md", outputfile=str(seed)), args.runs)
        decks[("pandoc, raw seed text", "seed")] = seed
        pdfs = to_pdf(list(decks.values()), out / "pdf")
        print("slides: deck build time and visible words (LibreOffice render, pdftotext), same text for both tools")
        print(f"{'tool':<24} {'document':<12} {'build s':>8} {'slides':>7} {'words':>6} {'visible':>8} {'slides clipped':>15}")
        for (tool, label), deck in decks.items():
            results = check(deck, pdfs[deck])
            counts = summary(results)
            clipped = sum(1 for r in results if r.missing)
            print(f"{tool:<24} {label:<12} {times[(tool, label)]:>8.3f} {counts['slides']:>7} {counts['words']:>6} "
                  f"{visible_share(results):>8.1%} {clipped:>9} of {counts['slides']}")
        for label in jobs:
            ratio = times[("handouts", label)] / times[("pandoc", label)]
            print(f"{label}: handouts / pandoc build time {ratio:.2f}x (target <= 2x); target visible: 100%")


if __name__ == "__main__":
    main()
