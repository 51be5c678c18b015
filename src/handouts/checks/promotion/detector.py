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
        cues = _offer_cues(judged)
        if not out and cues and (found := _worded(text, self.lang, cues)) is not None:
            out.append((text, found))
        return out


def _offer_cues(judged: list[Judgement]) -> str:
    """The offer parts other than the medicine that the sentences left undecided ("": none, or a sentence warns or speaks for a service)."""
    if any(j.evidence is None for j in judged):
        return ""
    found: dict[str, str] = {}
    for j in judged:
        for name, words in j.evidence.parts:  # type: ignore[union-attr]
            if name != "product":
                found.setdefault(name, words)
    return " + ".join(f"{name}: {words}" for name, words in found.items())


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
def _worded(text: str, lang: str, cues: str) -> Hit | None:
    """The wording model's hit on a segment with an offer part that the phrase rules left short of an offer (None: leaflet text, or no model).

    The model alone is not enough: trained on short ads, it scores a bare heading that names the
    medicine as one. It decides only where the rules have already seen part of an offer.
    """
    from . import model

    m = model.load(lang)
    if m is None:
        return None
    score, grams = m.score(text)
    if score <= m.threshold:
        return None
    words = model.words_of(text, grams)
    return Hit("wording", f"{cues}; {', '.join(words)}", f"part of an offer ({cues}) in wording that reads like an advertisement (wording model {score:.2f}, above {m.threshold:.2f}; strongest cues: {', '.join(words)})")


@lru_cache(maxsize=65536)
def _cached(sentence: str, d: Detector) -> Judgement:
    from .clauses import judge

    return judge(sentence, d)
