"""Structure by document kind: expected parts present (by section id or heading), key points, an explicit action."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from .context import View
from .findings import Finding
from .settings import Settings
from .text import data_file, phrase_regex, sentences


@lru_cache(maxsize=16)
def _heading_rx(part: str, lang: str) -> re.Pattern[str] | None:
    spec = data_file("structure")["parts"].get(part, {})
    return phrase_regex(list((spec.get("headings") or {}).get(lang, [])))


def _action_rx(lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    spec = data_file("structure")["actions"].get(lang) or {}
    start = phrase_regex(list(spec.get("start", [])))
    return (re.compile(r"^\W*(?:" + start.pattern[len("(?<![\\w])"):] + ")", re.IGNORECASE) if start else None,
            phrase_regex(list(spec.get("anywhere", []))))


def expected_parts(kind: str, settings: Settings) -> list[str] | None:
    """The parts a document kind should cover (None: kind unknown)."""
    configured: dict[str, Any] = settings.opt("structure.parts", "kinds")
    parts = configured.get(kind, data_file("structure")["kinds"].get(kind))
    return list(parts) if parts is not None else None


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """Structure findings for one document (judged on its source language)."""
    doc = view.document
    line = doc.line(("sections",))
    if settings.on("structure.parts"):
        yield from _parts(view, settings, line)
    if settings.on("structure.key-points") and not any(s.key_points for s in doc.sections):
        yield Finding("structure.key-points", settings.severity("structure.key-points"), "no section has key points: add 'key_points' (a short summary patients read first) to the main sections", view.doc_path, line, None, None, view.doc_id)
    if settings.on("structure.action"):
        start, anywhere = _action_rx(view.lang)
        if start is None and anywhere is None:
            yield Finding("structure.action", "info", f"no action phrases for language '{view.lang}': explicit actions were not checked", view.doc_path, line, None, None, view.doc_id)
        elif not any((start and start.search(s)) or (anywhere and anywhere.search(s)) for u in view.units if u.kind in ("text", "item", "key_point") for s in sentences(u.plain)):
            yield Finding("structure.action", settings.severity("structure.action"), "no explicit action for the reader: say what to do, e.g. \"Tell your doctor if ...\", \"Call the advice line if ...\"", view.doc_path, line, None, None, view.doc_id)


def _parts(view: View, settings: Settings, line: int | None) -> Iterator[Finding]:
    doc = view.document
    parts = expected_parts(doc.meta.kind, settings)
    if parts is None:
        yield Finding("structure.parts", "info", f"document kind '{doc.meta.kind}' has no expected parts: structure was not checked (set checks.structure.parts.kinds.{doc.meta.kind})", view.doc_path, doc.line(("meta", "kind")), None, None, view.doc_id)
        return
    specs = data_file("structure")["parts"]
    for part in parts:
        spec = specs[part]  # configured parts are validated in settings
        rx = _heading_rx(part, view.lang)
        ids = set(spec.get("ids", []))
        if any(s.id in ids or (rx and rx.search(s.heading)) for s in doc.sections):
            continue
        if rx is None:
            yield Finding("structure.parts", "info", f"cannot recognise headings in '{view.lang}' and no section has an id for {spec['label']} ({', '.join(sorted(ids)[:4])}, ...): check by hand or use one of those ids", view.doc_path, line, None, None, view.doc_id)
        else:
            yield Finding("structure.parts", settings.severity("structure.parts"), f"a {doc.meta.kind} leaflet should cover {spec['label']}: add a section for it (id '{part}'), or name its heading so it is recognised", view.doc_path, line, None, None, view.doc_id)
