"""Medical jargon per language: a term with a plain alternative is flagged unless the document defines it.

Defined means: in a glossary (`terms` block), in brackets, with a definition cue in the same
sentence ("a substance called sebum"), or in the next sentence when it opens with an
explanation ("This means ...") or with the term and a copula ("Sebum is the oil ...").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .context import View
from .findings import Finding
from .settings import Settings
from .text import data_file, phrase_regex, sentences

RULE = "jargon"


@lru_cache(maxsize=32)
def _next_cues(lang: str) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """Openings of a sentence that explains the term of the sentence before, and the language's copulas."""
    data = data_file("jargon").get(lang) or {}
    cues = data.get("next_sentence_cues") or []
    rx = re.compile(r"^\W*(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)", re.IGNORECASE) if cues else None
    return rx, tuple(data.get("copulas") or [])


def _defined_next(term: str, following: str | None, lang: str) -> bool:
    """Whether the next sentence explains the term: "This means ...", or the term itself followed by "is/means"."""
    if not following:
        return False
    opening, copulas = _next_cues(lang)
    if opening and opening.search(following):
        return True
    head = re.escape(term.lower())
    return any(re.match(r"^\W*(?:\w+\s+){0,2}?" + head + r"\s+" + re.escape(c) + r"(?!\w)", following.lower()) for c in copulas)


@lru_cache(maxsize=32)
def _compiled(lang: str, extra: tuple[tuple[str, str], ...], allow: tuple[str, ...]) -> tuple[list[tuple[re.Pattern[str], str]], re.Pattern[str] | None, re.Pattern[str] | None] | None:
    data = data_file("jargon").get(lang)
    if data is None and not extra:
        return None
    data = data or {}
    prefix = data.get("prefix", "")
    terms = {**(data.get("terms") or {}), **{re.escape(k): v for k, v in extra}}
    allowed = {a.lower() for a in allow}
    out = []
    for term, plain in terms.items():
        rx = phrase_regex([term], prefix=prefix)
        if rx:
            out.append((rx, str(plain)))
    cues = phrase_regex(list(data.get("definition_cues", [])), prefix=prefix)
    kept = [(rx, p) for rx, p in out if not any(rx.fullmatch(a) for a in allowed)]
    return kept, cues, phrase_regex([f"(?:{t})" for t in terms], prefix=prefix) if kept else None


def _defined_here(sentence: str, m: re.Match[str], cues: re.Pattern[str] | None) -> bool:
    """Whether a sentence explains the term it uses: brackets around or after it, or a definition cue."""
    before, after = sentence[: m.start()], sentence[m.end():]
    if before.count("(") > before.count(")") or re.match(r"\s*[(\[]", after):
        return True
    return bool(cues and cues.search(before[-40:] + " " + after[:40]))


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """The first undefined use of each jargon term in one document and locale."""
    extra = tuple(sorted((settings.opt(RULE, "extra").get(view.lang) or {}).items()))
    compiled = _compiled(view.lang, extra, tuple(settings.opt(RULE, "allow")))
    if compiled is None:
        yield Finding("jargon.unsupported", "info", f"no jargon list for language '{view.lang}': medical terms were not checked; add one to handouts/checks/data/jargon.yml or checks.jargon.extra", view.doc_path, None, view.locale, None, view.doc_id)
        return
    terms, cues, anyterm = compiled
    glossary = " ".join(u.plain for u in view.units if u.kind == "term")
    done: set[str] = set()
    for rx, _ in terms:
        if rx.search(glossary):
            done.add(rx.pattern)
    prose = [u for u in view.units if u.kind not in ("term", "alt")]
    flow = [(u, s) for u in prose for s in sentences(u.plain, view.lang)]
    for n, (u, s) in enumerate(flow):
        if anyterm is None or not anyterm.search(s):
            continue  # one scan for all terms: most sentences have none
        following = flow[n + 1][1] if n + 1 < len(flow) else None
        for rx, plain in terms:
            if rx.pattern in done:
                continue
            m = rx.search(s)
            if not m:
                continue
            done.add(rx.pattern)
            if not (_defined_here(s, m, cues) or _defined_next(m.group(0), following, view.lang)):
                yield Finding(RULE, settings.severity(RULE), f"medical term \"{m.group(0)}\": say \"{plain}\" instead, or explain it (in brackets, in this or the next sentence, or in a glossary)", u.path, u.line, view.locale, u.context, view.doc_id)
