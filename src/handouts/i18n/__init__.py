"""Localization: catalogs per document and locale -> localized Documents, template strings, locale facts.

Public API (build, cli, renderers and checks call these): localize, template_translations,
translation_report, is_rtl, babel_locale, pseudo-locale codes. Submodules load on first use so
that `handouts --help` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

PSEUDO_LOCALES = {"x-pseudo": "en", "x-pseudo-rtl": "ar"}  # reserved code -> Babel locale for formatting

_LAZY = {
    "localize": "localized", "provenance": "localized",
    "SegmentState": "status", "Summary": "status", "summary": "status", "translation_report": "status",
    "template_translations": "strings", "missing_strings": "strings",
    "PSEUDO": "pseudo", "PSEUDO_RTL": "pseudo", "is_pseudo": "pseudo", "pseudo_text": "pseudo",
}

__all__ = ["PSEUDO_LOCALES", "babel_locale", "is_rtl", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)


def babel_locale(locale: str) -> str:
    """The Babel locale identifier for a handouts locale code (x-pseudo -> en, x-pseudo-rtl -> ar, pt-BR -> pt_BR)."""
    return PSEUDO_LOCALES.get(locale, locale.replace("-", "_"))


def is_rtl(locale: str) -> bool:
    """True when a locale is written right to left (ar, ur, fa, he, x-pseudo-rtl)."""
    from babel import Locale, UnknownLocaleError

    from ..fonts import is_rtl_script, locale_script

    code = babel_locale(locale)
    try:
        return Locale.parse(code).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return is_rtl_script(locale_script(code))
