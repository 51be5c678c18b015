"""Per-language quantity vocabulary: data/quantities/<lang>.yml + common.yml + handouts.yml extensions -> Vocabulary.

Forms are normalised like the text they are matched in (normalise()): NFKC, lower case, one
apostrophe, and for Arabic no short vowels or tatweel and bare alef.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "quantities"
SPANS = ("minute", "hour", "day", "week", "month", "year")
UNITS = ("mg", "mcg", "g", "kg", "ml", "l", "iu", "unit", "%")
LIST_KEYS = ("times_after", "every", "ordinal_before", "unit_per", "am", "pm", "am_before", "pm_before", "hour_after", "counted", "connectors", "articles", "grammatical",
             "number_joiners", "unit_per_before")
MAP_KEYS = ("words", "ordinals", "times", "implied", "frequency", "clock", "multipliers", "idioms")
GROUP_KEYS = ("units", "spans", "per", "per_after_count")
KEYS = (*LIST_KEYS, *MAP_KEYS, *GROUP_KEYS, "spaces", "glued_numbers")

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "’": "'", "ʼ": "'", "‘": "'", "`": "'"})


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Text as the vocabulary is matched: (normalised text, index of each character in NFKC text, or None when 1:1)."""
    base = unicodedata.normalize("NFKC", text)
    low = base.lower()
    if len(low) != len(base):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in base)
    low = low.translate(_ALEF)
    if not _ARABIC_MARKS.search(low):
        return low, None
    keep = [i for i, c in enumerate(low) if not _ARABIC_MARKS.match(c)]
    return "".join(low[i] for i in keep), keep


def norm(form: str) -> str:
    """One vocabulary form, normalised."""
    return normalise(str(form))[0].strip()


@dataclass
class Vocabulary:
    """Everything the parser knows about one language, normalised."""

    lang: str
    spaces: bool = True
    words: dict[str, float] = field(default_factory=dict)
    ordinals: dict[str, float] = field(default_factory=dict)
    after: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (category, canonical) after a number
    standalone: dict[str, tuple[str, Any]] = field(default_factory=dict)  # form -> (category, value) on its own
    every: set[str] = field(default_factory=set)
    connectors: set[str] = field(default_factory=set)
    am_before: set[str] = field(default_factory=set)
    pm_before: set[str] = field(default_factory=set)
    ordinal_before: set[str] = field(default_factory=set)
    unit_per: set[str] = field(default_factory=set)
    grammatical: set[float] = field(default_factory=set)
    has_words: bool = False
    multipliers: dict[str, float] = field(default_factory=dict)  # hundred, thousand, million: number words that scale the ones before
    joiners: set[str] = field(default_factory=set)  # "and" inside a number word ("two hundred and fifty")
    glued: bool = False  # number words written as one word ("zweitausendfünfhundert")
    unit_per_before: set[str] = field(default_factory=set)  # "per" written before a unit that is before its amount (每毫升含10毫克)


