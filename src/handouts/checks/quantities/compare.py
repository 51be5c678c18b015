"""A source segment and its translation -> the quantities missing, added or changed (same value, unit and frequency)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .parse import parse
from .units import Quantity
from .vocab import language, supported


@dataclass
class Differences:
    """What a translation does to the source's quantities; empty when they all match."""

    missing: list[Quantity] = field(default_factory=list)
    added: list[Quantity] = field(default_factory=list)
    changed: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    source: list[Quantity] = field(default_factory=list)
    partial: bool = False  # one language has no vocabulary: only numbers in digits were compared (partial.py)

    def __bool__(self) -> bool:
        return bool(self.missing or self.added or self.changed)


def compare(source: str, source_locale: str, target: str, target_locale: str, extension: tuple[str, str] = ("", "")) -> Differences:
    """Every strong quantity of the source must be in the target and the target adds none (weak ones only match)."""
    src, src_bad = parse(source, source_locale, extension[0])
    tgt, tgt_bad = parse(target, target_locale, extension[1])
    own_bad = [u for u in tgt_bad if u not in src_bad]
    if not (supported(language(source_locale), extension[0]) and supported(language(target_locale), extension[1])):
        from .partial import digits_only

        missing, added = digits_only(src, source_locale, tgt, target_locale)
        missing = [m for m in missing if not (m.kind == "date" and _day_and_year(m, tgt))]
        added = [a for a in added if not (a.kind == "date" and _day_and_year(a, src))]
        changed = _pair(missing, added)
        paired = {id(x) for pair in changed for x in pair}
        return Differences([m for m in missing if id(m) not in paired], [a for a in added if id(a) not in paired], changed, [*src_bad, *own_bad], src, True)
    in_src, in_tgt = _index(src), _index(tgt)
    missing = [s for s in src if s.strong and not _found(s, in_tgt)]
    added = [t for t in tgt if t.strong and not _found(t, in_src)]
    # -- "every day" -> "every week" with no count on either side: weak, but a conflict is still a change --
    loose_s = [s for s in src if not s.strong and s.kind == "frequency" and not _found(s, in_tgt)]
    loose_t = [t for t in tgt if not t.strong and t.kind == "frequency" and not _found(t, in_src)]
    missing += [s for s in loose_s if any(t.kind == "frequency" for t in [*loose_t, *added])]
    added += [t for t in loose_t if any(s.kind == "frequency" for s in [*loose_s, *missing])]
    # -- "aged 12" -> "12 años", "day 21" -> "21 días": a translation may name the time unit of a bare number --
    for m in [m for m in missing if m.kind == "number"]:
        named = next((a for a in added if a.kind == "span" and a.value == m.value), None)
        if named is not None:
            missing.remove(m)
            added.remove(named)
    _dates_as_numbers(missing, added)
    _dates_as_numbers(added, missing)
    changed = _pair(missing, added)
    paired = {id(x) for pair in changed for x in pair}
    return Differences([m for m in missing if id(m) not in paired], [a for a in added if id(a) not in paired], changed, [*src_bad, *own_bad], src)


def _dates_as_numbers(dates: list[Quantity], numbers: list[Quantity]) -> None:
    """A date whose day and year the other side has as numbers (a month name this check cannot read) is the same date."""
    for d in [d for d in dates if d.kind == "date" and d.extra[0] >= 100]:
        year, _, day = d.extra
        y = next((n for n in numbers if n.kind == "number" and n.value == year), None)
        x = next((n for n in numbers if n.kind in ("number", "ordinal") and n.value == day and n is not y), None)
        if y is not None and x is not None:
            dates.remove(d)
            numbers.remove(x)
            numbers.remove(y)


def _day_and_year(date: Quantity, other: list[Quantity]) -> bool:
    """Whether the other side writes the date's day and four-digit year as numbers (its month in words this check cannot read)."""
    year, _, day = date.extra
    values = [q.value for q in other if q.kind in ("number", "ordinal", "amount", "span")]
    return year >= 100 and year in values and day in values


def _index(quantities: list[Quantity]) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """(primary keys, every key) of a side, so that matching is a set lookup."""
    return {q.key() for q in quantities}, {k for q in quantities for k in q.keys}


def _found(q: Quantity, side: tuple[set[tuple[object, ...]], set[tuple[object, ...]]]) -> bool:
    primary, every = side
    return q.key() in every or not q.keys.isdisjoint(primary)


def _pair(missing: list[Quantity], added: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Missing and added quantities of one kind, read as one changed quantity (same value first, then same unit)."""
    pairs: list[tuple[Quantity, Quantity]] = []
    free = list(added)
    for m in missing:
        ranked = sorted(
            (a for a in free if _family(a) == _family(m)),
            key=lambda a: (a.value != m.value, a.unit != m.unit, abs(a.start - m.start)),
        )
        if ranked:
            pairs.append((m, ranked[0]))
            free.remove(ranked[0])
    return pairs


def _family(q: Quantity) -> str:
    return "number" if q.kind in ("number", "times") else q.kind
