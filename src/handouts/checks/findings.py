"""Finding: one thing a reviewer must see (rule, severity, where, what to do); stable sort and JSON."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Problem

SEVERITIES = ("error", "warning", "info")
_RANK = {name: i for i, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Finding:
    """A check result: rule id, severity, location (path, line, locale, segment) and a message saying what to do."""

    rule: str
    severity: str
    message: str
    path: str | None = None
    line: int | None = None
    locale: str | None = None
    segment: str | None = None
    document: str | None = None
    data: tuple[tuple[str, Any], ...] | None = None  # structured values (scores), as (key, value) pairs: hashable

    def sort_key(self) -> tuple[Any, ...]:
        """Document, file, line, then severity and rule: the same input always lists the same way."""
        return (self.document or "", self.path or "", self.line or 0, self.locale or "", _RANK[self.severity], self.rule, self.segment or "", self.message)

    def where(self) -> str:
        """`path:line` (whatever is known)."""
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or ""

    def __str__(self) -> str:
        extra = [f"locale {self.locale}"] if self.locale else []
        if self.segment:
            extra.append(f"segment {self.segment}")
        tail = f" ({', '.join(extra)})" if extra else ""
        head = f"{self.where()}: " if self.where() else ""
        return f"{head}{self.severity} [{self.rule}] {self.message}{tail}"

    def problem(self) -> Problem:
        """The same finding as an errors.Problem (what build raises in CheckFailed)."""
        return Problem(f"[{self.rule}] {self.message}", path=self.path, line=self.line, locale=self.locale, key=self.segment)

    def to_dict(self) -> dict[str, Any]:
        """Stable JSON object: every key always present, null when unknown (see docs/checks.md)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "document": self.document,
            "path": self.path,
            "line": self.line,
            "locale": self.locale,
            "segment": self.segment,
            "data": dict(self.data) if self.data is not None else None,
        }


def relative(path: Path | str | None, root: Path) -> str | None:
    """A path as the user sees it: relative to the project root when inside it."""
    return None if path is None else _relative(str(path), str(root))


@lru_cache(maxsize=4096)
def _relative(path: str, root: str) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path
