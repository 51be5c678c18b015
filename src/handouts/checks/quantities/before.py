"""A unit written before its number -> the amount it belongs to: "mg 40" is 40 mg, "每毫升含10毫克" is 10 mg/ml.

Both run on the tokens the scanner read: `unit_before` as each bare number is read, `per_unit_before`
once the segment is read (the per-unit words, such as Chinese 每, come from `unit_per_before`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .units import Quantity
from .vocab import Vocabulary


def unit_before(v: Vocabulary, pattern: re.Pattern[str], low: str, original: str, tokens: list[Quantity]) -> None:
    """A bare number just read with a unit written before it ("mg 40") becomes that amount (unless the unit belongs to the number before)."""
    last = tokens[-1] if tokens else None
    if last is None or last.kind != "number" or last.unit is not None:
        return
    m = pattern.search(low, max(0, last.start - 24), last.start)
    if m is None or (len(tokens) > 1 and tokens[-2].end > m.start("u")):
        return
    unit = v.after[re.sub(r"\s+", " ", m.group("u"))][1]
    tokens[-1] = replace(last, kind="amount", unit=unit, text=original[m.start("u"):last.end], strong=True, start=m.start("u"))


def per_unit_before(v: Vocabulary, pattern: re.Pattern[str], low: str, original: str, tokens: list[Quantity]) -> None:
    """An amount after "per <unit>" written before it (每毫升含10毫克, 每1毫升含10毫克) is a strength: 10 mg/ml."""
    if not v.unit_per_before:
        return
    for t in list(tokens):
        if t.kind != "amount" or "/" in (t.unit or ""):
            continue
        m = pattern.search(low, max(0, t.start - 16), t.start)
        if m is None:
            continue
        per = v.after[re.sub(r"\s+", " ", m.group("u"))][1]
        inside = [q for q in tokens if m.start() <= q.start < t.start]
        if any(q.kind != "every" and not (q.kind == "amount" and q.value == 1 and q.unit == per) for q in inside):
            continue  # -- something else stands between: not this amount's denominator --
        for q in inside:
            tokens.remove(q)
        tokens[tokens.index(t)] = replace(t, unit=f"{t.unit}/{per}", text=original[m.start():t.end], start=m.start())
