"""Renderers: a localized Document + a RenderJob -> bytes of one artifact (pdf, pptx)."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import Problem
from ..model import Contact, Document
from ..theme import Theme


@dataclass(frozen=True)
class Provenance:
    """Where a locale's text comes from (the source, or a catalog) and its status."""

    status: str = "source"  # source | current | draft
    source_version: str = ""
    translator: str | None = None
    reviewer: str | None = None
    review_date: str | None = None
    reviewed: bool = True


@dataclass(frozen=True)
class RenderJob:
    """Everything a renderer needs; renderers read files only through theme and folder."""

    document: Document
    locale: str
    config: Config
    theme: Theme
    folder: Path
    format: str = "pdf"
    variant: str = "standard"
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    provenance: Provenance = Provenance()
    paper: str | None = None  # leaflet paper (A4, A5, Letter); None: handouts.yml's
    booklet: bool = False  # leaflet padded to a multiple of 4 pages (variant *booklet: imposed)
    print_marks: bool = False  # 3 mm bleed and crop marks

    @property
    def draft(self) -> bool:
        return self.provenance.status == "draft"

    @property
    def organisation(self) -> str | None:
        """The document's organisation, else the brand's."""
        return self.document.meta.organisation or self.config.brand.organisation

    @property
    def contact(self) -> Contact | None:
        """The document's contact, else the brand's default contact."""
        return self.document.meta.contact or self.config.brand.contact

    def gettext(self, message: str) -> str:
        """A template string in the job's locale."""
        return self.translations.gettext(message)


@dataclass(frozen=True)
class Notice:
    """Something a renderer wants the user to know (info: what it placed by geometry; warning: what to improve)."""

    severity: str  # info | warning
    problem: Problem


@dataclass(frozen=True)
class Rendered:
    """One artifact's bytes, its page (or slide) count and the renderer's notices."""

    data: bytes
    pages: int
    notices: tuple[Notice, ...] = ()


Renderer = Callable[[RenderJob], Rendered]

VARIANTS = {"pdf": ("standard", "large-print", "booklet", "large-print-booklet"), "pptx": ("standard",)}
EXTENSIONS = {"pdf": "pdf", "pptx": "pptx"}


def renderer(fmt: str) -> Renderer:
    """The render function for a format, imported only when needed (keeps CLI start fast)."""
    if fmt == "pdf":
        from .leaflet import render
    elif fmt == "pptx":
        from .deck import render
    else:
        raise ValueError(fmt)
    return render
