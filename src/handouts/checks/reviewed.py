"""A translation's review date (X-Review-Date in its catalog) that is no real day or lies in the future -> a warning at its header line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from .findings import Finding, relative
from .settings import Settings

RULE = "translation.review-date"


def check(doc: Any, folder: Path, locale: str, config: Any, settings: Settings, today: dt.date) -> Iterator[Finding]:
    """The review-date finding of one document's catalog in one locale (none without a catalog or a date)."""
    from ..i18n.catalog import po_path
    from ..i18n.reviewdate import review_date_problem
    from ..i18n.status import document_catalog

    catalog = document_catalog(folder, locale, config)  # -- already read for the translation report: shared, not parsed again --
    problem = review_date_problem(catalog, po_path(folder, locale), locale, today) if catalog is not None else None
    if problem is not None:
        yield Finding(RULE, settings.severity(RULE), problem.message, relative(problem.path, config.root), problem.line, locale, None, doc.meta.id)
