"""SOURCE_DATE_EPOCH -> the one date both formats write in their file properties (PDF /CreationDate and /ModDate, PPTX docProps/core.xml).

The dates printed on the page (published, review by) are the document's own and never change;
only the file's metadata dates follow the build: SOURCE_DATE_EPOCH when it is set, else the
document's publication date at 00:00 UTC, so the same input gives the same bytes either way.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from ..errors import HandoutsError, Problem

VARIABLE = "SOURCE_DATE_EPOCH"
LATEST = 253402300799  # 9999-12-31T23:59:59Z: the last second a four-digit W3CDTF or PDF date can hold


def source_date(environ: Mapping[str, str] = os.environ) -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time; None when unset or empty; an error when it is not whole seconds since 1970."""
    raw = environ.get(VARIABLE, "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > LATEST:
        # -- the reproducible-builds specification: a malformed value must stop the build, not be ignored --
        raise HandoutsError(Problem(
            f"{VARIABLE}={raw[:40]!r} is not a whole number of seconds since 1970-01-01 UTC (0 to {LATEST}): "
            f"set it to e.g. the last commit's time, `export {VARIABLE}=$(git log -1 --format=%ct)`, or unset it"))
    return dt.datetime.fromtimestamp(int(raw), dt.UTC)


def file_date(built: dt.datetime | None, published: dt.date) -> dt.datetime:
    """The date an artifact's file properties carry (UTC, whole seconds): the build's SOURCE_DATE_EPOCH, else the publication date."""
    return built or dt.datetime.combine(published, dt.time(0, 0), dt.UTC)
