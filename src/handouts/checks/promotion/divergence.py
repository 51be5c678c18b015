"""A translated segment against its source -> what the translation adds: addresses, prices, phones, names, length.

Any language, with or without phrase data: a translator (or an attacker editing a catalog)
who adds a web address, a price, a phone number, a messaging account, a brand name or a
paragraph of extra text has changed what the leaflet says.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from . import signals
from .detector import Detector, name_keys
from .normalise import bare, fold

# a translation may run ~40% longer than its source (pseudo-locales: +40%); twice as long plus
# a sentence's worth of slack is not translation any more
LENGTH_FACTOR = 2.0
LENGTH_SLACK = 60


@lru_cache(maxsize=65536)
def _kinds(text: str) -> dict[str, dict[str, str]]:
    """kind -> {comparison key: text as written} of every signal in a text (phones: their last 9 digits)."""
    out: dict[str, dict[str, str]] = {}
    for s in signals.find(fold(text), text, (), ()):
        if s.kind == "phone number":
            key = re.sub(r"\D", "", s.text)[-9:]
        elif s.kind == "price":
            key = re.sub(r"\D", "", s.text)
        else:
            key = s.text.lower().removeprefix("www.").rstrip("/.")
        out.setdefault(s.kind, {})[key] = s.text
    return out


@lru_cache(maxsize=1)
def _keys() -> dict[str, list[tuple[str, str, str]]]:
    """Every medicines.yml name key by its first four letters: (key, medicine, "generic" | "brands")."""
    from . import medicines

    out: dict[str, list[tuple[str, str, str]]] = {}
    for generic, group in medicines().items():
        for kind in ("generic", "brands"):
            for key in name_keys(tuple(group.get(kind, []))):
                out.setdefault(key[:4], []).append((key, generic, kind))
    return out


@lru_cache(maxsize=65536)
def _mentions(text: str) -> frozenset[tuple[str, str]]:
    """(medicine, "generic" | "brands") for every medicine of medicines.yml the text names."""
    words = {bare(re.sub(r"^(?:[وفبلك]?ال|[وفبلك])", "", w)) for w in re.findall(r"[^\W\d_]{4,}", fold(text))}
    keys = _keys()
    return frozenset((generic, kind) for w in words for key, generic, kind in keys.get(w[:4], ()) if w.startswith(key))


def added(source: str, translation: str, d: Detector) -> Iterator[tuple[str, str]]:
    """(what, value) for everything the translation has and its source does not."""
    src, tr = _kinds(source), _kinds(translation)
    labels = {"web address": "a web address", "price": "a price", "phone number": "a phone number", "messaging app": "a messaging account",
              "discount code": "a discount code", "payment": "a way to pay", "offer": "an offer", "discount": "a discount", "text-to-order keyword": "a text-to-order keyword",
              "social network": "a social network"}
    for kind, values in sorted(tr.items()):
        for key in sorted(set(values) - set(src.get(kind, {}))):
            yield labels.get(kind, kind), values[key]
    src_names = _mentions(source)
    for generic, kind in sorted(_mentions(translation) - src_names):
        # a brand where the source names none, or another medicine; the translation's own spelling of a name is fine
        if kind == "brands" or not any(g == generic for g, _ in src_names):
            yield ("a brand name of" if kind == "brands" else "the name of"), generic
    if len(translation) > LENGTH_FACTOR * len(source) + LENGTH_SLACK:
        yield "text", f"{len(translation)} characters for a source of {len(source)}"
