"""Leaflet stage 1: a RenderJob -> the final HTML (Jinja2 templates found on the theme's search path)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup

from ...errors import Problem
from ...fetcher import project_url, written_at
from ...fonts import Font, families, stack
from ...i18n import is_rtl
from ...model import Image, Section
from .. import RenderJob
from ..stamp import file_date
from ..templating import css_string, fill, format_date, isolate_latin, isolate_plain, sandboxed, text_filters
from .text import break_points, breakable, foreign_names, mark_languages

TEMPLATE = "leaflet.html"
STYLESHEET = "leaflet/leaflet.css"
# Private-use markers that stand for the page counters inside a localized "Page X of Y".
PAGE, PAGES = "\ue000", "\ue001"


@dataclass(frozen=True)
class LeafletHTML:
    """The final HTML, the base URL its relative references resolve against, and where each file reference came from."""

    html: str
    base_url: str
    origins: dict[str, Problem] = field(default_factory=dict)
    extra_files: tuple[Path, ...] = ()
    folders: tuple[Path, ...] = ()
    project: Path | None = None
    rtl: bool = False

    def origin(self, url: str) -> Problem | None:
        """Where a resource URL was written: a content image's line, else the template line naming it."""
        return self.origins.get(url) or written_at(url, self.folders)


def render_html(job: RenderJob, notes_page: bool = False) -> LeafletHTML:
    """Fill the leaflet template for one job (with a Notes page at the end for a booklet's padding); a template mistake -> TemplateError at its file and line."""
    folders = tuple(job.theme.folders("leaflet"))
    env = environment(folders, _compiled[0])
    env.install_gettext_translations(job.translations, newstyle=True)  # type: ignore[attr-defined]
    logo = job.theme.logo()  # load_config has checked that a configured logo exists
    fonts = local_fonts(job)
    html = fill(env, TEMPLATE, {**context(job, logo, fonts), "notes_page": notes_page})
    files = tuple(f.path for f in fonts) + ((logo,) if logo else ())
    return LeafletHTML(html, base_url(job), image_origins(job), files, folders, job.config.root, is_rtl(job.locale))


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...], compiled: Path | None = None) -> jinja2.Environment:
    """One Jinja2 environment per template search path (user folder first), cached for the process; compiled templates kept in `compiled`."""
    filters = dict(**text_filters(_finish), css_string=css_string, css_content=css_content, kind=block_kind, nowrap=nowrap, isolate=_isolate, breakable=breakable)
    return sandboxed(folders, filters, {"PAGE": PAGE, "PAGES": PAGES, "qr_svg": qr_svg}, compiled)


_compiled: list[Path | None] = [None]  # where this process keeps compiled templates (set by the build: its cache folder)


def keep_compiled(folder: Path | None) -> None:
    """Keep the compiled leaflet templates in `folder` (the build cache's), so that the next process loads them instead of compiling (~0.1 s); None: compile in memory."""
    _compiled[0] = folder


def context(job: RenderJob, logo: Path | None, fonts: list[Font]) -> dict[str, Any]:
    """Everything the template may use: document, brand, settings, locale facts; no words (those live in the template)."""
    doc, config = job.document, job.config
    large = job.variant.startswith("large-print")
    meta = doc.meta
    return {
        "doc": doc,
        "meta": meta,
        "sections": [(s, leaflet_blocks(s)) for s in doc.sections],
        "locale": job.locale,
        "lang": job.locale.replace("_", "-"),
        "dir": "rtl" if is_rtl(job.locale) else "ltr",
        "brand": config.brand,
        "organisation": job.organisation,
        "contact": job.contact,
        "logo_url": project_url(logo, config.root) if logo else None,
        "paper": job.paper or config.leaflet.paper,
        "booklet": job.booklet,
        "print_marks": job.print_marks,
        "names": foreign_names(config.leaflet.names, job.locale),
        "body_pt": max(config.leaflet.large_print_pt, 16.0) if large else config.leaflet.body_pt,
        "large_print": large,
        "variant": "large-print" if large else "standard",
        "stylesheet_url": job.theme.find(STYLESHEET).as_uri(),
        "font_faces": font_faces(fonts, config.root),
        "font_families": families(job.locale, config),
        "published": format_date(meta.published, job.locale),
        "review": format_date(meta.review, job.locale),
        "created": file_date(job.built, meta.published).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "provenance": job.provenance,
        "translated": job.provenance.status in ("current", "draft"),
        "draft": job.draft,
    }


