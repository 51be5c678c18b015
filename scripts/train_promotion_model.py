"""Train the promotion wording models (checks/data/promotion/model/<lang>.json) from the labelled corpora.

Run from the repository root after changing a corpus: python scripts/train_promotion_model.py
Needs scikit-learn (the `train` extra in the lock; not needed at run time). Trained on the
development corpus (tests/data/corpus), the held-out corpus, both halves of the first blind
corpus, the training corpora (benchmarks/data/promotion-train, -train2 ... -train11) and the `tune` half
of the plain leaflet text (benchmarks/data/promotion-leaflets); never on its `test` half, nor on
benchmarks/data/promotion-blind2 ... -blind10, which stay the unseen-text figures (a training line that
one of them holds word for word is left out: authors sometimes write the same short line).
The threshold is chosen by 5-fold cross-validation: the lowest score at which at most 2% of
the clean rows and at most 1% of the plain leaflet lines (the leaflet text's clean `tune`
rows: headings and sentences as a leaflet has them, not the tricky kind) were flagged; those
lines weigh three times in the fit. Same corpora and library versions give the same bytes.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from handouts.checks.promotion.model import features  # noqa: E402

DATA = REPO / "benchmarks" / "data"
CORPORA = [REPO / "tests" / "data" / "corpus", DATA / "promotion", DATA / "promotion-blind", DATA / "promotion-train", DATA / "promotion-train2",
           DATA / "promotion-train3", DATA / "promotion-train4", DATA / "promotion-train5", DATA / "promotion-train6", DATA / "promotion-train7", DATA / "promotion-train8", DATA / "promotion-train9", DATA / "promotion-train10", DATA / "promotion-train11",
           DATA / "promotion-leaflets"]
HELD_OUT = {"promotion-leaflets": "test"}  # -- a corpus's half that is never trained on: it measures the model on plain leaflet text --
OUT = REPO / "src" / "handouts" / "checks" / "data" / "promotion" / "model"
FEATURES = 20000  # -- the n-grams and words most tied to the label (chi-squared): about 3 MB shipped in all --
CLEAN_FLAGGED = 0.02
PLAIN_WEIGHT = 3.0  # -- a leaflet is mostly plain text: it must read as clean, so its lines count three times in the fit --
PLAIN_FLAGGED = 0.01  # -- a warning on every 100th plain line is as much as a reviewer should see --
INVERSE_REGULARISATION = 30.0  # -- logistic regression's C --


def labelled(lang: str, folders: list[Path]) -> list[tuple[str, bool, str]]:
    """(text, promotional, medicine) of every trainable line of a language in these corpora (held-out halves left out)."""
    out = []
    for folder in folders:
        path = folder / f"{lang}.tsv"
        if not path.is_file():
            continue
        medicine = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# medicine:"):
                medicine = line.split(":", 1)[1].strip()
            elif line.strip() and not line.startswith("#"):
                label, text, *half = line.split("\t")
                if not (half and HELD_OUT.get(folder.name) == half[0]):
                    out.append((text, label == "P", medicine))
    return out


@lru_cache(maxsize=1)
def plain_lines() -> frozenset[str]:
    """The clean lines of the plain leaflet text that training may read (its tune rows), every language."""
    folder = DATA / "promotion-leaflets"
    return frozenset(t for path in folder.glob("*.tsv") for t, promotional, _ in labelled(path.stem, [folder]) if not promotional)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@lru_cache(maxsize=None)
def held_out(lang: str) -> frozenset[str]:
    """The lines of the blind corpora (promotion-blind2, -blind3 ...): never trained on, not even as another author's identical line."""
    return frozenset(_key(t) for t, _, _ in labelled(lang, sorted(p for p in DATA.glob("promotion-blind*") if p.name != "promotion-blind")))


def rows(lang: str) -> tuple[list[str], list[bool]]:
    """Every labelled line of a language in the training corpora, but those a blind corpus holds too."""
    found = [row for row in labelled(lang, CORPORA) if _key(row[0]) not in held_out(lang)]
    return [t for t, _, _ in found], [label for _, label, _ in found]


def fit(texts: list[str], labels: list[bool]) -> tuple[dict[str, object], float]:
    """A model fitted on these rows as JSON-ready data, and its cross-validated recall at the chosen threshold."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.feature_selection import SelectKBest, chi2
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    y = np.array(labels)
    vectorizer = CountVectorizer(analyzer=features, binary=True)
    counts = vectorizer.fit_transform(texts)
    k = min(FEATURES, counts.shape[1])

    def model():  # type: ignore[no-untyped-def]
        return make_pipeline(SelectKBest(chi2, k=k), Normalizer(), LogisticRegression(C=INVERSE_REGULARISATION, max_iter=5000))

    plain = np.array([t in plain_lines() for t in texts])
    weight = {"logisticregression__sample_weight": np.where(plain, PLAIN_WEIGHT, 1.0)}
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = cross_val_predict(model(), counts, y, cv=folds, method="predict_proba", params=weight)[:, 1]
    threshold = max(_quantile(scores[~y], CLEAN_FLAGGED), _quantile(scores[plain & ~y], PLAIN_FLAGGED))
    fitted = model().fit(counts, y, **weight)
    select, _, logistic = fitted.steps[0][1], fitted.steps[1][1], fitted.steps[2][1]
    names = vectorizer.get_feature_names_out()[select.get_support()]
    weights = {str(g): round(float(w), 6) for g, w in zip(names, logistic.coef_[0]) if round(float(w), 6)}
    data = {"threshold": round(threshold, 6), "bias": round(float(logistic.intercept_[0]), 6), "weights": dict(sorted(weights.items()))}
    return data, float((scores[y] > threshold).mean())


def _quantile(scores, flagged: float) -> float:  # type: ignore[no-untyped-def]
    """The lowest score above which at most this share of these scores lies (0: there are none)."""
    import numpy as np

    if not len(scores):
        return 0.0
    ordered = np.sort(scores)
    return float(ordered[int(np.ceil(len(ordered) * (1 - flagged))) - 1])


def train(lang: str) -> dict[str, object]:
    """One language's model as JSON-ready data."""
    texts, labels = rows(lang)
    data, caught = fit(texts, labels)
    print(f"{lang}: {len(texts)} rows, {len(data['weights'])} n-grams, threshold {data['threshold']:.3f}, "  # type: ignore[arg-type]
          f"cross-validated recall {caught:.0%} at <= {CLEAN_FLAGGED:.0%} clean flagged")
    return {"lang": lang, **data}


def main() -> int:
    """Train and write every language that has a corpus."""
    OUT.mkdir(parents=True, exist_ok=True)
    for path in sorted((REPO / "tests" / "data" / "corpus").glob("*.tsv")):
        data = train(path.stem)
        (OUT / f"{path.stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
