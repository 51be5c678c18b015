"""Print products of a leaflet: papers, file names, padding to whole booklet sheets, saddle-stitch imposition (pikepdf)."""

from __future__ import annotations

import difflib
import io
from dataclasses import replace

from ...errors import HandoutsError, Problem
from .. import RenderJob

MM = 72 / 25.4
# Page sizes in points, and the sheet a folded booklet of those pages is printed on (landscape, two pages side by side).
PAPERS: dict[str, tuple[float, float]] = {"A4": (210 * MM, 297 * MM), "A5": (148 * MM, 210 * MM), "Letter": (612.0, 792.0)}
SHEETS: dict[str, tuple[str, tuple[float, float]]] = {
    "A5": ("A4", (297 * MM, 210 * MM)),
    "A4": ("A3", (420 * MM, 297 * MM)),
    "Letter": ("Tabloid (11 x 17 in)", (1224.0, 792.0)),
}


def paper_name(value: str) -> str:
    """A paper name as the user typed it (a4, letter) -> its canonical name; unknown -> an error with a suggestion."""
    for name in PAPERS:
        if value.strip().lower() == name.lower():
            return name
    close = difflib.get_close_matches(value.strip().upper(), [p.upper() for p in PAPERS], n=1, cutoff=0.4)
    hint = f"did you mean {next(p for p in PAPERS if p.upper() == close[0])}? " if close else ""
    raise HandoutsError(Problem(f"unknown paper '{value}': {hint}use one of {', '.join(PAPERS)} (e.g. --paper A4,A5)"))


def print_jobs(job: RenderJob, papers: list[str] | None, booklet: bool, print_marks: bool) -> list[RenderJob]:
    """One leaflet job -> a job per paper; with booklet, the leaflet padded to whole sheets plus its imposed booklet."""
    names = [paper_name(p) for p in papers] if papers else [job.config.leaflet.paper]
    jobs = []
    for paper in dict.fromkeys(names):
        base = replace(job, paper=paper, booklet=booklet, print_marks=print_marks)
        jobs.append(base)
        if booklet:
            jobs.append(replace(base, variant="booklet" if job.variant == "standard" else f"{job.variant}-booklet"))
    return jobs


def is_booklet(job: RenderJob) -> bool:
    """The imposed booklet (not the leaflet it is made from)."""
    return job.variant.endswith("booklet")


def file_suffix(job: RenderJob) -> str:
    """<doc>.<locale>[.large-print][.a5|.letter][.print][.booklet]: A4 keeps today's name; every product its own file."""
    return suffix(job.variant, job.paper or job.config.leaflet.paper, job.print_marks)


def suffix(variant: str, paper: str, print_marks: bool) -> str:
    """The file-name suffix of a leaflet product (see file_suffix), from its variant, paper and print marks."""
    parts = [] if not variant.startswith("large-print") else ["large-print"]
    if paper != "A4":
        parts.append(paper.lower())
    if print_marks:
        parts.append("print")
    if variant.endswith("booklet"):
        parts.append("booklet")
    return "".join(f".{p}" for p in parts)


def pad(data: bytes, multiple: int = 4) -> tuple[bytes, int]:
    """Blank pages at the end (never inside the text) up to a multiple of `multiple` pages -> (PDF, page count)."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    count = len(pdf.pages)
    missing = -count % multiple
    if not missing:
        return data, count
    box = pdf.pages[-1].mediabox
    for _ in range(missing):
        pdf.add_blank_page(page_size=(float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
        pdf.pages[-1].MediaBox = box
    return _save(pdf), count + missing


def spreads(pages: int, rtl: bool = False) -> list[tuple[int, int]]:
    """Saddle-stitch order: (left, right) 1-based page numbers for each sheet side, front then back, sheet by sheet."""
    sides = []
    for sheet in range(pages // 4):
        front = (pages - 2 * sheet, 1 + 2 * sheet)
        back = (2 + 2 * sheet, pages - 1 - 2 * sheet)
        sides += [front[::-1], back[::-1]] if rtl else [front, back]
    return sides


def impose(data: bytes, paper: str, rtl: bool = False) -> tuple[bytes, int]:
    """A padded leaflet -> its booklet: two pages side by side on each landscape sheet side, duplex (flip on short edge)."""
    import pikepdf

    src = pikepdf.open(io.BytesIO(data))
    width, height = PAPERS[paper]
    sheet_w, sheet_h = SHEETS[paper][1]
    x0, y0 = (sheet_w - 2 * width) / 2, (sheet_h - height) / 2
    out = pikepdf.new()
    out.docinfo = out.make_indirect(pikepdf.Dictionary({k: v for k, v in src.docinfo.items() if k in ("/Title", "/Author", "/CreationDate", "/ModDate")}))
    for left, right in spreads(len(src.pages), rtl):
        out.add_blank_page(page_size=(sheet_w, sheet_h))
        sheet = out.pages[-1]
        for number, x in ((left, x0), (right, x0 + width)):
            form = out.copy_foreign(src.pages[number - 1].as_form_xobject())
            sheet.add_overlay(form, pikepdf.Rectangle(x, y0, x + width, y0 + height))
    return _save(out), len(out.pages)


def _save(pdf: object) -> bytes:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
