"""Readability per locale and per section: Flesch / Flesch-Kincaid / SMOG (en), INFLESZ or Fernández-Huerta (es),
sentence and word length elsewhere; long sentences located.

Words are ICU's word segments (UAX #29, icu4py) that hold a letter or a digit, so vowel signs,
viramas and joiners (Devanagari, Bengali, Tamil, Persian ZWNJ) stay inside their word; a hyphen
between two words makes one word (well-known), as the formulas count; a web address is its
words ("nhs.uk" is two, as a reader says it). Languages written without
spaces between words (UNSPACED) get characters a sentence, never a word count.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

from icu4py.breakers import WordBreaker

from .context import Unit, View
from .findings import Finding
from .settings import Settings
from .syllables import COUNTERS
from .text import sentences

PROSE_KINDS = ("text", "item", "key_point")
UNSPACED = {"zh": "Chinese", "ja": "Japanese", "th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Burmese"}
HYPHENS = frozenset("-\u2010\u2011")
_DOTTED = re.compile(r"\.")  # -- ICU keeps "nhs.uk" and "e.g" whole: read as the words a reader says, as before ICU --
SUPPORTED = {"en": "Flesch Reading Ease, Flesch-Kincaid grade, SMOG", "es": "Szigriszt-INFLESZ / Fernández-Huerta", "fr": "Kandel-Moles", "de": "Amstad"}


@dataclass(frozen=True)
class Stats:
    """Counts behind every formula."""

    sentences: int
    words: int
    syllables: int
    polysyllables: int
    letters: int

    @property
    def asl(self) -> float:
        return self.words / self.sentences

    @property
    def asw(self) -> float:
        return self.syllables / self.words

    def flesch(self) -> float:
        return 206.835 - 1.015 * self.asl - 84.6 * self.asw

    def fk_grade(self) -> float:
        return 0.39 * self.asl + 11.8 * self.asw - 15.59

    def smog(self) -> float:
        return 1.043 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291

    def inflesz(self) -> float:
        return 206.835 - 62.3 * self.asw - self.asl

    def fernandez_huerta(self) -> float:
        return 206.84 - 1.02 * self.asl - 60 * self.asw

    def kandel_moles(self) -> float:
        return 207 - 1.015 * self.asl - 73.6 * self.asw

    def amstad(self) -> float:
        return 180 - self.asl - 58.5 * self.asw

    def ease(self, lang: str, es_formula: str = "inflesz") -> tuple[str, float]:
        """The language's reading-ease formula: (name, score); higher is easier on every scale."""
        if lang == "en":
            return "Flesch Reading Ease", self.flesch()
        if lang == "es":
            return ("Szigriszt-INFLESZ", self.inflesz()) if es_formula == "inflesz" else ("Fernández-Huerta", self.fernandez_huerta())
        return {"fr": ("Kandel-Moles", self.kandel_moles()), "de": ("Amstad", self.amstad())}[lang]


def stats(units: list[Unit], count: Callable[[str], int] | None, lang: str = "") -> Stats | None:
    """Counts over the prose of some units (None when there is no prose)."""
    totals = [0, 0, 0, 0, 0]
    for u in units:
        if u.kind in PROSE_KINDS:
            for i, v in enumerate(_counts_of(u.plain, lang, count)):
                totals[i] += v
    return Stats(*totals) if totals[0] and (totals[1] or lang in UNSPACED and totals[4]) else None


@lru_cache(maxsize=65536)
def _counts_of(plain: str, lang: str, count: Callable[[str], int] | None) -> tuple[int, int, int, int, int]:
    """(sentences, words, syllables, polysyllables, letters) of one text, once per distinct text; unspaced: no words, letters only."""
    n_sent = n_words = n_syll = n_poly = n_letters = 0
    for s in sentences(plain, lang):
        ws = words(s, lang)
        if not ws:
            continue
        n_sent += 1
        n_letters += sum(_letters(w) for w in ws)
        if lang in UNSPACED:
            continue
        lettered = [w for w in ws if unicodedata.category(w[0])[0] == "L"]
        n_words += len(lettered)
        if count:
            for w in lettered:
                syl = count(w)
                n_syll += syl
                n_poly += syl >= 3
    return n_sent, n_words, n_syll, n_poly, n_letters


