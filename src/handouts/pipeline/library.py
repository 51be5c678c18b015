"""The library page (output/index.html) through the cache: keyed by every web page the manifest lists and all that shapes the page.

render.web.library reads each listed page (its sha256, then its head) to make the page; at 400
pages that is the largest part of a rebuild that changed nothing. The key holds each listed
page's manifest entry and whether its file still has those bytes (checked here, as the
renderer would), the whole config, every template file, the date and the tool, so a cached
page is the one library_page would make now. When it must be made again (a page changed), each
page's meta pairs come from the cache by the sha256 of its bytes, so only the changed pages are parsed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..config import Config
from ..theme import Theme
from . import inputs
from .cache import Cache, Entry
from .known import Known


def library_bytes(config: Config, manifest: dict[str, dict], root: Path, today: dt.date, cache: Cache, digests: inputs.Digests,
                  known: Known | None = None) -> bytes:
    """render.web.library.library_page's bytes, from the cache when nothing it reads has changed."""
    from ..render.web.library import library_page

    if not cache.enabled:
        return library_page(config, manifest, root, today)
    known = known or Known(None)
    pages = [[path, item, known.holds(root / path, item.get("sha256"))] for path, item in sorted(manifest.items())
             if item.get("format") == "html" and item.get("variant") == "standard" and path != "index.html"]
    skip = (config.output_path.resolve(), config.content_path.resolve(), root.resolve(), cache.folder.resolve() if cache.folder else root)
    key = inputs.text({"library": pages, "config": config.model_dump(mode="json"), "today": today.isoformat(), "tool": inputs.tool(),
                       "templates": [digests.tree(p, skip) for p in Theme(config).search_path]})
    entry = cache.get(key)
    if entry is not None:
        return entry.data
    data = library_page(config, manifest, root, today, lambda file, digest: _meta(file, digest, cache))
    cache.put(key, Entry(data, 1))
    return data


def _meta(file: Path, digest: str, cache: Cache) -> dict[str, str]:
    """A page's meta pairs, cached by the sha256 of its bytes (the renderer has checked the file against it)."""
    from ..render.web.library import read_meta

    key = inputs.text({"page meta": digest, "tool": inputs.tool()})
    entry = cache.get(key)
    if entry is not None:
        try:
            found = json.loads(entry.data)
        except ValueError:
            found = None
        if isinstance(found, dict):
            return found
    facts = read_meta(file, digest)
    cache.put(key, Entry(json.dumps(facts, ensure_ascii=False).encode(), 0))
    return facts


def warm(config: Config, root: Path, today: dt.date) -> None:
    """Make a library page of no pages (discarded): the imports, the template's compilation and the locale data are then done
    while the workers render, not after the last page (about 0.4 s in a fresh process)."""
    from ..errors import HandoutsError
    from ..render.web.library import library_page

    try:
        library_page(config, {}, root, today)
    except HandoutsError:
        pass  # -- the real page says what is wrong, where the build reports it --

