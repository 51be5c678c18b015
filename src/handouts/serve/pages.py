"""Library + a request -> the preview's own HTML pages (Jinja templates in serve/pages/, autoescaped) and the script injected into served HTML."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

from .images import PageImages
from .library import Library

PREFIX = "/_handouts"
ASSETS = {"live.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("handouts.serve", "pages"), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def asset(name: str) -> bytes | None:
    """A packaged script or stylesheet of the preview (None for any other name)."""
    return (resources.files("handouts.serve") / "pages" / name).read_bytes() if name in ASSETS else None


def library_page(library: Library, generation: int, locales: list[str], web_library: bool) -> bytes:
    """/_handouts/: every document with a link per built locale (and to output/index.html when it is built)."""
    rows = [(doc, _ordered(built, locales)) for doc, built in sorted(library.documents.items())]
    return _render("library.html", rows=rows, library=library, generation=generation, prefix=PREFIX, web_library=web_library)


def document_page(library: Library, document: str, locale: str, generation: int, locales: list[str]) -> bytes | None:
    """/_handouts/<doc>/<locale>/: the web edition, the leaflet pages and the slides of one locale, with a locale switcher."""
    entries = library.entries(document, locale)
    if not entries:
        return None
    by_format: dict[str, list] = {}
    for entry in entries:
        by_format.setdefault(entry.format, []).append(entry)
    return _render(
        "document.html", document=document, locale=locale, generation=generation, prefix=PREFIX,
        switcher=[(loc, library.status(document, loc)) for loc in _ordered(library.documents[document], locales)],
        status=library.status(document, locale), web=(by_format.get("html") or [None])[0],
        leaflets=by_format.get("pdf", []), decks=by_format.get("pptx", []),
        can_page=PageImages.can_render("pdf"), can_slide=PageImages.can_render("pptx"),
    )


def first_locale(library: Library, document: str, locales: list[str]) -> str | None:
    """The locale a document's preview opens in: the first configured one it was built in."""
    built = library.documents.get(document)
    return _ordered(built, locales)[0] if built else None


def inject(html: bytes, generation: int) -> bytes:
    """A served HTML page with the live-reload script before its last </body> (the file on disk is not changed)."""
    tag = f'<script src="{PREFIX}/live.js" data-generation="{int(generation)}"></script>'.encode()
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + tag
    at = ends[-1].start()
    return html[:at] + tag + html[at:]


def _ordered(built: dict[str, list], locales: list[str]) -> list[str]:
    """Built locales, configured ones first in the config's order, then any other (pseudo-locales)."""
    return [loc for loc in locales if loc in built] + [loc for loc in built if loc not in locales]


def _render(name: str, **context: object) -> bytes:
    return inject(_environment().get_template(name).render(**context).encode("utf-8"), int(context["generation"]))  # type: ignore[call-overload]