@lru_cache(maxsize=65536)
def words(text: str, lang: str = "") -> tuple[str, ...]:
    """The words and numbers of a text: ICU word segments holding a letter or digit, hyphenated parts joined."""
    out: list[str] = []
    hyphen = after_word = False
    for seg in WordBreaker(text, lang or "und"):
        if any(unicodedata.category(c)[0] in "LN" for c in seg):
            first, *rest = _DOTTED.split(seg) if unicodedata.category(seg[0])[0] == "L" else [seg]
            if hyphen:
                out[-1] += "-" + first
            else:
                out.append(first)
            out += [part for part in rest if part]
            hyphen, after_word = False, True
        else:
            hyphen, after_word = after_word and not hyphen and seg in HYPHENS, False
    return tuple(out)


def _letters(word: str) -> int:
    """Letters and digits of a word; a vowel sign or virama belongs to the letter it sits on."""
    return sum(unicodedata.category(c)[0] in "LN" for c in word)


def check(view: View, settings: Settings) -> Iterator[Finding]:
    """Readability findings for one document in one locale."""
    yield from _long_sentences(view, settings)
    if view.is_source and settings.on("readability.percentages"):
        yield from _percentages(view, settings)
    count = COUNTERS.get(view.lang)
    whole = stats(view.units, count, view.lang)
    if whole is None:
        return
    if count is None:
        if settings.on("readability.unsupported"):
            yield _f(view, "readability.unsupported", settings, None, _length_only(view.lang, whole), _counts(view.lang, whole))
        return
    if settings.on("readability.summary"):
        yield _f(view, "readability.summary", settings, None, "whole document: " + _describe(view.lang, whole, settings, smog=True), scores(view.lang, whole))
    yield from _judge(view, settings, whole, None, smog=True)
    for section, units in view.sections().items():
        if section is None:
            continue
        st = stats(units, count, view.lang)
        if st and st.words >= settings.opt("readability.ease", "section_min_words"):
            yield from _judge(view, settings, st, section, smog=False)


def _length_only(lang: str, st: Stats) -> str:
    """The info line of a language without a formula: sentence and word length, or characters where words have no spaces."""
    head = f"no validated readability formula for '{lang}': reporting length only — "
    tail = "; have a native speaker review readability"
    if lang in UNSPACED:
        return (head + f"average sentence {st.letters / st.sentences:.1f} characters; {UNSPACED[lang]} is written without spaces between words, "
                f"so words are not counted and sentence length is not judged in words" + tail)
    return head + f"average sentence {st.asl:.1f} words, average word {st.letters / st.words:.1f} letters" + tail


def _describe(lang: str, st: Stats, settings: Settings, smog: bool) -> str:
    if lang == "en":
        parts = [f"Flesch Reading Ease {st.flesch():.1f}", f"Flesch-Kincaid grade {st.fk_grade():.1f}"]
        if smog:
            parts.append(f"SMOG {st.smog():.1f}")
    elif lang == "es":
        parts = [f"Szigriszt-INFLESZ {st.inflesz():.1f}", f"Fernández-Huerta {st.fernandez_huerta():.1f}"]
    else:
        parts = ["{} {:.1f}".format(*st.ease(lang))]
    return ", ".join(parts) + f" ({st.sentences} sentences, {st.words} words, {st.asl:.1f} words a sentence)"


