"""A catalog's X-Review-Date -> what is wrong with it (not YYYY-MM-DD, no such day, after today), with its header line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import Problem
from .pofile import REVIEW_DATE, HandoutsCatalog, header_line

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def review_date_problem(catalog: HandoutsCatalog, path: Path, locale: str, today: dt.date) -> Problem | None:
    """None when the review date is empty (not reviewed yet) or a real day up to today; else what to write instead."""
    value = catalog.extra.get(REVIEW_DATE, "").strip()
    if not value:
        return None
    fix = f"write the day the translation was reviewed as YYYY-MM-DD (today is {today.isoformat()}), or leave it empty until it is reviewed; then run `handouts check` and build again"
    if not _ISO.fullmatch(value):
        why = f"{REVIEW_DATE} '{value}' is not a date written as YYYY-MM-DD"
    else:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            why = f"{REVIEW_DATE} '{value}' is not a real date (no such day in that month)"
        else:
            if day <= today:
                return None
            why = f"{REVIEW_DATE} '{value}' lies in the future: the translation cannot have been reviewed on that day"
    return Problem(f"{why}; the build still shows it as reviewed: {fix}", path=path, line=header_line(path, REVIEW_DATE), locale=locale, key=REVIEW_DATE)
