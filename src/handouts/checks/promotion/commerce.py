"""Language-independent signals judged in a sentence's clauses: negated, in a warning, a charge, or an ordering channel.

signals.py finds web addresses, prices, codes, apps and phones in any text; here each is
kept only where it stands live in its clause ("never order from WhatsApp sellers" has none),
outside a safety warning or a hospital's own wording, and a price outside a sentence about
prescription charges. Every live signal is also offer evidence for the segment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from . import signals
from .detector import Detector, Hit

if TYPE_CHECKING:
    from .clauses import Clause


def signal_hits(sentence: str, folded: str, clauses: list[Clause], d: Detector, safety: bool, live: Callable[..., bool]) -> tuple[list[Hit], list[str]]:
    """The signals reported in this sentence, and every live signal's kind (offer evidence for the segment)."""
    hits, kinds = [], []
    found = signals.find(folded, sentence, d.allowed, d.phones)
    strong = [s for s in found if s.kind not in ("phone number",)]
    # an unknown address that does not look like a shop counts only when the sentence sells (a hospital's contact block does not)
    selling = any(s.kind not in ("web address", "phone number") for s in found) or any(
        live(c, i, j) for c in clauses for k in SELLING for i, j in c.cues.get(k, []))
    for s in found:
        if s.kind == "web address" and not selling and not signals.commercial_address(s.text):
            continue
        c = next((c for c in clauses if c.start <= s.start < c.end + 1), None)
        if c is not None and s.end:
            i = next((k for k, t in enumerate(c.toks) if t.start >= s.start), len(c.toks))
            if live(c, i, i + 1) is False:
                continue
        if s.kind in ("web address", "price", "phone number") and safety:
            continue  # a warning's or a hospital's own address, charge or number
        if s.kind == "price" and c is not None and fee(clauses):
            continue
        kinds.append(s.kind)
        if s.kind == "phone number":
            others = [o for o in strong if o.kind in ("messaging app", "text-to-order keyword")]
            sellers = any(c2.cues.get(k) for c2 in clauses for k in ("sale", "sale_imperative", "medicine", "delivery_strong", "shop"))
            if not others and not sellers:
                continue
        hits.append(Hit(s.kind, s.text, REASONS[s.kind]))
    return hits, kinds


SELLING = ("sale", "sale_imperative", "shop", "cheap", "cheap_strong", "delivery_strong", "cod", "norx", "norx_strong",
            "urgency_strong", "offer_words", "seller_contact", "claims", "harmless", "no_side_effects", "endorsement", "social", "affiliate")


def fee(clauses: list[Clause]) -> bool:
    """A price in a sentence about prescription charges, co-payments or exemptions is a fact, not an offer (unless a seller charges it)."""
    seller = any(c2.cues.get(k) for c2 in clauses for k in ("norx", "norx_strong", "seller_contact"))
    return not seller and any(c2.cues.get("fee") for c2 in clauses)


REASONS = {
    "web address": "a web address that is not an official or allowed site",
    "price": "a price",
    "discount": "a discount",
    "discount code": "a discount code",
    "offer": "a multi-buy offer",
    "messaging app": "ordering through a messaging app or social account",
    "phone number": "a phone number to order from that is not the document's contact",
    "text-to-order keyword": "a text-to-order keyword",
    "social network": "a social network or marketplace to buy through",
    "payment": "a way to pay a seller",
}
