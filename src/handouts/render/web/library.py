"""The library page: the web pages listed in manifest.json -> output/index.html (documents x locales, review state, drafts).

It is made from the manifest, not from the build's plan, so a build of some documents or
locales still lists every page the output folder holds. Each page's facts (title, version,
review date, translation status) are read from the page itself (its <meta> tags), checked
against the sha256 the manifest records for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ...config import Config
from ...i18n import is_rtl
from ...output import file_sha256
from ...theme import Theme
from ..templating import fill, format_date
from .links import autonym, html_lang
from .page import environment

TEMPLATE = "library.html"


@dataclass(frozen=True)
class Entry:
    """One web page of the library: document, locale, where it is, and its document-control facts."""

    document: str
    locale: str
    href: str
    title: str
    version: str
    review: str
    review_iso: str
    language: str
    lang: str
    dir: str
    draft: bool
    out_of_review: bool
    outdated: bool = False  # built from an earlier source of the document: listed, never linked


def library_page(config: Config, manifest: dict[str, dict], root: Path, today: dt.date, meta: Callable[[Path, str], dict[str, str]] | None = None) -> bytes:
    """The library page's bytes, in the project's source locale, for the web pages the manifest lists (meta(file, sha256): a page's meta pairs, default read_meta)."""
    from ...i18n import template_translations

    locale = config.source_locale
    env = environment(tuple(Theme(config).folders("web")))
    env.install_gettext_translations(template_translations(locale, config), newstyle=True)  # type: ignore[attr-defined]
    documents: dict[str, list[Entry]] = {}
    for path, item in sorted(manifest.items()):
        if item.get("format") == "html" and item.get("variant") == "standard" and path != "index.html":
            entry = _entry(root, path, item, today, locale, meta or read_meta)
            if entry is not None:
                documents.setdefault(entry.document, []).append(entry)
    order = {loc: i for i, loc in enumerate(config.locales)}
    for entries in documents.values():
        entries.sort(key=lambda e: (order.get(e.locale, len(order)), e.locale))
    values = {"lang": html_lang(locale), "dir": "rtl" if is_rtl(locale) else "ltr", "brand": config.brand, "organisation": config.brand.organisation,
              "documents": documents, "font_faces": [], "font_families": [], "today": format_date(today, locale), "names": ()}
    return fill(env, TEMPLATE, values).encode("utf-8")


def read_meta(file: Path, sha256: str) -> dict[str, str]:
    """The meta pairs of the page at file (whose bytes have this sha256)."""
    return _Meta.read(file.read_text(encoding="utf-8"))


def _entry(root: Path, path: str, item: dict, today: dt.date, shown_in: str, meta: Callable[[Path, str], dict[str, str]]) -> Entry | None:
    file = root / path
    if not file.is_file() or file_sha256(file) != item.get("sha256"):
        return None  # -- never list a page whose bytes are not the ones the manifest names --
    facts = meta(file, str(item["sha256"]))
    locale = str(item["locale"])
    try:
        review = dt.date.fromisoformat(facts.get("handouts.review", ""))
    except ValueError:
        return None
    return Entry(str(item["document"]), locale, path, facts.get("dcterms.title", item["document"]), facts.get("handouts.version", ""),
                 format_date(review, shown_in), review.isoformat(), autonym(locale), html_lang(locale), "rtl" if is_rtl(locale) else "ltr",
                 item.get("translation") == "draft", review < today, bool(item.get("outdated")))


class _Meta(HTMLParser):
    """The <meta name content> pairs of a page (stdlib parser: no markup is rendered or trusted)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") and values.get("content") is not None:
            self.found.setdefault(str(values["name"]), str(values["content"]))

    @classmethod
    def read(cls, html: str) -> dict[str, str]:
        """The head's meta pairs; the body is not parsed (every build lists every page: at 400 pages the body cost seconds)."""
        end = html.lower().find("</head>")
        parser = cls()
        parser.feed(html if end < 0 else html[:end])
        return parser.found
