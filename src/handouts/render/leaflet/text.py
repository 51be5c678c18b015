"""Leaflet text filters on HTML text nodes: line-break points in addresses, language spans for names in another language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from markupsafe import Markup, escape

_TAG = re.compile(r"(<[^>]*>)")
# A web or e-mail address as written in text: ends before closing punctuation.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BREAK_AFTER = re.compile(r"(?<=[/.@-])(?=[^/.@-])")


def _text_nodes(html: str, change: Callable[[str], str]) -> str:
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = change(parts[i])
    return "".join(parts)


def break_points(html: str) -> str:
    """Addresses in HTML text may break only after / . @ - (no hyphen added).

    A zero-width space, not <wbr>: WeasyPrint lays out a <wbr> as its own inline box and then breaks
    the text beside it anywhere (overflow-wrap); Pango breaks at a zero-width space and draws no glyph
    for it, so the PDF's text layer does not contain it.
    """
    return _text_nodes(html, lambda text: _ADDRESS.sub(lambda m: _BREAK_AFTER.sub("\u200b", m.group(0)), text))


def breakable(value: object) -> Markup:
    """A plain address (e-mail, URL) escaped, with break points after / . @ -."""
    return Markup(break_points(str(escape(str(value)))))


@lru_cache(maxsize=32)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(str(escape(n))) for n in ordered) + r")(?!\w)")


def foreign_names(names: Mapping[str, Sequence[str]], locale: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The configured names whose language differs from the leaflet's: (BCP 47 tag, names)."""
    own = locale.replace("_", "-").split("-")[0].lower()
    return tuple((lang, tuple(n for n in found if n.strip())) for lang, found in sorted(names.items())
                 if lang.split("-")[0].lower() != own and any(n.strip() for n in found))


def mark_languages(html: str, names: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """Each configured name in another language -> <span lang="..."> (read with the right voice, tagged /Lang)."""
    for lang, found in names:
        pattern = _names_pattern(found)
        html = _text_nodes(html, lambda text, lang=lang, pattern=pattern: pattern.sub(lambda m: f'<span lang="{escape(lang)}">{m.group(1)}</span>', text))
    return html