def _read(path: Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not path.is_file():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Data `extra` added to `base`: lists appended, mappings updated, groups merged per key."""
    out = {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v) for k, v in base.items()}
    for key, value in (extra or {}).items():
        if key in GROUP_KEYS:
            group = out.setdefault(key, {})
            for name, forms in (value or {}).items():
                group[name] = [*(group.get(name) or []), *(forms or [])]
        elif key in LIST_KEYS:
            out[key] = [*(out.get(key) or []), *(value or [])]
        elif key in MAP_KEYS:
            out[key] = {**(out.get(key) or {}), **(value or {})}
        else:
            out[key] = value
    return out


def raw_data(lang: str) -> dict[str, Any]:
    """common.yml merged with <lang>.yml (no generated words)."""
    return merge(_read(DATA / "common.yml"), _read(DATA / f"{lang}.yml"))


def known_languages() -> list[str]:
    """Languages with a data file."""
    return sorted(p.stem for p in DATA.glob("*.yml") if p.stem != "common")


def language(locale: str) -> str:
    """The language subtag of a locale code ('zh-Hans' -> 'zh', 'pt_BR' -> 'pt')."""
    return re.split(r"[-_]", locale, maxsplit=1)[0].lower()


def supported(lang: str, extension: str = "") -> bool:
    """Whether units and time words of a language can be read: it has a data file, or the project gives a vocabulary for it."""
    return bool(extension) or lang in _known()


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(known_languages())


@lru_cache(maxsize=64)
def vocabulary(lang: str, extension: str = "") -> Vocabulary:
    """The compiled vocabulary of a language (`extension`: YAML of the project's additions for it)."""
    from .numbers import generated_words

    data = merge(raw_data(lang), yaml.safe_load(extension) if extension else {})
    v = Vocabulary(lang, bool(data.get("spaces", True)))
    cardinals, ordinals = generated_words(lang)
    v.has_words = bool(cardinals) or bool(data.get("words"))
    v.words = {**cardinals, **{norm(k): float(x) for k, x in (data.get("words") or {}).items()}}
    v.ordinals = {**ordinals, **{norm(k): float(x) for k, x in (data.get("ordinals") or {}).items()}}
    # -- after a number: the first category that claims a form keeps it (a unit beats a span beats "times") --
    for category, group in (("unit", data.get("units")), ("span", data.get("spans"))):
        for canonical, forms in (group or {}).items():
            for f in forms or []:
                v.after.setdefault(norm(f), (category, str(canonical)))
    for category in ("times_after", "am", "pm", "hour_after", "counted"):
        for f in data.get(category) or []:
            v.after.setdefault(norm(f), (category, category))
    for phrase, spec in (data.get("frequency") or {}).items():
        v.standalone[norm(phrase)] = ("frequency", tuple(spec))
    for period, forms in (data.get("per") or {}).items():
        for f in forms or []:
            v.standalone.setdefault(norm(f), ("per", period))
    for period, forms in (data.get("per_after_count") or {}).items():
        for f in forms or []:
            v.standalone.setdefault(norm(f), ("per_after_count", period))
    for phrase, value in (data.get("times") or {}).items():
        v.standalone.setdefault(norm(phrase), ("times", float(value)))
    for word, (value, unit) in ((k, tuple(x)) for k, x in (data.get("implied") or {}).items()):
        v.standalone.setdefault(norm(word), ("implied", (float(value), str(unit))))
    for word, clock in (data.get("clock") or {}).items():
        v.standalone.setdefault(norm(word), ("clock", str(clock)))
    for phrase, value in (data.get("idioms") or {}).items():
        v.standalone.setdefault(norm(phrase), ("idiom", float(value)))
    for canonical, forms in (data.get("spans") or {}).items():
        for f in forms or []:
            v.standalone.setdefault(norm(f), ("bare_span", str(canonical)))
    for art in data.get("articles") or []:
        for canonical, forms in (data.get("spans") or {}).items():
            for f in forms or []:
                v.standalone.setdefault(f"{norm(art)} {norm(f)}", ("bare_span", str(canonical)))
    v.every = {norm(f) for f in data.get("every") or []}
    v.connectors = {norm(f) for f in data.get("connectors") or []}
    v.am_before = {norm(f) for f in data.get("am_before") or []}
    v.pm_before = {norm(f) for f in data.get("pm_before") or []}
    v.ordinal_before = {norm(f) for f in data.get("ordinal_before") or []}
    v.unit_per = {norm(f) for f in data.get("unit_per") or []}
    v.grammatical = {float(x) for x in data.get("grammatical") or []}
    v.multipliers = {norm(k): float(x) for k, x in (data.get("multipliers") or {}).items()}
    v.joiners = {norm(f) for f in data.get("number_joiners") or []}
    v.glued = bool(data.get("glued_numbers", False))
    v.unit_per_before = {norm(f) for f in data.get("unit_per_before") or []}
    return v


def data_problems(data: Any) -> list[str]:
    """What is wrong with a project's `vocabulary:` for one language (empty: fine)."""
    if not isinstance(data, dict):
        return ["must be a mapping of vocabulary keys (units, spans, words, per, ...)"]
    out = []
    for key, value in data.items():
        if key not in KEYS:
            out.append(f"unknown key '{key}' (keys: {', '.join(KEYS)})")
        elif key in GROUP_KEYS and not (isinstance(value, dict) and all(isinstance(f, list) for f in value.values())):
            out.append(f"'{key}' must map a name to a list of forms, e.g. {{mg: [milligrams]}}")
        elif key == "units" and not set(value) <= set(UNITS):
            out.append(f"'units' names must be among {', '.join(UNITS)}")
        elif key in ("spans", "per", "per_after_count") and not set(value) <= set(SPANS):
            out.append(f"'{key}' names must be among {', '.join(SPANS)}")
        elif key in LIST_KEYS and not isinstance(value, list):
            out.append(f"'{key}' must be a list")
        elif key in MAP_KEYS and not isinstance(value, dict):
            out.append(f"'{key}' must be a mapping")
    return out
