"""Renderers: a localized Document + a RenderJob -> bytes of one artifact (pdf, pptx, html with its asset files).

A RenderJob pickles (it goes to worker processes and Dask workers): its template-string
translations travel as their message table and Plural-Forms expression, and are rebuilt as a
gettext object on the other side (see PortableTranslations).
"""

from __future__ import annotations

import datetime as dt
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


class PortableTranslations(gettext.GNUTranslations):
    """A gettext catalog that pickles: the message table and the Plural-Forms expression, compiled again when loaded."""

    def __init__(self, catalog: dict[object, str], plural: str | None = None, fallback: gettext.NullTranslations | None = None) -> None:
        super().__init__()  # no file: nothing is parsed here
        self._catalog = dict(catalog)
        self._plural_expr = plural
        self.plural = gettext.c2py(plural) if plural else (lambda n: int(n != 1))
        if fallback is not None:
            self.add_fallback(fallback)

    def __reduce__(self) -> tuple[object, ...]:
        return (PortableTranslations, (self._catalog, self._plural_expr, self._fallback))


def portable(translations: gettext.NullTranslations | None) -> gettext.NullTranslations | None:
    """The same translations in a form that pickles (GNU catalogs -> PortableTranslations, fallbacks too)."""
    if translations is None or isinstance(translations, PortableTranslations) or not isinstance(translations, gettext.GNUTranslations):
        return translations  # NullTranslations and pure-Python subclasses (pseudo-locales) pickle as they are
    forms = translations.info().get("plural-forms", "")
    plural = forms.split("plural=", 1)[1].strip().rstrip(";") if "plural=" in forms else None
    return PortableTranslations(translations._catalog, plural, portable(translations._fallback))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Edition:
    """What a web page links to, as planned for its build: the document's locales, the downloads built beside it, its review state."""

    locales: tuple[str, ...] = ()
    downloads: tuple[tuple[str, str, str, str], ...] = ()  # (format, variant, paper or "", file name in the page's folder)
    out_of_review: bool = False


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
    edition: Edition = Edition()  # web pages: locales and downloads to link to
    built: dt.datetime | None = None  # SOURCE_DATE_EPOCH read once at planning (render.stamp); None: the publication date

    def __post_init__(self) -> None:
        object.__setattr__(self, "translations", portable(self.translations))

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

    def to_dict(self, root: Path) -> dict[str, object]:
        """The notice as the manifest and the cache keep it: paths relative to the project or the built-in templates (any checkout)."""
        from ..theme import BUILTIN

        path = self.problem.path
        if path is not None and Path(path).is_absolute():
            for base, shown in ((root, ""), (BUILTIN, "(built-in templates)/")):
                if Path(path).is_relative_to(base):
                    path = shown + Path(path).relative_to(base).as_posix()
                    break
        where = Problem(self.problem.message, path and str(path), self.problem.line, self.problem.column, self.problem.locale, self.problem.key)
        return {"severity": self.severity, "message": str(where)}


@dataclass(frozen=True)
class Rendered:
    """One artifact's bytes, its page (or slide) count, the renderer's notices and files it needs beside it (web assets)."""

    data: bytes
    pages: int
    notices: tuple[Notice, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()  # (path relative to the artifact's folder, bytes), sorted by path


Renderer = Callable[[RenderJob], Rendered]

VARIANTS = {"pdf": ("standard", "large-print", "booklet", "large-print-booklet", "handout"), "pptx": ("standard",), "html": ("standard",)}
EXTENSIONS = {"pdf": "pdf", "pptx": "pptx", "html": "html"}


def renderer(fmt: str) -> Renderer:
    """The render function for a format, imported only when needed (keeps CLI start fast)."""
    if fmt == "pdf":
        from .leaflet import render as leaflet
        from .handout import render as handout

        def render(job: RenderJob) -> Rendered:
            return handout(job) if job.variant == "handout" else leaflet(job)
    elif fmt == "pptx":
        from .deck import render
    elif fmt == "html":
        from .web import render
    else:
        raise ValueError(fmt)
    return render
