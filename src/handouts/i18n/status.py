"""Source Document + a locale's catalog -> the state of every segment, and counts per document x locale."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import Problem, TranslationError
from ..model import Document, Segment
from . import catalog as cat
from .once import shared
from .pseudo import is_pseudo, pseudo_text

STATES = ("translated", "fuzzy", "untranslated")


@dataclass(frozen=True)
class SegmentState:
    """One segment of a document in one locale: its source, its translation and whether that is usable."""

    context: str
    source: Segment
    text: str | None
    state: str  # translated | fuzzy | untranslated
    po_path: Path | None
    po_line: int | None
    previous: str | None = None  # the source text a fuzzy translation was made from

    @property
    def usable(self) -> bool:
        return self.state == "translated"


@dataclass(frozen=True)
class Summary:
    """Counts for one document x locale, and the source version the catalog was made from."""

    document: str
    locale: str
    translated: int
    fuzzy: int
    untranslated: int
    source_version: str | None
    document_version: str
    po_path: Path | None
    provenance_missing: tuple[str, ...] = ()  # provenance header fields a tool dropped from the catalog

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0

    @property
    def complete(self) -> bool:
        return self.translated == self.total

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (for `handouts i18n status --json`)."""
        return {
            "document": self.document, "locale": self.locale, "translated": self.translated, "fuzzy": self.fuzzy,
            "untranslated": self.untranslated, "total": self.total, "percent": self.percent,
            "source_version": self.source_version, "document_version": self.document_version,
            "current": self.complete and self.source_version == self.document_version and not self.provenance_missing,
            "provenance_missing": list(self.provenance_missing),
            "catalog": str(self.po_path) if self.po_path else None,
        }


def document_catalog(folder: Path, locale: str, config: Config) -> cat.HandoutsCatalog | None:
    """The locale's catalog of a document; None for the source and pseudo-locales, or when there is none."""
    path = cat.po_path(folder, locale)
    if locale == config.source_locale or is_pseudo(locale):
        return None
    if not path.is_file():
        cat.check_locale(locale, path)
        return None
    catalog = shared(path, locale, document=True)  # read-only here: one parse per build
    if is_empty(catalog):
        # -- one message, not one "untranslated" per segment: the file itself is what needs fixing --
        raise TranslationError(Problem(f"the catalog is empty: run `handouts i18n update --locale {locale}` to fill it with the document's segments, then translate them",
                                       path=path, line=1, locale=locale))
    return catalog


def is_empty(catalog: cat.HandoutsCatalog) -> bool:
    """True for a catalog without a single entry (an empty file, or a header alone), obsolete ones included."""
    return not any(m.id for m in catalog) and not catalog.obsolete


def translation_report(doc: Document, locale: str, config: Config, folder: Path, catalog: cat.HandoutsCatalog | None = None) -> list[SegmentState]:
    """Every segment of the source document with its translation in `locale` and its state (catalog: already read)."""
    segments = list(doc.segments())
    if locale == config.source_locale:
        return [SegmentState(s.context, s, s.text, "translated", None, None) for s in segments]
    if is_pseudo(locale):
        return [SegmentState(s.context, s, pseudo_text(s.text, locale), "translated", None, None) for s in segments]
    if catalog is None:
        catalog = document_catalog(folder, locale, config)
    if catalog is None:
        return [SegmentState(s.context, s, None, "untranslated", None, None) for s in segments]
    path = cat.po_path(folder, locale)
    by_context = {m.context: m for m in catalog if m.id and m.context}
    states = []
    for s in segments:
        m = catalog.get(s.text, context=s.context)
        if m is None and s.context in by_context:
            # The source changed since the last `handouts i18n update`: the translation is stale.
            old = by_context[s.context]
            states.append(SegmentState(s.context, s, old.string or None, "fuzzy" if old.string else "untranslated", path, old.lineno, str(old.id)))
        elif m is None or not m.string:
            states.append(SegmentState(s.context, s, None, "untranslated", path, m.lineno if m else None))
        elif m.fuzzy:
            prev = " ".join(m.previous_id) if m.previous_id else None
            states.append(SegmentState(s.context, s, str(m.string), "fuzzy", path, m.lineno, prev))
        else:
            states.append(SegmentState(s.context, s, str(m.string), "translated", path, m.lineno))
    return states


def summary(doc: Document, locale: str, config: Config, folder: Path, states: list[SegmentState] | None = None) -> Summary:
    """Translated / fuzzy / untranslated counts for one document x locale (from its translation report)."""
    states = translation_report(doc, locale, config, folder) if states is None else states
    counts = {k: sum(1 for s in states if s.state == k) for k in STATES}
    path = cat.po_path(folder, locale)
    catalog = document_catalog(folder, locale, config)
    if locale == config.source_locale or is_pseudo(locale):
        version: str | None = doc.meta.version
    else:
        version = (catalog.extra.get(cat.SOURCE_VERSION) or None) if catalog is not None else None
    lost = tuple(missing_provenance(catalog)) if catalog is not None else ()
    return Summary(doc.meta.id, locale, counts["translated"], counts["fuzzy"], counts["untranslated"], version, doc.meta.version,
                   path if path.is_file() else None, lost)


def missing_provenance(catalog: cat.HandoutsCatalog) -> list[str]:
    """The provenance header fields (X-Source-Version, X-Reviewer, X-Review-Date) absent from a catalog; empty is not absent."""
    return [name for name in cat.PROVENANCE if name not in catalog.extra]
