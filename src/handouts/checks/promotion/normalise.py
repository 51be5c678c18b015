"""Text -> a canonical form for matching: NFKC, case, Arabic letter forms, look-alike digits and letters, spaced letters.

Spam hides its words from filters ("0nline", "prescripti0n", "b-u-y", "i s o t r e t", Cyrillic
"о" inside a Latin word, Arabic tatweel "اشـــتري" or dots inside an Arabic word "بـ.ـدون"); patient text never does, so undoing these
tricks costs nothing on clean text. Accents are kept here (stemmers need them) and removed
from stems by `bare()`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u0640"), None)  # soft hyphen, zero-width, tatweel
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
# -- a dot, bullet, hyphen, underscore or star between two Arabic letters splits one word to hide it (Arabic text puts a space after its punctuation) --
_ARABIC_SPLIT = re.compile(r"(?<=[\u0621-\u064a])[.·•\-_*]+(?=[\u0621-\u064a])")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي"})
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})
# letters written with punctuation or spaces between them: b-u-y, b.u.y, i s o t r e t
_SPACED = re.compile(r"(?<![\w])(?:[^\W\d_][ \-._*]){2,}[^\W\d_](?![\w])")
_MIXED = re.compile(r"[^\W_]*\d[^\W_]*")
_LEET_LATIN = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_CYRILLIC = str.maketrans({"0": "о", "1": "і", "3": "з", "4": "ч", "6": "б"})
_TO_LATIN = str.maketrans({"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "к": "k", "т": "t", "м": "m", "н": "h", "в": "b",
                           "ѕ": "s", "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w"})
_TO_CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "k": "к"})
_LATIN = re.compile(r"[a-zA-Z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ELISION = re.compile(r"(?<![\w])(qu|[ldnjcmts])'(?=\w)")
_NOT = re.compile(r"(\w)n't(?!\w)")


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return "cyrillic" if name.startswith("CYRILLIC") else "latin" if name.startswith("LATIN") else "other"


def _unspace(m: re.Match[str]) -> str:
    """Join spaced letters; a space between hyphenated runs ("b-u-y r-o-a-c") or two spaces stay word breaks."""
    run = m.group(0)
    if re.search(r"[\-._*]", run):
        return re.sub(r"[\-._*]", "", run)
    return " ".join(w.replace(" ", "") for w in re.split(r" {2,}", run))


def _deleet(m: re.Match[str]) -> str:
    """A word with one look-alike digit between letters ("0nline", "is0tretinoin"); doses and codes ("20mg", "B12") stay."""
    word = m.group(0)
    letters = [c for c in word if c.isalpha()]
    runs = re.findall(r"\d+", word)
    if len(word) == 2 and word.lower() in ("n0", "0n", "t0", "g0"):
        return word.translate(_LEET_LATIN)  # "n0 prescription"
    if len(letters) < 3 or any(len(r) > 1 for r in runs) or len(runs) > 3:
        return word
    cyrillic = sum(_script(c) == "cyrillic" for c in letters) > len(letters) / 2
    return word.translate(_LEET_CYRILLIC if cyrillic else _LEET_LATIN)


def _one_script(word: str, latin_text: bool) -> str:
    """A word mixing Latin and Cyrillic look-alikes is written in the script of its letters that have no look-alike
    ("peцeптa": ц and п are Cyrillic only), else in the script of most of the text's letters."""
    word = word.casefold()
    scripts = [_script(c) for c in word if c.isalpha()]
    lat, cyr = scripts.count("latin"), scripts.count("cyrillic")
    if not (lat and cyr):
        return word
    own_lat = any(_script(c) == "latin" and ord(c) not in _TO_CYRILLIC for c in word)
    own_cyr = any(_script(c) == "cyrillic" and ord(c) not in _TO_LATIN for c in word)
    if own_lat != own_cyr:
        return word.translate(_TO_LATIN if own_lat else _TO_CYRILLIC)
    return word.translate(_TO_LATIN if latin_text else _TO_CYRILLIC)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Canonical text for matching: same length not guaranteed; words, digits and punctuation kept in order."""
    t = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_APOSTROPHES)
    t = _ARABIC_SPLIT.sub("", _ARABIC_MARKS.sub("", t)).translate(_ARABIC_LETTERS)
    t = _SPACED.sub(_unspace, t)
    t = _MIXED.sub(_deleet, t)
    if _LATIN.search(t) and _CYRILLIC.search(t):
        latin_text = len(_LATIN.findall(t)) >= len(_CYRILLIC.findall(t))
        t = re.sub(r"[^\W\d_]{2,}", lambda m: _one_script(m.group(0), latin_text), t)
    t = t.casefold()
    t = _NOT.sub(r"\1 not", t)
    return _ELISION.sub(lambda m: {"qu": "que", "l": "le", "d": "de", "n": "ne", "j": "je", "c": "ce", "m": "me", "t": "te", "s": "se"}[m.group(1)] + " ", t)


@lru_cache(maxsize=65536)
def bare(word: str) -> str:
    """A folded word without accents (é -> e, ł stays ł, й -> и): stems compare on this."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
