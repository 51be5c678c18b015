"""Leaflet stage 2: a RenderJob -> PDF bytes (final HTML from render.html, laid out by WeasyPrint, PDF/UA-1)."""

from __future__ import annotations

from functools import lru_cache

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from ..errors import Problem, TemplateError, UnsafeReference
from ..fetcher import RestrictedFetcher, refusal_problem
from . import Rendered, RenderJob
from .html import LeafletHTML, render_html

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True, "uncompressed_pdf": False}


def render(job: RenderJob) -> Rendered:
    """Render one leaflet; unsafe or missing resources -> an error at the file and line that named them."""
    page = render_html(job)
    return render_page(page, job.theme.readable_roots())


def render_page(page: LeafletHTML, roots: list) -> Rendered:
    """Final HTML -> PDF bytes with the restricting fetcher (every resource read goes through it)."""
    fetcher = RestrictedFetcher(roots, page.extra_files, page.project)
    try:
        document = HTML(string=page.html, base_url=page.base_url, url_fetcher=fetcher).render(font_config=font_config())
        data = document.write_pdf(**PDF_OPTIONS)
    except FatalURLFetchingError as exc:
        raise _fetch_error(exc, fetcher, page) from None
    return Rendered(data=data, pages=len(document.pages))


@lru_cache(maxsize=1)
def font_config() -> FontConfiguration:
    """One font configuration per process: @font-face files are loaded once and reused by every leaflet."""
    return FontConfiguration()


def _fetch_error(exc: FatalURLFetchingError, fetcher: RestrictedFetcher, page: LeafletHTML) -> Exception:
    if fetcher.refused:
        problems = [refusal_problem(url, page.origin(url)) for url in dict.fromkeys(fetcher.refused)]
        return UnsafeReference(problems)
    cause = exc.__cause__ or exc
    return TemplateError(Problem(f"a file the leaflet needs could not be read ({cause}): check the path in the template or document"))

