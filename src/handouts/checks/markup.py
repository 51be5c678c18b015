"""Markdown that prints as typed -> `markup.emphasis` and `markup.html` warnings: an unclosed ** or _, raw HTML; per locale, at the segment's line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import View
from .findings import Finding
from .settings import Settings

_ESCAPED = re.compile(r"\\[*_<\\]")
# -- a run of two or more, or one star/underscore that could open (space before, text after) or close (text before, space after);
#    "5 * 3" and snake_case are neither --
_DELIMITER = re.compile(r"\*\*+|__+|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])")
_TAG = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """Every segment whose printed text would show Markdown's or HTML's own characters."""
    for unit in view.units:
        if not any(c in unit.text for c in "*_<"):
            continue
        literal = _literal(unit.text)
        if settings.on("markup.emphasis") and (m := _DELIMITER.search(literal)):
            yield Finding("markup.emphasis", settings.severity("markup.emphasis"),
                          f"\"{m.group(0)}\" is printed as it is, in \"{_around(literal, m.start())}\": bold (**...**) or italic (*...* or _..._) is not closed; "
                          f"close it, or write \\{m.group(0)[0]} to print the character itself", unit.path, unit.line, view.locale, unit.context, view.doc_id)
        if settings.on("markup.html") and (m := _TAG.search(literal)):
            yield Finding("markup.html", settings.severity("markup.html"),
                          f"HTML {m.group(0)[:40]!r} is printed as code, character for character (handouts never runs HTML in content): "
                          "write bold as **...**, italic as *...* and links as [text](https://...) in Markdown, or remove it", unit.path, unit.line, view.locale, unit.context, view.doc_id)


def _literal(text: str) -> str:
    """The text Markdown prints as typed: its text runs (not code, not link targets), with escaped characters left out."""
    from ..markdown import _md

    runs = [child.content for token in _md().parse(_ESCAPED.sub(" ", text)) for child in token.children or [] if child.type == "text"]
    return "\n".join(runs)


def _around(text: str, at: int, n: int = 30) -> str:
    start, end = max(0, at - n), min(len(text), at + n)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
