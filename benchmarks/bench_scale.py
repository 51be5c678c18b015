"""Benchmark: builds at scale, as a user runs them: N copies of the sample document x 4 locales (every format handouts.yml lists).

For each N: a full build with --jobs 1 and with --jobs 2 (each from an empty cache of its own,
which it fills: every artifact rendered), then with the --jobs 2 build's cache warm a no-op
rebuild, and a rebuild after one document changed (its review date: all its locales re-render,
nothing else). Wall time, CPU time of the process tree and
its peak resident memory (sampled). On a machine shared with other work the wall times, and so
the measured speedup, depend on the load; the CPU times hardly do, so the table also gives the
speedup an idle 2-core machine would show at worst: the --jobs 1 CPU time over (the main
process's CPU time + the workers' CPU time / 2) of the --jobs 2 build - the main process's work
(loading, checks, localization, writing) counted as if none of it overlapped the rendering
(it mostly does: pipeline.feed). The no-op and one-changed rebuilds are timed again with a build
server running (`handouts daemon start`, started before them; its CPU for the command is counted).
The last column is the load average after the row. Not a test.

Run: .venv/bin/python benchmarks/bench_scale.py [--sizes 1,10,100] [--long (adds 500)] [--no-serial-above N]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "isotretinoin-40mg"


def make_project(root: Path, n: int) -> Path:
    """The sample project with n documents (doc-0001 ...), each the sample with its own id and title."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "handouts.yml", root / "handouts.yml")
    for i in range(1, n + 1):
        doc = f"doc-{i:04d}"
        folder = root / "content" / doc
        shutil.copytree(REPO / "content" / SAMPLE, folder)
        text = (folder / "document.yml").read_text(encoding="utf-8")
        (folder / "document.yml").write_text(text.replace(f"id: {SAMPLE}", f"id: {doc}", 1), encoding="utf-8")
    return root


def touch_one(root: Path) -> None:
    """Change one document in a way no translation depends on: its review date a year earlier."""
    path = root / "content" / "doc-0001" / "document.yml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^(\s*review: )(\d{4})", text, re.M)
    assert match, "the sample has a review date"
    path.write_text(text[: match.start()] + f"{match.group(1)}{int(match.group(2)) - 1}" + text[match.end():], encoding="utf-8")


SUMMARY = [""]  # the last command's "built N, cached M, failed F" line


def counts() -> tuple[int, int]:
    """(built, cached) from the last build's summary line."""
    match = re.match(r"built (\d+), cached (\d+)", SUMMARY[0])
    return (int(match.group(1)), int(match.group(2))) if match else (-1, -1)


class Server:
    """A build server (`handouts daemon start`) in a private runtime folder of its own, for the rows timed with one running."""

    def __init__(self, tmp: Path) -> None:
        run = tmp / "run"
        run.mkdir(mode=0o700, parents=True)
        self.env = {**{k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "HANDOUTS_DAEMON")}, "XDG_RUNTIME_DIR": str(run)}
        subprocess.run([sys.executable, "-m", "handouts", "daemon", "start"], env=self.env, check=True, stdout=subprocess.DEVNULL)
        status = subprocess.run([sys.executable, "-m", "handouts", "daemon", "status"], env=self.env, check=True, capture_output=True, text=True).stdout
        self.process = psutil.Process(int(status.split("pid ")[1].split(",")[0]))

    def cpu(self) -> float:
        """CPU s of the commands the server has run and reaped (its forked copies and their workers)."""
        t = self.process.cpu_times()
        return t.children_user + t.children_system

    def stop(self) -> None:
        subprocess.run([sys.executable, "-m", "handouts", "daemon", "stop"], env=self.env, check=True, stdout=subprocess.DEVNULL)


def measure(cmd: list[str], cwd: Path | None = None, server: Server | None = None) -> tuple[float, float, float, float]:
    """(wall s, CPU s of the process tree, peak RSS MiB of the process tree, CPU s of the command's own process) of one command.

    Without `server` the command runs in its own process (HANDOUTS_DAEMON=0, whatever the user has running); with one, it runs
    in that build server, and the CPU of the server's copy that ran it is counted too (peak RSS is then the client's only).
    """
    served = server.cpu() if server else 0.0
    start = time.perf_counter()
    # -- bytecode as an installed wheel has it --
    env = server.env if server else {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "HANDOUTS_DAEMON": "0"}
    proc = psutil.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, cpu, stop = [0], {}, threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                tree = [proc, *proc.children(recursive=True)]
            except psutil.Error:
                break
            rss = 0
            for p in tree:
                try:
                    rss += p.memory_info().rss
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system  # own time only: a parent's children_* would count its workers twice
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], rss)
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before = psutil.Process().cpu_times()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    after = psutil.Process().cpu_times()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err.decode()}")
    SUMMARY[0] = next((line for line in err.decode().splitlines() if line.startswith("built ")), "")
    # -- the command's own CPU is exact (it is our child); its workers' (children of the forkserver, which
    #    we never wait for) comes from the sampler --
    children = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    workers = sum(v for pid, v in cpu.items() if pid != proc.pid)
    if server:  # -- the server reaps its copy just before the client hears the exit code --
        time.sleep(0.05)
        workers += server.cpu() - served
    return wall, children + workers, peak[0] / 2**20, cpu.get(proc.pid, children)


