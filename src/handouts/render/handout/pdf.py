"""Handout entries (HTML) -> PDF bytes: the page, the deck's fonts as @font-face, slides/handout.css, WeasyPrint as PDF/UA-1."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ... import native  # noqa: F401  -- first: WeasyPrint's libraries without a compiler (native.py)
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ...errors import HandoutsError, Problem, TemplateError
from .. import RenderJob
from ..deck.fonts import SLOTS
from ..deck.plan import language_tag

from .draw import ROOT

if TYPE_CHECKING:
    from ..deck.deck import Deck
    from .draw import Canvas

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True, "uncompressed_pdf": False}


class MemoryFetcher(URLFetcher):
    """Serves only the handout's own in-memory files (pictures, fonts): nothing is read from disk or the network."""

    def __init__(self, files: dict[str, tuple[bytes, str]]) -> None:
        super().__init__(fail_on_errors=True, allow_redirects=False, allowed_protocols=("file",))
        self.files = files

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url not in self.files:
            raise TemplateError(Problem(f"the handout refers to '{url}', which it does not make: remove it from slides/handout.css"))
        data, kind = self.files[url]
        return URLFetcherResponse(url, data, {"Content-Type": kind})


def font_faces(deck: Deck, cv: Canvas) -> str:
    """@font-face rules for the deck's theme fonts (minor as hd-body-*, major as hd-title-*), regular and bold."""
    fonts = deck.wrapper.m.fonts
    rules = []
    for major, family in ((False, "hd-body"), (True, "hd-title")):
        for slot in SLOTS:
            for bold in (False, True):
                try:
                    face = fonts.face(major, slot, bold, False)
                except HandoutsError:  # -- a slot no text of this deck used (measuring would have stopped otherwise) --
                    continue
                src = f'url("{cv.url(face.path.read_bytes(), "font/" + face.path.suffix.lstrip(".").lower())}")' if face.index == 0 else f'local("{face.family}")'
                rules.append(f"@font-face {{ font-family: {family}-{slot}; src: {src}; font-weight: {700 if bold else 400}; }}")
    return "\n".join(rules)


def write_pdf(job: RenderJob, deck: Deck, cv: Canvas, entries: list[str], per_page: int, paper: str) -> tuple[bytes, int]:
    """The handout's pages: entries in order, a page break after every per_page of them."""
    from ..stamp import file_date

    css = job.theme.find("slides/handout.css").read_text(encoding="utf-8")
    title = html.escape(job.document.meta.title)
    rtl = deck.writer.rtl
    body = "".join(e.replace('class="entry"', 'class="entry last"', 1) if (i + 1) % per_page == 0 else e for i, e in enumerate(entries))
    date = file_date(job.built, job.document.meta.published).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = (f'<!DOCTYPE html><html lang="{language_tag(job.locale)}" dir="{"rtl" if rtl else "ltr"}"><head><meta charset="utf-8">'
            f'<title>{title}</title><meta name="generator" content="handouts"><meta name="dcterms.created" content="{date}">'
            f'<meta name="dcterms.modified" content="{date}"><style>@page {{ size: {paper} portrait; }}\n{font_faces(deck, cv)}\n{css}</style>'
            f'</head><body class="per-{per_page}">{body}</body></html>')
    document = HTML(string=page, base_url=ROOT, url_fetcher=MemoryFetcher(cv.files)).render()
    return document.write_pdf(**PDF_OPTIONS), len(document.pages)
