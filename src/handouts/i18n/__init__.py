"""Localization: catalogs per document and locale -> localized Documents, template strings, locale facts.

Public API (build, cli and checks call these): localize, template_translations, translation_report,
is_rtl, babel_locale, and the pseudo-locale codes.
"""

from __future__ import annotations

from ..fonts import is_rtl_script, locale_script
from .localize import localize, provenance
from .pseudo import PSEUDO, PSEUDO_LOCALES, PSEUDO_RTL, is_pseudo, pseudo_text
from .status import SegmentState, Summary, summary, translation_report
from .strings import missing_strings, template_translations

__all__ = [
    "PSEUDO", "PSEUDO_LOCALES", "PSEUDO_RTL", "SegmentState", "Summary", "babel_locale", "is_pseudo", "is_rtl",
    "localize", "missing_strings", "provenance", "pseudo_text", "summary", "template_translations", "translation_report",
]


def babel_locale(locale: str) -> str:
    """The Babel locale identifier for a handouts locale code (x-pseudo -> en, x-pseudo-rtl -> ar, pt-BR -> pt_BR)."""
    return PSEUDO_LOCALES.get(locale, locale.replace("-", "_"))


def is_rtl(locale: str) -> bool:
    """True when a locale is written right to left (ar, ur, fa, he, x-pseudo-rtl)."""
    from babel import Locale, UnknownLocaleError

    code = babel_locale(locale)
    try:
        return Locale.parse(code).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return is_rtl_script(locale_script(code))
