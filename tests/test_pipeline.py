"""The build pipeline: serial = process pool = Dask bytes, the content-hash cache, concurrent builds, bad options."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import copy_project
from test_content import run

from handouts.build import BuildOptions, build
from handouts.errors import HandoutsError
from handouts.output import file_sha256


def multi(tmp: Path, n: int) -> Path:
    """The minimal project with n documents doc-1..doc-n (copies of 'minimal', each its own id and title)."""
    root = copy_project("minimal", tmp)
    source = root / "content" / "minimal"
    for i in range(1, n + 1):
        folder = root / "content" / f"doc-{i}"
        shutil.copytree(source, folder)
        edit(folder, lambda d, i=i: d["meta"].update(id=f"doc-{i}", title=f"Leaflet number {i}"))
    shutil.rmtree(source)
    return root


def edit(folder: Path, change: Callable[[dict], None]) -> None:
    """Change a document.yml in place."""
    path = folder / "document.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def truthful(out: Path) -> dict[str, str]:
    """Every manifest entry matches its file's sha256; returns path -> sha256."""
    entries = json.loads((out / "manifest.json").read_text())["artifacts"]
    for entry in entries:
        assert file_sha256(out / entry["path"]) == entry["sha256"], entry["path"]
    return {e["path"]: e["sha256"] for e in entries}


