"""The promotion judge's interface: a Detector per language and document, its Hits, and a segment judged whole.

Each sentence is judged on its own (clauses.py); a segment (one translation unit) whose
sentences each pass is judged once more as a whole, because an ad is often written as
fragments ("Clear skin in weeks. Isotretinoin 20 mg. Order on WhatsApp."): see
intent.segment_offer. Then the wording model (model.py) has its say on the whole segment: it
flags a segment the rules passed when it reads as an advertisement, and it clears a segment
whose only hits are weak ones (a price, a phone number, a messaging app, a star rating, a
sales word near the medicine) when it reads as leaflet text (score below 0.4: "Parking costs
£3.50 for up to 4 hours", "isotretinoin is sold as Roaccutane"); a strong hit (cash on delivery,
the medicine without a prescription, pressure to buy) only below 0.2 ("A pharmacist
can supply it without a prescription after a few questions"); an order to buy ("buy ...
online"), a web address, a multi-buy offer ("3 for 2") and a claim ("works better than any
other") always stand: they are
how an ad pasted into a leaflet sentence shows. A finding of the model alone, where the rules
saw no offer, is its own rule, promotion.wording: a warning for the reviewer by default, since
it also reads about 0.5% of plain leaflet sentences as adverts. When the model is sure beyond
doubt (a score halfway from its threshold to 1) it also judges a segment whose sentences
seemed to warn or to speak for a service (never one that advises against buying), and its
finding where the rules saw part of an offer is an error; short of sure, a warning. The thresholds were chosen by
cross-validation across authors, on rows the rules were never tuned on (scripts/cv_promotion.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import intent, lexicon, quotes
from .normalise import bare, fold


WEAK = frozenset({"price", "discount", "endorsement", "text-to-order keyword", "phone number", "messaging app"})
ALWAYS = frozenset({"web address", "claims", "offer"})
CLEAR_WEAK, CLEAR_STRONG = 0.4, 0.2  # -- wording scores below which a segment reads as leaflet text whatever its weak / strong hits say --
MIN_WORDS = 4  # -- the model alone does not judge a heading ("Isotretinoin 40 mg") --


@dataclass(frozen=True)
class Hit:
    """One promotional finding in a sentence: category, the words that made it, why."""

    category: str
    words: str
    reason: str
    cues: str = ""  # -- a wording hit: the offer parts the rules saw, when the model is sure of it (an error; "": a warning) --
    strength: int = 0  # -- a commerce hit: 1 an unmistakable offer ("cash on delivery"), 2 an order to buy ("buy ... online") --


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
        mentioned = quotes.mention(text, self.lang)
        if mentioned is not None:  # -- quoted wording under a warning: judged without the quotes, unless the rest offers something itself --
            rest, residue = mentioned
            found, judged = self._rules(rest)
            # -- a weak hit left outside the quotes ("a network that sold steroids on Telegram") is the report's subject, not
            #    an offer: the wording model reads the report without the quoted words, as it clears weak hits anywhere --
            if all(_clears_below(h) == CLEAR_WEAK for _, h in found) and not (residue and any(_offers(j) for j in self._rules(residue)[1])):
                return self._worded_by_model(rest, found, judged)
        return self._worded_by_model(text, *self._rules(text))

    def _rules(self, text: str) -> tuple[list[tuple[str, Hit]], list[Judgement]]:
        """The phrase rules' (sentence, hit) pairs of a segment, and each sentence's judgement."""
        from ..text import sentences

        parts = sentences(text, self.lang)
        judged = [_cached(s, self) for s in parts]
        out = [(s, h) for s, j in zip(parts, judged) for h in j.hits]
        if not out and len(parts) > 1:
            hit = intent.segment_offer([j.evidence for j in judged], Hit)
            if hit is not None:
                out.append((text, hit))
        return out, judged

    def _worded_by_model(self, text: str, out: list[tuple[str, Hit]], judged: list[Judgement]) -> list[tuple[str, Hit]]:
        """The rules' findings after the wording model has its say: it clears weak ones and adds its own."""
        scored = _scored(text, self.lang)
        if scored is None:
            return out
        score, threshold, grams = scored
        if out and score < min(_clears_below(h) for _, h in out):
            return []
        # -- the rules read negation and warnings, the model cannot ("Never buy isotretinoin online"): advice against buying
        #    is never overruled; a sentence that seems to warn or to speak for a service is, only when the model is sure beyond
        #    doubt (an ad borrows a service's words: "buy it securely from our registered partner at ..."); an offer part in a
        #    hedged sentence ("Some acne creams you buy without a prescription can dry the skin") is no offer to the rules, so
        #    the model's reading of it is the reviewer's flag, not an error --
        sure = (1.0 + threshold) / 2  # -- beyond doubt: halfway from the model's threshold to certainty --
        readable = all(j.evidence is not None for j in judged) or score >= sure
        if not out and score > threshold and len(text.split()) >= MIN_WORDS and readable and not any(j.advice for j in judged):
            hedged = any(j.evidence is not None and j.evidence.hedged for j in judged)
            out.append((text, _worded(text, "" if hedged else _offer_cues(judged), score, threshold, grams, sure)))
        return out


def _offers(j: Judgement) -> bool:
    """Whether a sentence holds a live part of an offer other than the medicine's name or a claim (a seller, a price, a channel, a pressure)."""
    return j.evidence is not None and any(name not in ("product", "claim") for name, _ in j.evidence.parts)


def _clears_below(hit: Hit) -> float:
    """The wording score below which this hit does not flag its segment (0: it always does)."""
    if hit.category in WEAK or (hit.category == "commerce" and hit.strength == 0):
        return CLEAR_WEAK
    return 0.0 if hit.category in ALWAYS or hit.strength == 2 else CLEAR_STRONG


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
    """One sentence's hits, its offer evidence for the segment (None: the sentence warns or is a service's), and whether it advises against buying."""

    hits: tuple[Hit, ...]
    evidence: intent.Evidence | None
    advice: bool = False


@lru_cache(maxsize=65536)
def _scored(text: str, lang: str) -> tuple[float, float, tuple[str, ...]] | None:
    """The wording model's score of a segment, its threshold and the n-grams that pushed towards an ad (None: no model for the language)."""
    from . import model

    m = model.load(lang)
    if m is None:
        return None
    score, grams = m.score(text)
    return score, m.threshold, tuple(grams)


def _worded(text: str, cues: str, score: float, threshold: float, grams: tuple[str, ...], sure: float) -> Hit:
    """The wording model's hit on a segment the rules passed, naming the words it leaned on and any offer part the rules saw."""
    from . import model

    words = ", ".join(model.words_of(text, list(grams)))
    seen = f"part of an offer ({cues}); " if cues else ""
    return Hit("wording", "; ".join(part for part in (cues, words) if part),
               f"{seen}wording model {score:.2f}, above {threshold:.2f}" + (f"; strongest cues: {words}" if words else ""),
               cues if score >= sure else "")


@lru_cache(maxsize=65536)
def _cached(sentence: str, d: Detector) -> Judgement:
    from .clauses import judge

    return judge(sentence, d)
