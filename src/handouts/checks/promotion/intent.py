"""Sentence-level promotion: an offer spread over clauses, a ranking of products, a keyword or brand list.

The per-clause cues catch a sales phrase; spam that spreads an offer over fragments ("Acne
capsules, no questions asked, delivered tomorrow, DM") has no single phrase that sells but
still carries an offer's parts. Each part counts only where it is live (not negated, not
conditional), so "Do not buy isotretinoin online" still has none. Review blogs rank products
("Top 5 isotretinoin brands 2025") and SEO text lists names ("isotretinoin price | roaccutane
uk | ..."): both name the medicine several times without a sales phrase.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterable

# evidence class -> cue kinds (per-language data) that give it
CLASSES = {
    "transaction": ("sale", "sale_imperative", "acquire", "shop", "seller_contact"),
    "access": ("norx", "norx_strong"),
    "price": ("cheap", "cheap_strong", "save", "offer_words", "affiliate", "price_words"),
    "channel": ("online", "delivery", "delivery_strong", "cod"),
    "pressure": ("urgency", "urgency_strong"),
    "claim": ("claims", "harmless", "no_side_effects", "endorsement", "social", "testimonial"),
}
# language-independent signal kinds (signals.py) -> evidence class
SIGNALS = {"price": "price", "discount": "price", "discount code": "price", "offer": "price", "payment": "price",
           "messaging app": "channel", "social network": "channel", "web address": "channel", "phone number": "channel", "text-to-order keyword": "channel"}

# signal kinds that are evidence for an offer but never a finding on their own
EVIDENCE_ONLY = ("social network",)


def evidence(clauses: Iterable, live: Callable[..., bool], signal_kinds: Iterable[str]) -> dict[str, str]:  # type: ignore[type-arg]
    """Evidence class -> the first words that give it (only live cues; "product" for the medicine named).

    A word gives one part only: "recibirá" (you will receive) is not a transaction and a delivery.
    """
    found: dict[str, str] = {}
    for c in clauses:
        for i, j in c.cues.get("medicine", []):
            found.setdefault("product", c.words(i, j) or "💊")
        used: set[int] = set()
        for name, kinds in CLASSES.items():
            for kind in kinds:
                for i, j in c.cues.get(kind, []):
                    if live(c, i, j) and name not in found and not used & set(range(i, j)):
                        found[name] = c.words(i, j)
                        used |= set(range(i, j))
    for kind in signal_kinds:
        if kind in SIGNALS:
            found.setdefault(SIGNALS[kind], kind)
    return found


def is_offer(found: dict[str, str], hedged: bool) -> bool:
    """The medicine with two other parts of an offer, or three without it; one more in a hedged sentence.

    "Some medicines you buy without a prescription can interact with isotretinoin" names the
    medicine, a purchase and no prescription, but as a general fact ("some", "can").
    """
    others = [k for k in found if k != "product"]
    return len(others) >= (2 if "product" in found else 3) + hedged


def sentence_hits(sentence: str, clauses: list[Any], live: Callable[..., bool], signal_kinds: list[str], hit: Callable[..., Any], caught: bool) -> list[Any]:
    """Hits of the sentence-level rules (`hit` builds one; `caught`: the clause rules already found something)."""
    out = []
    named = any(c.cues.get("medicine") for c in clauses)
    for c in clauses:
        for i, j in c.cues.get("ranking", []):
            near = c.toks[max(i - 1, 0):j + 1]
            if named and live(c, i, j) and any(t.text.isdigit() for t in near):
                out.append(hit("commerce", c.words(max(i - 1, 0), j + 1), "a ranking of products to buy"))
    mentions = [c.words(i, j) for c in clauses for i, j in c.cues.get("medicine", []) if j > i]
    if len(mentions) >= 3 and listed(sentence):
        out.append(hit("commerce", " | ".join(mentions[:3]), "a keyword or brand list naming the medicine"))
    if not (caught or out):
        found = evidence(clauses, live, signal_kinds)
        if is_offer(found, any(c.hedges for c in clauses)):
            out.append(hit("commerce", " + ".join(found.values()), "an offer: " + ", ".join(found)))
    return out


def listed(sentence: str) -> bool:
    """Whether a sentence is a list of fragments: two or more bars, bullets, check marks or other pictographs."""
    return sum(ch in "|•·" or unicodedata.category(ch) == "So" for ch in sentence) >= 2


@dataclass(frozen=True)
class Evidence:
    """One sentence's live offer parts ((class, words), ...) and whether it hedges: pooled over a segment."""

    parts: tuple[tuple[str, str], ...]
    hedged: bool


def segment_offer(judged: list[Evidence | None], hit: Callable[..., Any]) -> Any | None:
    """An offer whose parts lie in different sentences of one segment ("Clear skin in weeks. Isotretinoin 20 mg. Order on WhatsApp.").

    A sentence that warns or speaks for a hospital or health service (None) clears the whole
    segment, so a leaflet paragraph is not read as an ad; one that advises against buying or
    states a charge gives no parts. The pooled parts must reach the sentence threshold and
    come from at least two sentences.
    """
    if any(e is None for e in judged):
        return None
    found: dict[str, str] = {}
    for e in judged:
        for name, words in e.parts:  # type: ignore[union-attr]
            found.setdefault(name, words)
    spread = sum(1 for e in judged if e.parts) >= 2  # type: ignore[union-attr]  # else the sentence rule has decided
    if spread and is_offer(found, any(e.hedged for e in judged)):  # type: ignore[union-attr]
        return hit("commerce", " + ".join(found.values()), "an offer across sentences: " + ", ".join(found))
    return None
