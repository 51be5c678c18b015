"""Localization: catalogs per document and locale -> localized Documents and template strings.

PLACEHOLDER until the localization issue lands: only the source locale builds.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from ..config import Config
from ..errors import Problem, TranslationError
from ..model import Document
from ..render import Provenance


def localize(doc: Document, locale: str, config: Config, folder: Path, allow_draft: bool = False) -> tuple[Document, Provenance]:
    """The document in `locale` and where its text comes from; refuses stale or partial catalogs."""
    if locale == config.source_locale:
        return doc, Provenance(status="source", source_version=doc.meta.version)
    raise TranslationError(Problem(f"no catalog for locale '{locale}'", path=folder / "locales" / f"{locale}.po", locale=locale))


def template_translations(locale: str, config: Config) -> gettext.NullTranslations:
    """Template strings ("Page X of Y", ...) for a locale."""
    return gettext.NullTranslations()
