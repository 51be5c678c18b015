"""One segment's plain text + its locale -> the quantities it states (and the constructs it could not read).

A scanner reads, left to right, the longest thing at each place: a whole phrase ("every other
day", "al día", "两次"), a date, a phone number, a number in digits or words (a run of words is
one number: words.py) with the unit after it (or before it: before.py); a second pass joins
ranges ("16 to 20 weeks"; "9 to 5" is office hours), "every N days", and counts with their
period ("twice" + "a day").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .before import per_unit_before, unit_before
from .dates import DIGIT_DATE, month_names, named_date_pattern, read_digits, read_named
from .numbers import HAN_NUMERAL, ascii_digits, digit_value, han_value, separators
from .units import Quantity
from .vocab import Vocabulary, language, normalise, vocabulary
from .words import compound

_LATIN_CYRILLIC = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th|er|re|ère|ème|eme|e|º|ª|\.º|\.ª|-?й|-?го|-?ий|-?а|-ю|-я|-е|-ой|-ая|-ое|-му)"
# -- "%1", "%25'i": Turkish writes the sign first; a % glued before digits (not after a number) is that percentage --
_PERCENT_BEFORE = r"(?<![\d\w%٪])[%٪](?=\d)"
_PHONE = r"\+?\(?\d{2,}\)?(?:[ \u00a0\-.]\(?\d{2,}\)?){1,5}|0\d{6,}"
_GAP_MAX = 24  # characters between a count and its period ("twice" ... "a day"), or a quantity and "a day"
_SENTENCE = re.compile(r"[.;:!?。；：！？؟]\s")


def _alt(forms: object) -> str:
    """One regex for many phrases, as a trie (re tries alternatives one by one; a trie keeps it linear), longest first."""
    words = sorted({str(f) for f in forms if f})  # type: ignore[attr-defined]
    if not words:
        return "(?!)"
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=64)
def _patterns(lang: str, extension: str, locale: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(master scanner, what may follow a number, a number in digits) for one language and locale."""
    return _compiled(lang, extension, locale)[:3]


@lru_cache(maxsize=64)
def _compiled(lang: str, extension: str, locale: str) -> tuple[re.Pattern[str], ...]:
    """The scanner patterns, then a number word, a multiplier, a joiner inside number words (words.compound), a unit before a number, a per-unit before an amount (before.py)."""
    v = vocabulary(lang, extension)
    left, right = (r"(?<!\w)", r"(?!\w)") if v.spaces else ("", "")
    clitic = "(?:[وفبلك]?ال|[وفبلك])?" if v.lang == "ar" else ""
    group = separators(locale)[1]
    space_group = r"|[ \u00a0\u202f]\d{3}(?!\d)" if group.strip() == "" else ""
    digits = rf"(?<![{_LATIN_CYRILLIC}\d])\d+(?:[.,\u066b\u066c](?=\d)\d+{space_group})*"
    single, scale = _alt([*v.words, *v.ordinals]), _alt(v.multipliers)
    joiner = rf"(?:\s*-\s*|\s+(?:{_alt(v.joiners)})\s*|\s+{'|' if v.glued else ''})"
    # -- "two thousand five hundred", added up by words.compound; each word ends a word (one way to split a run, so
    #    no backtracking), glued words ("zweitausendfünfhundert") are split greedily, never tried every way --
    token = f"(?:{single}|{scale})" + (r"(?!\w)" if v.spaces and not v.glued else "")
    words = f"{token}(?:{joiner}{token})" + ("{0,15}+" if v.glued else "{0,15}")  # -- a number has fewer words; bounded, a long run stays linear --
    han = f"|{HAN_NUMERAL}" if not v.spaces else ""
    named = named_date_pattern(_alt(month_names(locale)))
    master = re.compile(
        f"(?P<date>{DIGIT_DATE})"
        f"|(?P<named>{named})"
        f"|{left}(?P<std>{_alt(v.standalone)}){right}"
        f"|(?<![{_LATIN_CYRILLIC}\\d])(?P<phone>{_PHONE})(?!\\d)"
        f"|(?P<pct>{_PERCENT_BEFORE}{digits})"
        f"|(?P<num>{digits})"
        f"|{left}{clitic}(?P<word>{words}{han}){right}"
        f"|{left}(?P<every>{_alt(v.every)}){right}",
        re.IGNORECASE,
    )
    stop = r"(?![^\W\d_])" if v.spaces else ""
    per = rf"(?:\s*/\s*|\s+(?:{_alt(v.unit_per)})\s+)(?P<per>{_alt([f for f, c in v.after.items() if c[0] == 'unit'])}){stop}"  # mg/ml, mg per ml
    after = re.compile(rf"\s*(?:-\s*)?(?P<a>{_alt(v.after)}){stop}(?:{per})?", re.IGNORECASE)
    # -- "mg 40", "ml 5" in a table or a list: a unit of two letters or more just before a bare number --
    units = [f for f, c in v.after.items() if c[0] == "unit"]
    before = _alt([f for f in units if len(f) > 1]) if v.spaces else "(?!)"
    return (master, after, re.compile(digits), re.compile(single), re.compile(scale), re.compile(joiner.replace("|)", ")")),
            re.compile(rf"(?<![^\W\d_])(?P<u>{before})\s*$"),
            re.compile(rf"(?:{_alt(v.unit_per_before)})\s*(?:1\s*)?(?P<u>{_alt(units)})[^\d.;,。；，、]{{0,4}}$"))


