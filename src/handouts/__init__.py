"""handouts: one structured source -> printable PDF patient leaflets and PPTX slides, in every language."""

from __future__ import annotations

TYPE_CHECKING = False  # -- not typing's: importing handouts (and `handouts --help`) stays cheap; type checkers read it as True --
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"
__all__ = ["BuildOptions", "BuildReport", "HandoutsError", "build", "load_project", "__version__"]


def __getattr__(name: str) -> Any:
    # -- lazy: `handouts --help` must not pay for pydantic, Jinja2 or WeasyPrint --
    if name in ("BuildOptions", "BuildReport", "build", "load_project"):
        from . import build as _build

        return getattr(_build, name)
    if name == "HandoutsError":
        from .errors import HandoutsError

        return HandoutsError
    raise AttributeError(name)
