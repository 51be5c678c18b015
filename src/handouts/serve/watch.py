"""Project -> the files a build reads (content, templates_dir, handouts.yml, the logo) watched with watchfiles; a change calls back once per burst.

watchfiles (Rust `notify`: inotify on Linux, FSEvents on macOS) is the well-kept watcher the
issue names. Folders are watched recursively, single files through their folder without
recursion, so an editor that saves by writing a new file and renaming it over the old one is
still seen, and the project root (which may hold .venv or output/) is never walked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from ..config import CONFIG_NAME, load_config
from ..errors import HandoutsError

QUIET_MS = 50  # a burst of events ends after this long without one (an editor's save is a few events)
LONGEST_MS = 400  # ... or after this long, so a steady stream of changes still rebuilds


@dataclass(frozen=True)
class WatchSet:
    """What to watch: folders (recursively) and single files."""

    folders: frozenset[Path]
    files: frozenset[Path]
    ignored: frozenset[Path]  # output and cache folders, in case they lie inside a watched folder

    def wants(self, path: Path) -> bool:
        """Whether a change to path is one a build reads."""
        if path in self.files:
            return True
        return any(path.is_relative_to(f) for f in self.folders) and not any(path.is_relative_to(i) for i in self.ignored)


def watch_set(root: Path, out: Path, cache: Path, previous: WatchSet | None = None) -> WatchSet:
    """The watch set of the project as its handouts.yml says now (the previous set while the config is broken)."""
    root = root.resolve()
    files = {root / CONFIG_NAME}
    try:
        config = load_config(root)
    except HandoutsError:
        return previous or WatchSet(frozenset({(root / "content").resolve()}), frozenset(files), frozenset({out, cache}))
    folders = {config.content_path.resolve()}
    if config.user_templates and config.user_templates.is_dir():
        folders.add(config.user_templates.resolve())
    if config.brand.logo:
        from ..theme import Theme

        logo = Theme(config).logo()
        if logo is not None:
            files.add(logo)
    return WatchSet(frozenset(f for f in folders if f.is_dir()), frozenset(files), frozenset({out.resolve(), cache.resolve()}))


class Watcher:
    """Watches a WatchSet in background threads; on_change() is called after each burst of relevant changes."""

    def __init__(self, on_change: Callable[[], None], log: Callable[[str], None]) -> None:
        self.on_change, self.log = on_change, log
        self.current: WatchSet | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def follow(self, wanted: WatchSet) -> None:
        """Watch this set (restarting the threads only when it differs from the current one)."""
        if wanted == self.current:
            return
        self.stop()
        self.current, self._stop = wanted, threading.Event()
        flat = {f.parent for f in wanted.files if f.parent.is_dir()}
        groups = [(sorted(wanted.folders), True), (sorted(flat), False)]
        self._threads = [threading.Thread(target=self._run, args=(paths, recursive, wanted, self._stop), name="handouts-watch", daemon=True) for paths, recursive in groups if paths]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        self._threads = []

    def _run(self, paths: list[Path], recursive: bool, wanted: WatchSet, stop: threading.Event) -> None:
        ordinary = DefaultFilter()  # editors' swap and backup files, .git, __pycache__

        def relevant(change: Change, path: str) -> bool:
            return ordinary(change, path) and wanted.wants(Path(path))

        try:
            for _ in watch(*paths, watch_filter=relevant, debounce=LONGEST_MS, step=QUIET_MS, stop_event=stop, recursive=recursive, raise_interrupt=False, rust_timeout=1000):
                self.on_change()
        except Exception as exc:  # noqa: BLE001 -- a watched folder removed or a watch limit reached: say so, keep serving
            self.log(f"watching {', '.join(map(str, paths))} stopped ({type(exc).__name__}: {exc}); restart handouts serve to watch again")