def leftovers(out: Path) -> list[str]:
    """Temporary files, staging folders or a journal in an output folder."""
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".handouts"))


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents, built once serially without the cache (the reference bytes)."""
    root = multi(tmp_path_factory.mktemp("three"), 3)
    build(root, BuildOptions(out=root / "serial", jobs=1, use_cache=False, check=False))
    return root


def test_process_pool_gives_the_same_bytes_as_serial(three: Path) -> None:
    report = build(three, BuildOptions(out=three / "pool", jobs=2, use_cache=False, check=False))
    assert report.built == 9 and report.cached == 0
    assert truthful(three / "pool") == truthful(three / "serial")
    assert len([p for p in truthful(three / "serial") if "/assets/" not in p]) == 10  # 3 documents x (leaflet, deck, web page), the library


def test_dask_cluster_gives_the_same_bytes_as_serial(three: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code, text = run(three, "build", "--executor", "dask", "--scheduler", cluster.scheduler_address, "--no-cache", "--no-check", "--out", str(three / "dask"))
    assert code == 0, text
    assert "built 9, cached 0, failed 0" in text
    assert truthful(three / "dask") == truthful(three / "serial")


def test_unreachable_scheduler_is_a_clear_error_within_10_s_and_writes_nothing(three: Path) -> None:
    build(three, BuildOptions(out=three / "warm", jobs=1, check=False, formats=["pptx"]))  # cached decks must not be written either
    start = time.monotonic()
    code, text = run(three, "build", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9", "--no-check", "--out", str(three / "nowhere"))
    assert time.monotonic() - start < 10
    assert code == 1 and "Traceback" not in text
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in text and "nothing was written" in text, text
    assert not (three / "nowhere").exists()


def test_no_op_rebuild_renders_nothing_and_one_changed_document_only_its_artifacts(tmp_path: Path) -> None:
    root = multi(tmp_path, 3)
    first = build(root, BuildOptions(jobs=1, check=False))
    assert (first.built, first.cached) == (9, 0)
    before = truthful(root / "output")
    again = build(root, BuildOptions(jobs=1, check=False))
    assert (again.built, again.cached, again.written) == (0, 9, 0)
    assert truthful(root / "output") == before
    edit(root / "content" / "doc-2", lambda d: d["sections"][0]["body"].append({"text": "A new paragraph about hotel."}))
    changed = build(root, BuildOptions(jobs=1, check=False))
    assert (changed.built, changed.cached) == (3, 6)
    after = truthful(root / "output")
    assert {p for p in after if after[p] != before[p]} == {"doc-2/en/doc-2.en.pdf", "doc-2/en/doc-2.en.pptx", "doc-2/en/index.html"}


def test_a_changed_template_re_renders_every_artifact_that_uses_it(tmp_path: Path) -> None:
    from handouts.theme import BUILTIN

    root = multi(tmp_path, 2)
    (root / "theme" / "leaflet").mkdir(parents=True)
    (root / "handouts.yml").write_text((root / "handouts.yml").read_text() + "templates_dir: theme\n")
    build(root, BuildOptions(jobs=1, check=False))
    before = truthful(root / "output")
    css = (BUILTIN / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    (root / "theme" / "leaflet" / "leaflet.css").write_text(css + "\nh1 { letter-spacing: 2pt; }\n", encoding="utf-8")
    report = build(root, BuildOptions(jobs=1, check=False))
    assert (report.built, report.cached) == (2, 4)  # both leaflets; the decks and web pages do not read leaflet.css
    after = truthful(root / "output")
    assert sorted(p for p in after if after[p] != before[p]) == ["doc-1/en/doc-1.en.pdf", "doc-2/en/doc-2.en.pdf"]


def test_corrupted_cache_entry_is_detected_and_rebuilt(tmp_path: Path) -> None:
    root = multi(tmp_path, 1)
    build(root, BuildOptions(jobs=1, check=False, formats=["pptx"]))
    (entry,) = [p for p in (root / ".handouts-cache").rglob("*") if p.is_file() and b"ppt/slides/" in p.read_bytes()]  # the deck's (the other is the loaded document)
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0xFF  # one flipped byte inside the deck
    entry.write_bytes(bytes(data))
    (root / "output" / "doc-1" / "en" / "doc-1.en.pptx").unlink()
    report = build(root, BuildOptions(jobs=1, check=False, formats=["pptx"]))
    assert (report.built, report.cached) == (1, 0)
    truthful(root / "output")
    from pptx import Presentation

    assert Presentation(str(root / "output" / "doc-1" / "en" / "doc-1.en.pptx")).slides[0].shapes.title.text == "Leaflet number 1"


def test_unwritable_cache_folder_warns_and_builds_without_it(tmp_path: Path) -> None:
    root = multi(tmp_path, 1)
    blocker = root / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    code, text = run(root, "build", "--format", "pptx", "--no-check", "--cache", str(blocker / "cache"))
    assert code == 0, text
    assert f"warning: {blocker / 'cache'}: the cache folder cannot be written" in text and "building without the cache" in text, text
    assert "built 1, cached 0, failed 0" in text
    truthful(root / "output")


def test_no_cache_renders_everything_and_clean_removes_the_cache(tmp_path: Path) -> None:
    root = multi(tmp_path, 1)
    assert run(root, "build", "--format", "pptx", "--no-check")[0] == 0
    code, text = run(root, "build", "--format", "pptx", "--no-check", "--no-cache")
    assert code == 0 and "built 1, cached 0" in text, text
    code, text = run(root, "clean")
    assert code == 0 and "removed the cache" in text, text
    assert not (root / ".handouts-cache").exists()
    assert (root / "output" / "doc-1" / "en" / "doc-1.en.pptx").is_file()  # built files are kept


@pytest.mark.parametrize("value", ["0", "-2", "many", "1.5"])
def test_bad_jobs_is_a_usage_error(tmp_path: Path, value: str) -> None:
    root = multi(tmp_path, 1)
    proc = subprocess.run([sys.executable, "-m", "handouts", "build", "--jobs", value, "--project", str(root)], capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "--jobs" in proc.stderr and ("at least 1" in proc.stderr or "not a number of worker processes" in proc.stderr), proc.stderr
    assert not (root / "output").exists()


def test_two_builds_into_one_folder_at_once_keep_every_entry(tmp_path: Path) -> None:
    root = multi(tmp_path, 4)
    out = root / "shared"
    halves = [[str(root / "content" / f"doc-{i}") for i in ids] for ids in ((1, 2), (3, 4))]
    procs = [subprocess.Popen([sys.executable, "-m", "handouts", "build", *docs, "--no-check", "--jobs", "1", "--format", "pptx",
                               "--out", str(out), "--project", str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for docs in halves]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert sorted(truthful(out)) == [f"doc-{i}/en/doc-{i}.en.pptx" for i in range(1, 5)]
    assert leftovers(out) == []


def test_a_failing_document_does_not_stop_the_others_and_the_message_says_what_was_written(tmp_path: Path) -> None:
    root = multi(tmp_path, 2)
    edit(root / "content" / "doc-2", lambda d: d["sections"][0].update(heading="Long " * 150))  # too long for a slide title
    code, text = run(root, "build", "--format", "pptx", "--no-check", "--jobs", "1")
    assert code == 1 and "Traceback" not in text
    assert "too long for a slide title" in text and "nothing was written" not in text, text
    assert "1 artifact(s) of the documents that built whole were written" in text, text
    assert sorted(truthful(root / "output")) == ["doc-1/en/doc-1.en.pptx"]
    code, text = run(root, "build", "--format", "pptx", "--no-check", "--jobs", "1", "--fail-fast", "--no-cache")
    assert code == 1 and "too long for a slide title" in text


def test_not_a_terminal_one_line_per_artifact_then_a_summary_and_quiet_only_the_summary(tmp_path: Path) -> None:
    root = multi(tmp_path, 2)
    code, text = run(root, "build", "--format", "pptx", "--no-check", "--jobs", "1")
    assert code == 0, text
    lines = text.splitlines()
    assert sorted(line.split(" (")[0] for line in lines if line.startswith("wrote ")) == [
        f"wrote {root / 'output' / f'doc-{i}' / 'en' / f'doc-{i}.en.pptx'}" for i in (1, 2)], text
    assert [line for line in lines if line.startswith("built ")] == [lines[0]] and lines[0].startswith("built 2, cached 0, failed 0 artifact(s) in "), text
    code, text = run(root, "build", "--format", "pptx", "--no-check", "--jobs", "1", "--quiet")
    assert code == 0 and len(text.strip().splitlines()) == 1, text  # stderr (the summary) comes first in run()'s text
    assert text.strip().startswith("built 0, cached 2, failed 0 artifact(s) in "), text


def test_checks_served_from_the_cache_are_the_checks_a_fresh_run_gives(tmp_path: Path) -> None:
    from handouts.build import load_project, run_checks

    root = multi(tmp_path, 2)

    def fresh(today: str) -> list:
        import datetime as dt

        return run_checks(load_project(root), ["en"], dt.date.fromisoformat(today))

    import datetime as dt

    day = dt.date(2026, 6, 1)
    first = build(root, BuildOptions(jobs=1, formats=["pptx"], today=day)).findings
    again = build(root, BuildOptions(jobs=1, formats=["pptx"], today=day)).findings
    assert first == again == fresh("2026-06-01")
    long = "This sentence " + " ".join(["keeps going"] * 20) + " and then it ends."
    edit(root / "content" / "doc-2", lambda d: d["sections"][0]["body"].append({"text": long}))
    changed = build(root, BuildOptions(jobs=1, formats=["pptx"], today=day)).findings
    assert changed == fresh("2026-06-01") and changed != again  # doc-2 was checked again
    with pytest.raises(HandoutsError, match="out of review|review date"):  # another day: checked again, now past review
        build(root, BuildOptions(jobs=1, formats=["pptx"], today=dt.date(2028, 6, 1)))
