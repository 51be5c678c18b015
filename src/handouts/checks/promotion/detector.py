"""The promotion judge's interface: a Detector per language and document, its Hits, and a segment judged whole.

Each sentence is judged on its own (clauses.py); a segment (one translation unit) whose
sentences each pass is judged once more as a whole, because an ad is often written as
fragments ("Clear skin in weeks. Isotretinoin 20 mg. Order on WhatsApp."): see
intent.segment_offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import intent, lexicon
from .normalise import bare, fold


@dataclass(frozen=True)
class Hit:
    """One promotional finding in a sentence: category, the words that made it, why."""

    category: str
    words: str
    reason: str


@dataclass(frozen=True)
class Detector:
    """Everything the judge needs for one language and document: medicine names, allowed domains and phones."""

    lang: str
    names: tuple[str, ...]
    allowed: tuple[str, ...]
    phones: tuple[str, ...]

    @property
    def has_phrases(self) -> bool:
        return lexicon.load(self.lang) is not None

    def judge(self, sentence: str) -> list[Hit]:
        """Every promotional hit of one sentence (empty: not promotional)."""
        return list(_cached(sentence, self).hits)

    def judge_segment(self, text: str) -> list[tuple[str, Hit]]:
        """(sentence, hit) for one segment: each sentence's hits, else an offer whose parts lie in different sentences."""
        from ..text import sentences

        parts = sentences(text, self.lang)
        judged = [_cached(s, self) for s in parts]
        out = [(s, h) for s, j in zip(parts, judged) for h in j.hits]
        if not out and len(parts) > 1:
            hit = intent.segment_offer([j.evidence for j in judged], Hit)
            if hit is not None:
                out.append((text, hit))
        return out


@lru_cache(maxsize=256)
def name_heads(names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Name keys by their first four letters (every key has at least four)."""
    out: dict[str, list[str]] = {}
    for n in names:
        out.setdefault(n[:4], []).append(n)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=256)
def name_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """Medicine names as folded, accent-free prefixes: an inflected ending still matches (izotretynoinę)."""
    out = set()
    for n in names:
        for w in re.findall(r"[^\W\d_]{4,}", fold(n)):
            w = bare(re.sub(r"^(?:ال)", "", w))
            out.add(w[:-1] if len(w) > 5 and w[-1] in "aeiouyаеиоуяюіїє" else w)
    return tuple(sorted(out))


@dataclass(frozen=True)
class Judgement:
    """One sentence's hits, and its offer evidence for the segment (None: the sentence warns or is a service's)."""

    hits: tuple[Hit, ...]
    evidence: intent.Evidence | None


@lru_cache(maxsize=65536)
def _cached(sentence: str, d: Detector) -> Judgement:
    from .clauses import judge

    return judge(sentence, d)
