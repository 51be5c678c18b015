"""Quoted wording under a warning: a segment that quotes an advert to warn against it mentions the advert, it does not make it.

"Beware of adverts that promise «no side effects»", "The MHRA warns against messages like
'isotretinoin without a prescription, delivered in 24 h'": the quoted words are an offer or a
claim, the segment is not. A segment is read as such a mention when it quotes wording (between
quotation marks of any language) and its own words, outside the quotes, distance themselves
from it: a live (not negated) `distance` or `safety` cue of the language's phrase data
(advert, scam, fake, beware, report, delete, "phrases like"). The detector then judges the
segment with the quoted wording left out; if that text has a finding, or its clauses other
than the distancing ones hold a part of an offer (a seller, a price, a channel, a pressure:
"Tired of fake pharmacies? «…» at our shop"), the whole segment is judged as written,
so an advert that quotes a testimonial ('Our customers say "no side effects at all" -- order
at ...') stays an advert, and so does "Not a scam: «…»" (the distancing word is negated).
"""

from __future__ import annotations

import re

from .normalise import fold

# -- an opening mark and its closing marks: German „…“, French «…», Danish/Swiss-German »…«, English “…” and "…", CJK 「…」 --
_QUOTED = re.compile(r"«[^«»]{2,}»|»[^«»]{2,}«|„[^„“”\"]{2,}[“”\"]|“[^“”]{2,}”|\"[^\"]{2,}\"|‹[^‹›]{2,}›|「[^「」]{2,}」|『[^『』]{2,}』")
PLACEHOLDER = " … "
MIN_OUTSIDE = 3  # -- words outside the quotes: "«Sin receta»." alone is the quoted wording, not a mention of it --
FRAMES = ("distance", "safety")


def outside(text: str) -> str | None:
    """The text with each quoted stretch replaced by an ellipsis, or None when it quotes nothing (or is nothing but quotes)."""
    if not _QUOTED.search(text):
        return None
    rest = _QUOTED.sub(PLACEHOLDER, text)
    return rest if len(re.findall(r"[^\W\d_]{2,}", rest)) >= MIN_OUTSIDE else None


def frame(rest: str, lang: str) -> str | None:
    """The words outside the quotes that do not distance themselves, or None when none do (no live distancing cue)."""
    from .clauses import split  # -- clauses imports the detector, which imports this module --

    folded = fold(rest)
    kept, seen = [], False
    for c in split(folded, lang, ()):
        if any(not any(n < i for n in c.negs) for kind in FRAMES for i, _ in c.cues.get(kind, [])):
            seen = True  # -- "the AFMPS warns against sites that offer «…»": the sites offer, the sentence does not --
        else:
            kept.append(folded[c.start:c.end].strip())
    return ". ".join(k for k in kept if k) if seen else None


def mention(text: str, lang: str) -> tuple[str, str] | None:
    """(the segment without its quoted wording, its words outside any distancing clause) when it quotes wording to distance itself from it."""
    rest = outside(text)
    residue = frame(rest, lang) if rest is not None else None
    return None if rest is None or residue is None else (rest, residue)
