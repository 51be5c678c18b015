"""Translation consistency: numbers, doses and units equal in source and translation; untranslated and stale segments."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any, Iterator

from .context import View, plain_text
from .findings import Finding, relative
from .settings import Settings
from .text import data_file

Number = tuple[float, str | None]  # value, canonical unit (None: a bare number)
_DIGITS = r"(?<![^\W\d_])\d+(?:[.,\u066B\u066C](?=\d)\d+|[\u00A0\u202F ](?=\d{3}(?!\d))\d{3})*"


@lru_cache(maxsize=16)
def _lang(lang: str) -> dict[str, Any]:
    data = data_file("numbers")
    spec = dict(data.get(lang) or {})
    units = {**data.get("common_units", {}), **(spec.get("units") or {})}
    unit_rx = "|".join(sorted(units, key=len, reverse=True))
    prefix = spec.get("prefix", "")
    words = spec.get("words") or {}
    spec["digit_rx"] = re.compile(f"({_DIGITS})(?:\\s*({unit_rx})(?!\\w))?", re.IGNORECASE)
    spec["values"] = {k.lower(): float(v) for k, v in words.items()}
    spec["unit_keys"] = [(re.compile(f"^(?:{k})$", re.IGNORECASE), v) for k, v in units.items()]
    spec["word_rx"] = re.compile(f"(?<!\\w){prefix}({'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?!\\w)", re.IGNORECASE) if words else None
    if spec.get("quantified"):
        spec["quantity_rx"] = re.compile(f"(?<!\\w)({'|'.join(map(re.escape, words))})(?:\\s+[^\\W\\d_]+){{0,2}}?\\s+{spec['quantified']}(?!\\w)", re.IGNORECASE)
        mult = "|".join(map(re.escape, spec.get("multipliers", [])))
        spec["multiplier_rx"] = re.compile(f"(?<!\\w)({mult})\\s+{spec['multiplier_next']}(?!\\w)", re.IGNORECASE) if mult else None
    return spec


def _value(token: str) -> float:
    """A number token in any script and locale convention -> its value ('1,000' en, '1.000'/'0,5' es, '٤٠' ar)."""
    s = "".join(str(unicodedata.decimal(c)) if c.isdigit() else c for c in token)
    s = re.sub(r"[\u00A0\u202F \u066C]", "", s).replace("\u066B", ".")
    if "," in s and "." in s:
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", s):
        s = re.sub(r"[.,]", "", s)  # 1,000 / 1.000: thousands
    else:
        s = s.replace(",", ".")
    return float(s)


def _unit(spec: dict[str, Any], raw: str | None) -> str | None:
    if not raw:
        return None
    for rx, unit in spec["unit_keys"]:
        if rx.match(raw):
            return str(unit)
    return None


def digit_numbers(text: str, lang: str) -> list[Number]:
    """Every number written in digits (any script), with the unit after it."""
    spec = _lang(lang)
    return [(_value(m.group(1)), _unit(spec, m.group(2))) for m in spec["digit_rx"].finditer(text)]


def word_values(text: str, lang: str, quantities_only: bool) -> list[float]:
    """Numbers written as words: only quantities ("one month", "twice a day") in a source, any in a translation."""
    spec = _lang(lang)
    words = spec["values"]
    if quantities_only:
        found = [m for rx in (spec.get("quantity_rx"), spec.get("multiplier_rx")) if rx for m in rx.finditer(text)]
        return [words[m.group(1).lower()] for m in found]
    rx = spec.get("word_rx")
    return [words[m.group(1).lower()] for m in rx.finditer(text)] if rx else []


def compare(source: str, source_lang: str, target: str, target_lang: str) -> tuple[list[Number], list[Number], list[float]]:
    """(numbers missing or changed in the target, numbers the target adds, source number words not found)."""
    s_digits, t_digits = digit_numbers(source, source_lang), digit_numbers(target, target_lang)
    s_words = word_values(source, source_lang, quantities_only=True)
    t_words = word_values(target, target_lang, quantities_only=False)
    t_values = Counter(v for v, _ in t_digits) + Counter(t_words)
    # Same value, and the same unit when both sides write one ("40 mg" vs "40 g" differs; "40 miligramos" is fine).
    missing = [n for n in s_digits if not any(v == n[0] and (u == n[1] or u is None or n[1] is None) for v, u in t_digits) and not (n[1] is None and t_values[n[0]])]
    added = [n for n in t_digits if n[0] not in {v for v, _ in s_digits} and n[0] not in s_words]
    have = Counter(t_values)
    for v, _ in s_digits:
        have[v] -= 1
    words_missing = [v for v in s_words if have[v] <= 0 and v not in {x for x, _ in s_digits}]
    return missing, added, words_missing


def _fmt(n: Number | float) -> str:
    value, unit = n if isinstance(n, tuple) else (n, None)
    text = f"{value:g}"
    return f"{text} {unit}" if unit else text


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """Numbers, untranslated and stale segments for one translated document."""
    source_lang = _source_lang(view)
    known_words = bool(_lang(view.lang).get("words"))
    grammatical = set(_lang(view.lang).get("grammatical") or [])
    for state in view.report or []:
        src = state.source
        path = _path(view, state)
        line = state.po_line if state.po_path else getattr(src, "line", None)
        if state.state == "untranslated":
            yield Finding("translation.untranslated", settings.severity("translation.untranslated"), f"not translated: \"{_short(src.text)}\" (document.yml:{src.line}); translate it in the catalog, or build with --draft", path, line, view.locale, state.context, view.doc_id)
            continue
        missing, added, words_missing = compare(plain_text(src.text), source_lang, plain_text(state.text), view.lang) if state.text else ([], [], [])
        if state.state == "fuzzy":
            # -- a stale translation is never printed (a draft shows the source), so changed numbers are
            #    part of what to update, not a second error that would stop `build --draft` --
            changed = ", ".join([*(f"{_fmt(n)} in the source" for n in missing), *(f"{_fmt(n)} in the translation" for n in added)])
            numbers = f"; its numbers no longer match ({changed})" if changed else ""
            yield Finding("translation.stale", settings.severity("translation.stale"), f"stale: the source changed since this was translated (document.yml:{src.line}){numbers}; update the translation and clear the fuzzy flag", path, line, view.locale, state.context, view.doc_id)
            continue
        if not state.text or not settings.on("translation.numbers"):
            continue
        for n in missing:
            yield Finding("translation.numbers", settings.severity("translation.numbers"), f"the source says \"{_fmt(n)}\" but the translation does not: every number, dose and unit must be kept exactly", path, line, view.locale, state.context, view.doc_id)
        for n in added:
            yield Finding("translation.numbers", settings.severity("translation.numbers"), f"the translation says \"{_fmt(n)}\", which is not in the source: remove it or correct it", path, line, view.locale, state.context, view.doc_id)
        for v in words_missing:
            if not known_words:
                yield Finding("translation.number-words", settings.severity("translation.number-words"), f"the source says {_fmt(v)} in words and there is no list of number words for '{view.lang}' (handouts/checks/data/numbers.yml): check that the translation keeps it", path, line, view.locale, state.context, view.doc_id)
            elif v in grammatical:
                yield Finding("translation.number-words", settings.severity("translation.number-words"), f"the source says {_fmt(v)} in words; '{view.lang}' can say it by grammar alone (singular or dual), so check that the translation keeps it", path, line, view.locale, state.context, view.doc_id)
            else:
                yield Finding("translation.numbers", settings.severity("translation.numbers"), f"the source says {_fmt(v)} (in words) but the translation has no {_fmt(v)}: keep every number, in words or digits", path, line, view.locale, state.context, view.doc_id)


def _source_lang(view: View) -> str:
    from .text import lang_of

    return lang_of(view.document.meta.locale)


def _path(view: View, state: Any) -> str | None:
    return relative(state.po_path, view.root) if state.po_path else view.doc_path


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
