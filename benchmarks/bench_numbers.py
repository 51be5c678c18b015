"""Benchmark: the translation-numbers check on the sample, and `handouts check` on 100 documents x 8 locales.

Run from the repository root: python benchmarks/bench_numbers.py [--documents 100] [--repeat 3]
The generated project copies tests/data/numbers-mini (en source; es, pl, ar, fr, de, uk, zh) with
every number of each copy shifted (source and catalogs alike), so no copy repeats another's
text and the parse cache cannot hide the cost. Target (issue 9): <= 20 s for 100 documents x
8 locales on a 2-core machine. It also scores the labelled tables of tests/data/numbers-variants
(false alarms on correct variants, tampered variants missed; written with the rules, so not an
unseen corpus). Exit status 1 when the target is missed, a check finds an error, or a table is
not scored perfectly.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "data" / "numbers-mini"
TARGET = 20.0
_SHIFT = re.compile(r"(?<![\d.,:])(2\.5|2,5|٢٫٥|16|20|14)(?![\d.,:]|\s*(?:Uhr|h\b))")  # doses, weeks, units: same in every language


def make_project(root: Path, documents: int) -> Path:
    """`documents` copies of numbers-mini, copy i with its 2.5 mg dose, 16-20 weeks and 14 units shifted by i."""
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("content"))
    source = MINI / "content" / "numbers-mini"
    for i in range(documents):
        doc_id = f"leaflet-{i:03d}"
        folder = root / "content" / doc_id
        shutil.copytree(source, folder)
        for path in [folder / "document.yml", *sorted((folder / "locales").glob("*.po"))]:
            text = path.read_text(encoding="utf-8").replace("numbers-mini", doc_id)
            path.write_text(_SHIFT.sub(lambda m: _shift(m.group(1), i), text), encoding="utf-8")
    return root


def _shift(number: str, i: int) -> str:
    if number in ("2.5", "2,5", "٢٫٥"):
        return number.replace("2", str(2 + i), 1).replace("٢", str(2 + i), 1)
    return str(int(number) + 100 * i)


def time_check(root: Path, repeat: int) -> tuple[float, float, int, str]:
    """Best wall time and best CPU time (user + system) of `python -m handouts check` in a new process, its exit code and last stderr line.

    The CPU time is what the check costs on an idle machine; the wall time also holds the waits of a shared one.
    """
    best, cpu, code, tail = float("inf"), float("inf"), 0, ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "handouts", "check", "--today", "2026-06-01"], cwd=root, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code, tail = result.returncode, (result.stderr.strip().splitlines() or [""])[-1]
    return best, cpu, code, tail


def time_numbers_on_sample(repeat: int) -> tuple[float, int]:
    """Best time of the translation rule alone over the sample's locales (in this process, warm), and its finding count."""
    from handouts.build import load_project
    from handouts.checks import translation
    from handouts.checks.context import translated_view
    from handouts.checks.settings import load_settings
    from handouts.i18n import translation_report

    project = load_project(REPO)
    settings = load_settings(project.config.checks, REPO / "handouts.yml")
    views = [translated_view(doc, folder, loc, list(translation_report(doc, loc, project.config, folder)), REPO)
             for folder, doc in project.documents.items() for loc in project.config.locales if loc != project.config.source_locale]
    best, count = float("inf"), 0
    for _ in range(repeat):
        from handouts.checks.quantities.parse import _parse

        _parse.cache_clear()
        start = time.perf_counter()
        count = sum(len(list(translation.check(view, settings))) for view in views)
        best = min(best, time.perf_counter() - start)
    return best, count


def corpus_scores() -> list[tuple[str, int, int, int, int]]:
    """Per language of the labelled tables (tests/data/numbers-variants): (lang, correct, false alarms, tampered, missed)."""
    import yaml
    from babel.messages.pofile import read_po

    from handouts.checks.context import plain_text
    from handouts.checks.quantities import compare

    segments = {"weekly": "what-it-is.key_points.0", "forms": "before.key_points.0", "wait": "before.body.0.text", "risk": "before.body.1.text",
                "store": "storage.body.0.text", "hours": "contact.body.0.text", "emergency": "contact.body.1.text",
                **{k: f"how-to-take.body.0.steps.{i}" for i, k in enumerate(["dose", "course", "folic", "cream", "gap", "solution", "insulin", "breakfast"])}}
    with (MINI / "content" / "numbers-mini" / "locales" / "numbers-mini.pot").open("rb") as fh:
        sources = {m.context: str(m.id) for m in read_po(fh) if m.id}
    out = []
    for table in sorted((REPO / "tests" / "data" / "numbers-variants").glob("*.yml")):
        lang, rows = table.stem, yaml.safe_load(table.read_text(encoding="utf-8"))
        alarms = sum(bool(compare(plain_text(sources[segments[k]]), "en", plain_text(t), lang)) for k, t in rows["pass"])
        missed = sum(not compare(plain_text(sources[segments[k]]), "en", plain_text(t), lang) for k, t, _ in rows["fail"])
        out.append((lang, len(rows["pass"]), alarms, len(rows["fail"]), missed))
    return out


def main() -> int:
    """Time the sample, build the generated project in a temp folder, time it, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ok = True
    for lang, good, alarms, bad, missed in corpus_scores():
        print(f"{'corpus ' + lang + ': false alarms / correct, missed / tampered':48} {alarms:3d} / {good:<3d}  {missed:3d} / {bad}")
        ok &= alarms == 0 and missed == 0
    numbers_s, found = time_numbers_on_sample(args.repeat)
    print(f"{'sample: translation numbers rule (es, pl, ar)':48} {numbers_s * 1000:8.1f} ms   findings: {found}")
    seconds, cpu, code, tail = time_check(REPO, args.repeat)
    print(f"{'sample: handouts check (4 locales)':48} {seconds:8.2f} s    cpu {cpu:.2f} s  exit {code}  {tail}")
    ok &= code == 0
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "bench", args.documents)
        seconds, cpu, code, tail = time_check(root, args.repeat)
        label = f"{args.documents} documents x 8 locales: handouts check"
        print(f"{label:48} {seconds:8.2f} s    cpu {cpu:.2f} s  exit {code}  load {os.getloadavg()[0]:.1f}  (target <= {TARGET:g} s)")
        ok &= code == 0 and seconds <= TARGET
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
