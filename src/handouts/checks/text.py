"""Plain-text helpers shared by the rules: sentences, words, clauses, per-language data files (cached)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"

_SENTENCE_END = re.compile(r"(?<=[.!?؟።。])[\"'”’)\]]*\s+|\n+")
_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*\w)?|\d+(?:[.,]\d+)*", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def lang_of(locale: str) -> str:
    """Language part of a locale: 'es-MX' / 'es_MX' -> 'es'."""
    return re.split(r"[-_]", locale, maxsplit=1)[0].lower()


@lru_cache(maxsize=65536)
def sentences(plain: str) -> tuple[str, ...]:
    """Split plain text into sentences (a list item without a full stop is one sentence); cached for all rules."""
    return tuple(s.strip() for s in _SENTENCE_END.split(plain) if s and s.strip() and _WORD.search(s))


def words(text: str) -> list[str]:
    """Words (letters, with inner apostrophes or hyphens) and numbers."""
    return _WORD.findall(text)


def letter_words(text: str) -> list[str]:
    """Words that contain letters (numbers left out), for syllable and length measures."""
    return [w for w in _WORD.findall(text) if _LETTERS.match(w)]


@lru_cache(maxsize=None)
def data_file(name: str) -> dict[str, Any]:
    """One YAML data file under checks/data/, parsed once per process."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
    return yaml.load((DATA / f"{name}.yml").read_text(encoding="utf-8"), Loader=loader) or {}


def phrase_regex(phrases: list[str], extra: dict[str, str] | None = None, prefix: str = "") -> re.Pattern[str] | None:
    """One case-insensitive regex matching any phrase at word boundaries (phrases are regex fragments; prefix: clitics)."""
    if not phrases:
        return None
    parts = []
    for p in phrases:
        for key, value in (extra or {}).items():
            p = p.replace("{" + key + "}", value)
        parts.append(f"(?:{p})")
    return re.compile(r"(?<![\w])" + prefix + "(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE | re.UNICODE)
