"""Execute: Jobs with RenderJobs -> Outcomes as each finishes, in this process, a process pool, or on a Dask cluster.

Workers import the renderers (WeasyPrint, python-pptx) once, in the pool's initializer, and
then render many jobs with the same font configuration and stylesheet caches. Only a bounded
window of jobs is in flight, so results never pile up in memory. A worker that dies (killed,
out of memory, a crash) is replaced and its unfinished jobs are run again; a job that was
running each of the MAX_RESTARTS times its pool broke fails with a clear problem instead of
looping. A worker that cannot start (an import error) fails the build at once. Either way the
message says what happened: the exit code or signal and the last lines the worker wrote to its
standard error (each worker writes it to a file of the pool's).
"""

from __future__ import annotations

import itertools
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import HandoutsError, Problem
from .plan import Job

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

# -- multiprocessing and concurrent.futures are imported only when a pool runs: a build rendered in this process never needs them --

MAX_RESTARTS = 2
START_FAILED = 70  # a worker's exit code when its initializer failed (EX_SOFTWARE): starting again would fail the same way
# -- what a worker imports once per format: WeasyPrint with the leaflet renderer; python-pptx, HarfBuzz and fontTools with
#    the deck's stages (the deck package itself imports them only when a deck is rendered) --
RENDERERS = {
    "pdf": ("handouts.render.leaflet.pdf",),
    "pptx": ("handouts.render.deck.deck", "handouts.render.deck.master", "handouts.render.deck.measure", "handouts.render.deck.fonts",
             "handouts.render.deck.layouts", "handouts.render.deck.write", "handouts.render.deck.package"),
    "html": ("handouts.render.web",),
}
TAIL_LINES = 6  # lines of a dead worker's standard error quoted in the message
CONNECT_TIMEOUT = 3  # seconds to reach a Dask scheduler before giving up (the whole command must fail within 10 s)
# -- how pool workers start: from a fork server that imported the renderers, or (in the build server's warm copy of
#    itself, handouts.daemon) forked from this process, which has imported them already --
START = "forkserver"


@dataclass
class Outcome:
    """What rendering one job gave: bytes, pages and files beside it, or the problems that stopped it."""

    id: str
    data: bytes = b""
    pages: int = 0
    files: tuple[tuple[str, bytes], ...] = ()
    problems: list[Problem] = field(default_factory=list)
    error: str = ""  # the HandoutsError subclass name, so the client raises the same kind
    notices: tuple[Any, ...] = ()  # render.Notice: what the renderer placed by geometry, what to improve


def render(job: Job) -> Outcome:
    """Render one job (in whatever process runs it); a user problem becomes an Outcome, a bug keeps its traceback."""
    from ..render import renderer

    render_job = job.render
    assert render_job is not None
    try:
        result = renderer(job.format)(render_job)
    except HandoutsError as exc:
        return Outcome(job.id, problems=exc.problems, error=type(exc).__name__)
    return Outcome(job.id, result.data, result.pages, result.files, notices=result.notices)


def warm(errors: str = "", formats: tuple[str, ...] = tuple(RENDERERS)) -> None:
    """Worker initializer: stderr to the pool's file for this worker, then import the formats' renderers and set up WeasyPrint's font configuration once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the client's to handle: it stops the pool
    if errors:
        fd = os.open(os.path.join(errors, f"{os.getpid()}.err"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(fd, 2)
        os.close(fd)
    try:
        import importlib

        for name in modules(formats):
            importlib.import_module(name)
        if "pdf" in formats:
            from ..render.leaflet.pdf import font_config

            font_config()
    except BaseException:
        import traceback

        traceback.print_exc()
        os._exit(START_FAILED)  # -- not the pool's "exception in initializer" (exit 0): the parent must know it was the start --


def serial(jobs: Iterable[Job]) -> Iterator[Outcome]:
    """Render in this process, one after another."""
    for job in jobs:
        yield render(job)


def modules(formats: tuple[str, ...] | list[str]) -> list[str]:
    """The renderer modules of these formats (every format's when none is known)."""
    return [name for fmt in (formats or RENDERERS) for name in RENDERERS.get(fmt, ())]


def _context(formats: tuple[str, ...] | list[str] = ()) -> multiprocessing.context.BaseContext:
    import multiprocessing

    if START == "fork":
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["handouts.pipeline.execute", *modules(formats)])  # -- taken only when the server starts --
    return context


def prestart(formats: list[str] | None = None) -> None:
    """Start the fork server now: it imports the renderers of `formats` (default: all) on another core while this process loads and checks the project."""
    import sys
    from multiprocessing import forkserver

    if START == "fork":
        return
    _context(formats or ())
    # -- the server and its workers get /dev/null for output: holding our stdout would keep a pipe reading
    #    this command (`handouts build | tee log`) open until the server had finished importing --
    sys.stdout.flush()
    sys.stderr.flush()
    saved, null = (os.dup(1), os.dup(2)), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        forkserver.ensure_running()
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


