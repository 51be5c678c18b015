"""Faults while writing: kill -9 anywhere, an OS error in the commit, a worker process that dies; the manifest never lies."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_content import run
from test_pipeline import edit, leftovers, multi, truthful

from handouts.output import Artifact, sha256
from handouts.pipeline import write
from handouts.pipeline.write import OutputFolder, Piece


def pieces(doc: str, version: str) -> list[Piece]:
    """Two artifacts of one document whose bytes say which version they are."""
    out = []
    for fmt in ("pdf", "pptx"):
        data = f"{doc}|{version}|".encode() * 50
        out.append(Piece(Artifact(doc, "en", fmt, "standard", f"{doc}/en/{doc}.en.{fmt}", sha256(data), 1, version), data))
    return out


def versions(out: Path) -> dict[str, set[str]]:
    """document -> the versions its files on disk hold (one version each when documents change whole)."""
    found: dict[str, set[str]] = {}
    for path in (p for p in out.rglob("*.en.*") if p.is_file()):
        doc, version = path.read_text().split("|")[:2]
        found.setdefault(doc, set()).add(version)
    return found


CALLS = ("replace", "link", "unlink", "fsync", "rmdir")


def commit_in_child(out: Path, version: str, die_at: int | None) -> int:
    """Commit three documents in a forked child that dies (like kill -9) just before its die_at-th file-system call; returns the calls made."""
    counter = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: count calls, die at the chosen one
        calls = [0]
        for name in CALLS:
            real = getattr(os, name)

            def wrapped(*args: object, _real=real, **kwargs: object) -> object:
                calls[0] += 1
                if die_at is not None and calls[0] == die_at:
                    os._exit(9)
                return _real(*args, **kwargs)

            setattr(os, name, wrapped)
        folder = OutputFolder(out)
        folder.commit([pieces(d, version) for d in ("a", "b", "c")])
        folder.close()
        os.write(counter[1], str(calls[0]).encode())
        os._exit(0)
    os.close(counter[1])
    _, status = os.waitpid(pid, 0)
    made = os.read(counter[0], 32).decode()
    os.close(counter[0])
    return int(made) if made else -os.waitstatus_to_exitcode(status)


def test_kill_at_every_file_system_step_of_a_commit_never_leaves_a_lying_manifest(tmp_path: Path) -> None:
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    commit_in_child(out, "v0", None)
    commit_in_child(scratch, "v0", None)
    steps = commit_in_child(scratch, "v1", None)  # file-system calls of a commit that replaces every file
    assert steps > 20, steps
    for k in range(1, steps + 1):
        assert commit_in_child(out, f"v{k}", k) == -9  # killed just before its k-th call
        truthful(out)  # right after the kill, before any recovery
        write.recover(out)  # what the next build (or handouts clean) does first
        truthful(out)
        assert all(len(held) == 1 for held in versions(out).values()), (k, versions(out))  # each document whole: old or new
        assert sorted(versions(out)) == ["a", "b", "c"] and leftovers(out) == [], k


def test_kill_at_every_step_of_a_commit_that_meets_an_os_error(tmp_path: Path) -> None:
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    for folder in (out, scratch):
        commit_in_child(folder, "v0", None)
        (folder / "b" / "en" / "b.en.pptx").unlink()
        (folder / "b" / "en" / "b.en.pptx").mkdir()  # a folder where b's deck goes: b fails, a and c land
        write.write_manifest(folder, {p: e for p, e in write.read_manifest(folder).items() if p != "b/en/b.en.pptx"})
    steps = commit_in_child(scratch, "v1", None)
    assert versions(scratch) == {"a": {"v1"}, "b": {"v0"}, "c": {"v1"}}
    for k in range(1, steps + 1):
        commit_in_child(out, f"v{k}", k)
        truthful(out)
        write.recover(out)
        truthful(out)
        assert all(len(held) == 1 for held in versions(out).values()) and versions(out)["b"] == {"v0"}, (k, versions(out))
        assert "b/en/b.en.pdf" in truthful(out) and leftovers(out) == [], k


def test_kill_9_at_random_points_of_real_builds(tmp_path: Path) -> None:
    root = multi(tmp_path, 3)
    out = root / "output"
    cmd = [sys.executable, "-m", "handouts", "build", "--no-check", "--jobs", "1", "--format", "pptx", "--project", str(root)]
    rng = random.Random(1)
    kills = round_ = 0
    while kills < 20 and round_ < 60:  # a build that ends before its kill does not count
        round_ += 1
        for i in (1, 2, 3):  # every round changes every document, so every commit replaces files
            edit(root / "content" / f"doc-{i}", lambda d, r=round_: d["sections"][0]["body"].__setitem__(0, {"text": f"Round {r} paragraph."}))
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_ % 2:  # half the kills land while the build is writing (its staging folder exists)
            deadline = time.monotonic() + 60
            while proc.poll() is None and not (out / write.STAGING).exists() and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.05))
        else:
            time.sleep(rng.uniform(0.3, 1.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if (out / "manifest.json").exists():
            truthful(out)
    assert kills >= 20
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert len(truthful(out)) == 3
    assert leftovers(out) == []


def test_an_os_error_in_the_commit_keeps_that_document_whole_and_says_what_was_written(tmp_path: Path) -> None:
    root = multi(tmp_path, 3)
    out = root / "output"
    (out / "doc-2" / "en" / "doc-2.en.pptx").mkdir(parents=True)  # a folder where an artifact goes
    code, text = run(root, "build", "--no-check", "--jobs", "1", "--format", "pdf,pptx")
    assert code == 1 and "Traceback" not in text
    assert f"{out / 'doc-2' / 'en' / 'doc-2.en.pptx'}: cannot write this file: " in text, text
    assert "nothing was written" not in text and "4 artifact(s)" in text, text
    assert sorted(truthful(out)) == ["doc-1/en/doc-1.en.pdf", "doc-1/en/doc-1.en.pptx", "doc-3/en/doc-3.en.pdf", "doc-3/en/doc-3.en.pptx"]
    assert not (out / "doc-2" / "en" / "doc-2.en.pdf").exists()  # its leaflet was rolled back with it
    assert leftovers(out) == []


def _descendants(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            children += [child, *_descendants(child)]
    return children


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it has just ended
        return b""


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_worker_that_dies_mid_build_is_replaced_and_its_jobs_run_again(tmp_path: Path) -> None:
    root = multi(tmp_path, 4)
    proc = subprocess.Popen([sys.executable, "-m", "handouts", "build", "--no-check", "--jobs", "2", "--format", "pdf", "--project", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    victim = None
    try:
        deadline = time.monotonic() + 90
        while proc.poll() is None and victim is None and time.monotonic() < deadline:
            forkserver = [p for p in _descendants(proc.pid) if b"forkserver" in _cmdline(p)]
            workers = [w for f in forkserver for w in _descendants(f)]
            busy = [w for w in workers if _cpu(w) > 0.3]
            if busy:
                victim = busy[0]
                os.kill(victim, signal.SIGKILL)
            time.sleep(0.05)
    finally:
        _, err = proc.communicate(timeout=300)
    if victim is None:
        pytest.skip("the build ended before a worker could be killed")
    assert proc.returncode == 0, err
    assert "built 4, cached 0, failed 0" in err, err
    assert len(truthful(root / "output")) == 4


def test_the_next_build_and_clean_remove_what_a_killed_build_left(tmp_path: Path) -> None:
    root = multi(tmp_path, 1)
    assert run(root, "build", "--no-check", "--jobs", "1", "--format", "pptx")[0] == 0
    out = root / "output"
    stray = [out / write.STAGING / "999999-dead" / "0a1b.tmp", out / "doc-1" / "en" / ".doc-1.en.pptx.x1y2.tmp"]
    for path in stray:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")
    code, text = run(root, "build", "--no-check", "--jobs", "1", "--format", "pptx")  # nothing to render or write
    assert code == 0 and "built 0, cached 1" in text, text
    assert leftovers(out) == []
    for path in stray:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")
    code, text = run(root, "clean")
    assert code == 0 and leftovers(out) == [], text
    truthful(out)