def run(n: int, tmp: Path, serial: bool) -> dict[str, float]:
    """All measurements for one N."""
    root = make_project(tmp / f"n{n}", n)
    base = [sys.executable, "-m", "handouts", "build", "--quiet", "--project", str(root)]
    row: dict[str, float] = {"n": n}
    # -- each full build starts from an empty cache of its own and fills it, as a first build does --
    if serial:
        row["wall1"], row["cpu1"], row["rss1"], _ = measure([*base, "--jobs", "1", "--cache", str(tmp / f"c1-{n}"), "--out", str(tmp / f"s{n}")])
    cache = ["--cache", str(tmp / f"c2-{n}")]
    row["wall2"], row["cpu2"], row["rss2"], row["main2"] = measure([*base, "--jobs", "2", *cache])
    row["artifacts"] = sum(counts())
    row["noop"], row["noop_cpu"], *_ = measure([*base, "--jobs", "2", *cache])
    row["noop_built"] = counts()[0]
    touch_one(root)
    row["one"], row["one_cpu"], *_ = measure([*base, "--jobs", "2", *cache])
    row["one_built"] = counts()[0]
    # -- the same rebuilds with a build server running (`handouts daemon start`, started before): warm imports and workers --
    server = Server(tmp / f"server-{n}")
    try:
        row["noop_served"], row["noop_served_cpu"], *_ = measure([*base, "--jobs", "2", *cache], server=server)
        touch_one(root)
        row["one_served"], row["one_served_cpu"], *_ = measure([*base, "--jobs", "2", *cache], server=server)
        row["one_served_built"] = counts()[0]
    finally:
        server.stop()
    row["load"] = psutil.getloadavg()[0]
    shutil.rmtree(root, ignore_errors=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--long", action="store_true", help="also N = 500")
    parser.add_argument("--no-serial-above", type=int, default=100, help="skip the --jobs 1 build above this N")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([500] if args.long else [])
    print(f"cores: {psutil.cpu_count()}; load average at start: {psutil.getloadavg()[0]:.1f}", flush=True)
    print("| N docs | artifacts | --jobs 1 wall / CPU | --jobs 2 wall / CPU (main process) | speedup measured / idle estimate | no-op rebuild wall / CPU | one changed wall / CPU | the same two, build server running | peak RSS (jobs 1 / 2) | load |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="handouts-scale-") as name:
        for n in sizes:
            r = run(n, Path(name), serial=n <= args.no_serial_above)
            serial = f"{r['wall1']:.1f} s / {r['cpu1']:.1f} s" if "wall1" in r else "-"
            idle = r["main2"] + (r["cpu2"] - r["main2"]) / 2
            speedup = f"{r['wall1'] / r['wall2']:.2f}x / {r['cpu1'] / idle:.2f}x" if "wall1" in r else "-"
            rss1 = f"{r['rss1']:.0f}" if "rss1" in r else "-"
            print(f"| {n} | {int(r['artifacts'])} | {serial} | {r['wall2']:.1f} s / {r['cpu2']:.1f} s ({r['main2']:.1f} s) | {speedup} | "
                  f"{r['noop']:.1f} s / {r['noop_cpu']:.1f} s ({r['noop_cpu'] / r['cpu2']:.1%} of CPU, {r['noop_built']:.0f} built) | "
                  f"{r['one']:.1f} s / {r['one_cpu']:.1f} s ({r['one_cpu'] / r['cpu2']:.1%} of CPU, {r['one_built']:.0f} built) | "
                  f"{r['noop_served']:.1f} s / {r['one_served']:.1f} s ({r['one_served'] / r['wall2']:.1%} of wall, {r['one_served_cpu'] / r['cpu2']:.1%} of CPU, "
                  f"{r['one_served_built']:.0f} built) | {rss1} / {r['rss2']:.0f} MiB | {r['load']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
