"""Content checks through the cache: project + locales + date -> the same Findings as checks.run_checks, each document checked only when its inputs changed.

A document's findings are keyed by its whole folder (document.yml, images, every catalog), the
whole config (with `checks:`), every template file, the locales, the date checked against and
the tool (pipeline.inputs.tool). Project-wide findings (the theme's contrast, settings) are
computed every time: they are cheap and belong to no document. A Checker checks one document at
a time, so that the build can render the documents already checked while it checks the others.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..theme import Theme
from . import inputs
from .cache import Cache, Entry

if TYPE_CHECKING:
    from ..build import Project
    from ..checks.findings import Finding


class Checker:
    """The findings of a project, one document at a time (cached per document), and the project-wide ones once."""

    def __init__(self, project: Project, locales: list[str], today: dt.date | None, cache: Cache, digests: inputs.Digests) -> None:
        from ..build import Project as Whole
        from ..checks import run_checks as run

        self.project, self.locales, self.cache, self.digests = project, locales, cache, digests
        self.day = today or dt.date.today()
        self.checked = 0  # documents checked (not served from the cache)
        config = project.config
        self._common = inputs.text({
            "config": config.model_dump(mode="json"),
            "templates": [digests.tree(p, (config.output_path.resolve(), config.content_path.resolve())) for p in Theme(config).search_path],
            "locales": locales, "today": self.day.isoformat(), "tool": inputs.tool(),
        }) if cache.enabled else ""
        self.shared = set(run(Whole(config, {}), locales, today=self.day))  # project-wide findings, in every run
        self.findings: set[Finding] = set(self.shared)

    def document(self, folder: Path) -> list[Finding]:
        """The findings of one document (added to self.findings); its errors are returned."""
        from ..build import Project as Whole
        from ..checks import run_checks as run
        from ..checks.findings import Finding

        key = inputs.text({"checks": self._common, "document": self.digests.tree(folder), "folder": str(folder)}) if self.cache.enabled else ""
        entry = self.cache.get(key) if key else None
        if entry is not None:
            # -- JSON gives structured data back as a dict; a Finding keeps it as (key, value) pairs, to stay hashable --
            mine = {Finding(**{**f, "data": tuple(f["data"].items()) if f.get("data") else None}) for f in json.loads(entry.data)}
        else:
            mine = set(run(Whole(self.project.config, {folder: self.project.documents[folder]}), self.locales, today=self.day)) - self.shared
            self.checked += 1
            if key:
                self.cache.put(key, Entry(json.dumps([f.to_dict() for f in sorted(mine, key=Finding.sort_key)]).encode(), 0))
        self.findings |= mine
        return [f for f in mine if f.severity == "error"]

    def sorted(self) -> list[Finding]:
        """Every finding so far, in the order checks.run_checks gives."""
        from ..checks.findings import Finding

        return sorted(self.findings, key=Finding.sort_key)

    def errors(self) -> list[Finding]:
        """The findings so far that stop a build."""
        return [f for f in self.sorted() if f.severity == "error"]

