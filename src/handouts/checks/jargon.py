"""Medical jargon per language: a term with a plain alternative is flagged unless the document defines it."""

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
def _compiled(lang: str, extra: tuple[tuple[str, str], ...], allow: tuple[str, ...]) -> tuple[list[tuple[re.Pattern[str], str]], re.Pattern[str] | None] | None:
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
    return [(rx, p) for rx, p in out if not any(rx.fullmatch(a) for a in allowed)], cues


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
    terms, cues = compiled
    glossary = " ".join(u.plain for u in view.units if u.kind == "term")
    done: set[str] = set()
    for rx, _ in terms:
        if rx.search(glossary):
            done.add(rx.pattern)
    for u in view.units:
        if u.kind in ("term", "alt"):
            continue
        for s in sentences(u.plain, view.lang):
            for rx, plain in terms:
                if rx.pattern in done:
                    continue
                m = rx.search(s)
                if not m:
                    continue
                done.add(rx.pattern)
                if not _defined_here(s, m, cues):
                    yield Finding(RULE, settings.severity(RULE), f"medical term \"{m.group(0)}\": say \"{plain}\" instead, or explain it in the same sentence or in a glossary", u.path, u.line, view.locale, u.context, view.doc_id)