def parse(text: str, locale: str, extension: str = "") -> tuple[list[Quantity], list[str]]:
    """(quantities, unreadable constructs) of one plain-text segment."""
    return _parse(text, locale, extension)


@lru_cache(maxsize=131072)
def _parse(text: str, locale: str, extension: str) -> tuple[list[Quantity], list[str]]:
    lang = language(locale)
    v = vocabulary(lang, extension)
    low, index = normalise(text)
    original = text if index is None and len(low) == len(text) else low
    master, after, number = _patterns(lang, extension, locale)
    tokens: list[Quantity] = []
    unreadable: list[str] = []
    pos = 0
    while (m := master.search(low, pos)) is not None:
        pos = m.end()
        shown = original[m.start():m.end()]
        kind = m.lastgroup
        if kind == "date":
            y, mo, d = read_digits(m.group(*range(2, 11)), locale)
            tokens.append(Quantity("date", 0.0, None, shown, True, m.start(), m.end(), (float(y), float(mo), float(d))))
        elif kind == "named":
            read = read_named(m.groupdict(), locale)
            if read is None:  # -- "45 January 2027" is no date: read its numbers one by one --
                pos = m.start() + 1 if m.group("nd1") is None else _number(v, after, low, original, m.start(), m.end("nd1"), locale, tokens, unreadable)
                continue
            tokens.append(Quantity("date", 0.0, None, shown, True, m.start(), m.end(), tuple(float(x) for x in read)))
        elif kind == "pct":
            value = digit_value(m.group("pct")[1:], locale)
            if value is None:
                unreadable.append(shown)
            else:
                tokens.append(Quantity("amount", value, "%", shown, True, m.start(), m.end()))
        elif kind == "std":
            token = _standalone(v, m.group("std"), shown, m.start(), m.end())
            if token is not None:
                tokens.append(token)
        elif kind == "phone":
            digits = ascii_digits(re.sub(r"\D", "", m.group("phone")))
            if len(digits) >= 7 and digit_value(m.group("phone"), locale) is None:
                tokens.append(Quantity("digits", 0.0, None, shown, True, m.start(), m.end(), digits="".join(digits)))
            else:
                plain = number.match(low, m.start())  # not a phone number: read the number that starts it
                if plain is not None:
                    pos = _number(v, after, low, original, m.start(), plain.end(), locale, tokens, unreadable)
                else:
                    pos = m.start() + 1
        elif kind == "num":
            pos = _number(v, after, low, original, m.start(), m.end(), locale, tokens, unreadable)
            unit_before(v, _compiled(lang, extension, locale)[6], low, original, tokens)
        elif kind == "word":
            word = re.sub(r"\s+", " ", m.group("word"))
            start, end = m.start("word"), m.end()
            value = v.words.get(word) if word in v.words else v.ordinals.get(word)
            ordinal, several = word in v.ordinals and word not in v.words, False
            if value is None:
                value = han_value(word)
                several = value is not None and len(word) > 1
            if value is None:
                read = compound(v, _compiled(lang, extension, locale)[3:6], low, start, end)
                if read is None:
                    continue
                value, stop, ordinal = read
                several, end = stop > start and low[start:stop] not in v.words, stop
            # -- one word may be an article ("una semana"); several that make one number ("dos mil quinientos") are a number --
            pos = _attach(v, after, low, original, start, end, value, several, tokens, ordinal=ordinal)
        elif kind == "every":
            tokens.append(Quantity("every", 0.0, None, shown, False, m.start(), m.end()))
    per_unit_before(v, _compiled(lang, extension, locale)[7], low, original, tokens)
    return _combine(v, low, tokens), unreadable


