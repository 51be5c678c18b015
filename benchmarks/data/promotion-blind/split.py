"""Assign each blind-corpus sentence to the `tune` or `test` half (fixed seed, stratified by label)."""

from __future__ import annotations

import random
from pathlib import Path

SEED = 10  # the issue number; fixed so the halves never move


def split_file(path: Path) -> None:
    """Rewrite one language file with a third column, `tune` or `test`, half of each label."""
    lines = path.read_text(encoding="utf-8").splitlines()
    head = [line for line in lines if line.startswith("#")]
    rows = [line.split("\t")[:2] for line in lines if line and not line.startswith("#")]
    rng = random.Random(f"{SEED}:{path.stem}")
    half: dict[int, str] = {}
    for label in ("P", "C"):
        idx = [i for i, (lab, _) in enumerate(rows) if lab == label]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            half[i] = "tune" if n < len(idx) // 2 else "test"
    body = [f"{lab}\t{text}\t{half[i]}" for i, (lab, text) in enumerate(rows)]
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for tsv in sorted(Path(__file__).parent.glob("*.tsv")):
        split_file(tsv)
