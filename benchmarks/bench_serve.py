"""handouts serve: time from saving a text edit to the open page showing it (chromium via Playwright), median of N edits.

Runs a preview of a copy of the sample (in this process, --jobs 1 like `handouts serve`),
opens the web edition of the source locale, then N times: change a section heading, save,
and wait until the page (reloaded by the server, never by hand) shows the new heading.
Also reports when the whole rebuild (leaflets and decks after the web edition) was done.

    .venv/bin/python benchmarks/bench_serve.py                       # every locale of the sample, web + its formats
    .venv/bin/python benchmarks/bench_serve.py --locale en-GB --format html,pdf
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from handouts.build import BuildOptions  # noqa: E402
from handouts.serve import Preview  # noqa: E402

DOC = "isotretinoin-40mg"
HEADING = "Important warning about pregnancy"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def sample(dest: Path, locales: list[str] | None) -> tuple[Path, str]:
    """A copy of the sample project (optionally in fewer locales); (root, its source locale)."""
    root = dest / "project"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    config = yaml.safe_load((REPO / "handouts.yml").read_text(encoding="utf-8"))
    if locales:
        config["locales"] = locales
    (root / "handouts.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root, config["source_locale"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--locale", default=None, help="comma-separated locales (default: the sample's)")
    parser.add_argument("--format", default=None, help="comma-separated formats (default: what handouts serve builds)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root, source_locale = sample(Path(tmp), args.locale.split(",") if args.locale else None)
        document = root / "content" / DOC / "document.yml"
        preview = Preview(root, BuildOptions(jobs=args.jobs, draft=True), formats=args.format.split(",") if args.format else None, log=lambda line: None)
        url = preview.bind("127.0.0.1", 0).removesuffix("/_handouts/")
        preview.start()
        preview.serve_in_thread()
        started = time.perf_counter()
        preview.rebuilder.idle.wait()
        print(f"first build: {time.perf_counter() - started:.1f} s ({preview.state.snapshot.note})")
        shown, whole = [], []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"{url}/{DOC}/{source_locale}/index.html")
                previous = HEADING
                for n in range(1, args.edits + 1):
                    heading = f"{HEADING} (edit {n})"
                    text = document.read_text(encoding="utf-8").replace(f"heading: {previous}", f"heading: {heading}")
                    saved = time.perf_counter()
                    document.write_text(text, encoding="utf-8")
                    page.wait_for_function("text => document.querySelector('main').innerText.includes(text)", arg=heading, timeout=120_000, polling=10)
                    shown.append(time.perf_counter() - saved)
                    time.sleep(0.3)  # the watcher has seen the save: idle now means the whole rebuild ended
                    preview.rebuilder.idle.wait()
                    whole.append(time.perf_counter() - saved)
                    print(f"edit {n}: page shows it after {shown[-1]:.2f} s, whole rebuild {whole[-1]:.2f} s", flush=True)
                    previous = heading
                browser.close()
        finally:
            preview.close()
    print(f"median of {args.edits} text edits: saved -> reloaded page {statistics.median(shown):.2f} s (goal <= 1.5 s); "
          f"saved -> every format rebuilt {statistics.median(whole):.2f} s; formats {args.format or 'serve default'}, locales {args.locale or 'all of the sample'}, jobs {args.jobs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
