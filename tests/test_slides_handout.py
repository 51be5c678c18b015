"""The --handout PDF and the renderers' notices through `handouts build`: text, pages, tags, right to left, manifest, cache."""

from __future__ import annotations

import io
import json
import math
import re
import subprocess
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from fixtures_slides import SHORT_ARABIC, arabic_texts, job_for
from pptx import Presentation

from handouts.cli import main
from handouts.render.handout import render as handout

ZWSP = "\u200b"


def cli(*args: str) -> tuple[int, str]:
    """`handouts ...` in this process: (exit code, what it printed on stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, err.getvalue()


def words(text: str) -> str:
    """Text without white space (a long address breaks over lines, after its hyphens)."""
    return "".join(text.replace(ZWSP, "").split())


def pdf_text(data: bytes) -> str:
    return words(subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout.decode())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The print-room leaflet built with --handout (and its deck), through the command line."""
    from conftest import copy_project

    root = copy_project("leaflet-print", tmp_path_factory.mktemp("handout"))
    code, err = cli("build", "--project", str(root), "--no-check", "--format", "pptx", "--handout", "--jobs", "1", "--out", str(root / "out"))
    assert code == 0, err
    return root / "out"


def test_handout_holds_every_slide_title_and_the_notes(built: Path) -> None:
    folder = built / "leaflet-print" / "es"
    deck = Presentation(str(folder / "leaflet-print.es.pptx"))
    data = (folder / "leaflet-print.es.handout.pdf").read_bytes()
    text = pdf_text(data)
    for slide in deck.slides:
        assert words(slide.shapes.title.text_frame.text) in text
        for line in slide.notes_slide.notes_text_frame.text.split("\n"):
            assert words(line) in text, line
    # -- 14 slides, 3 a page: ceil(14 / 3) = 5 pages --
    assert len(deck.slides) == 14
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 5
        assert pdf.Root.MarkInfo.Marked and "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "es"
        figures = [e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure"]
        assert figures and all(str(e.get("/Alt", "")) for e in figures)  # pictures keep the deck's alt text


def _elements(node):  # type: ignore[no-untyped-def]
    kids = node.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def test_handout_in_the_manifest_as_a_pdf_variant(built: Path) -> None:
    entries = {e["path"]: e for e in json.loads((built / "manifest.json").read_text(encoding="utf-8"))["artifacts"]}
    entry = entries["leaflet-print/es/leaflet-print.es.handout.pdf"]
    assert (entry["format"], entry["variant"], entry["pages"]) == ("pdf", "handout", 5)


def test_two_slides_a_page_and_right_to_left() -> None:
    job = job_for("leaflet-print", "ar", arabic_texts("leaflet-print", SHORT_ARABIC))
    slides = Presentation(io.BytesIO(__import__("handouts.render.deck", fromlist=["render"]).render(job).data)).slides
    config = job.config.model_copy(update={"slides": job.config.slides.model_copy(update={"handout_per_page": 2})})
    result = handout(replace(job, config=config, format="pdf", variant="handout"))
    assert result.pages == math.ceil(len(slides) / 2) and not [n for n in result.notices if "speaker notes" in n.problem.message]
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert str(pdf.Root.Lang) == "ar"
    text = subprocess.run(["pdftotext", "-", "-"], input=result.data, capture_output=True, check=True).stdout.decode()
    assert len(re.findall("[\u0600-\u06ff]", text)) > 500
    # -- right to left: each slide drawn on the right half of the page, its notes on the left --
    layout = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", "-", "-"], input=result.data, capture_output=True, check=True).stdout.decode()
    label = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"[^>]*>NOTES</word>', layout, flags=re.I)]
    assert label and all(x < 595 / 2 for x in label)


def test_build_prints_notices_and_the_manifest_keeps_them_through_the_cache(make_project: Callable[..., Path]) -> None:
    """python-pptx's default master has no picture placeholder: the QR code is placed by geometry (info); a tiny picture warns."""
    from PIL import Image
    from test_slides_master import MASTERS, SUBSTITUTES, project_with_master

    def edit(doc: dict) -> None:  # type: ignore[type-arg]
        doc["meta"]["url"] = "https://leaflets.example.org/minimal"
        doc["sections"][0]["body"].append({"image": {"src": "tiny.png", "alt": "A tiny square"}})

    root = make_project("minimal", edit)
    Image.new("RGB", (40, 30), "#005EB8").save(root / "content" / "minimal" / "tiny.png")
    root = project_with_master(lambda name: root, (MASTERS / "python-pptx-default.pptx").read_bytes(), SUBSTITUTES)
    args = ("build", "--project", str(root), "--no-check", "--format", "pptx", "--jobs", "1", "--out", str(root / "out"))
    for verbose, summary in ((False, "built 1, cached 0"), (True, "built 0, cached 1")):  # the second build takes the deck from the cache
        code, err = cli(*args, *(["--verbose"] if verbose else []))
        assert code == 0 and summary in err, err
        assert re.search(r"warning: content/minimal/document.yml:\d+: image is 40 px wide", err), err
        if verbose:
            assert "has no picture placeholder for the QR code" in err
        else:
            assert "has no picture placeholder" not in err and re.search(r"info: \d+ renderer note", err)
        (entry,) = json.loads((root / "out" / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
        assert {n["severity"] for n in entry["notices"]} == {"info", "warning"}
        assert any("has no picture placeholder for the QR code" in n["message"] for n in entry["notices"])


def test_handout_same_input_same_bytes() -> None:
    job = replace(job_for("minimal", "en"), format="pdf", variant="handout")
    assert handout(job).data == handout(job).data


def test_notes_too_long_for_their_share_warn_and_count_pages_truthfully() -> None:
    long = "Take the capsule with food and tell your nurse about any new pain or low mood."
    paragraphs = {key: text for key, text in arabic_texts("leaflet-print", long, density=8.0).items() if re.fullmatch(r"[\w-]+\.body\.\d+\.text", key)}
    job = job_for("leaflet-print", "en", paragraphs)  # -- only the sections' paragraphs grow: they go to the notes, not onto the slides --
    slides = len(Presentation(io.BytesIO(__import__("handouts.render.deck", fromlist=["render"]).render(job).data)).slides)
    result = handout(replace(job, format="pdf", variant="handout"))
    [warning] = [n.problem.message for n in result.notices if "speaker notes" in n.problem.message]
    assert "do not fit beside their slide at 3 slides a page" in warning and "handout_per_page: 2" in warning
    # -- the page count is named only when it grew, and then with both numbers --
    expected = math.ceil(slides / 3)
    assert result.pages >= expected
    assert (f"has {result.pages} pages instead of {expected}" in warning) == (result.pages > expected), warning
