"""Plain-text helpers shared by the rules: sentences, words, per-language data files (cached).

Sentence splitting is our own, not pysbd: tried on the languages we ship, pysbd 0.3.4 split
"p. ej.", "Dra.", "Zob.", "напр." and Arabic "د." as sentence ends and took ~2 ms a
paragraph (seconds for 100 documents x 8 locales). Here a full stop, "!" or "?" ends a
sentence only before a space and a capital, digit, quote or a letter of a script without
case, and never after a known abbreviation (checks/data/abbreviations.yml); decimals ("2.5 mg"), web addresses ("nhs.uk/medicines") and e-mail addresses have no
space after their dots, so they never split. "。！？" end a sentence without a space.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"

_CANDIDATE = re.compile(r"[.!?؟।።…]+[\"'”’»)\]]*(\s+)(?=\S)|[。！？]+|\n+")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?؟…]*[\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*\w)?|\d+(?:[.,]\d+)*", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def lang_of(locale: str) -> str:
    """Language part of a locale: 'es-MX' / 'es_MX' -> 'es'."""
    return re.split(r"[-_]", locale, maxsplit=1)[0].lower()


@lru_cache(maxsize=32)
def _abbreviations(lang: str) -> frozenset[str]:
    data = data_file("abbreviations")
    return frozenset(a.lower() for a in [*data.get("all", []), *data.get(lang, [])])


def _ends_here(plain: str, m: re.Match[str], abbreviations: frozenset[str]) -> bool:
    """Whether the candidate stop `m` really ends a sentence."""
    mark = m.group(0).strip()
    if not mark or mark[0] in "\n。！？" or mark[0] in "!?؟":
        return True
    after = plain[m.end():m.end() + 1]
    if after.islower():
        return False  # "approx. three", "z. B. eine"
    word = _WORD_BEFORE.search(plain[: m.start() + 1])
    token = (word.group(1) if word else "").lower().lstrip("(\"'“«")
    if mark.startswith("…") or mark.startswith("..."):
        return bool(after) and after.isupper()
    return token not in abbreviations


@lru_cache(maxsize=65536)
def sentences(plain: str, lang: str = "") -> tuple[str, ...]:
    """Split plain text into sentences (a list item without a full stop is one sentence); cached for all rules."""
    abbreviations = _abbreviations(lang)
    out, start = [], 0
    for m in _CANDIDATE.finditer(plain):
        if _ends_here(plain, m, abbreviations):
            out.append(plain[start:m.end()])
            start = m.end()
    out.append(plain[start:])
    return tuple(s.strip() for s in out if s.strip() and _WORD.search(s))


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
