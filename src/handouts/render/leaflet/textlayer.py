"""The text layer of right-to-left text: a ligature maps to its characters in visual order, a mark glyph to its mark alone, a word with raised marks is one piece.

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


def join_raised_marks(pdf: pikepdf.Pdf) -> None:
    """A word whose marks WeasyPrint draws with a text rise goes in a marked-content /ActualText of its glyphs' text, in drawing order.

    poppler starts a new word at a glyph drawn with another rise or moved back over its neighbour
    (a positioned mark), so "تُراجَع" extracted as "تُرا جع". Inside an /ActualText span it takes the
    span's text as one piece; the text is written in drawing (visual) order, which poppler reverses
    in a right-to-left line like the glyphs themselves. The structure tree's /ActualText, which
    screen readers read, takes precedence over it.
    """
    unicode_maps: dict[tuple[int, int], dict[int, str]] = {}  # per ToUnicode stream: pages share their fonts
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        if not isinstance(fonts, pikepdf.Dictionary) or not any(b" Ts" in s.read_bytes() for s in streams):
            continue
        maps = {}
        for name, font in fonts.items():
            if "/ToUnicode" in font and font.get("/Subtype") == "/Type0":
                key = font.ToUnicode.objgen
                maps[str(name)] = unicode_maps[key] if key in unicode_maps else unicode_maps.setdefault(key, _unicode_map(font))
        ops = list(pikepdf.parse_content_stream(page))
        words = _raised_words(ops, maps)
        if words:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(_wrap(ops, words)))


def _unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    data = font.ToUnicode.read_bytes()
    return {int(glyph, 16): "".join(chr(int(text[i:i + 4], 16)) for i in range(0, len(text), 4))
            for glyph, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", data)}


_Place = tuple[int, int, int]  # operator index, TJ item index, glyph index in that string


def _raised_words(ops: list, maps: dict[str, dict[int, str]]) -> list[tuple[_Place, _Place, str]]:
    """Words (runs of glyphs between spaces, inside one BT/ET and one marked-content piece) drawn by more than one show operator around a text rise."""
    words: list[tuple[_Place, _Place, str]] = []
    font: dict[int, str] | None = None
    start: _Place | None = None
    last: _Place | None = None
    text, shows, raised = "", set(), False

    def close() -> None:
        nonlocal start, text, shows, raised
        if start is not None and last is not None and raised and len(shows) > 1 and text.strip():
            words.append((start, last, text))
        start, text, shows, raised = None, "", set(), False

    rise = 0.0
    # -- reading an instruction's operator or operands is a call into pikepdf: once each, and operands only where needed --
    for index, name in enumerate([str(instruction.operator) for instruction in ops]):
        if name == "Tf":
            font = maps.get(str(ops[index].operands[0]))
        elif name == "Ts":
            rise = float(ops[index].operands[0])
        elif name in ("TJ", "Tj") and font is not None:
            operand = ops[index].operands[0]
            items = list(operand) if name == "TJ" else [operand]
            for item_index, item in enumerate(items):
                if not isinstance(item, pikepdf.String):
                    continue
                raw = bytes(item)
                for glyph_index in range(0, len(raw) - 1, 2):
                    char = font.get(int.from_bytes(raw[glyph_index:glyph_index + 2], "big"), "")
                    if char.isspace():
                        close()
                        continue
                    place = (index, item_index, glyph_index // 2)
                    start = place if start is None else start
                    last = place
                    text += char
                    shows.add(index)
                    raised = raised or rise != 0
        elif name in ("BT", "ET", "BDC", "BMC", "EMC", "Tm", "Td", "TD", "T*", "'", '"'):
            close()
    close()
    return words


def _wrap(ops: list, words: list[tuple[_Place, _Place, str]]) -> list:
    """The operators with each word's glyphs cut out of their TJ arrays and put inside /Span << /ActualText >> BDC ... EMC."""
    cuts: dict[int, list[tuple[int, int, str]]] = {}
    for start, end, text in words:
        cuts.setdefault(start[0], []).append((start[1], start[2], "begin:" + text))
        cuts.setdefault(end[0], []).append((end[1], end[2] + 1, "end"))
    out = []
    for index, instruction in enumerate(ops):
        if index not in cuts:
            out.append(instruction)
            continue
        operand = instruction.operands[0]
        items = list(operand) if str(instruction.operator) == "TJ" else [operand]
        piece: list = []
        for item_index, item in enumerate(items):
            marks = sorted((g, what) for i, g, what in cuts[index] if i == item_index)
            if not marks or not isinstance(item, pikepdf.String):
                piece.append(item)
                continue
            raw, at = bytes(item), 0
            for glyph, what in marks:
                if glyph * 2 > at:
                    piece.append(pikepdf.String(raw[at:glyph * 2]))
                    at = glyph * 2
                if piece:
                    out.append(pikepdf.ContentStreamInstruction([pikepdf.Array(piece)], pikepdf.Operator("TJ")))
                    piece = []
                if what == "end":
                    out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
                else:
                    actual = pikepdf.Dictionary(ActualText=pikepdf.String(what.removeprefix("begin:")))
                    out.append(pikepdf.ContentStreamInstruction([pikepdf.Name.Span, actual], pikepdf.Operator("BDC")))
            if at < len(raw):
                piece.append(pikepdf.String(raw[at:]))
        if piece:
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Array(piece)], pikepdf.Operator("TJ")))
    return out