def _standalone(v: Vocabulary, form: str, shown: str, start: int, end: int) -> Quantity | None:
    key = re.sub(r"\s+", " ", form)
    category, value = v.standalone[key]
    if category == "frequency":
        count, every, unit = value
        return Quantity("frequency", float(count), str(unit), shown, True, start, end, (float(every),))
    if category in ("per", "per_after_count"):
        return Quantity(category, 1.0, str(value), shown, False, start, end)
    if category == "times":
        return Quantity("times", float(value), None, shown, False, start, end)
    if category == "implied":
        number, unit = value
        return Quantity("number", number, None, shown, True, start, end) if unit == "count" else Quantity("span", number, unit, shown, True, start, end)
    if category == "clock":
        hh, mm = (int(x) for x in str(value).split(":"))
        return Quantity("time", float(hh * 60 + mm), None, shown, True, start, end)
    if category == "idiom":
        return Quantity("ordinal", float(value), None, shown, False, start, end)  # "第二天": the next day, or day 2: it only matches
    if " " in key or 1.0 in v.grammatical:  # "for a month", "przez miesiąc"; not "la semana"
        return Quantity("span", 1.0, str(value), shown, False, start, end)
    return None


def _number(v: Vocabulary, after: re.Pattern[str], low: str, original: str, start: int, end: int, locale: str, tokens: list[Quantity], unreadable: list[str]) -> int:
    token = low[start:end]
    m = re.match(r"\d+", token)
    if re.fullmatch(r"\d+", token) or m is None:
        value = float(ascii_digits(token)) if token.isdigit() else None
    else:
        value = digit_value(token, locale)
    if value is None:
        unreadable.append(original[start:end])
        return end
    # -- a clock time: 16:00, 09.00, 16.30 Uhr, 16h30 --
    clock = re.match(r":([0-5]\d)(?!\d)", low[end:end + 3])
    if clock and value == int(value) and value <= 24:
        return _attach(v, after, low, original, start, end + 3, value, True, tokens, minutes=int(clock.group(1)))
    dotted = re.fullmatch(r"(\d{1,2})[.,]([0-5]\d)", ascii_digits(token))
    if dotted and int(dotted.group(1)) <= 24:
        nxt = after.match(low, end)
        marker = v.after[re.sub(r"\s+", " ", nxt.group("a"))][0] if nxt else ""
        if marker in ("am", "pm", "hour_after") or (not marker and re.fullmatch(r"0\d\.\d\d", ascii_digits(token))):
            return _attach(v, after, low, original, start, end, float(dotted.group(1)), True, tokens, minutes=int(dotted.group(2)))
    suffix = re.match(_ORDINAL_SUFFIX + r"(?![^\W\d_])", low[end:end + 3]) if value == int(value) else None
    if suffix and not after.match(low, end):
        tokens.append(Quantity("ordinal", value, None, original[start:end + suffix.end()], True, start, end + suffix.end()))
        return end + suffix.end()
    return _attach(v, after, low, original, start, end, value, True, tokens)


def _attach(v: Vocabulary, after: re.Pattern[str], low: str, original: str, start: int, end: int, value: float, strong: bool,
            tokens: list[Quantity], minutes: int | None = None, ordinal: bool = False) -> int:
    """A number and what follows it (unit, time unit, 'times', am/pm, o'clock, a counted noun) -> one token."""
    m = after.match(low, end)
    category, unit = v.after[re.sub(r"\s+", " ", m.group("a"))] if m else ("", "")
    if category in ("span", "unit") and unit in ("year", "g") and value == int(value) and 1900 <= value <= 2100:
        category, unit, m = "", "", None  # "w 2026 roku", "2026年", "в 2022 г.": a calendar year, not 2026 years (or grams)
    stop = m.end() if m else end
    before = low[max(0, start - 4):start].strip()
    if ordinal or any(before.endswith(b) for b in v.ordinal_before):
        tokens.append(Quantity("ordinal", value, None, original[start:stop], strong or category in ("span", "counted"), start, stop))
        return stop
    pm = any(before.endswith(b) for b in v.pm_before)
    am = any(before.endswith(b) for b in v.am_before)
    if minutes is not None or category in ("am", "pm", "hour_after") or ((am or pm) and value <= 12):
        tail = re.match(r"\s*([0-5]\d)(?!\d)", low[stop:stop + 4]) if minutes is None and category == "hour_after" else None
        if tail:
            minutes, stop = int(tail.group(1)), stop + tail.end()
        hour = int(value)
        if category == "hour_after" and value > 24 or value != hour:
            tokens.append(Quantity("span", value, "hour", original[start:stop], strong, start, stop))
            return stop
        if category == "pm" or pm:
            hour = hour + 12 if hour < 12 else hour
        elif (category == "am" or am) and hour == 12:
            hour = 0
        tokens.append(Quantity("time", float(hour * 60 + (minutes or 0)), None, original[start:stop], True, start, stop))
        return stop
    if category == "unit":
        unit = f"{unit}/{v.after[re.sub(chr(92) + 's+', ' ', m.group('per'))][1]}" if m and m.group("per") else unit
        tokens.append(Quantity("amount", value, unit, original[start:stop], True, start, stop))
    elif category == "span":
        tokens.append(Quantity("span", value, unit, original[start:stop], True, start, stop))
    elif category == "times_after":
        tokens.append(Quantity("times", value, None, original[start:stop], strong, start, stop))  # "两次服药之间": a count only with its period
    elif category == "counted":
        # -- "una cápsula", "ein Tablette": the word for one is also the indefinite article --
        tokens.append(Quantity("number", value, None, original[start:end], strong or value != 1, start, end))
        return end  # the noun is not part of the number, and may start a range partner
    else:
        tokens.append(Quantity("number", value, None, original[start:end], strong, start, end))
        return end
    return stop


