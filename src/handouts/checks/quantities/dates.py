"""Dates in a segment: the digit forms every language shares and month names from Babel's CLDR data -> (year, month, day).

"1.11.2026", "2026-11-01", "2026年11月1日" are read in any locale; "1 January 2027", "January 1, 2027",
"1 de noviembre de 2026", "1. November 2026", "1 января 2027 года" are read with the month names of
the segment's own locale (every form CLDR gives: wide and abbreviated, format and stand-alone, so the
genitive "января" as well as "январь"). A month name needs a day and a four-digit year beside it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .numbers import ascii_digits

DIGIT_DATE = r"(?<!\d)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})|(\d{4})年(\d{1,2})月(\d{1,2})日)(?![\d.])"
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|η|ης|\.)?"  # 1st, 1er, 1., Greek 1η
_FILLER = r"(?:\s+[^\W\d_]{1,3})?"  # "de", "of", "del" between the parts ("1 de noviembre de 2026")


@lru_cache(maxsize=64)
def month_names(locale: str) -> dict[str, int]:
    """Normalised month name -> month number for a locale (empty when Babel does not know it); names with digits (1月) are left out."""
    from babel import Locale, UnknownLocaleError

    from .vocab import norm

    try:
        loc = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return {}
    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in loc.months.get(context, {}).get(width, {}).items():
                form = norm(str(name)).rstrip(".")
                if len(form) > 2 and not any(c.isdigit() for c in form):
                    out.setdefault(form, int(month))
    return out


def named_date_pattern(alternatives: str) -> str:
    """The regex of a date with a month name (`alternatives`: the month names as one regex), day first or month first."""
    if alternatives == "(?!)":
        return "(?!)"
    day_first = rf"(?<!\d)(?P<nd1>\d{{1,2}}){_DAY_SUFFIX}{_FILLER}\s+(?P<nm1>{alternatives})\.?,?{_FILLER}\s+(?P<ny1>\d{{4}})(?!\d)"
    month_first = rf"(?<![^\W\d_])(?P<nm2>{alternatives})\.?\s+(?P<nd2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ny2>\d{{4}})(?!\d)"
    return f"{day_first}|{month_first}"


def read_named(groups: dict[str, str | None], locale: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a match of `named_date_pattern`, None when the day cannot be one."""
    names = month_names(locale)
    n = "1" if groups.get("nd1") else "2"
    month = names.get(re.sub(r"\s+", " ", str(groups[f"nm{n}"])))
    day, year = int(ascii_digits(str(groups[f"nd{n}"]))), int(ascii_digits(str(groups[f"ny{n}"])))
    return (year, month, day) if month and 1 <= day <= 31 else None


def read_digits(groups: tuple[str | None, ...], locale: str) -> tuple[int, int, int]:
    """(year, month, day) of a match of DIGIT_DATE: ISO and 年月日 are year first; 1.11.2026 is day first (month first in en-US)."""
    iso, dotted, han = groups[0:3], groups[3:6], groups[6:9]
    if iso[0] or han[0]:
        y, m, d = (int(ascii_digits(str(x))) for x in (iso if iso[0] else han))
        return y, m, d
    a, b, y = (int(ascii_digits(str(x))) for x in dotted)
    us = re.fullmatch(r"en[-_]US", locale, re.IGNORECASE) is not None
    return (y, a, b) if us else (y, b, a)
