"""Translation consistency: quantities (value, unit, frequency, time) equal in source and translation, reviewer's waivers; untranslated and stale segments."""

from __future__ import annotations

from typing import Any, Iterator

import yaml

from .context import View, plain_text
from .findings import Finding, relative
from .quantities import Differences, compare
from .quantities.vocab import vocabulary
from .settings import Settings
from .waivers import Waiver, fingerprint, waivers_in


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """Numbers, waivers, untranslated and stale segments for one translated document."""
    source_locale, lang = view.document.meta.locale, view.lang
    extension = _extensions(settings, _lang(source_locale), lang)
    waived = _waivers(view)
    for state in view.report or []:
        src = state.source
        path = _path(view, state)
        line = state.po_line if state.po_path else getattr(src, "line", None)

        def finding(rule: str, message: str) -> Finding:
            return Finding(rule, settings.severity(rule), message, path, line, view.locale, state.context, view.doc_id)

        if state.state == "untranslated":
            yield finding("translation.untranslated", f"not translated: \"{_short(src.text)}\" (document.yml:{src.line}); translate it in the catalog, or build with --draft")
            continue
        diff = compare(plain_text(src.text), source_locale, plain_text(state.text), view.locale, extension) if state.text else Differences()
        if state.state == "fuzzy":
            # -- a stale translation is never printed (a draft shows the source), so changed numbers are
            #    part of what to update, not a second error that would stop `build --draft` --
            changed = ", ".join([*(f"{m.describe()} in the source, {a.describe()} in the translation" for m, a in diff.changed),
                                 *(f"{m.describe()} in the source" for m in diff.missing), *(f"{a.describe()} in the translation" for a in diff.added)])
            numbers = f"; its numbers no longer match ({changed})" if changed else ""
            yield finding("translation.stale", f"stale: the source changed since this was translated (document.yml:{src.line}){numbers}; update the translation and clear the fuzzy flag")
            waiver = waived.get(state.context)
            if waiver is not None and waiver.reason and not waiver.applies(src.text):
                yield from _waiver_findings(waiver, src.text, diff, finding)  # -- expired: the reviewer checks the numbers again --
            continue
        if not state.text or not settings.on("translation.numbers"):
            continue
        waiver = waived.get(state.context)
        if waiver is not None:
            yield from _waiver_findings(waiver, src.text, diff, finding)
            if waiver.applies(src.text):
                continue
        if diff or diff.unreadable:
            yield from _number_findings(diff, lang, src.text, finding)


def _number_findings(diff: Differences, lang: str, source_text: str, finding: Any) -> Iterator[Finding]:
    accept = f"; if the translation is right, a reviewer can accept it with the translator comment `# handouts: numbers-ok {fingerprint(source_text)} — <reason>` on this entry"
    for m, a in diff.changed:
        yield finding("translation.numbers", f"changed: the source says \"{m.describe()}\" but the translation says \"{a.describe()}\"; keep every dose, unit, time and frequency exactly{accept}")
    grammatical = vocabulary(lang).grammatical
    words_known = vocabulary(lang).has_words
    for m in diff.missing:
        if m.kind in ("number", "times") and m.text and not any(c.isdigit() for c in m.text) and (m.value in grammatical or not words_known):
            why = f"'{lang}' can say it by grammar alone (singular or dual)" if words_known else f"there are no number words for '{lang}' (checks/data/quantities/)"
            yield finding("translation.number-words", f"the source says \"{m.describe()}\" in words and {why}: check by hand that the translation keeps it")
        else:
            yield finding("translation.numbers", f"missing: the source says \"{m.describe()}\" but the translation has no {m.meaning()}; keep every number, in words or digits{accept}")
    for a in diff.added:
        yield finding("translation.numbers", f"added: the translation says \"{a.describe()}\", which is not in the source; remove or correct it{accept}")
    for text in diff.unreadable:
        yield finding("translation.numbers-unreadable", f"check by hand: \"{text}\" is not a number, date, time or phone number this check can read, so it was not compared")


def _waiver_findings(waiver: Waiver, source_text: str, diff: Differences, finding: Any) -> Iterator[Finding]:
    if not waiver.reason:
        yield finding("translation.numbers-waiver", f"the numbers waiver has no reason: write `# handouts: numbers-ok {fingerprint(source_text)} — <why the numbers differ>`")
    elif not waiver.fingerprint:
        yield finding("translation.numbers-waiver", f"the numbers waiver does not say which source it accepts: write `# handouts: numbers-ok {fingerprint(source_text)} — {waiver.reason}`")
    elif not waiver.applies(source_text):
        yield finding("translation.numbers-waiver-expired", f"the numbers waiver ({waiver.reason}) was given for another version of the source text, so it no longer applies: check the numbers again, then renew it with fingerprint {fingerprint(source_text)} or remove it")
    else:
        what = "; ".join(f"{m.describe()} -> {a.describe()}" for m, a in diff.changed) or "; ".join([*(f"no {m.describe()}" for m in diff.missing), *(f"adds {a.describe()}" for a in diff.added)]) or "the numbers match now, the waiver can be removed"
        yield finding("translation.numbers-waived", f"numbers accepted by the reviewer: {waiver.reason} ({what})")


def _waivers(view: View) -> dict[str, Waiver]:
    paths = {state.po_path for state in view.report or [] if state.po_path}
    out: dict[str, Waiver] = {}
    for path in paths:
        out.update(waivers_in(path))
    return out


def _extensions(settings: Settings, source_lang: str, target_lang: str) -> tuple[str, str]:
    extra = settings.opt("translation.numbers", "vocabulary") if "translation.numbers" in settings.rules else {}
    return _dump(extra.get(source_lang)), _dump(extra.get(target_lang))


def _dump(data: Any) -> str:
    """A language's additions as canonical YAML: the cache key of its compiled vocabulary."""
    return yaml.safe_dump(data, sort_keys=True, allow_unicode=True) if data else ""


def _lang(locale: str) -> str:
    from .text import lang_of

    return lang_of(locale)


def _path(view: View, state: Any) -> str | None:
    return relative(state.po_path, view.root) if state.po_path else view.doc_path


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
