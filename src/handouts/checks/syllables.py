"""Syllable estimates per language (English and Spanish), cached per word.

textstat 0.7.13 counts English syllables with NLTK's CMU dictionary, which it downloads
at run time (no network in a clinic or in CI) and whose import alone takes ~1 s; its
other languages use Pyphen's hyphenation dictionaries. We use Pyphen directly (es, fr, de), and for
English take the larger of Pyphen's count and a vowel-group estimate, because English
hyphenation dictionaries leave many syllables unsplit ("medicine" -> 1 hyphen-part).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

_EN_SILENT = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_EN_GROUPS = re.compile(r"[aeiouy]+")
_EN_HIATUS = re.compile(r"(?:ia(?!n$|l$)|io(?!u|ns?$)|iu|ua|uo|eo|ii|eu(?=m))")


@lru_cache(maxsize=8)
def _pyphen(lang: str):  # type: ignore[no-untyped-def]
    import pyphen

    return pyphen.Pyphen(lang=lang)


@lru_cache(maxsize=65536)
def english(word: str) -> int:
    """Syllables in one English word (estimate, >= 1)."""
    w = word.lower().strip("'’-")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    core = _EN_SILENT.sub(lambda m: m.group(0)[0], w) if not w.endswith(("le", "ted", "ded")) else w[:-1]
    core = core[1:] if core.startswith("y") else core
    groups = len(_EN_GROUPS.findall(core)) + len(_EN_HIATUS.findall(core))
    hyph = len(_pyphen("en_US").positions(w)) + 1
    return max(1, groups, hyph)


def _hyphenation(lang: str) -> Callable[[str], int]:
    """Syllables in one word of `lang` (Pyphen's hyphenation points + 1), cached per word."""

    @lru_cache(maxsize=65536)
    def count(word: str) -> int:
        return len(_pyphen(lang).positions(word.lower())) + 1 if word else 0

    return count


COUNTERS = {"en": english, "es": _hyphenation("es"), "fr": _hyphenation("fr"), "de": _hyphenation("de")}
