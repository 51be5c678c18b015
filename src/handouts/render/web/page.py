"""Web page: a RenderJob -> the filled index.html and the asset files it needs (templates on the theme's web/ search path)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ...fonts import families, stack
from ...i18n import is_rtl
from .. import RenderJob
from ..leaflet.text import foreign_names, mark_languages
from ..templating import css_string, fill, format_date, isolate_latin, sandboxed, text_filters
from . import assets
from .links import downloads, html_lang, languages

TEMPLATE = "page.html"


def render_page(job: RenderJob) -> tuple[str, dict[str, bytes]]:
    """The page's HTML and its assets (path under the page's folder -> bytes); a template mistake -> TemplateError at path:line."""
    env = environment(tuple(job.theme.folders("web")))
    env.install_gettext_translations(job.translations, newstyle=True)  # type: ignore[attr-defined]
    pictures, files = assets.images(job, job.theme.logo())
    fonts = [f for f in stack(job.locale, job.config) if f.path.is_file()]
    values = context(job, pictures)
    # -- first fill with no fonts to learn the page's text, then keep only the fonts that text needs --
    faces, font_files = assets.font_faces(fonts, fill(env, TEMPLATE, values | {"font_faces": []}))
    html = fill(env, TEMPLATE, values | {"font_faces": faces})
    return html, dict(sorted((files | font_files).items()))


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """One Jinja2 environment per web template search path (user folder first), cached for the process."""
    return sandboxed(folders, {**text_filters(_finish), "kind": lambda block: str(block.kind), "tel": tel_href, "css_string": css_string})


def context(job: RenderJob, pictures: dict[str, dict[str, object]]) -> dict[str, Any]:
    """Everything the web templates may use: document, brand, locale facts, links; no words (those live in the templates)."""
    doc, config, meta = job.document, job.config, job.document.meta
    rtl = is_rtl(job.locale)
    return {
        "doc": doc,
        "meta": meta,
        "sections": [(s, [b for b in s.body if b.only != "slides"]) for s in doc.sections],
        "locale": job.locale,
        "lang": html_lang(job.locale),
        "dir": "rtl" if rtl else "ltr",
        "brand": config.brand,
        "organisation": job.organisation,
        # -- organisation, authors and approver are not translated: they are in the source language --
        "source_lang": None if same_language(job.locale, config.source_locale) else html_lang(config.source_locale),
        "source_dir": "rtl" if is_rtl(config.source_locale) else "ltr",
        "contact": job.contact,
        "logo": pictures.get(""),
        "images": pictures,
        "names": foreign_names(config.leaflet.names, job.locale),
        "font_families": families(job.locale, config),
        "published": format_date(meta.published, job.locale),
        "review": format_date(meta.review, job.locale),
        "published_iso": meta.published.isoformat(),
        "review_iso": meta.review.isoformat(),
        "provenance": job.provenance,
        "translated": job.provenance.status in ("current", "draft"),
        "draft": job.draft,
        "out_of_review": job.edition.out_of_review,
        "languages": languages(job.locale, job.edition.locales),
        "downloads": downloads(job.edition.downloads),
    }


def same_language(a: str, b: str) -> bool:
    """Whether two locales share a language (en-GB and en do; the pseudo-locales count as their base language)."""
    return html_lang(a).split("-")[0].lower() == html_lang(b).split("-")[0].lower()


def tel_href(phone: object) -> str:
    """A telephone number as a tel: URL (digits and a leading +; spaces, dots and brackets dropped)."""
    text = str(phone).strip()
    return "tel:" + ("+" if text.startswith("+") else "") + re.sub(r"\D", "", text)


def _finish(ctx: jinja2.runtime.Context, html: str) -> Markup:
    # -- names in another language get their own lang; mixed Latin/number runs keep their order in RTL text --
    return isolate_latin(mark_languages(html, ctx.get("names") or ()), ctx.get("dir") == "rtl")
