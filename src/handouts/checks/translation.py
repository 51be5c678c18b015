"""Translation consistency: quantities (value, unit, frequency, time) equal in source and translation, reviewer's waivers;
untranslated and stale segments and template words, Markdown that differs: everything `handouts build` refuses (i18n.localized decides)."""

from __future__ import annotations

from typing import Any, Iterator

import yaml

from .context import View, plain_text
from .findings import Finding, relative
from .quantities import Differences, compare
from .quantities.vocab import supported, vocabulary
from .settings import Settings
from .waivers import Waiver, fingerprint, waivers_in


def check(view: View, settings: Settings, config: Any = None) -> Iterator[Finding]:
    """Numbers, waivers, markup, untranslated and stale segments (and, given the config, template words) for one translated document."""
    source_locale, lang = view.document.meta.locale, view.lang
    extension = _extensions(settings, _lang(source_locale), lang)
    waived = _waivers(view)
    partial = not (supported(_lang(source_locale), extension[0]) and supported(lang, extension[1]))
    compared: list[Any] = []
    for state in view.report or []:
        src = state.source
        path = _path(view, state)
        line = state.po_line if state.po_path else getattr(src, "line", None)

        def finding(rule: str, message: str) -> Finding:
            return Finding(rule, settings.severity(rule), message, path, line, view.locale, state.context, view.doc_id)

        if state.state == "untranslated":
            yield finding("translation.untranslated", f"not translated: \"{_short(src.text)}\" (document.yml:{src.line}); translate it in {_name(path)}: "
                                                      f"until then `handouts build` refuses '{view.locale}', and a draft build prints the source text here")
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
        compared.append(state)
        waiver = waived.get(state.context)
        if waiver is not None:
            yield from _waiver_findings(waiver, src.text, diff, finding)
            if waiver.applies(src.text):
                continue
        if diff or diff.unreadable:
            yield from _number_findings(diff, lang, src.text, finding)
    if partial and compared and settings.on("translation.numbers-partial"):
        yield _partial_finding(view, settings, source_locale, extension, compared[0])
    yield from _markup_findings(view, settings)
    if config is not None:
        yield from _catalog_findings(view, settings, config)


def _markup_findings(view: View, settings: Settings) -> Iterator[Finding]:
    """Markdown or link addresses that differ from the source: build refuses them even with --draft."""
    from ..i18n.localized import markup_problems

    for p in markup_problems(view.report or [], view.locale):
        yield Finding("translation.markup", settings.severity("translation.markup"), p.message, relative(p.path, view.root) or view.doc_path, p.line, view.locale, p.key, view.doc_id)


def _catalog_findings(view: View, settings: Settings, config: Any) -> Iterator[Finding]:
    """What else build refuses in a locale: template words untranslated or fuzzy, an old source version, lost provenance."""
    from ..i18n.localized import stale_problems
    from ..i18n.status import document_catalog
    from ..i18n.strings import DRAFT_MARK

    missing = _missing_words(view.locale, config)
    reported = {s.context for s in view.report or []} | {m.msgid for m in missing}  # -- segments are reported above, words below --
    catalog = document_catalog(view.folder, view.locale, config)
    for p in stale_problems(view.document, view.report or [], view.locale, config, view.folder, catalog, missing):
        if p.key not in reported:
            yield Finding("translation.stale", settings.severity("translation.stale"), p.message, relative(p.path, view.root), p.line, view.locale, p.key, view.doc_id)
    if missing and not (missing[0].path and missing[0].path.is_file()):
        rule, path = "translation.untranslated", relative(missing[0].path, view.root)
        shown = ", ".join(repr(m.msgid) for m in missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
        yield Finding(rule, settings.severity(rule), f"no template-word catalog for '{view.locale}' ({path}): its {len(missing)} template words ({shown}"
                      f"{', the draft mark among them' if any(m.msgid == DRAFT_MARK for m in missing) else ''}) are untranslated; create it with `handouts i18n add {view.locale}` and translate it: until then "
                      f"`handouts build` refuses '{view.locale}', and a draft build prints them in English", path, None, view.locale, None, None)
        return
    for m in missing:
        rule = "translation.stale" if m.state == "fuzzy" else "translation.untranslated"
        path = relative(m.path, view.root)
        if m.line is None:
            where = f"add it to {path} with `handouts i18n update --templates --locale {view.locale}` and translate it there"
        elif m.state == "fuzzy":
            where = f"check the fuzzy translation in {path} and clear the fuzzy flag"
        else:
            where = f"translate it in {path}"
        if m.msgid == DRAFT_MARK:
            effect = f"a draft build prints this mark in English on every page and slide of the '{view.locale}' leaflet, deck and web page"
        else:
            effect = "a draft build prints it in English"
        yield Finding(rule, settings.severity(rule), f"template word {m.msgid!r} is {m.state} in the '{view.locale}' template catalog; {where}: "
                      f"until then `handouts build` refuses '{view.locale}', and {effect}", path, m.line, view.locale, None, None)


def _partial_finding(view: View, settings: Settings, source_locale: str, extension: tuple[str, str], state: Any) -> Finding:
    """One info per catalog: which language has no quantities vocabulary, what was compared, and how to add one."""
    lang = view.lang if not supported(view.lang, extension[1]) else _lang(source_locale)
    message = (f"no quantities vocabulary for '{lang}': only numbers in digits, dates, times and phone numbers were compared; "
               f"units, time words (days, weeks), frequencies and number words were not checked. To check them, add the language's words in handouts.yml, "
               f"e.g. `checks: {{translation.numbers: {{vocabulary: {{{lang}: {{units: {{mg: [...]}}, spans: {{week: [...]}}, per: {{week: [...]}}}}}}}}}}` "
               f"(keys as in checks/data/quantities/en.yml; docs/checks.md, \"Numbers in translations\")")
    return Finding("translation.numbers-partial", settings.severity("translation.numbers-partial"), message, _path(view, state), None, view.locale, None, view.doc_id)


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


def _missing_words(locale: str, config: Any) -> list[Any]:
    """i18n.missing_strings, once per config, locale and version of the word catalogs (every document of a locale asks: ~5 ms each).

    A word a clinic's override template adds is seen by the next process (the build itself always looks it up).
    """
    from ..i18n.strings import missing_strings
    from ..theme import Theme

    if _MISSING.get("config") is not config:
        _MISSING.clear()
        _MISSING["config"], _MISSING["folders"] = config, [folder / "locales" for folder in Theme(config).search_path]
    files = [f for folder in _MISSING["folders"] for f in (folder / f"{locale}.po", folder / "messages.pot")]
    key = (locale, *((str(f), st.st_mtime_ns, st.st_size) if (st := _stat(f)) else (str(f),) for f in files))
    if key not in _MISSING:
        _MISSING[key] = missing_strings(locale, config)
    return _MISSING[key]  # type: ignore[no-any-return]


_MISSING: dict[Any, Any] = {}  # -- the config they are for, its catalog folders, then (locale, file versions) -> missing words --


def _stat(path: Any) -> Any:
    try:
        return path.stat()
    except OSError:
        return None


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


def _name(path: str | None) -> str:
    return path.rsplit("/", 1)[-1] if path else "the catalog"


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
