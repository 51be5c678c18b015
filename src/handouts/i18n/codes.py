"""Locale codes: what a user typed -> the Babel Locale, the canonical BCP 47 spelling, or a suggestion."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

from ..errors import Problem, TranslationError


def parse(code: str, path: Path | None = None) -> Locale:
    """The Babel Locale for a code (en-GB, pt_BR, zh-Hans), or a TranslationError with a suggestion."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        hint = suggest(code)
        hint = f"did you mean {hint}? " if hint else ""
        raise TranslationError(Problem(
            f"'{code}' is not a locale Babel knows: {hint}use a BCP 47 code such as es, pl, ar, pt-BR, zh-Hans (file name <code>.po)",
            path=path, locale=code,
        )) from None


def canonical(code: str) -> str:
    """The BCP 47 spelling of a known code, its parts as typed: en_gb -> en-GB, zh_hans_cn -> zh-Hans-CN, zh_tw -> zh-TW."""
    parse(code)
    first, *rest = re.split(r"[-_]", code)
    return "-".join([first.lower(), *(p.title() if len(p) == 4 and p.isalpha() else p.upper() if len(p) in (2, 3) else p.lower() for p in rest)])


def same(a: str, b: str) -> bool:
    """True when two codes differ only by case or `_` / `-` (en_gb and en-GB)."""
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


def suggest(code: str) -> str | None:
    """The known code closest to a mistyped one ('polish' -> pl, 'en-UK' -> en-GB), or None."""
    key = code.replace("_", "-").lower()
    names = _english_names()
    if key in names:
        return names[key]
    if key.endswith("-uk"):  # -- the ISO region of the United Kingdom is GB --
        return suggest(key[:-3] + "-gb")
    close = difflib.get_close_matches(key, [*_identifiers(), *names], n=1, cutoff=0.75)
    return (names.get(close[0]) or canonical(close[0])) if close else None


@lru_cache(maxsize=1)
def _identifiers() -> list[str]:
    return [i.replace("_", "-").lower() for i in locale_identifiers()]


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    return {name.lower(): code.replace("_", "-") for code, name in Locale("en").languages.items()}
