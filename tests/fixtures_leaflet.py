"""Leaflet fixtures: mini-project builds shared per session, a recording HTTP server, PDF readers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pdfplumber
import pytest
from conftest import JOBS, REPO, copy_project

from handouts.build import BuildOptions, build


def build_pdfs(root: Path, out: Path, **options: object) -> dict[str, Path]:
    """Build a project's leaflets (content checks skipped: these tests are about rendering) -> variant -> PDF path."""
    report = build(root, BuildOptions(out=out, formats=["pdf"], check=False, **{"jobs": JOBS, **options}))  # type: ignore[arg-type]
    return {a.variant: out / a.path for a in report.artifacts}


@lru_cache(maxsize=64)
def page_texts(path: Path) -> tuple[str, ...]:
    """The text of every page (pdfplumber), read once per file."""
    with pdfplumber.open(path) as pdf:
        return tuple(page.extract_text() or "" for page in pdf.pages)


def flat(text: str) -> str:
    """Text with all whitespace runs collapsed (lines wrap differently from the source)."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def basic_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The leaflet-basic mini-project built once: {'standard': pdf, 'large-print': pdf}."""
    base = tmp_path_factory.mktemp("leaflet-basic")
    root = copy_project("leaflet-basic", base)
    return build_pdfs(root, base / "out", large_print=True)


@dataclass
class Recorder:
    """A real HTTP server on 127.0.0.1 that records every request it gets."""

    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def http_server() -> Iterator[Recorder]:
    """A recording HTTP server on a random local port, in a thread; stopped after the test."""
    recorder = Recorder("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            recorder.requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def print_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """leaflet-print (tables, an image, long addresses, an English name in Spanish) on every paper, booklets, large print."""
    base = tmp_path_factory.mktemp("leaflet-print")
    root = copy_project("leaflet-print", base)
    out = base / "out"
    report = build(root, BuildOptions(out=out, formats=["pdf"], check=False, large_print=True, papers=["A4", "A5", "Letter"], booklet=True, jobs=JOBS))
    return out, report.artifacts


@pytest.fixture(scope="session")
def sample_papers(tmp_path_factory: pytest.TempPathFactory, sample_out: Path) -> Path:
    """The sample's leaflets on A5 and Letter too (A4 comes from the shared sample build), every locale, standard and large print."""
    out = tmp_path_factory.mktemp("sample-papers")
    build(REPO, BuildOptions(out=out, formats=["pdf"], check=False, large_print=True, papers=["A5", "Letter"], use_cache=False, jobs=JOBS))
    for pdf in (sample_out / "isotretinoin-40mg").glob("*/*.pdf"):
        target = out / "isotretinoin-40mg" / pdf.parent.name / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf.read_bytes())
    return out / "isotretinoin-40mg"


def structure(path: Path) -> dict[str, object]:
    """What a screen reader gets from a tagged PDF (pikepdf): roles in order, MCIDs in and out of the tree, artifacts."""
    import pikepdf

    pdf = pikepdf.open(path)
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    elements: list[pikepdf.Dictionary] = []
    in_tree: set[tuple[int, int]] = set()

    def kids(node: pikepdf.Dictionary) -> list:
        k = node.get("/K")
        return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]

    def walk(node: pikepdf.Dictionary) -> None:
        elements.append(node)
        for kid in kids(node):
            if isinstance(kid, int):
                in_tree.add((pages[node.Pg.objgen], int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                in_tree.add((pages[kid.Pg.objgen], int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    walk(pdf.Root.StructTreeRoot.K[0])
    marked: set[tuple[int, int]] = set()
    in_artifact: list[tuple[int, int]] = []
    pagination: dict[int, int] = {}
    for index, page in enumerate(pdf.pages):
        stack: list[str] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                stack.append(str(operands[0]))
                props = operands[1] if op == "BDC" else None
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    marked.add((index, int(props.MCID)))
                    if "/Artifact" in stack[:-1]:
                        in_artifact.append((index, int(props.MCID)))
                if str(operands[0]) == "/Artifact" and isinstance(props, pikepdf.Dictionary) and props.get("/Type") == "/Pagination":
                    pagination[index] = pagination.get(index, 0) + 1
            elif op == "EMC":
                stack.pop()
    return {"pdf": pdf, "elements": elements, "in_tree": in_tree, "marked": marked, "in_artifact": in_artifact, "pagination": pagination, "kids": kids}


@dataclass(frozen=True)
class Fill:
    """How full one page is (lowest text, image or box ÷ content height) and whether the next page starts with a heading and a box taller than this page's gap."""

    fill: float
    next_unit_too_tall: bool


def page_fills(path: Path) -> list[Fill]:
    """Every page's fill, read from the PDF (pdfplumber): content between the page's top content edge and the footer rule."""
    with pdfplumber.open(path) as pdf:
        pages = []
        for page in pdf.pages:
            footer = [r for r in page.rects if abs(r["bottom"] - float(page.height)) < 1]  # margin boxes reach the page edge
            bottom = min((r["top"] for r in footer), default=float(page.height))
            chars = [c for c in page.chars if c.get("tag") != "Artifact" and c["bottom"] < bottom]
            shapes = [r for r in page.rects + page.images if 0 < r["top"] and r["bottom"] < bottom - 1]
            pages.append((bottom, chars, shapes, float(page.width)))
    top = min(min([c["top"] for c in chars] + [s["top"] for s in shapes], default=1e9) for _, chars, shapes, _ in pages)
    above = _space_above_headings(pages, top)
    fills = []
    for index, (bottom, chars, shapes, _) in enumerate(pages):
        lowest = max([c["bottom"] for c in chars] + [s["bottom"] for s in shapes], default=top)
        fill = (lowest - top) / (bottom - top)
        fills.append(Fill(fill, index + 1 < len(pages) and _starts_with_tall_unit(pages[index + 1], top, (1 - fill) * (bottom - top) - above)))
    return fills


def _space_above_headings(pages: list[tuple], top: float) -> float:
    """The usual (median) space between text and a large heading below it (a page top truncates it, so a unit moved up needs it): 0 if none."""
    spaces = []
    for _, chars, _, _ in pages:
        if not chars:
            continue
        body = sorted(c["size"] for c in chars)[len(chars) // 2]
        for c in chars:
            if c["size"] >= 1.25 * body and c["top"] > top + body:
                above = [o["bottom"] for o in chars if o["bottom"] <= c["top"] and o["size"] < 1.1 * body]
                if above:
                    spaces.append(c["top"] - max(above))
    return sorted(spaces)[len(spaces) // 2] if spaces else 0.0


def _starts_with_tall_unit(page: tuple, top: float, gap: float) -> bool:
    bottom, chars, shapes, width = page
    if not chars:
        return False
    body = sorted(c["size"] for c in chars)[len(chars) // 2]
    first = min(chars, key=lambda c: c["top"])
    if first["size"] < 1.1 * body:
        return False  # the page does not start with a heading
    near = top + 0.3 * (bottom - top)
    boxes = [s["bottom"] for s in shapes if s["top"] < near and s["x1"] - s["x0"] > 0.4 * width and s["bottom"] - s["top"] > 2 * body]
    return bool(boxes) and max(boxes) - top > gap
