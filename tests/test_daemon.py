"""The build server (`handouts daemon`): commands run in its warm copies give the same bytes, exit codes and messages; it refuses what it must not serve."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO

HANDOUTS = [sys.executable, "-m", "handouts"]


def environment(run: Path, cache: Path, daemon: bool = True) -> dict[str, str]:
    """The environment of a user whose private runtime folder is `run` (the server's socket is there) and whose own fonts are under `cache`."""
    env = {k: v for k, v in os.environ.items() if k != "HANDOUTS_DAEMON"}
    env.update(XDG_RUNTIME_DIR=str(run), XDG_DATA_HOME=str(cache))
    if not daemon:
        env["HANDOUTS_DAEMON"] = "0"
    return env


def short_dir() -> Path:
    """A private folder with a short path: a Unix socket's path holds at most 107 bytes, and pytest's tmp_path can be longer."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="hd-", dir="/tmp"))


def handouts(env: dict[str, str], *args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*HANDOUTS, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


def served(env: dict[str, str]) -> int:
    """How many commands the running server has run (from `handouts daemon status`)."""
    status = handouts(env, "daemon", "status")
    assert status.returncode == 0, status.stdout + status.stderr
    return int(re.search(r"(\d+) command\(s\) served", status.stdout).group(1))  # type: ignore[union-attr]


def sample_copy(dest: Path, copies: int = 1) -> Path:
    """The sample project (its document repeated `copies` times under new ids)."""
    dest.mkdir(parents=True)
    shutil.copy(REPO / "handouts.yml", dest / "handouts.yml")
    for n in range(copies):
        name = f"isotretinoin-40mg{'-' + str(n) if n else ''}"
        shutil.copytree(REPO / "content" / "isotretinoin-40mg", dest / "content" / name)
        document = dest / "content" / name / "document.yml"
        document.write_text(re.sub(r"(?m)^(  id: )isotretinoin-40mg$", rf"\g<1>{name}", document.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", dest / "templates")
    return dest


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def manifest_agrees(out: Path) -> None:
    """Every manifest entry names a file whose sha256 it records."""
    manifest = out / "manifest.json"
    if not manifest.exists():
        return
    for entry in json.loads(manifest.read_text(encoding="utf-8"))["artifacts"]:
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A build server started the way a user starts it, in a private runtime folder, one per test; stopped at the end."""
    base = tmp_path_factory.mktemp("daemon")
    run = short_dir()
    env = environment(run, base / "cache")
    started = handouts(env, "daemon", "start", "--idle", "10")
    assert started.returncode == 0, started.stdout + started.stderr
    assert "build server started" in started.stdout
    yield env
    # -- known bug (DEVELOPERS.md): the server can stop answering some time after a build; so the stop is not asserted here --
    handouts(env, "daemon", "stop")


def test_a_build_in_the_server_gives_the_same_bytes_as_a_build_in_its_own_process(server: dict[str, str], tmp_path: Path) -> None:
    project = sample_copy(tmp_path / "p")
    before = served(server)
    args = ("build", "--locale", "en-GB,ar", "--no-cache", "--jobs", "2", "--today", "2026-06-01")
    warm = handouts(server, *args, "--out", str(tmp_path / "warm"), cwd=project)
    assert warm.returncode == 0, warm.stderr
    assert "build server stopped" not in warm.stderr, warm.stderr  # -- the server's reason, when it thought itself out of date --
    assert served(server) == before + 1  # -- it really ran in the server --
    cold = handouts({**server, "HANDOUTS_DAEMON": "0"}, *args, "--out", str(tmp_path / "cold"), cwd=project)
    assert cold.returncode == 0, cold.stderr
    assert served(server) == before + 1  # -- HANDOUTS_DAEMON=0 ran here --
    warm_files, cold_files = files(tmp_path / "warm"), files(tmp_path / "cold")
    assert {p for p in warm_files if p.endswith((".pdf", ".pptx", ".html"))} >= {
        "isotretinoin-40mg/en-GB/isotretinoin-40mg.en-GB.pdf", "isotretinoin-40mg/ar/isotretinoin-40mg.ar.pptx", "isotretinoin-40mg/ar/index.html"}
    assert warm_files == cold_files
    # -- what the user sees is the same, on the caller's own streams (with --jobs 2 a line comes as its artifact finishes) --
    assert sorted(warm.stdout.replace("/warm/", "/cold/").splitlines()) == sorted(cold.stdout.splitlines())
    assert warm.stdout.count("\n") == cold.stdout.count("\n") > 0
    assert re.sub(r"in \d+\.\d s", "", warm.stderr) == re.sub(r"in \d+\.\d s", "", cold.stderr)


def test_a_problem_in_the_server_is_reported_where_as_in_its_own_process(server: dict[str, str], tmp_path: Path) -> None:
    project = sample_copy(tmp_path / "p")
    document = project / "content" / "isotretinoin-40mg" / "document.yml"
    document.write_text(document.read_text(encoding="utf-8") + "\nsections: [unclosed\n", encoding="utf-8")
    before = served(server)
    result = handouts(server, "build", "--out", str(tmp_path / "out"), cwd=project)
    assert served(server) == before + 1
    assert result.returncode == 1
    assert re.search(r"content/isotretinoin-40mg/document\.yml:\d+", result.stderr), result.stderr
    assert "Traceback" not in result.stderr and "nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()
    usage = handouts(server, "build", "--jobs", "0", cwd=project)
    assert usage.returncode == 2 and "--jobs must be at least 1" in usage.stderr
    check = handouts(server, "check", cwd=sample_copy(tmp_path / "q"))
    assert check.returncode == 0 and served(server) == before + 3
    assert "warning" in check.stderr  # -- the sample's known warnings, printed on the caller's stream --


def test_ctrl_c_reaches_the_command_in_the_server_and_leaves_the_output_whole(server: dict[str, str], tmp_path: Path) -> None:
    project = sample_copy(tmp_path / "p", copies=3)
    out = tmp_path / "out"
    before = served(server)
    proc = subprocess.Popen([*HANDOUTS, "build", "--no-check", "--no-cache", "--jobs", "2", "--out", str(out)], env=server, cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / "manifest.json").exists() and time.monotonic() < deadline:  # -- the first document is written: mid-build --
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert served(server) == before + 1
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    manifest_agrees(out)
    assert not [p for p in out.rglob("*") if ".staging" in p.name or p.name.endswith(".tmp")]
    written = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    assert 0 < len({a["document"] for a in written if a["document"]}) < 3  # -- it stopped between documents --


def test_a_server_out_of_date_stops_and_the_command_runs_in_its_own_process(tmp_path: Path) -> None:
    run, cache = short_dir(), tmp_path / "cache"
    (cache / "fonts").mkdir(parents=True)
    env = environment(run, cache)
    assert handouts(env, "daemon", "start", "--idle", "5").returncode == 0
    assert served(env) == 0
    stamp = time.time() + 5
    os.utime(cache / "fonts", (stamp, stamp))  # -- a font was added to the user's fonts --
    result = handouts(env, "build", "--locale", "en-GB", "--format", "pptx", "--no-check", "--out", str(tmp_path / "out"),
                      cwd=sample_copy(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    assert "the build server stopped" in result.stderr and "fonts changed" in result.stderr
    assert (tmp_path / "out" / "isotretinoin-40mg" / "en-GB" / "isotretinoin-40mg.en-GB.pptx").is_file()
    assert handouts(env, "daemon", "status").returncode == 3


def test_daemon_status_says_when_the_server_is_out_of_date_and_stops_it(tmp_path: Path) -> None:
    run, cache = short_dir(), tmp_path / "cache"
    (cache / "fonts").mkdir(parents=True)
    env = environment(run, cache)
    assert handouts(env, "daemon", "start", "--idle", "30").returncode == 0
    (cache / "fonts" / "extra").mkdir()  # -- a font folder added: the server's font setup is out of date --
    status = handouts(env, "daemon", "status")
    assert status.returncode == 3
    assert "out of date" in status.stdout and "fonts changed since it started" in status.stdout
    assert "no build server is running" in handouts(env, "daemon", "status").stdout


def test_fontconfigs_cache_rewritten_by_a_build_does_not_stop_the_server(tmp_path: Path) -> None:
    cache_dir = Path("/var/cache/fontconfig")
    if not os.access(cache_dir, os.W_OK):
        pytest.skip("only root's builds rewrite fontconfig's system cache")  # -- CI runs as root, where the bug was --
    run = short_dir()
    env = environment(run, tmp_path / "cache")
    assert handouts(env, "daemon", "start", "--idle", "30").returncode == 0
    try:
        before = os.stat(cache_dir)
        stamp = time.time() + 5
        os.utime(cache_dir, (stamp, stamp))  # -- what fontconfig does when a build scans a project's font folder as root --
        try:
            checked = handouts(env, "check", cwd=sample_copy(tmp_path / "p"))
            assert "the build server stopped" not in checked.stderr
            assert served(env) == 1
        finally:
            os.utime(cache_dir, ns=(before.st_atime_ns, before.st_mtime_ns))
    finally:
        handouts(env, "daemon", "stop")


def test_a_dead_servers_socket_is_ignored(tmp_path: Path) -> None:
    run = short_dir()
    env = environment(run, tmp_path / "cache")
    key = subprocess.run([sys.executable, "-c", "from handouts.daemon import key; print(key())"], capture_output=True, text=True, check=True).stdout.strip()
    (run / "handouts").mkdir(mode=0o700)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(run / "handouts" / f"build-{key}.sock"))
    dead.close()  # -- the file stays, nobody listens --
    result = handouts(env, "build", "--locale", "en-GB", "--format", "pptx", "--no-check", "--out", str(tmp_path / "out"), cwd=sample_copy(tmp_path / "p"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "manifest.json").is_file()
    assert handouts(env, "daemon", "status").returncode == 3


def test_a_runtime_folder_others_can_write_is_never_used(tmp_path: Path) -> None:
    run = tmp_path / "run"
    (run / "handouts").mkdir(parents=True)
    os.chmod(run / "handouts", 0o777)
    env = environment(run, tmp_path / "cache")
    started = handouts(env, "daemon", "start")
    assert started.returncode == 1
    assert "no private folder" in started.stderr and "XDG_RUNTIME_DIR" in started.stderr
    assert not list((run / "handouts").iterdir())
