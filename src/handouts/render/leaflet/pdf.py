"""Leaflet stage 2: a RenderJob -> PDF bytes (final HTML from render.leaflet.html, laid out by WeasyPrint, PDF/UA-1)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ... import native  # noqa: F401  -- first: WeasyPrint's libraries without a compiler (native.py)
from weasyprint import HTML, LOGGER
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from ...errors import ContentError, Problem, TemplateError, UnsafeReference
from ...fetcher import RestrictedFetcher, written_at
from .. import Rendered, RenderJob
from .cssrefs import unsafe_references
from .html import LeafletHTML, render_html
from .layout import settle
from .products import impose, is_booklet, pad
from .record import recording
from .tags import retag

IMAGE_FAILURES = ("Failed to load image", "Failed to render SVG image")
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True, "uncompressed_pdf": False}


def render(job: RenderJob) -> Rendered:
    """Render one leaflet product; unsafe or missing resources -> an error at the file and line that named them."""
    page = render_html(job)
    leaflet = render_page(page, job.theme.readable_roots())
    if not job.booklet:
        return leaflet
    if leaflet.pages % 4:
        page = render_html(job, notes_page=True)
        leaflet = render_page(page, job.theme.readable_roots())
    data, pages = pad(leaflet.data)
    if is_booklet(job):
        data, pages = impose(data, job.paper or job.config.leaflet.paper, page.rtl)
    return Rendered(data=data, pages=pages)


def render_page(page: LeafletHTML, roots: list[Path]) -> Rendered:
    """Final HTML -> PDF bytes with the restricting fetcher (every resource read goes through it); what WeasyPrint would skip is an error."""
    fetcher = RestrictedFetcher(roots, page.extra_files, page.project)
    unsafe = unsafe_references(page.folders, fetcher)
    if unsafe:
        raise UnsafeReference(unsafe)
    with _logged() as records, recording() as recorder:
        try:
            document = settle(HTML(string=page.html, base_url=page.base_url, url_fetcher=fetcher), font_config())
            data = document.write_pdf(**PDF_OPTIONS)  # draws SVG images, which may fetch what they link to
        except FatalURLFetchingError as exc:
            if not fetcher.refused:
                raise TemplateError(Problem(f"a file the leaflet needs could not be read ({exc.__cause__ or exc}): check the path in the template or document")) from None
    failed = [str(r.args[0]) for r in records if r.msg.startswith(IMAGE_FAILURES) and isinstance(r.args, tuple) and r.args]
    if fetcher.refused:
        # -- a refusal inside an image (an SVG's own links) is swallowed by WeasyPrint: it is said at that image --
        image = page.origin(failed[0]) if failed else None
        raise UnsafeReference([fetcher.problem(url, page.origin(url) or image) for url in dict.fromkeys(fetcher.refused)])
    images = [_image_problem(url, page) for url in failed]
    css = [_css_problem(r.getMessage(), page) for r in records if "css" in Path(r.pathname).parts]
    if images or css:
        raise (ContentError if images else TemplateError)(list(dict.fromkeys(images + css)))
    return Rendered(data=retag(data, recorder, page.rtl), pages=len(document.pages))


@contextmanager
def _logged() -> Iterator[list[logging.LogRecord]]:
    """What WeasyPrint logs while rendering: it skips an unreadable image or an invalid CSS declaration and goes on."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    LOGGER.addHandler(handler)
    try:
        yield records
    finally:
        LOGGER.removeHandler(handler)


def _image_problem(url: str, page: LeafletHTML) -> Problem:
    where = page.origin(url)
    name = url.rsplit("/", 1)[-1] or url
    return Problem(f"image '{name}' cannot be read as a picture: save it as PNG, JPEG or SVG",
                   path=where.path if where else None, line=where.line if where else None)


def _css_problem(message: str, page: LeafletHTML) -> Problem:
    # -- WeasyPrint names no file: the stylesheet line it gives if the ignored text is there, else a template line holding it --
    quoted = re.search(r"`([^`]+)`|(@[\w-]+)", message)
    needle = next((g.strip() for g in quoted.groups() if g), "") if quoted else ""
    at = re.search(r" at (\d+):\d+", message)
    sheet = next((f / "leaflet.css" for f in page.folders if (f / "leaflet.css").is_file()), None)
    if needle and at and sheet and needle in _line(sheet, int(at.group(1))):
        where: Problem | None = Problem("", path=sheet, line=int(at.group(1)))
    else:
        where = written_at(needle, page.folders) if needle else None
    return Problem(f"CSS that WeasyPrint cannot use: {message.rstrip('.')}; fix or remove it",
                   path=where.path if where else None, line=where.line if where else None)


def _line(path: Path, number: int) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


@lru_cache(maxsize=1)
def font_config() -> FontConfiguration:
    """One font configuration per process: @font-face files are loaded once and reused by every leaflet."""
    return FontConfiguration()
