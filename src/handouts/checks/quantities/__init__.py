"""Quantities in patient text: parse a segment into numbers with their meaning, compare a source and its translation.

parse.parse(text, locale) -> Quantity list; compare.compare(source, src_locale, target, tgt_locale)
-> Differences (missing, added, changed, unreadable). Vocabulary: checks/data/quantities/<lang>.yml.
"""

from __future__ import annotations

from .compare import Differences, compare
from .parse import parse
from .units import Quantity

__all__ = ["Differences", "Quantity", "compare", "parse"]
