"""What open pages are told: a generation that grows with every rebuild that changed the output, and the problems of the last rebuild."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Snapshot:
    """One state of the preview, as sent to a page (server-sent event data)."""

    generation: int
    problems: tuple[str, ...] = ()
    note: str = ""  # e.g. "built 2, cached 6 in 0.8 s"

    def to_json(self) -> str:
        """The event's data: one line of JSON."""
        return json.dumps({"generation": self.generation, "problems": list(self.problems), "note": self.note}, ensure_ascii=False)


@dataclass
class PreviewState:
    """Thread-safe preview state; server threads wait on it for the next change."""

    _snapshot: Snapshot = field(default_factory=lambda: Snapshot(0))
    _changed: threading.Condition = field(default_factory=threading.Condition)
    _viewers: Counter[int] = field(default_factory=Counter)  # open event streams, by the generation their page shows
    closed: bool = False

    @property
    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def finished(self, changed: bool, problems: list[str], note: str) -> None:
        """A rebuild ended: bump the generation when the output changed; the problems replace the previous ones."""
        with self._changed:
            old = self._snapshot
            self._snapshot = Snapshot(old.generation + (1 if changed else 0), tuple(problems), note)
            self._changed.notify_all()

    def wait(self, seen: Snapshot, timeout: float) -> Snapshot:
        """The state once it differs from seen (or after timeout, or when closed)."""
        return self.wait_for(lambda now: now != seen, timeout)

    def wait_for(self, wanted: Callable[[Snapshot], bool], timeout: float) -> Snapshot:
        """The state once wanted(state) holds (or after timeout, or when closed): check the result."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or wanted(self._snapshot), timeout)
            return self._snapshot

    def viewing(self, generation: int, change: int) -> None:
        """A page showing this generation opened (+1) or closed (-1) its event stream."""
        with self._changed:
            self._viewers[generation] += change
            self._changed.notify_all()

    def reloaded(self, timeout: float) -> None:
        """Wait until as many pages show the current generation as showed the one before (they reloaded), at most timeout."""
        with self._changed:
            now = self._snapshot.generation
            self._changed.wait_for(lambda: self.closed or self._viewers[now] >= self._viewers[now - 1], timeout)

    def close(self) -> None:
        """The server stops: wake every waiting page stream."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()