def _judge(view: View, settings: Settings, st: Stats, section: str | None, smog: bool) -> Iterator[Finding]:
    where = f"section '{section}'" if section else "the document"
    advice = "use shorter sentences and everyday words"
    if view.lang == "en":
        if settings.on("readability.ease") and st.flesch() < settings.opt("readability.ease", "en_min"):
            yield _f(view, "readability.ease", settings, section, f"{where} has Flesch Reading Ease {st.flesch():.1f}, below the target {settings.opt('readability.ease', 'en_min'):g}: {advice}")
        if settings.on("readability.grade"):
            limit = settings.opt("readability.grade", "max")
            if st.fk_grade() > limit:
                yield _f(view, "readability.grade", settings, section, f"{where} reads at Flesch-Kincaid grade {st.fk_grade():.1f}, above the target {limit:g}: {advice}")
            smog_limit = settings.opt("readability.grade", "smog_max")
            if smog and st.smog() > smog_limit:
                yield _f(view, "readability.grade", settings, section, f"{where} has SMOG grade {st.smog():.1f}, above the target {smog_limit:g}: fewer words of three or more syllables")
    elif settings.on("readability.ease"):
        name, score = st.ease(view.lang, settings.opt("readability.ease", "es_formula"))
        limit = settings.opt("readability.ease", f"{view.lang}_min")
        if score < limit:
            yield _f(view, "readability.ease", settings, section, f"{where} has {name} {score:.1f}, below the target {limit:g}: {advice}")


def _long_sentences(view: View, settings: Settings) -> Iterator[Finding]:
    rule = "readability.sentence-length"
    if not settings.on(rule):
        return
    if view.lang in UNSPACED:
        return  # -- no words to count: the info line says so --
    limit = settings.opt(rule, "max_words")
    for u in view.units:
        if u.kind not in PROSE_KINDS:
            continue
        for s in sentences(u.plain, view.lang):
            n = len(words(s, view.lang))
            if n > limit:
                start = " ".join(s.split()[:8])
                yield Finding(rule, settings.severity(rule), f"sentence of {n} words (more than {limit}) starting \"{start}…\": split it into shorter sentences", u.path, u.line, view.locale, u.context, view.doc_id)


_PERCENT = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s?(?:%|٪|per ?cent\b|por ciento\b|procent\w*)", re.IGNORECASE)


def _percentages(view: View, settings: Settings) -> Iterator[Finding]:
    """Risks as percentages are misread; "1 in 10" is understood (PEMAT)."""
    rule = "readability.percentages"
    for u in view.units:
        for m in _PERCENT.finditer(u.plain):
            value = float(m.group(1).replace(",", "."))
            if 0 < value < 100:
                hint = f"about 1 in {round(100 / value):g}" if value <= 50 else "a natural frequency (\"x in 10\")"
                yield Finding(rule, settings.severity(rule), f"\"{m.group(0)}\": patients understand natural frequencies better than percentages; say {hint} people", u.path, u.line, view.locale, u.context, view.doc_id)


def _counts(lang: str, st: Stats) -> dict[str, float]:
    if lang in UNSPACED:
        return {"sentences": st.sentences, "characters": st.letters, "characters_per_sentence": round(st.letters / st.sentences, 2)}
    return {"sentences": st.sentences, "words": st.words, "words_per_sentence": round(st.asl, 2), "letters_per_word": round(st.letters / st.words, 2)}


def scores(lang: str, st: Stats) -> dict[str, float]:
    """The structured data of a readability.summary finding (docs/checks.md): every score of the language, and the counts."""
    if lang == "en":
        values = {"flesch_reading_ease": st.flesch(), "flesch_kincaid_grade": st.fk_grade(), "smog": st.smog()}
    elif lang == "es":
        values = {"szigriszt_inflesz": st.inflesz(), "fernandez_huerta": st.fernandez_huerta()}
    else:
        values = {{"fr": "kandel_moles", "de": "amstad"}[lang]: st.ease(lang)[1]}
    return {**{k: round(v, 1) for k, v in values.items()}, **_counts(lang, st), "syllables": st.syllables, "syllables_per_word": round(st.asw, 3)}


def _f(view: View, rule: str, settings: Settings, section: str | None, message: str, data: dict[str, float] | None = None) -> Finding:
    """A finding on a section (at its heading) or on the whole document (at its purpose), in the file to edit."""
    context = f"{section}.heading" if section else "meta.purpose"
    unit = None if view.is_source else next((u for u in view.units if u.context == context), None)
    if unit is not None:
        path, line = unit.path, unit.line
    else:
        path, line = view.doc_path, view.section_line(section) if section else view.document.line(("meta", "purpose"))
    return Finding(rule, settings.severity(rule), message, path, line, view.locale, section, view.doc_id, tuple(data.items()) if data else None)
