"""Promotional and sales language for prescription medicines: per-language phrase patterns, negation-aware."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .context import View
from .findings import Finding
from .settings import Settings
from .text import data_file, phrase_regex, sentences

RULE = "promotion"
_CLAUSE = re.compile(r"[,;:()\[\]—–،؛]|\s-\s")


@dataclass(frozen=True)
class Patterns:
    """Compiled patterns of one language for one set of medicine names."""

    strong: list[tuple[str, re.Pattern[str]]]
    contextual: list[tuple[str, re.Pattern[str]]]
    absolute: list[tuple[str, re.Pattern[str]]]
    negation: re.Pattern[str]
    not_negation: re.Pattern[str] | None
    hedges: re.Pattern[str]
    clause_break: re.Pattern[str] | None
    new_clause: re.Pattern[str] | None
    context: re.Pattern[str]


def languages() -> list[str]:
    """Languages with promotion patterns."""
    return sorted(data_file("promotion"))


def _name_stem(name: str) -> str:
    # Inflected languages change the ending (pl: izotretynoina -> izotretynoinę): match the stem.
    stem = name[:-1] if len(name) > 5 and name[-1].lower() in "aeiouyąęó" else name
    # Arabic writes the same name with different alef and yeh forms (أيزو / إيزو / ايزو).
    return "".join("[اأإآ]" if c in "اأإآ" else "[يى]" if c in "يى" else re.escape(c) for c in stem) + r"\w*"


@lru_cache(maxsize=64)
def patterns(lang: str, names: tuple[str, ...]) -> Patterns | None:
    """The language's compiled patterns with {medicine} bound to `names` (None: no patterns for it)."""
    data = data_file("promotion").get(lang)
    if not data:
        return None
    medicine = "(?:" + "|".join([_name_stem(n) for n in names if n] + list(data.get("own_refs", []))) + ")"
    extra = {"medicine": medicine}
    prefix = data.get("prefix", "")

    def compile_group(group: dict[str, list[str]] | None) -> list[tuple[str, re.Pattern[str]]]:
        out = []
        for category, phrases in (group or {}).items():
            rx = phrase_regex(phrases, extra, prefix)
            if rx:
                out.append((category, rx))
        return out

    cues = [re.escape(c) if c != "n't" else "n't" for c in data.get("negation", [])]
    negation = re.compile(r"(?:(?<!\w)(?:" + "|".join(c for c in cues if c != "n't") + r")(?!\w)" + (r"|n't(?!\w)" if "n't" in data.get("negation", []) else "") + ")", re.IGNORECASE)
    hedges = phrase_regex([re.escape(h) for h in data.get("hedges", [])]) or re.compile(r"(?!x)x")
    not_negation = phrase_regex([re.escape(n) for n in data.get("not_negation", [])])
    breaks = phrase_regex([re.escape(b) for b in data.get("clause_breaks", [])])
    starts = re.compile(r"(?<!\w)(?:" + "|".join(data["new_clause"]) + ")", re.IGNORECASE) if data.get("new_clause") else None
    context = phrase_regex([medicine, *data.get("sales", [])], prefix=prefix) or re.compile(r"(?!x)x")
    return Patterns(compile_group(data.get("categories")), compile_group(data.get("needs_context")),
                    compile_group(data.get("absolute")), negation, not_negation, hedges, breaks, starts, context)


def _clause_before(sentence: str, start: int, p: Patterns) -> str:
    """The text from the start of the clause holding position `start` up to it."""
    before = sentence[:start]
    cut = max((m.end() for m in _CLAUSE.finditer(before)), default=0)
    if p.clause_break:
        cut = max([cut, *(m.end() for m in p.clause_break.finditer(before))])
    if p.new_clause:
        # -- searched in the whole sentence: an Arabic conjunction is the first letter of the match itself --
        cut = max([cut, *(min(m.end(), start) for m in p.new_clause.finditer(sentence) if m.start() <= start)])
    return before[cut:]


def judge(sentence: str, p: Patterns) -> Iterator[tuple[str, str]]:
    """(category, phrase) for every promotional phrase in one sentence that is not negated (or hedged, for claims)."""
    has_context: bool | None = None
    taken: list[tuple[int, int]] = []
    for group, kind in ((p.strong, "strong"), (p.contextual, "contextual"), (p.absolute, "absolute")):
        for category, rx in group:
            for m in rx.finditer(sentence):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                clause = _clause_before(sentence, m.start(), p)
                if p.not_negation:
                    clause = p.not_negation.sub(" ", clause)
                if p.negation.search(clause):
                    continue
                if kind == "absolute" and p.hedges.search(clause):
                    continue
                if kind == "contextual":
                    if has_context is None:
                        has_context = bool(p.context.search(sentence[: m.start()] + " " + sentence[m.end():]))
                    if not has_context:
                        continue
                taken.append(m.span())
                yield category, m.group(0)


def medicine_names(view: View, settings: Settings) -> tuple[str, ...]:
    """The medicine's name as the document writes it in this locale, plus configured names."""
    names = list(settings.opt(RULE, "medicines"))
    if view.document.meta.kind == "medicine":
        title = next((u.plain for u in view.units if u.context == "meta.title"), view.document.meta.title)
        first = re.match(r"\s*([^\W\d_][\w\-]{3,})", title)
        if first:
            names.append(first.group(1))
    return tuple(sorted(set(names)))


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """Every promotional phrase in one document and locale, as errors by default."""
    p = patterns(view.lang, medicine_names(view, settings))
    sev = settings.severity(RULE)
    if p is None:
        yield Finding("promotion.unsupported", settings.severity("promotion.unsupported"), f"no promotional-phrase patterns for language '{view.lang}': this locale was not checked for promotion; add patterns to handouts/checks/data/promotion.yml", view.doc_path, None, view.locale, None, view.doc_id)
        return
    for u in view.units:
        for s in sentences(u.plain):
            for category, phrase in judge(s, p):
                yield Finding(RULE, sev, f"{category} language \"{phrase}\" in \"{_short(s)}\": patient information must not promote a prescription medicine; remove or reword it (if this is safety advice, say it in the negative, e.g. \"Do not buy ... online\")", u.path, u.line, view.locale, u.context, view.doc_id)


def _short(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
