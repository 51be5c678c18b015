"""Cross-validate the whole promotion judge (phrase rules + wording model) on the training corpora.

Run from the repository root: python scripts/cv_promotion.py [--langs en,es] [--folds 5] [--score-on PREFIX] [--across]
Needs scikit-learn (the `train` extra). The wording model is fitted on every corpus but the
scored rows (scripts/train_promotion_model.fit) and the judge reads the scored rows as catalog
segments, so the figures say how the judge does on rows its model never saw. With --across the
scored corpus (one author's text) never enters training at all: how the judge does on an
author it has not read. It is how a change to the rule or the model's gates is chosen; the
blind corpora (benchmarks/data/promotion-blind2, -blind3) are for the measurement after that,
never for choosing.

Only the rows of --score-on are scored (default: the promotion-train corpora, which no rule was
tuned on). Printed per language: recall and false positives of the rules alone, of the judge
as shipped, and of the model alone at its threshold, for comparison.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from train_promotion_model import CORPORA, fit  # noqa: E402
from train_promotion_model import labelled as rows  # noqa: E402

import importlib  # noqa: E402

from handouts.checks.promotion import detector as make_detector  # noqa: E402
from handouts.checks.promotion import model as model_module  # noqa: E402

det = importlib.import_module("handouts.checks.promotion.detector")  # -- the module: the package's `detector` is the factory --

LANGS = ["en", "es", "pl", "ar", "fr", "de", "uk"]


def judged(lang: str, fold_rows: list[tuple[str, bool, str]], model: model_module.Model | None) -> list[tuple[bool, bool, bool]]:
    """(promotional, flagged by the rules alone, flagged as shipped) for each row, with this model loaded."""
    det._scored.cache_clear()
    model_module.load.cache_clear()
    original = model_module.load
    out = []
    try:
        model_module.load = lambda _lang: None  # type: ignore[assignment]
        rules = [bool(make_detector(lang, (m,)).judge_segment(t)) for t, _, m in fold_rows]
        det._scored.cache_clear()
        model_module.load = lambda _lang: model  # type: ignore[assignment]
        shipped = [bool(make_detector(lang, (m,)).judge_segment(t)) for t, _, m in fold_rows]
    finally:
        model_module.load = original  # type: ignore[assignment]
        det._scored.cache_clear()
    for (_, label, _), r, s in zip(fold_rows, rules, shipped):
        out.append((label, r, s))
    return out


def rates(flags: list[tuple[bool, bool]]) -> str:
    """'recall / false positives' of (promotional, flagged) pairs."""
    p = [f for label, f in flags if label]
    c = [f for label, f in flags if not label]
    return f"{sum(p) / max(len(p), 1):.0%} / {sum(c) / max(len(c), 1):.0%}"


def main() -> int:
    """Print the cross-validated table."""
    from sklearn.model_selection import StratifiedKFold

    parser = argparse.ArgumentParser()
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--across", action="store_true", help="fit once on every other corpus: the scored rows never enter training")
    parser.add_argument("--score-on", default="promotion-train", metavar="PREFIX",
                        help="score only the rows of the corpora whose folder starts with this (the rules were tuned on the others: their rows say nothing); 'all' scores every row")
    args = parser.parse_args()
    scored = [f for f in CORPORA if args.score_on == "all" or f.name.startswith(args.score_on)]
    rest = [f for f in CORPORA if f not in scored]
    print("| language | rows | rules alone | rules + model (shipped) | model alone |")
    print("|---|---:|---|---|---|")
    for lang in args.langs.split(","):
        data, others = rows(lang, scored), rows(lang, rest)
        if not data:
            continue
        labels = [label for _, label, _ in data]
        results, alone = [], []
        splits = [([], list(range(len(data))))] if args.across else StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=1).split(data, labels)
        for train_idx, test_idx in splits:
            train = others + [data[i] for i in train_idx]
            fitted, _ = fit([t for t, _, _ in train], [label for _, label, _ in train])
            model = model_module.Model(lang, float(fitted["threshold"]), float(fitted["bias"]), dict(fitted["weights"]))  # type: ignore[arg-type]
            test = [data[i] for i in test_idx]
            results += judged(lang, test, model)
            alone += [(label, model.score(text)[0] > model.threshold) for text, label, _ in test]
        print(f"| {lang} | {len(data)} | {rates([(a, r) for a, r, _ in results])} | {rates([(a, s) for a, _, s in results])} | {rates(alone)} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
