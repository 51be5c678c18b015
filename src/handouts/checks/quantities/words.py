"""Number words in a row -> one number: "two thousand five hundred" 2500, "dos mil quinientos", "zweihundertfünfzig" 250, "ألفان وخمسمائة".

The words come from the language's vocabulary (generated cardinals, data-file words, `multipliers` and
`number_joiners`); the parser finds the run of words and this module adds them up as a native writer means them.
"""

from __future__ import annotations

import re

from .vocab import Vocabulary


def compound(v: Vocabulary, patterns: tuple[re.Pattern[str], ...], low: str, start: int, end: int) -> tuple[float, int, bool] | None:
    """Number words in low[start:end] read as one number ("two thousand five hundred" 2500, "zweihundertfünfzig" 250): (value, where it stops, ordinal).

    Each word must fit the number so far (after 500 only a number below 100, after 20 one below 10, a
    multiplier scales what comes before it); the first word that does not fit ends it, so "one two" is 1, then 2.
    """
    single, scale, joiner = patterns
    total, current, last_scale, value, stop, p, joined = 0.0, 0.0, float("inf"), None, start, start, ""
    ordinal = False
    while p < end:
        w, m = single.match(low, p, end), scale.match(low, p, end)
        w_end, m_end = (w.end() if w and w.end() > p else -1), (m.end() if m and m.end() > p else -1)
        if w_end < 0 and m_end < 0:
            break
        if joined and joined not in ("-", " ") and not (current >= 100 or (current == 0 and total > 0)):
            break  # -- "and" joins "two hundred and fifty", "ألفان وخمسمائة", not "ten and five" --
        if m_end >= w_end:
            factor = v.multipliers[re.sub(r"\s+", " ", low[p:m_end])]
            if factor < 1000:
                if current >= factor or (current == 0 and total > 0 and value is not None and last_scale <= factor):
                    break
                current = (current or 1) * factor
            else:
                if factor >= last_scale:
                    break
                total, current, last_scale = total + (current or 1) * factor, 0.0, factor
            stop = m_end
        else:
            word = re.sub(r"\s+", " ", low[p:w_end])
            x = v.words.get(word, v.ordinals.get(word))
            if x is None or (value is not None and (x != int(x) or not _fits(current, total, last_scale, x))):
                break
            current += x
            stop, ordinal = w_end, word in v.ordinals and word not in v.words
        value = total + current
        if ordinal or value != int(value):
            break
        j = joiner.match(low, stop, end)
        joined = re.sub(r"\s+", " ", j.group().strip() or " ") if j and j.end() > stop else ""
        if not joined and not v.glued:
            break
        p = j.end() if joined else stop
    return None if value is None else (value, stop, ordinal)


def _fits(current: float, total: float, last_scale: float, x: float) -> bool:
    """Whether the number word x can continue a number: below the last multiplier, and below the place of the last digit written."""
    if current == 0:
        return total > 0 and x < last_scale
    place = 1
    while current % (place * 10) == 0:
        place *= 10
    return x < place
