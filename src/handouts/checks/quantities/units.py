"""Quantity: one number with its meaning (amount + unit, time span, frequency, time of day, count, digits) and its comparison key."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# -- equal amounts written in other units are the same quantity ("1 g" = "1000 mg"; "1 week" = "7 days") --
_MASS = {"mcg": 0.001, "mg": 1.0, "g": 1000.0, "kg": 1_000_000.0}
_VOLUME = {"ml": 1.0, "l": 1000.0}
_MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080}
_MONTHS = {"month": 1, "year": 12}

KINDS = ("number", "amount", "span", "frequency", "time", "times", "ordinal", "date", "digits")


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a segment: kind, value, unit; `strong` ones must be matched, weak ones only match."""

    kind: str
    value: float
    unit: str | None = None
    text: str = ""
    strong: bool = True
    start: int = 0
    end: int = 0
    extra: tuple[float, ...] = field(default=())  # frequency: (every n, ...); date: (year, month, day) as written
    digits: str = ""

    @cached_property
    def keys(self) -> frozenset[tuple[object, ...]]:
        """Its key and its alternatives, computed once."""
        return frozenset([self.key(), *self.alternatives()])

    def key(self) -> tuple[object, ...]:
        """What must be equal for two quantities to be the same (computed once)."""
        return self._key

    @cached_property
    def _key(self) -> tuple[object, ...]:
        if self.kind == "amount":
            return ("amount", *_amount(self.value, self.unit or ""))
        if self.kind == "span":
            return ("span", *_span(self.value, self.unit or "day"))
        if self.kind == "frequency":
            every = self.extra[0] if self.extra else 1.0
            return ("frequency", round(self.value, 6), *_span(every, self.unit or "day"))
        if self.kind == "digits":
            return ("digits", self.digits)
        if self.kind == "date":
            # -- "1.11.26" = "1.11.2026", and "11/1/2026" may be either order: day and month as a pair --
            year, month, day = self.extra
            return ("date", year % 100, min(month, day), max(month, day))
        return (self.kind, round(self.value, 6))

    def alternatives(self) -> list[tuple[object, ...]]:
        """Other keys this quantity also matches: a whole hour '9:00' and the bare number 9, '2 times' and the number 2."""
        out: list[tuple[object, ...]] = []
        if self.kind == "time" and self.value % 60 == 0:
            out.append(("number", round(self.value / 60, 6)))
        if self.kind == "times":
            out.append(("number", round(self.value, 6)))
        if self.kind == "digits" and len(self.digits) <= 15:
            out.append(("number", float(int(self.digits))))
        if self.kind == "ordinal":
            out.append(("number", round(self.value, 6)))  # "Weeks 7 to 12" = "第7至12周" = "С 7-й по 12-ю неделю"
        return out

    def describe(self) -> str:
        """How the report shows it: the text as written, and what it was read as when that differs."""
        shown = " ".join(self.text.split())
        meaning = self.meaning()
        return f"{shown}" if not meaning or meaning == shown else f"{shown} ({meaning})"

    def meaning(self) -> str:
        """The value in a neutral form: '2.5 mg', '16 weeks', '2 a day', '16:00'."""
        v = _num(self.value)
        if self.kind == "amount":
            return f"{v} {self.unit}"
        if self.kind == "span":
            return f"{v} {self.unit}{'s' if self.value != 1 else ''}"
        if self.kind == "frequency":
            every = self.extra[0] if self.extra else 1.0
            period = self.unit if every == 1 else f"{_num(every)} {self.unit}s"
            return f"{v} time{'s' if self.value != 1 else ''} per {period}"
        if self.kind == "time":
            return f"{int(self.value) // 60:02d}:{int(self.value) % 60:02d}"
        if self.kind == "times":
            return f"{v} times"
        if self.kind == "ordinal":
            return f"ordinal {v}"
        if self.kind == "digits":
            return f"digits {self.digits}"
        if self.kind == "date":
            year, month, day = (int(x) for x in self.extra)
            return f"date {year:04d}-{month:02d}-{day:02d}" if year >= 100 else f"date {year:02d}-{month:02d}-{day:02d}"
        return v


def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(int(value))


def _amount(value: float, unit: str) -> tuple[object, ...]:
    top, _, bottom = unit.partition("/")
    for table, base in ((_MASS, "mg"), (_VOLUME, "ml")):
        if top in table:
            return (base + ("/" + bottom if bottom else ""), round(value * table[top], 6))
    return (unit, round(value, 6))


def _span(value: float, unit: str) -> tuple[object, ...]:
    if unit in _MINUTES:
        return ("minutes", round(value * _MINUTES[unit], 6))
    if unit in _MONTHS:
        return ("months", round(value * _MONTHS[unit], 6))
    return (unit, round(value, 6))
