"""Quantities of a source and a translation in a language with no vocabulary -> the numbers in digits missing and added.

Without a vocabulary the check cannot tell "12 недель" (weeks) from "12 дней" (days), nor read
"раз в неделю" (once a week), so it never guesses: each side is reduced to the numbers written in
digits (any digit system, the locale's decimal separator), dates, times of day and phone numbers.
A source quantity in words ("once a week") is not required, but a number in the translation that
matches it is not added either; number words that num2words knows for the language only match.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .numbers import digit_value
from .units import Quantity

_DIGITS = re.compile(r"\d+(?:[.,\u066b\u066c](?=\d)\d+)*")
_WHOLE = ("date", "time", "digits")  # compared as they are: their keys do not depend on words


def digits_only(source: list[Quantity], source_locale: str, target: list[Quantity], target_locale: str) -> tuple[list[Quantity], list[Quantity]]:
    """(missing, added): numbers in digits of one side that the other side lacks, as bare numbers naming what was written."""
    from .compare import _found, _index

    src = [n for q in source for n in _numbers(q, source_locale)]
    tgt = [n for q in target for n in _numbers(q, target_locale)]
    in_src, in_tgt = _index(src), _index(tgt)
    return [s for s in src if s.strong and not _found(s, in_tgt)], [t for t in tgt if t.strong and not _found(t, in_src)]


def _numbers(q: Quantity, locale: str) -> list[Quantity]:
    """A quantity as the numbers it writes in digits (strong), or, written in words, as the values it means (weak: they only match)."""
    has_digits = any(c.isdigit() for c in q.text)
    if has_digits and q.kind in ("number", "amount", "span", "ordinal", "times"):
        return [replace(q, kind="number", unit=None, extra=(), strong=True)]  # -- its value is read with the locale's separators --
    written = [x for x in (digit_value(t, locale) for t in _DIGITS.findall(q.text)) if x is not None]
    if q.kind in _WHOLE and written:
        return [q, *(replace(q, kind="number", value=x, strong=False) for x in written)]
    if written:
        return [replace(q, kind="number", value=x, unit=None, extra=(), strong=True) for x in written]
    values = {q.value, *(q.extra if q.kind == "frequency" else ())}
    return [replace(q, kind="number", value=x, unit=None, extra=(), strong=False) for x in sorted(values)]
