"""Number values: digits in any script and locale convention (Babel symbols), number words (num2words), Han numerals.

Number words are generated with num2words (cardinals 0-100, tens of 100s, 1000; ordinals 1-31)
and reversed into a lookup, then completed by the data files (inflected and feminine forms,
fractions). text2num was considered: it reads compounds well but covers only en, es, fr, de,
pt, it, nl, da and, by design, leaves small numbers ("one month", "zwei Wochen") as words,
which are exactly the ones leaflets use.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_SPACES = "\u00a0\u202f \u2009"
_HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000}
HAN_NUMERAL = "[零〇一二两兩三四五六七八九十百千万萬]+"


@lru_cache(maxsize=64)
def separators(locale: str) -> tuple[str, str]:
    """(decimal symbol, group symbol) of a locale, from Babel's CLDR data ('.' and ',' when Babel does not know it)."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        loc = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return ".", ","
    return get_decimal_symbol(loc), get_group_symbol(loc)


def ascii_digits(token: str) -> str:
    """Digits of any script (Arabic-Indic, Persian, Devanagari, full-width...) as ASCII; other characters kept."""
    return "".join(str(unicodedata.decimal(c)) if c.isdigit() and unicodedata.decimal(c, None) is not None else c for c in token)


def digit_value(token: str, locale: str) -> float | None:
    """A number written in digits -> its value in the locale's convention, None when it is not one number.

    A separator is decimal when it is the locale's decimal symbol, or when it cannot be a group
    separator (a group is exactly 3 digits): '0,500' is 0.5 in es, '1.000' is 1000 in es, '2.5' is 2.5 anywhere.
    """
    decimal = separators(locale)[0]
    s = ascii_digits(token).replace("\u066b", ".").replace("\u066c", ",")
    s = "".join(" " if c in _SPACES else c for c in s)
    seps = [c for c in s if not c.isdigit()]
    if not seps:
        return float(s)
    kinds = set(seps)
    if len(kinds) > 2:
        return None
    if len(kinds) == 2:
        last = s.rstrip("0123456789")[-1]
        if seps.count(last) != 1 or last == " ":
            return None
        head, tail = s.rsplit(last, 1)
        return _grouped(head, tail)
    sep = seps[0]
    parts = s.split(sep)
    if sep == " " or len(parts) > 2:
        return _grouped(s, "")
    if sep == decimal or len(parts[1]) != 3 or parts[0] == "0":
        return _decimal(parts[0], parts[1])
    return _grouped(s, "")


def _grouped(head: str, tail: str) -> float | None:
    groups = re.split(r"[^0-9]", head)
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return None
    return _decimal("".join(groups), tail)


def _decimal(whole: str, frac: str) -> float | None:
    try:
        return float(Decimal(f"{whole}.{frac}" if frac else whole))
    except InvalidOperation:
        return None


def han_value(text: str) -> float | None:
    """A Han numeral -> its value ('十二' 12, '二十' 20, '一百零五' 105, '两' 2), None when malformed."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _HAN_DIGITS:
            if digit is not None and digit != 0 and _HAN_DIGITS[ch] != 0:
                return None  # two digits in a row ('一二') is not one number
            digit = _HAN_DIGITS[ch]
        elif ch in _HAN_UNITS:
            unit = _HAN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return float(total + section + (digit or 0))


@lru_cache(maxsize=64)
def generated_words(lang: str) -> tuple[dict[str, float], dict[str, float]]:
    """(cardinal words, ordinal words) -> value from num2words, normalised; empty when it does not know the language."""
    from num2words import num2words

    from .vocab import norm

    cardinals: dict[str, float] = {}
    ordinals: dict[str, float] = {}
    try:
        num2words(1, lang=lang)
    except (NotImplementedError, KeyError, AttributeError, TypeError):
        return {}, {}
    for n in [*range(0, 101), *range(200, 1001, 100)]:
        for form in _variants(str(num2words(n, lang=lang))):
            cardinals.setdefault(norm(form), float(n))
    for n in range(1, 32):
        try:
            word = str(num2words(n, lang=lang, to="ordinal"))
        except (NotImplementedError, KeyError, AttributeError, TypeError, ValueError):
            break
        for form in _variants(word):
            ordinals.setdefault(norm(form), float(n))
    return cardinals, ordinals


def _variants(word: str) -> list[str]:
    """A generated word as people write it: 'twenty-one'/'twenty one', Arabic 'و عشرون'/'وعشرون'/'وعشرين'."""
    forms = {word, word.replace("-", " "), word.replace(" و ", " و")}
    forms |= {re.sub(r"ون\b", "ين", f) for f in list(forms)}
    return sorted(forms)
