"""A clinic's stylesheets -> every unsafe url() and @import in them, found before rendering (tinycss2), each at its line.

WeasyPrint asks the restricting fetcher for one resource at a time and stops at the first refusal, so
a stylesheet with three bad references reported one per build; reading the stylesheets first reports
them all at once, and nothing refused is ever requested. Only files outside handouts' own templates
is read (the first leaflet.css on the search path, the one the page uses): the packaged one is tested.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import tinycss2

from ...errors import Problem
from ...fetcher import RestrictedFetcher
from ...theme import BUILTIN


def references(sheet: Path) -> Iterator[tuple[str, int]]:
    """(url, line) of every url(...) and @import in a stylesheet."""
    rules = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8", errors="replace"), skip_comments=True)
    yield from _walk(rules)


def _walk(nodes: Iterable[object]) -> Iterator[tuple[str, int]]:
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind == "url":
            yield node.value, node.source_line  # type: ignore[attr-defined]
        elif kind == "function" and node.lower_name == "url":  # type: ignore[attr-defined]
            strings = [t for t in node.arguments if t.type == "string"]  # type: ignore[attr-defined]
            if strings:
                yield strings[0].value, node.source_line  # type: ignore[attr-defined]
        elif kind == "at-rule" and node.lower_at_keyword == "import":  # type: ignore[attr-defined]
            strings = [t for t in node.prelude if t.type == "string"]  # type: ignore[attr-defined]
            if strings:
                yield strings[0].value, node.source_line  # type: ignore[attr-defined]
        for child in ("prelude", "content", "arguments"):
            inner = getattr(node, child, None)
            if isinstance(inner, list):
                yield from _walk(inner)


def unsafe_references(folders: Iterable[Path], fetcher: RestrictedFetcher) -> list[Problem]:
    """Each url() or @import of the project's leaflet stylesheet that the leaflet may not read (the network, a file outside the project)."""
    sheet = next((f / "leaflet.css" for f in folders if (f / "leaflet.css").is_file()), None)  # -- the one the page uses --
    if sheet is None or sheet.resolve().is_relative_to(BUILTIN):
        return []
    problems = []
    for url, line in references(sheet):
        target = urljoin(sheet.as_uri(), url)  # -- the page links the stylesheet by its file URL: its references resolve from there --
        if not url or url.startswith("#") or urlsplit(target).scheme.lower() == "data":
            continue
        path = fetcher.local_path(target)
        if path is None or not fetcher.inside(path):
            problems.append(Problem(fetcher.problem(target, None).message, path=sheet, line=line))
    return problems
