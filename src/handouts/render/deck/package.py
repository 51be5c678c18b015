"""Bytes of a saved deck -> the same deck with fixed zip timestamps (same input, same bytes)."""

from __future__ import annotations

import io
import zipfile

FIXED = (1980, 1, 1, 0, 0, 0)


def reproducible_zip(data: bytes) -> bytes:
    """Rewrite a zip (entry order kept, [Content_Types].xml first) with fixed dates and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
