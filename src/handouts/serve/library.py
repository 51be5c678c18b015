"""output/manifest.json -> what the preview pages list: documents, their locales, and each locale's artifacts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..output import MANIFEST


@dataclass(frozen=True)
class Entry:
    """One manifest entry the preview shows."""

    document: str
    locale: str
    format: str
    variant: str
    path: str
    sha256: str
    pages: int
    translation: str = "source"
    reviewed: bool = True
    paper: str | None = None
    outdated: bool = False


@dataclass
class Library:
    """Every document of the output folder: document -> locale -> entries, in manifest order."""

    documents: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)

    def entries(self, document: str, locale: str) -> list[Entry]:
        """The entries of one document in one locale ([] when it was not built)."""
        return self.documents.get(document, {}).get(locale, [])

    def by_sha256(self, sha256: str) -> Entry | None:
        """The entry whose file has this sha256 (None when no current file has it)."""
        return next((e for locales in self.documents.values() for entries in locales.values() for e in entries if e.sha256 == sha256), None)

    def status(self, document: str, locale: str) -> str:
        """outdated, source, current or draft: the translation status of a locale (outdated or draft when any of its artifacts is)."""
        entries = self.entries(document, locale)
        if any(e.outdated for e in entries):
            return "outdated"
        states = {e.translation for e in entries}
        return "draft" if "draft" in states else ("current" if "current" in states else "source")


def read_library(out: Path) -> Library:
    """The library of an output folder; empty while nothing is built (or the manifest is unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        items = data["artifacts"]
    except (OSError, ValueError, KeyError, TypeError):
        return Library()
    library = Library()
    names = set(Entry.__dataclass_fields__)
    for item in items if isinstance(items, list) else []:
        try:
            entry = Entry(**{k: v for k, v in item.items() if k in names})
        except TypeError:
            continue  # an entry of another handouts version: not shown rather than a crash
        if not entry.document or entry.variant == "asset":
            continue  # the web library page (output/index.html) and the files a web page links to
        library.documents.setdefault(entry.document, {}).setdefault(entry.locale, []).append(entry)
    return library
