"""Pseudo-locales: source text -> accented, ~40% longer text (x-pseudo) or right-to-left text (x-pseudo-rtl).

Markup, links, numbers and placeholders are left untouched, so a pseudo-translation has the same
Markdown signature and the same doses as its source; only letters change.
"""

from __future__ import annotations

import gettext
import re

from . import PSEUDO_LOCALES  # pseudo code -> the Babel locale used for formatting

PSEUDO = "x-pseudo"
PSEUDO_RTL = "x-pseudo-rtl"

# Accented look-alikes that Noto Sans covers; vowels are doubled to lengthen the text by ~40%.
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥíĵķĺɱñóƥǫŕšţúṽŵẋýžÀƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤǪŔŠŢÚṼŴẊÝŽ",
)
_VOWELS = set("aeiouyAEIOUY")
_WORD = re.compile(r"[A-Za-z]+")
# Latin letter -> Arabic letter of a similar sound: real right-to-left script, shaped by the Arabic font.
_ARABIC = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "ابكديفغهيجكلمنوبقرستوفوكيز" * 2,
)
# Spans that must survive unchanged: link targets, URLs, e-mail addresses, placeholders, entities.
_PROTECTED = re.compile(
    r"\]\([^)]*\)"            # Markdown link target
    r"|<[^>\s]+>"             # autolink
    r"|(?:https?|mailto|tel):\S+"
    r"|[\w.+-]+@[\w-]+\.[\w.-]+"
    r"|\{[^{}]*\}"            # str.format placeholder
    r"|%\(\w+\)[sd]|%[sd]"    # printf placeholder
    r"|&\w+;"
)


def is_pseudo(locale: str) -> bool:
    """True for the reserved pseudo-locale codes."""
    return locale in PSEUDO_LOCALES


def pseudo_text(text: str, locale: str = PSEUDO) -> str:
    """The pseudo-translation of a text (Markdown markup, numbers and placeholders kept)."""
    convert = _expand if locale == PSEUDO else _arabic
    out, pos = [], 0
    for m in _PROTECTED.finditer(text):
        out.append(convert(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(convert(text[pos:]))
    return "".join(out)


def _expand(text: str) -> str:
    return _WORD.sub(_expand_word, text)


def _expand_word(m: re.Match[str]) -> str:
    word = m.group(0)
    chars = []
    for i, ch in enumerate(word):
        chars.append(ch.translate(_ACCENTED))
        if ch in _VOWELS or (i == 0 and len(word) > 5):
            chars.append(ch.lower().translate(_ACCENTED))
    return "".join(chars)


def _arabic(text: str) -> str:
    return text.translate(_ARABIC)


class PseudoTranslations(gettext.NullTranslations):
    """Template strings of a pseudo-locale, generated on the fly."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.locale = locale

    def gettext(self, message: str) -> str:
        return pseudo_text(message, self.locale)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2, self.locale)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_text(message, self.locale)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2, self.locale)