def pool(jobs: Iterable[Job], workers: int, formats: tuple[str, ...] = (), idle: Callable[[], bool] | None = None) -> Iterator[Outcome]:
    """Render in `workers` processes (forkserver: clean children of a process that has imported the renderers of `formats`, default all).

    Jobs are taken from `jobs` as room frees up; while every worker is busy, `idle` is called (the caller's own work, one
    step at a time: it returns False when it has none left).
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="handouts-workers-") as errors:
        yield from _pool(iter(jobs), workers, errors, formats or tuple(RENDERERS), idle)


def _pool(source: Iterator[Job], workers: int, errors: str, formats: tuple[str, ...], idle: Callable[[], bool] | None) -> Iterator[Outcome]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = _context(formats)
    pending: list[Job] = []  # jobs to run again after the pool broke
    tries: dict[str, int] = {}
    restarts = 0
    more = True  # the source may give more jobs
    busy = idle is not None  # the caller has work of its own to do while it waits

    def take() -> Job | None:
        nonlocal more
        if pending:
            return pending.pop(0)
        job = next(source, None) if more else None
        more = job is not None
        return job

    while pending or more:
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm, initargs=(errors, formats))
        running: dict[Future[Outcome], Job] = {}
        processes: dict[int, Any] = {}
        broken = False
        try:
            while True:
                while len(running) < workers * 2 and (job := take()) is not None:
                    running[executor.submit(render, job)] = job
                if not running:
                    break
                processes.update(executor._processes or {})  # -- the pool's own table (no public one): exit codes after a break --
                done, _ = wait(running, timeout=0 if busy else None, return_when=FIRST_COMPLETED)
                if not done:
                    busy = bool(idle and idle())
                    continue
                for future in done:
                    outcome = future.result()  # BrokenProcessPool when a worker died: the job stays in running
                    del running[future]
                    yield outcome
        except BrokenProcessPool:
            broken = True
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        if not broken:
            continue
        restarts += 1
        lost = list(running.values())
        for job in lost:
            tries[job.id] = tries.get(job.id, 0) + 1
        deaths = [(p.exitcode, _tail(errors, pid)) for pid, p in processes.items() if p.exitcode not in (None, -signal.SIGTERM)]
        cannot_start = any(code == START_FAILED for code, _ in deaths)
        if cannot_start or restarts > MAX_RESTARTS:
            for job in [*lost, *pending, *source]:
                yield Outcome(job.id, problems=[Problem(died(deaths, job.path, tries.get(job.id, 0)))], error="HandoutsError")
            return
        pending = lost + pending


def _tail(errors: str, pid: int) -> str:
    """The last lines a worker wrote to its standard error ('' when none)."""
    try:
        with open(os.path.join(errors, f"{pid}.err"), encoding="utf-8", errors="replace") as fh:
            lines = [line.rstrip() for line in fh if line.strip()]
    except OSError:
        return ""
    return "\n".join(lines[-TAIL_LINES:])


def died(deaths: list[tuple[int | None, str]], path: str, tries: int) -> str:
    """What happened to the pool's dead workers, said plainly: exit code or signal, and their last error output."""
    if not deaths:  # -- the pool broke with no worker dead (it could not send a job or a result) --
        return f"the worker processes stopped while rendering {path}; try --jobs 1 to see the error"
    code, tail = deaths[0]
    said = f"; its last error output:\n{tail}" if tail else ""
    if code == START_FAILED:
        return f"a worker process could not start (it could not load the renderers), so {path} was not rendered{said}\ncheck the installation (the same versions as requirements.lock), or try --jobs 1"
    times = f" ({tries} time(s))" if tries > 1 else ""
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
        why = ": likely out of memory (the kernel's out-of-memory killer sends SIGKILL); try fewer --jobs" if -code == signal.SIGKILL else "; try --jobs 1"
        return f"a worker process was killed by {name} while rendering {path}{times}{why}{said}"
    return f"a worker process exited with code {code} while rendering {path}{times}; try --jobs 1{said}"


def connect(address: str) -> Any:
    """A Dask client on the scheduler at address; a clear error (within CONNECT_TIMEOUT seconds) when it cannot be reached."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover -- a dependency of handouts
        raise HandoutsError(Problem("the Dask executor needs the 'distributed' package: pip install distributed")) from None
    try:
        return Client(address, timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise HandoutsError(Problem(f"cannot reach the Dask scheduler at {address} ({exc}): start it with `dask scheduler`, "
                                    "or check --scheduler (tcp://HOST:8786)")) from None


def dask(jobs: Iterable[Job], client: Any) -> Iterator[Outcome]:
    """Render on a Dask distributed cluster; the client (this process) keeps writing and caching."""
    from distributed import as_completed

    window = max(2 * sum(client.nthreads().values()), 2)
    source = iter(jobs)
    first = [client.submit(render, job, pure=False, retries=MAX_RESTARTS) for job in itertools.islice(source, window)]
    if not first:
        return
    running = as_completed(first, loop=client.loop)
    for future in running:
        outcome = future.result()
        future.release()
        job = next(source, None)
        if job is not None:
            running.add(client.submit(render, job, pure=False, retries=MAX_RESTARTS))
        yield outcome


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover -- not Linux
        return os.cpu_count() or 1
