"""The text layer of right-to-left text: a ligature maps to its characters in visual order, a mark glyph to its mark alone.

WeasyPrint draws right-to-left runs glyph by glyph in visual order and maps each glyph to its
characters in logical order (lam-alef -> "لا"). Text extractors (poppler's pdftotext, pdfminer)
put a right-to-left line back into logical order by reversing it, characters of a ligature
included, so "العلاج" came out as "العالج". The ToUnicode entries of such glyphs are written
reversed here, so that the extractors' reversal gives the logical text.

WeasyPrint also maps a glyph once, to the text of the first cluster it is drawn in: a mark
(tanween, harakat) first drawn in a cluster with its base letters ("لًا" in "حاملًا", where the
lam-alef ligature and the fathatan are one cluster) maps to the whole cluster, and every later
fathatan ("شيوعًا") extracted as "شيوعلًا". A glyph the font itself classes as a mark (GDEF glyph
class 3, read with fontTools) maps to the marks of its entry
only. Screen readers read the structure tree's /ActualText (tags.py), which this does not touch.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pikepdf
from fontTools.ttLib import TTFont, TTLibError

_ENTRY = re.compile(rb"(<([0-9a-fA-F]+)>\s*<)((?:06[0-9a-fA-F]{2}|FE[7-9a-fA-F][0-9a-fA-F]){2,})(>)")
_MARK_CLASS = 3  # GDEF GlyphClassDef: 1 base, 2 ligature, 3 mark, 4 component


def reverse_rtl_ligatures(pdf: pikepdf.Pdf) -> None:
    """Every font's ToUnicode: a mark glyph mapped to several Arabic code points maps to its marks; another glyph maps to them reversed."""
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in done:
                continue
            done.add(cmap.objgen)
            data = cmap.read_bytes()
            marks: set[int] | None = None

            def fixed_entry(match: re.Match[bytes]) -> bytes:
                nonlocal marks
                units = re.findall(rb"[0-9a-fA-F]{4}", match.group(3))
                chars = [chr(int(u, 16)) for u in units]
                kept = [u for u, c in zip(units, chars) if unicodedata.category(c) == "Mn"]
                if kept and len(kept) < len(units):
                    marks = _mark_glyphs(font) if marks is None else marks
                    if int(match.group(2), 16) in marks:
                        return match.group(1) + b"".join(kept) + match.group(4)
                return match.group(1) + b"".join(reversed(units)) + match.group(4)

            fixed = _ENTRY.sub(fixed_entry, data)
            if fixed != data:
                cmap.write(fixed)


def _mark_glyphs(font: pikepdf.Dictionary) -> set[int]:
    """The glyph ids (= CIDs: WeasyPrint writes Identity CIDToGIDMap) that the embedded TrueType font classes as marks; empty if unknown."""
    try:
        descendant = font.DescendantFonts[0]
        if descendant.get("/CIDToGIDMap", pikepdf.Name.Identity) != pikepdf.Name.Identity:
            return set()
        embedded = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()), lazy=True)
        classes = embedded["GDEF"].table.GlyphClassDef.classDefs if "GDEF" in embedded else {}
        order = embedded.getGlyphOrder()
    except (AttributeError, KeyError, IndexError, TypeError, TTLibError):
        return set()
    return {gid for gid, name in enumerate(order) if classes.get(name) == _MARK_CLASS}
