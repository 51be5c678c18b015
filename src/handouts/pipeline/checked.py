"""Content checks through the cache: project + locales + date -> the same Findings as checks.run_checks, each document checked only when its inputs changed.

A document's findings are keyed by its whole folder (document.yml, images, every catalog), the
whole config (with `checks:`), every template file, the locales, the date checked against and
the tool (pipeline.inputs.tool). Project-wide findings (the theme's contrast, settings) are
computed every time: they are cheap and belong to no document.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from ..theme import Theme
from . import inputs
from .cache import Cache, Entry

if TYPE_CHECKING:
    from ..build import Project
    from ..checks.findings import Finding


def run_checks(project: Project, locales: list[str], today: dt.date | None, cache: Cache, digests: inputs.Digests) -> list[Finding]:
    """Every finding for every document in every locale, sorted; cached per document."""
    from ..build import Project as Whole
    from ..checks import run_checks as run
    from ..checks.findings import Finding

    day = today or dt.date.today()
    if not cache.enabled:
        return list(run(project, locales, today=day))
    config = project.config
    common = inputs.text({
        "config": config.model_dump(mode="json"),
        "templates": [digests.tree(p, (config.output_path.resolve(), config.content_path.resolve())) for p in Theme(config).search_path],
        "locales": locales, "today": day.isoformat(), "tool": inputs.tool(),
    })
    shared = set(run(Whole(config, {}), locales, today=day))  # project-wide findings, in every run
    findings: set[Finding] = set(shared)
    for folder, doc in project.documents.items():
        key = inputs.text({"checks": common, "document": digests.tree(folder), "folder": str(folder)})
        entry = cache.get(key)
        if entry is not None:
            # -- JSON gives structured data back as a dict; a Finding keeps it as (key, value) pairs, to stay hashable --
            findings |= {Finding(**{**f, "data": tuple(f["data"].items()) if f.get("data") else None}) for f in json.loads(entry.data)}
            continue
        mine = set(run(Whole(config, {folder: doc}), locales, today=day)) - shared
        cache.put(key, Entry(json.dumps([f.to_dict() for f in sorted(mine, key=Finding.sort_key)]).encode(), 0))
        findings |= mine
    return sorted(findings, key=Finding.sort_key)
