"""The text layer of right-to-left ligatures: a glyph that stands for several Arabic characters maps to them in visual order.

WeasyPrint draws right-to-left runs glyph by glyph in visual order and maps each glyph to its
characters in logical order (lam-alef -> "لا"). Text extractors (poppler's pdftotext, pdfminer)
put a right-to-left line back into logical order by reversing it, characters of a ligature
included, so "العلاج" came out as "العالج". The ToUnicode entries of such glyphs are written
reversed here, so that the extractors' reversal gives the logical text. Screen readers read the
structure tree's /ActualText (tags.py), which this does not touch.
"""

from __future__ import annotations

import re

import pikepdf

_ENTRY = re.compile(rb"(<[0-9a-fA-F]+>\s*<)((?:06[0-9a-fA-F]{2}|FE[7-9a-fA-F][0-9a-fA-F]){2,})(>)")


def reverse_rtl_ligatures(pdf: pikepdf.Pdf) -> None:
    """Every font's ToUnicode: a glyph mapped to two or more Arabic code points maps to them reversed."""
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in done:
                continue
            done.add(cmap.objgen)
            data = cmap.read_bytes()
            fixed = _ENTRY.sub(_reversed, data)
            if fixed != data:
                cmap.write(fixed)


def _reversed(match: re.Match[bytes]) -> bytes:
    units = re.findall(rb"[0-9a-fA-F]{4}", match.group(2))
    return match.group(1) + b"".join(reversed(units)) + match.group(3)
