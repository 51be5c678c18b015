"""Benchmark: `handouts check` wall time on the sample (4 locales) and on 100 generated documents x 4 locales.

Run from the repository root: python benchmarks/bench_checks.py [--documents 100] [--repeat 3]
Targets (issue 5): <= 1 s for the sample, <= 20 s for 100 documents x 4 locales on a 2-core machine.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content" / "isotretinoin-40mg"
LOCALES = ["en-GB", "es", "pl", "ar"]  # as in the sample's handouts.yml
TARGETS = {"sample": 1.0, "generated": 20.0}


def make_project(root: Path, documents: int) -> Path:
    """A project with `documents` copies of the sample (own ids, own catalogs) in four locales."""
    (root / "content").mkdir(parents=True)
    config = (REPO / "handouts.yml").read_text(encoding="utf-8")
    config = "\n".join(line for line in config.splitlines() if not line.startswith("locales:"))
    (root / "handouts.yml").write_text(config + f"\nlocales: [{', '.join(LOCALES)}]\n", encoding="utf-8")
    source = (SAMPLE / "document.yml").read_text(encoding="utf-8")
    for i in range(documents):
        doc_id = "isotretinoin-40mg" if documents == 1 else f"leaflet-{i:03d}"
        folder = root / "content" / doc_id
        shutil.copytree(SAMPLE / "locales", folder / "locales")
        (folder / "document.yml").write_text(source.replace("id: isotretinoin-40mg", f"id: {doc_id}"), encoding="utf-8")
    return root


def time_check(root: Path, repeat: int) -> tuple[float, int, str]:
    """Best wall time of `python -m handouts check` in a new process, its exit code and last stderr line."""
    best, code, tail = float("inf"), 0, ""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "handouts", "check", "--today", "2026-11-25"], cwd=root, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        code, tail = result.returncode, (result.stderr.strip().splitlines() or [""])[-1]
    return best, code, tail


def main() -> int:
    """Build both projects in a temp folder, time them, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    missing = [loc for loc in LOCALES[1:] if not (SAMPLE / "locales" / f"{loc}.po").is_file()]
    if missing:
        print(f"the sample has no catalog for {', '.join(missing)}: run the localization work first", file=sys.stderr)
        return 1
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as tmp:
        rows = []
        for name, count in (("sample", 1), ("generated", args.documents)):
            root = make_project(Path(tmp) / name, count)
            seconds, code, tail = time_check(root, args.repeat)
            target = TARGETS[name] if name == "sample" or count == 100 else TARGETS["generated"] * count / 100
            ok &= seconds <= target and code == 0
            rows.append((f"{name} ({count} doc x {len(LOCALES)} locales)", seconds, target, code))
            if code:
                print(f"{name}: exit {code}: {tail}", file=sys.stderr)
    print(f"{'project':<34} {'wall s':>8} {'target s':>9} {'exit':>5}")
    for label, seconds, target, code in rows:
        print(f"{label:<34} {seconds:>8.2f} {target:>9.1f} {code:>5}")
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