def _gap(low: str, a: Quantity, b: Quantity) -> str:
    return low[a.end:b.start]


def _close(low: str, a: Quantity, b: Quantity) -> bool:
    gap = _gap(low, a, b)
    return len(gap) <= _GAP_MAX and not _SENTENCE.search(gap + " ") and "," not in gap


def _office_hours(v: Vocabulary, low: str, a: Quantity, b: Quantity) -> bool:
    """Two bare whole numbers joined as a range, the second smaller, both 1-12: only a clock reads that way (9 to 5)."""
    bare = a.kind == b.kind == "number" and a.strong and b.strong and a.value == int(a.value) and b.value == int(b.value)
    return bare and 1 <= b.value < a.value <= 12 and re.sub(r"\s+", " ", _gap(low, a, b)).strip() in v.connectors


def _combine(v: Vocabulary, low: str, tokens: list[Quantity]) -> list[Quantity]:
    """Ranges take the unit of their second end; 'every' + a span, and counts + a period, become frequencies."""
    out = list(tokens)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if _office_hours(v, low, a, b):
            # -- "9 to 5", "de 9 a 5": a range of bare hours that goes down is a morning to an afternoon --
            out[i], out[i + 1] = replace(a, kind="time", value=a.value * 60, strong=True), replace(b, kind="time", value=(b.value + 12) * 60, strong=True)
        elif a.kind == "number" and b.kind in ("amount", "span", "time", "times") and re.sub(r"\s+", " ", _gap(low, a, b)).strip() in v.connectors and b.strong:
            if b.kind == "time":
                if a.value == int(a.value) and a.value <= 24:
                    out[i] = replace(a, kind="time", value=a.value * 60, strong=True)
            else:
                out[i] = replace(a, kind=b.kind, unit=b.unit, strong=True)
    result: list[Quantity] = []
    used: set[int] = set()
    for i, t in enumerate(out):
        if i in used:
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        if t.kind == "every":
            if nxt and not _gap(low, t, nxt).strip() and nxt.kind in ("span", "time") and (nxt.kind != "time" or nxt.value % 60 == 0):
                every, unit = (nxt.value, nxt.unit) if nxt.kind == "span" else (nxt.value / 60, "hour")
                result.append(Quantity("frequency", 1.0, unit, low[t.start:nxt.end], True, t.start, nxt.end, (every,)))
                used.add(i + 1)
            continue
        if t.kind in ("per", "per_after_count"):
            if nxt is not None and nxt.kind == "number" and nxt.strong and not _gap(low, t, nxt).strip():
                continue  # "del día 1 al día 21": a day's number, not "a day"
            prev = result[-1] if result and result[-1].end <= t.start else None
            if prev is not None and prev.kind == "times" and _close(low, prev, t):
                result[-1] = Quantity("frequency", prev.value, t.unit, low[prev.start:t.end], True, prev.start, t.end, (1.0,))
            elif nxt is not None and nxt.kind == "times" and _close(low, t, nxt):
                result.append(Quantity("frequency", nxt.value, t.unit, low[t.start:nxt.end], True, t.start, nxt.end, (1.0,)))
                used.add(i + 1)
            elif prev is not None and prev.kind in ("number", "amount") and prev.strong and _close(low, prev, t):
                result.append(replace(t, kind="frequency", strong=True, extra=(1.0,)))
            elif t.kind == "per":
                result.append(replace(t, kind="frequency", strong=False, extra=(1.0,)))
            else:
                result.append(replace(t, kind="span", strong=False))
            continue
        result.append(t)
    return result