def leaflet_blocks(section: Section) -> list[Any]:
    """A section's blocks that belong in the leaflet (slides-only blocks left out)."""
    return [b for b in section.body if b.only != "slides"]


def block_kind(block: Any) -> str:
    """The block's kind name (text, bullets, steps, terms, callout, image, table) for the template."""
    return str(block.kind)




@lru_cache(maxsize=64)
def qr_svg(url: str, colour: str, title: str) -> Markup:
    """An inline SVG QR code for the online version, titled for screen readers (segno; nothing written to disk)."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, dark=colour, light=None, omitsize=True, title=title)
    return Markup(svg)


def local_fonts(job: RenderJob) -> list[Font]:
    """The locale's font files inside the project or templates (loaded by @font-face); installed fonts are used by family name."""
    roots = [job.config.root.resolve(), *job.theme.search_path]
    return [f for f in stack(job.locale, job.config) if any(f.path.resolve().is_relative_to(r) for r in roots)]


def font_faces(fonts: list[Font], project: Path) -> list[dict[str, str]]:
    """@font-face entries (family, URL, weight, style) for font files."""
    faces = []
    for font in fonts:
        stem = font.path.stem.lower()
        faces.append({
            "family": font.family,
            "url": project_url(font.path, project),
            "weight": "700" if "bold" in stem else "400",
            "style": "italic" if "italic" in stem else "normal",
        })
    return faces


def image_origins(job: RenderJob) -> dict[str, Problem]:
    """Resolved URL of each image block -> the document file and line that names it (for safety errors)."""
    path = job.folder / "document.yml"
    origins: dict[str, Problem] = {}
    for si, section in enumerate(job.document.sections):
        for bi, block in enumerate(section.body):
            if isinstance(block, Image):
                key = ("sections", si, "body", bi, "image", "src")
                line = job.document.line(key) or job.document.line(key[:4])
                url = urljoin(base_url(job), block.image.src)
                origins[url] = Problem("", path=path, line=line)
    return origins


def base_url(job: RenderJob) -> str:
    """What relative references in the document resolve against: its folder (as a path-independent URL)."""
    url = project_url(job.folder, job.config.root)
    return url if url.endswith("/") else url + "/"


def css_content(value: object) -> Markup:
    """A localized text with PAGE/PAGES markers -> a CSS content value with page counters."""
    parts: list[str] = []
    text = str(value)
    while text:
        index = min((i for i in (text.find(PAGE), text.find(PAGES)) if i >= 0), default=-1)
        if index < 0:
            parts.append(css_string(text))
            break
        if index:
            parts.append(css_string(text[:index]))
        parts.append("counter(page)" if text[index] == PAGE else "counter(pages)")
        text = text[index + 1:]
    return Markup(" ".join(parts))


def nowrap(text: str) -> str:
    """Text whose spaces do not break (a footer item such as a date stays on one line)."""
    return str(text).replace(" ", "\u00a0")


def _finish(ctx: jinja2.runtime.Context, html: str) -> Markup:
    # -- names in another language get their own lang; addresses break only after / . @ - --
    html = break_points(mark_languages(html, ctx.get("names") or ()))
    return isolate_latin(html, ctx.get("dir") == "rtl")


@jinja2.pass_context
def _isolate(ctx: jinja2.runtime.Context, text: str) -> str:
    # Plain strings (margin boxes) cannot hold <bdi>: Unicode isolates (LRI ... PDI) do the same.
    return isolate_plain(str(text), ctx.get("dir") == "rtl")
