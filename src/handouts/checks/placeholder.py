"""Unfinished text: a view's segments (and, for the source, its other metadata) -> a finding per placeholder left in.

`handouts new` writes every text as `TODO: what to write here`; an author who forgets one must not
print it, so this rule is an error by default and `handouts build` refuses the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .context import View
from .findings import Finding
from .settings import Settings

MARKER = "TODO:"
# -- upper case and a colon: the Spanish word "todo" and a heading in capitals are not placeholders --
_MARKER_RX = re.compile(r"(?<![\w])TODO:")
_META_SEGMENTS = {"title", "subtitle", "purpose", "references"}  # already units of the view


def is_placeholder(text: str) -> bool:
    """Whether a text still holds the placeholder marker."""
    return bool(_MARKER_RX.search(text))


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """One finding per text that still holds the marker."""
    severity = settings.severity("placeholder")
    for unit in view.units:
        if is_placeholder(unit.text):
            yield Finding("placeholder", severity, _message(unit.plain), unit.path, unit.line, view.locale, unit.context, view.doc_id)
    if view.is_source:
        meta = view.document.meta.model_dump(mode="json")
        for key, text in _strings(meta, ("meta",)):
            if key[1] not in _META_SEGMENTS and key[1:3] not in (("contact", "name"), ("contact", "hours")) and is_placeholder(text):
                line = view.document.line(key) or view.document.line(("meta",))
                yield Finding("placeholder", severity, _message(text), view.doc_path, line, view.locale, ".".join(map(str, key)), view.doc_id)


def _strings(value: Any, key: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, v in value.items():
            yield from _strings(v, (*key, name))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*key, i))


def _message(text: str) -> str:
    return f"unfinished: placeholder \"{_short(text)}\" left in: write the real text (the build refuses it)"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
