"""A wording model per language: a linear model over character n-grams that reads an ad the phrase rules have no words for.

The phrase rules (clauses.py) explain themselves and stay the first judge; this model is asked
only when they find nothing in a segment. It was trained by scripts/train_promotion_model.py
(scikit-learn, a developer tool) and ships as plain weights in checks/data/promotion/model/;
scoring is a sum over the n-grams a text has, so it is done here without scikit-learn, SciPy
or NumPy at run time. Features: character n-grams (2-5) of each folded word padded with
spaces, and the folded words and pairs of adjacent words themselves ("w: order", "w: order now"),
present or not, the vector L2-normalised; logistic regression on top. The n-grams read an
inflected or misspelt word, the words and pairs read a phrase ("link in bio").
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from .normalise import fold

NGRAMS = (2, 5)


def features(text: str) -> list[str]:
    """The model's features of a text: the character n-grams of its folded words, then the words and word pairs."""
    words = fold(text).split()
    # -- "w: " has a space inside, which no n-gram of one padded word has: the two kinds never collide --
    return ngrams(words) + [f"w: {w}" for w in words] + [f"w: {a} {b}" for a, b in zip(words, words[1:])]


def ngrams(words: list[str]) -> list[str]:
    """Character n-grams of each word padded with a space each side (as scikit-learn's char_wb)."""
    out = []
    for word in words:
        padded = f" {word} "
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            if len(padded) < n:
                break
            out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return out


@dataclass(frozen=True)
class Model:
    """One language's weights, bias and the score above which a segment reads as an ad."""

    lang: str
    threshold: float
    bias: float
    weights: dict[str, float]

    def score(self, text: str) -> tuple[float, list[str]]:
        """(probability that the text advertises, its n-grams that pushed most towards it)."""
        present = sorted({g for g in features(text) if g in self.weights})  # -- sorted: the same sum in every process --
        z = self.bias + (math.fsum(self.weights[g] for g in present) / math.sqrt(len(present)) if present else 0.0)
        cues = sorted((g for g in present if self.weights[g] > 0), key=lambda g: (-self.weights[g], g))
        return 1.0 / (1.0 + math.exp(-z)), cues


@lru_cache(maxsize=16)
def load(lang: str) -> Model | None:
    """The packaged model of a language (None: there is none, the phrase rules judge alone)."""
    from importlib import resources

    path = resources.files("handouts.checks").joinpath("data", "promotion", "model", f"{lang}.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(lang, float(data["threshold"]), float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})


def words_of(text: str, cues: list[str], limit: int = 4) -> list[str]:
    """The folded words of the text that hold the strongest cues, strongest first (what a finding names)."""
    words: list[str] = []
    folded = fold(text).split()
    for cue in cues:
        core = cue[3:].split()[0] if cue.startswith("w: ") else cue.strip()
        for word in folded:
            if core and core in word and word not in words:
                words.append(word)
                break
        if len(words) == limit:
            break
    return words
