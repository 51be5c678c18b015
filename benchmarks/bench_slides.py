"""Benchmark: the sample deck against Pandoc's Markdown -> PPTX on the same text; build time and share of visible words.

Run: .venv/bin/python benchmarks/bench_slides.py [--runs N]. Prints a table; not a test.
Needs pypandoc-binary (pip install .[bench]), LibreOffice (soffice) and pdftotext.
Visible words: every deck is rendered by LibreOffice, and each slide's frame words are
looked up on its page with pdftotext (handouts.render.slides_verify), as in the tests.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import pypandoc

    from handouts.build import BuildOptions, load_project, plan
    from handouts.render import renderer
    from handouts.render.slides_verify import check, summary, to_pdf, visible_share

    project = load_project(REPO)
    (job,) = [j for j in plan(project, BuildOptions(formats=["pptx"], locales=[project.config.source_locale]))]
    doc = job.document
    render = renderer("pptx")
    with tempfile.TemporaryDirectory(prefix="bench-slides-") as tmp:
        out = Path(tmp)
        ours = out / "handouts.pptx"
        ours.write_bytes(render(job).data)
        sources = {"pandoc (seed text)": seed_markdown(SEED.read_text(encoding="utf-8")), "pandoc (our document's text)": document_markdown(doc)}
        decks = {"handouts (sample)": ours}
        times = {"handouts (sample)": timed(lambda: render(job), args.runs)}
        for i, (name, md) in enumerate(sources.items()):
            path = out / f"pandoc-{i}.pptx"
            times[name] = timed(lambda md=md, path=path: pypandoc.convert_text(md, "pptx", format="md", outputfile=str(path)), args.runs)
            decks[name] = path
        pdfs = to_pdf(list(decks.values()), out / "pdf")
        print("slides: deck build time and visible words (LibreOffice render, pdftotext)")
        print(f"{'tool':<30} {'build s':>8} {'slides':>7} {'words':>6} {'visible':>8} {'slides clipped':>15}")
        for name, deck in decks.items():
            results = check(deck, pdfs[deck])
            counts = summary(results)
            visible = visible_share(results)
            clipped = sum(1 for r in results if r.missing)
            print(f"{name:<30} {times[name]:>8.3f} {counts['slides']:>7} {counts['words']:>6} {visible:>8.1%} {clipped:>9} of {counts['slides']}")
        ratio = times["handouts (sample)"] / times["pandoc (our document's text)"]
        print(f"handouts / pandoc build time on the same text: {ratio:.2f}x (target <= 2x); target visible: 100%")


if __name__ == "__main__":
    main()
