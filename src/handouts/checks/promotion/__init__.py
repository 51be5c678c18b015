"""Promotion of prescription medicines: one document in one locale -> Findings naming the words and the reason.

normalise (undo spam spelling) -> clauses (cues judged in their own clause, per-language data
in checks/data/promotion/<lang>.yml) + signals (web addresses, prices, codes, apps, phones:
any language) -> findings per sentence, and per segment for an offer spread over its sentences
(detector.py); divergence compares each translation with its source segment.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..context import View
from ..findings import Finding
from ..settings import Settings
from . import signals
from .detector import Detector, Hit, name_keys

RULE = "promotion"
WORDING = "promotion.wording"  # -- the wording model alone, where the rules saw no part of an offer --
__all__ = ["RULE", "Detector", "Hit", "check", "detector", "languages", "medicine_names"]


def languages() -> list[str]:
    """Languages with phrase data (every other language still gets the language-independent signals)."""
    from importlib import resources

    folder = resources.files("handouts.checks").joinpath("data", "promotion")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml") and p.name not in ("common.yml", "medicines.yml"))


@lru_cache(maxsize=1)
def medicines() -> dict[str, dict[str, list[str]]]:
    """medicines.yml: generic -> {generic: [names in each language], brands: [...]}."""
    from importlib import resources

    import yaml

    text = resources.files("handouts.checks").joinpath("data", "promotion", "medicines.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def brand_names() -> list[str]:
    """Every generic and brand name in medicines.yml (prescription medicines that spam sells), any script."""
    return sorted({n for g in medicines().values() for n in [*g.get("generic", []), *g.get("brands", [])]})


@lru_cache(maxsize=256)
def detector(lang: str, names: tuple[str, ...], allowed: tuple[str, ...] = (), phones: tuple[str, ...] = ()) -> Detector:
    """A cached Detector for one language, medicine names (plus the brand data), allowed domains and phone digits."""
    return Detector(lang, name_keys(tuple([*names, *brand_names()])), signals.allowed_domains(allowed), phones)


def medicine_names(view: View, settings: Settings) -> tuple[str, ...]:
    """The medicine's name as the document writes it in this locale (first word of the title), plus configured names."""
    names = list(settings.opt(RULE, "medicines"))
    if view.document.meta.kind == "medicine":
        for title in {next((u.plain for u in view.units if u.context == "meta.title"), view.document.meta.title), view.document.meta.title}:
            first = re.match(r"\s*([^\W\d_][\w\-]{3,})", title)
            if first:
                names.append(first.group(1))
    return tuple(sorted(set(names)))


def _own(view: View, settings: Settings) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Domains and phone numbers the document itself gives (meta.url, its contact): never a signal."""
    meta = view.document.meta
    domains = list(settings.opt(RULE, "allowed_domains"))
    phones = []
    for contact in (meta.contact,):
        if contact is not None:
            if getattr(contact, "phone", None):
                phones.append(re.sub(r"\D", "", str(contact.phone))[-9:])
            if getattr(contact, "email", None):
                domains.append(str(contact.email).rsplit("@", 1)[-1])
    if meta.url:
        domains.append(re.sub(r"^https?://", "", str(meta.url)).split("/", 1)[0])
    return tuple(sorted(set(domains))), tuple(sorted(set(phones)))


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """Every promotional sentence of one document and locale (errors by default), and what a translation adds."""
    domains, phones = _own(view, settings)
    d = detector(view.lang, medicine_names(view, settings), domains, phones)
    if not d.has_phrases and settings.on("promotion.partial"):
        yield Finding("promotion.partial", settings.severity("promotion.partial"), f"no promotion phrase data for language '{view.lang}': checked for web addresses, prices, discount codes, offers, messaging apps and phone numbers only; have a native speaker review it for sales language, or add handouts/checks/data/promotion/{view.lang}.yml", view.doc_path, None, view.locale, None, view.doc_id)
    if settings.on(RULE):
        for u in view.units:
            for s, hit in _unit_hits(u.plain, view.lang, d):
                rule = WORDING if hit.category == "wording" and not hit.cues else RULE
                if rule == WORDING and settings.on(rule):
                    yield Finding(rule, settings.severity(rule), f"\"{_short(s)}\" reads like an advertisement ({hit.reason}): patient information must not promote a medicine; if it is plain information, reword it in a neutral, factual tone", u.path, u.line, view.locale, u.context, view.doc_id)
                elif settings.on(rule):
                    yield Finding(rule, settings.severity(rule), f"{hit.category} language \"{hit.words}\" ({hit.reason}) in \"{_short(s)}\": patient information must not promote a prescription medicine; remove or reword it (if this is safety advice, say it in the negative, e.g. \"Do not buy ... online\")", u.path, u.line, view.locale, u.context, view.doc_id)
    if not view.is_source and settings.on("promotion.divergence"):
        from ..context import plain_text

        sources = {state.context: plain_text(getattr(state.source, "text", "") or "") for state in view.report or []}
        for u in view.units:
            source = sources.get(u.context)
            if source is None:
                continue
            for what, value in _added(source, u.plain, d):
                yield Finding("promotion.divergence", settings.severity("promotion.divergence"), f"the translation adds {what} {value!r} that its source segment does not have: a translation must say what the source says; remove it or change the source first", u.path, u.line, view.locale, u.context, view.doc_id)


@lru_cache(maxsize=65536)
def _unit_hits(plain: str, lang: str, d: Detector) -> tuple[tuple[str, Hit], ...]:
    """(sentence, hit) for one segment's text, once per distinct text (documents share most of their text)."""
    by_sentence: dict[str, list[Hit]] = {}
    for s, hit in d.judge_segment(plain):
        by_sentence.setdefault(s, []).append(hit)
    return tuple((s, hit) for s, found in by_sentence.items() for hit in _dedupe(found))


@lru_cache(maxsize=65536)
def _added(source: str, translation: str, d: Detector) -> tuple[tuple[str, str], ...]:
    from .divergence import added

    return tuple(added(source, translation, d))


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One finding per category and words in a sentence."""
    seen: dict[tuple[str, str], Hit] = {}
    for h in hits:
        seen.setdefault((h.category, h.words), h)
    return list(seen.values())


def _short(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
