"""Execute: Jobs with RenderJobs -> Outcomes as each finishes, in this process, a process pool, or on a Dask cluster.

Workers import the renderers (WeasyPrint, python-pptx) once, in the pool's initializer, and
then render many jobs with the same font configuration and stylesheet caches. Only a bounded
window of jobs is in flight, so results never pile up in memory. A worker that dies (killed,
out of memory) is replaced and its unfinished jobs are run again; a job that was running each
of the MAX_RESTARTS times its pool broke fails with a clear problem instead of looping.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from ..errors import HandoutsError, Problem
from .plan import Job

MAX_RESTARTS = 2
CONNECT_TIMEOUT = 3  # seconds to reach a Dask scheduler before giving up (the whole command must fail within 10 s)


@dataclass
class Outcome:
    """What rendering one job gave: bytes, pages and files beside it, or the problems that stopped it."""

    id: str
    data: bytes = b""
    pages: int = 0
    files: tuple[tuple[str, bytes], ...] = ()
    problems: list[Problem] = field(default_factory=list)
    error: str = ""  # the HandoutsError subclass name, so the client raises the same kind


def render(job: Job) -> Outcome:
    """Render one job (in whatever process runs it); a user problem becomes an Outcome, a bug keeps its traceback."""
    from ..render import renderer

    render_job = job.render
    assert render_job is not None
    try:
        result = renderer(job.format)(render_job)
    except HandoutsError as exc:
        return Outcome(job.id, problems=exc.problems, error=type(exc).__name__)
    return Outcome(job.id, result.data, result.pages, result.files)


def warm() -> None:
    """Worker initializer: import the renderers and set up WeasyPrint's font configuration once per process."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the client's to handle: it stops the pool
    from ..render import deck, web  # noqa: F401 -- imported for their side effect: python-pptx and Jinja2 loaded once
    from ..render.leaflet.pdf import font_config

    font_config()


def serial(jobs: list[Job]) -> Iterator[Outcome]:
    """Render in this process, one after another."""
    for job in jobs:
        yield render(job)


def _context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["handouts.pipeline.execute", "handouts.render.leaflet.pdf", "handouts.render.deck"])
    return context


def prestart() -> None:
    """Start the fork server now: it imports WeasyPrint and python-pptx on another core while this process loads and checks the project."""
    import sys
    from multiprocessing import forkserver

    _context()
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


def pool(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """Render in `workers` processes (forkserver: clean children of a process that has imported the renderers)."""
    context = _context()
    pending = list(jobs)
    tries: dict[str, int] = {}
    restarts = 0
    while pending:
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm)
        running: dict[Future[Outcome], Job] = {}
        try:
            while pending or running:
                while pending and len(running) < workers * 2:
                    job = pending.pop(0)
                    running[executor.submit(render, job)] = job
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()  # BrokenProcessPool when a worker died: the job stays in running
                    del running[future]
                    yield outcome
        except BrokenProcessPool:
            restarts += 1
            lost = list(running.values())
            for job in lost:
                tries[job.id] = tries.get(job.id, 0) + 1
            if restarts > MAX_RESTARTS:
                for job in lost + pending:
                    yield Outcome(job.id, problems=[Problem(f"a worker process died while rendering {job.path} ({tries.get(job.id, 0)} time(s)): "
                                                            "the machine may be out of memory; try --jobs 1")], error="HandoutsError")
                return
            pending = lost + pending
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


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


def dask(jobs: list[Job], client: Any) -> Iterator[Outcome]:
    """Render on a Dask distributed cluster; the client (this process) keeps writing and caching."""
    from distributed import as_completed

    window = max(2 * sum(client.nthreads().values()), 2)
    pending = list(jobs)
    if not pending:
        return
    first = [client.submit(render, pending.pop(0), pure=False, retries=MAX_RESTARTS) for _ in range(min(window, len(pending)))]
    running = as_completed(first, loop=client.loop)
    for future in running:
        outcome = future.result()
        future.release()
        if pending:
            running.add(client.submit(render, pending.pop(0), pure=False, retries=MAX_RESTARTS))
        yield outcome


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover -- not Linux
        return os.cpu_count() or 1
