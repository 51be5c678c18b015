"""Project + locales -> one View per (document, locale): every segment's plain text with where it lives."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..markdown import plain
from ..model import Document
from .findings import relative
from .text import lang_of


@dataclass(frozen=True)
class Unit:
    """One segment's text in one locale: context, section id, kind, Markdown and plain text, file and line."""

    context: str
    section: str | None
    kind: str
    text: str
    plain: str
    path: str | None
    line: int | None
    source_line: int | None = None


@dataclass
class View:
    """A document in one locale as the rules see it; `report` is the i18n translation report (None for the source)."""

    doc_id: str
    folder: Path
    doc_path: str
    locale: str
    is_source: bool
    document: Document
    units: list[Unit] = field(default_factory=list)
    report: list[Any] | None = None
    root: Path = Path(".")

    @property
    def lang(self) -> str:
        return lang_of(self.locale)

    def sections(self) -> dict[str | None, list[Unit]]:
        """Units grouped by section id (None: the document's meta texts), in reading order."""
        out: dict[str | None, list[Unit]] = {}
        for u in self.units:
            out.setdefault(u.section, []).append(u)
        return out

    def section_line(self, section: str | None) -> int | None:
        """Source line of a section's heading (or of meta.purpose)."""
        for si, s in enumerate(self.document.sections):
            if s.id == section:
                return self.document.line(("sections", si, "heading"))
        return self.document.line(("meta", "purpose"))


def _section_of(context: str) -> str | None:
    return None if context.startswith("meta.") else context.split(".", 1)[0]


def source_view(doc: Document, folder: Path, locale: str, root: Path) -> View:
    """The source-language view: segments straight from the document."""
    doc_path = relative(folder / "document.yml", root) or ""
    units = [
        Unit(s.context, _section_of(s.context), s.kind, s.text, plain_text(s.text), doc_path, s.line, s.line)
        for s in doc.segments()
    ]
    return View(doc.meta.id, folder, doc_path, locale, True, doc, units, None, root)


def translated_view(doc: Document, folder: Path, locale: str, report: list[Any], root: Path) -> View:
    """A translation's view: texts from the catalog (untranslated segments left out), located in the PO file."""
    doc_path = relative(folder / "document.yml", root) or ""
    units = []
    for state in report:
        if not state.text:
            continue
        src = state.source
        units.append(
            Unit(state.context, _section_of(state.context), getattr(src, "kind", "text"), state.text, plain_text(state.text),
                 relative(state.po_path, root), state.po_line, getattr(src, "line", None))
        )
    return View(doc.meta.id, folder, doc_path, locale, False, doc, units, report, root)


@lru_cache(maxsize=65536)
def plain_text(text: str) -> str:
    """Markdown -> plain text, once per distinct text (the same source text recurs in every locale)."""
    return plain(text)
