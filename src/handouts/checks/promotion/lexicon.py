"""Per-language phrase data (checks/data/promotion/<lang>.yml) -> compiled cue matchers over stemmed tokens.

Words are compared by stem (Snowball, via snowballstemmer, which runs PyStemmer's C build
when installed: en, es, pl, ar, fr, de and 30 more; Snowball 3 added the Polish stemmer, so
no separate Polish package is needed), so "buy / buying", "receta / recetas",
"izotretynoina / izotretynoinę" match one entry. A data
word written `=word` matches only that word; one ending in `*` matches any word starting with it; `a_b` matches
`b` right after `a` (no gap) (used for Ukrainian, which has no
Snowball stemmer, and for open word families such as "cheap*"). Phrases match in order with
at most two other words between their words, inside one clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

import yaml

from .normalise import bare, fold

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_AR_PREFIX = re.compile(r"^(?:[وف]?[بلك]?ال|[وفبلك]{1,2})(?=\w{3,})")
_AR_ARTICLE = re.compile(r"^(?:[وف]?[بلك]?ال|لل)(?=\w{3,})")
GAP = 2


@lru_cache(maxsize=None)
def load(lang: str) -> dict[str, Any] | None:
    """One language's data file, or None when the language has none."""
    path = resources.files("handouts.checks").joinpath("data", "promotion", f"{lang}.yml")
    if not path.is_file():
        return None
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader) or {}


class _WordLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML without implicit booleans: in phrase lists "no", "on" and "off" are words."""

    yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:bool"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@lru_cache(maxsize=16)
def stemmer(lang: str) -> Callable[[str], str]:
    """The Snowball stemmer named by the language's data (identity when none)."""
    data = load(lang) or {}
    name = data.get("stemmer")
    if not name:
        return lambda w: w
    import snowballstemmer

    stem = snowballstemmer.stemmer(name).stemWord
    return lru_cache(maxsize=65536)(stem)


@dataclass(frozen=True)
class Token:
    """One word of a clause: folded surface form, bare form, bare stem."""

    text: str
    bare: str
    stem: str
    start: int = 0
    end: int = 0
    whole: str = ""  # Arabic: the stem of the word with its first letters kept (و, ف, ب, ل, ك may be the root's own)


def tokens(text: str, lang: str, offset: int = 0) -> list[Token]:
    """Words of a folded text with their stems and spans (Arabic clitics stripped before stemming)."""
    stem = stemmer(lang)
    out = []
    for m in _TOKEN.finditer(text):
        w = m.group(0)
        core = _AR_PREFIX.sub("", w) if lang == "ar" else w
        whole = bare(stem(w)) if lang == "ar" and core != w else ""
        out.append(Token(w, bare(core), bare(stem(core)), m.start() + offset, m.end() + offset, whole))
    return out


@dataclass(frozen=True)
class Word:
    """One word of a data phrase: a stem to equal, or a prefix (`word*`)."""

    key: str
    prefix: bool
    exact: bool = False
    adjacent: bool = False  # written `a_b` in the data: right after the word before, no gap

    def matches(self, t: Token) -> bool:
        if self.exact:
            return t.bare == self.key or bare(t.text) == self.key
        return (t.bare.startswith(self.key) or t.stem.startswith(self.key)) if self.prefix else (t.stem == self.key or t.bare == self.key or t.whole == self.key)


@dataclass(frozen=True)
class Phrase:
    """A data phrase as words; `text` is how the data file wrote it."""

    text: str
    words: tuple[Word, ...]
    kind: str = ""


def compile_phrase(text: str, lang: str, kind: str = "") -> Phrase:
    """A data phrase -> words: `=word` exact, `word*` prefix, else compared by stem."""
    stem = stemmer(lang)
    words = []
    for chunk in text.split():
        for n, raw in enumerate(chunk.split("_")):
            prefix, exact = raw.endswith("*"), raw.startswith("=")
            for w in _TOKEN.findall(fold(raw.strip("*="))):
                # data words carry a clitic only as the article (الكبسولات, للبيع); a leading و or ف of a data word is its root's (وصفة)
                core = _AR_ARTICLE.sub("", w) if lang == "ar" and not (prefix or exact) else w
                words.append(Word(bare(core) if prefix or exact else bare(stem(core)), prefix, exact, n > 0))
    return Phrase(text, tuple(words), kind)


@dataclass
class Group:
    """Phrases of one cue kind, indexed by their first word (exact stems, and prefixes by their first three letters)."""

    phrases: list[Phrase] = field(default_factory=list)
    exact: dict[str, list[Phrase]] = field(default_factory=dict)
    heads: dict[str, list[Phrase]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in self.phrases:
            if not p.words:
                continue
            first = p.words[0]
            if first.prefix:
                self.heads.setdefault(first.key[:3], []).append(p)
            else:
                self.exact.setdefault(first.key, []).append(p)

    def candidates(self, t: Token) -> list[Phrase]:
        """Phrases whose first word may match token `t`."""
        out = self.exact.get(t.stem, []) + (self.exact.get(t.bare, []) if t.bare != t.stem else []) + (self.exact.get(t.whole, []) if t.whole else [])
        surface = bare(t.text)
        if surface not in (t.stem, t.bare, t.whole):
            out += [p for p in self.exact.get(surface, []) if p.words[0].exact]
        for head in {t.bare[:3], t.stem[:3]}:
            out += self.heads.get(head, [])
            if len(head) == 3:
                out += self.heads.get(head[:2], []) + self.heads.get(head[:1], [])
        return out

    def find(self, toks: list[Token], start_only: bool = False, skip: frozenset[int] = frozenset()) -> list[tuple[int, int, Phrase]]:
        """(start, end, phrase) of every match in a token list (start_only: only at index 0; skip: tokens a gap may not hold)."""
        hits = []
        for i in range(min(1, len(toks)) if start_only else len(toks)):
            for p in self.candidates(toks[i]):
                end = _match_at(toks, i, p.words, skip)
                if end is not None:
                    hits.append((i, end, p))
        return hits


def _match_at(toks: list[Token], i: int, words: tuple[Word, ...], skip: frozenset[int]) -> int | None:
    if not words or not words[0].matches(toks[i]):
        return None
    pos = i + 1
    for w in words[1:]:
        for j in range(pos, min(pos + (0 if w.adjacent else GAP) + 1, len(toks))):
            if w.matches(toks[j]):
                pos = j + 1
                break
            if j in skip and i not in skip:
                return None  # "suits everyone" must not match "does not suit everyone"; a negative phrase may hold more negation
        else:
            return None
    return pos


@lru_cache(maxsize=32)
def groups(lang: str) -> dict[str, Group]:
    """Every cue group of a language, compiled (empty when the language has no data)."""
    data = load(lang) or {}
    out: dict[str, Group] = {}
    for name, phrases in data.items():
        if isinstance(phrases, list):
            out[name] = Group([compile_phrase(str(p), lang, name) for p in phrases])
        elif isinstance(phrases, dict):  # cues: {kind: [...]}
            for kind, items in phrases.items():
                out[kind] = Group([compile_phrase(str(p), lang, kind) for p in items or []])
    return out


@lru_cache(maxsize=32)
def everything(lang: str) -> Group:
    """All phrases of a language in one index (each phrase knows its kind): one lookup per word."""
    return Group([p for g in groups(lang).values() for p in g.phrases])
