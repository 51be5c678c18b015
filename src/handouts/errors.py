"""One exception hierarchy: user problems carry where (path, line, locale, key); bugs keep tracebacks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the user's input, with where it is and what to do."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    column: int | None = None
    locale: str | None = None
    key: str | None = None

    def where(self) -> str:
        """`path:line:col` (whatever is known) for the start of a message."""
        parts = [str(self.path)] if self.path else []
        if self.path and self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        extra = [f"locale {self.locale}"] if self.locale else []
        if self.key:
            extra.append(f"key {self.key}")
        tag = f" [{', '.join(extra)}]" if extra else ""
        where = self.where()
        return f"{where}: {self.message}{tag}" if where else f"{self.message}{tag}"


class HandoutsError(Exception):
    """A problem in the user's input: printed as `path:line: message`, exit 1."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(HandoutsError):
    """The project config (handouts.yml) is wrong."""


class ContentError(HandoutsError):
    """A document's source is wrong."""


class TemplateError(HandoutsError):
    """A template (HTML, CSS, .pptx master) is wrong or missing."""


class TranslationError(HandoutsError):
    """A catalog is wrong, stale or incomplete."""


class CheckFailed(HandoutsError):
    """Content checks found errors; the build stops before writing."""


class UnsafeReference(HandoutsError):
    """Content referenced a file outside the project or the network."""


class OutputError(HandoutsError):
    """The output folder cannot be written (a file in the way, no permission, disk full)."""


class Collector:
    """Gathers problems so all are reported together, then one abort."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.kinds: set[type[HandoutsError]] = set()

    def add(self, message: str, **where: object) -> None:
        """Record one problem."""
        self.problems.append(Problem(message, **where))  # type: ignore[arg-type]

    def extend(self, problems: list[Problem]) -> None:
        """Record several problems."""
        self.problems.extend(problems)

    def absorb(self, exc: HandoutsError) -> None:
        """Record an error's problems, remembering its kind."""
        self.problems.extend(exc.problems)
        self.kinds.add(type(exc))

    def raise_if_any(self, cls: type[HandoutsError] = HandoutsError) -> None:
        """Abort once with everything collected (the same problem once), keeping the kind when all agree."""
        if self.problems:
            if len(self.kinds) == 1:
                cls = next(iter(self.kinds))
            raise cls(list(dict.fromkeys(self.problems)))
