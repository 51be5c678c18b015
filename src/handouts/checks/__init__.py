"""Content checks for patient material.

PLACEHOLDER until the content-checks issue lands: no rule runs yet.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ..build import Project


def run_checks(project: "Project", locales: list[str], today: dt.date | None = None) -> Iterator[object]:
    """Every finding for every document and locale."""
    return iter(())
