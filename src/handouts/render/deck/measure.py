"""Text measurement for slides: styled runs + a frame -> wrapped lines and height, shaped with the fonts that render them.

Each run is split into script runs (fontTools' Unicode script data; common characters such
as spaces, digits and punctuation join their neighbours, as LibreOffice does), each drawn by
the theme font of its slot (latin, ea or cs; see deck.fonts) and shaped with HarfBuzz
(uharfbuzz), so Arabic joining forms, ligatures and marks are measured as they are drawn.
Kerning is switched off when shaping: PowerPoint does not kern unless told to, and kerning
only tightens text, so the measured width is the wider of the two.

Line breaks follow UAX #14 as ICU implements it (icu4py: wheels with ICU bundled), the break
iterator LibreOffice itself uses, with the deck's locale (uniseg, pure Python, was 400 times
slower; PyICU needs a compiler and ICU headers on every machine). The measure counts a line break only where
every renderer takes one (after a space, between CJK characters or at a zero-width space);
UAX #14 opportunities inside a word (after a hyphen or a slash), and in an e-mail or web
address after '@' and '.' (after '@' alone when both halves fit a line), get a zero-width space
only when the word is wider than the line, so a renderer that ignores them cannot add a line.

Safety margin: text may use SAFETY (97%) of a frame's width (95% for Chinese and Japanese,
where LibreOffice set one title line 1% wider than measured). LibreOffice and HarfBuzz agree
to the glyph; the 3% covers renderers that position glyphs on another grid (PowerPoint's
rounding to device units, Keynote, Apache POI's AWT text layout, about 1-2% in practice).
tests/test_slides_margin.py renders every deck with its text frames at 97% width and checks
that no line wraps that the measure did not count.

A character that its slot's font cannot draw is a coverage error, except common characters
(punctuation, symbols) in a complex-script font, which LibreOffice draws with the latin font.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from fontTools import unicodedata as fontdata
from icu4py.breakers import LineBreaker

from ...errors import ContentError, HandoutsError, Problem
from ...fonts import hb_face
from ...markdown import Run
from .fonts import CJK, DeckFonts, Face, slot_of, suggested

ZWSP = "\u200b"
# -- an e-mail or web address wider than the line breaks after '@', '.' or '/' (dermatology.sample@|example.org), never inside a name --
ADDRESS_BREAK = re.compile(r"[^@./]*[@./]+|[^@./]+")
SAFETY = 0.97  # share of the frame's width text may use (see the module docstring)
CJK_SAFETY = 0.95  # LibreOffice set a Japanese title line 1% wider than HarfBuzz measures it (cause not found): more room
WEAK = {"Zyyy", "Zinh", "Zzzz"}
CJK_BREAK = {"Hani", "Hira", "Kana", "Bopo"}  # Korean breaks at spaces


@lru_cache(maxsize=32)
def _hb_font(path: Path, index: int) -> tuple[hb.Font, int, float, frozenset[int]]:
    """A HarfBuzz font, its units per em, its line height (em) and its cmap, read once per process."""
    face = hb_face(path, index)
    # -- hhea ascender/descender/lineGap (int16 at 4), OS/2 usWinAscent/usWinDescent (uint16 at 74): the raw
    #    fields LibreOffice takes the line height from (HarfBuzz's own extents prefer the typo metrics) --
    ascent, descent, gap = struct.unpack_from(">hhh", face.reference_table("hhea").data, 4)
    win_ascent, win_descent = struct.unpack_from(">HH", face.reference_table("OS/2").data, 74)
    upm = face.upem
    line = max(ascent - descent + gap, win_ascent + win_descent) / upm
    return hb.Font(face), upm, line, frozenset(face.unicodes)


@lru_cache(maxsize=None)
def _script(ch: str) -> str:
    return fontdata.script(ch)


@lru_cache(maxsize=8192)
def script_runs(text: str) -> tuple[tuple[str, str], ...]:
    """(script, text) pieces: weak characters (spaces, digits, punctuation) join the run before them, or the next one."""
    out: list[list[str]] = []
    for ch in text:
        script = _script(ch)
        if script in WEAK and out:
            out[-1][1] += ch
        elif out and (out[-1][0] == script or out[-1][0] in WEAK):
            out[-1][0] = script if out[-1][0] in WEAK else out[-1][0]
            out[-1][1] += ch
        else:
            out.append([script, ch])
    return tuple((s, t) for s, t in out)


class Measurer:
    """Widths and line heights of text at a size, shaped with a deck's fonts (body: minor fonts; titles: major)."""

    def __init__(self, fonts: DeckFonts, major: bool = False, rtl: bool = False, locale: str = "en") -> None:
        self.fonts, self.major, self.rtl, self.locale = fonts, major, rtl, locale
        self._cache: dict[tuple[str, bool, bool], float] = {}

    def face(self, script: str, bold: bool, italic: bool) -> Face:
        return self.fonts.face(self.major, slot_of(script if script not in WEAK else "Latn"), bold, italic)

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """Width in points of text on one line."""
        key = (text, bold, italic)
        em = self._cache.get(key)
        if em is None:
            em = self._cache[key] = sum(self._shaped(script, piece, bold, italic) for script, piece in script_runs(text))
        return em * size

    def _shaped(self, script: str, text: str, bold: bool, italic: bool) -> float:
        text = "".join(ch for ch in text if ch != ZWSP and unicodedata.category(ch) != "Cf")
        if not text:
            return 0.0
        face = self.face(script, bold, italic)
        font, upm, _, cmap = _hb_font(face.path, face.index)
        missing = [ch for ch in text if ord(ch) not in cmap and not ch.isspace()]
        if missing:
            other = self._other_slot(missing, slot_of(script), bold, italic) if all(fontdata.script(ch) in WEAK for ch in missing) else None
            if other is not None:
                # -- common punctuation one slot's font lacks ("?" in Arabic fonts, "。" in Latin ones) is drawn
                #    by LibreOffice with the font of another slot that has it (the latin, East Asian or complex one) --
                rest = "".join(ch for ch in text if ord(ch) in cmap or ch.isspace())
                return self._hb(font, upm, rest) + sum(self._hb(*_hb_font(other.path, other.index)[:2], ch) for ch in missing)
            raise self.uncovered(face, script, text, missing)
        return self._hb(font, upm, text)

    def uncovered(self, face: Face, script: str, text: str, missing: list[str]) -> ContentError:
        """Characters no theme font of their slot draws: the font, its slot, the script, the text, and a font that covers it."""
        locale = self.fonts.locale or self.locale
        shown = " ".join(f"'{ch}' U+{ord(ch):04X}" for ch in list(dict.fromkeys(missing))[:6])
        name = fontdata.script_name(script, default=script)
        want = suggested(script, locale)
        key = "Hani" if script in CJK else script
        kind = "major" if self.major else "minor"
        where = text if len(text) <= 40 else text[:37] + "..."
        return ContentError(Problem(
            f"the deck's font '{face.family}' ({face.path.name}; theme slot {kind} {slot_of(script)}) cannot draw {shown} ({name}) in "
            f"'{where}': install a font for {name} such as {want} and list it under fonts: in handouts.yml "
            f"(fonts: {{{key}: [{want}]}}), or use a master whose theme fonts cover {name}", locale=locale))

    def _other_slot(self, chars: list[str], slot: str, bold: bool, italic: bool) -> Face | None:
        """The face of another theme slot that covers every one of chars (latin first), or None."""
        for other in ("latin", "ea", "cs"):
            if other == slot:
                continue
            try:
                face = self.fonts.face(self.major, other, bold, italic)
            except (HandoutsError, KeyError, LookupError):
                continue
            if face is not None and all(ord(ch) in _hb_font(face.path, face.index)[3] for ch in chars):
                return face
        return None

    @staticmethod
    def _hb(font: hb.Font, upm: int, text: str) -> float:
        if not text:  # -- a run that is only punctuation drawn by another slot's font ("**…**。") leaves nothing here --
            return 0.0
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(font, buf, {"kern": False})
        return sum(p.x_advance for p in buf.glyph_positions) / upm

    def line_height(self, text: str, size: float) -> float:
        """Height in points of one line (single spacing) of a paragraph containing text: the tallest font it uses."""
        slots = frozenset(slot_of(s) for s, _ in script_runs(text) if s not in WEAK) | {"latin"}
        return self._line(slots) * size

    @lru_cache(maxsize=64)  # noqa: B019 -- one Measurer per deck
    def _line(self, slots: frozenset[str]) -> float:
        faces = [self.fonts.face(self.major, s, b, False) for s in slots for b in (False, True)]
        return max(_hb_font(f.path, f.index)[2] for f in faces)

    def safety(self, text: str) -> float:
        """The share of a line's width this text may use."""
        return CJK_SAFETY if any(_script(ch) in CJK_BREAK for ch in text) else SAFETY


@lru_cache(maxsize=4096)
def line_break_units(text: str, locale: str = "en") -> tuple[str, ...]:
    """UAX #14 line-break units of text (ICU's line break iterator for the locale)."""
    return tuple(LineBreaker(text, locale)) if text else ()


@lru_cache(maxsize=4096)
def units(text: str, locale: str = "en") -> tuple[tuple[str, bool], ...]:
    """UAX #14 line-break units of text, each with whether every renderer breaks after it (space, ZWSP, CJK)."""
    out = []
    for unit in line_break_units(text, locale):
        last = unit[-1]
        wide_punct = unicodedata.category(last)[0] == "P" and unicodedata.east_asian_width(last) in ("W", "F")
        hard = last in (" ", ZWSP, "\n") or _script(last) in CJK_BREAK or wide_punct
        out.append((unit, hard))
    return tuple(out)


class Wrapper:
    """Greedy line breaking at the break opportunities every renderer takes, on shaped widths."""

    def __init__(self, measurer: Measurer) -> None:
        self.m = measurer
        self._em: dict[tuple[tuple[str, bool, bool], ...], list[tuple[float, float, bool]]] = {}

    def breakable(self, runs: list[Run], width: float, size: float) -> list[Run]:
        """Runs where every word wider than a line gets zero-width spaces (at UAX #14 opportunities, else anywhere)."""
        limit = width * self.m.safety("".join(r.text for r in runs))
        out: list[Run] = []
        for run in runs:
            words = run.text.split(" ")
            fixed = [self._break_word(w, limit, size, run.bold, run.italic) for w in words]
            out.append(replace(run, text=" ".join(fixed)))
        return out

    def _break_word(self, word: str, limit: float, size: float, bold: bool, italic: bool) -> str:
        if not word or self.m.width(word, size, bold, italic) <= limit:
            return word
        local, at, domain = word.partition("@")
        if at and all(self.m.width(piece, size, bold, italic) <= limit for piece in (local + at, domain)):
            return local + at + ZWSP + domain  # -- an e-mail address on two lines breaks after its '@' (dermatology.sample@|example.org) --
        parts: list[str] = []
        current = ""
        for unit in (piece for u in line_break_units(word, self.m.locale) for piece in ADDRESS_BREAK.findall(u)):
            if current and self.m.width(current + unit, size, bold, italic) > limit:
                parts.append(current)
                current = ""
            if self.m.width(unit, size, bold, italic) > limit:  # no opportunity inside: break by grapheme width
                for ch in unit:
                    if current and self.m.width(current + ch, size, bold, italic) > limit:
                        parts.append(current)
                        current = ""
                    current += ch
            else:
                current += unit
        parts.append(current)
        return ZWSP.join(p for p in parts if p)

    def lines(self, runs: list[Run], width: float, size: float) -> int:
        """Number of lines the runs take in a frame of this width (after breakable())."""
        limit = width * self.m.safety("".join(r.text for r in runs)) / size  # in em: widths scale with the size
        count, line, pending = 1, 0.0, 0.0  # pending: trailing spaces, which may hang past the edge
        for w, spaces, newline in self._pieces_em(tuple((r.text, r.bold, r.italic) for r in runs)):
            if line and line + pending + w > limit:
                count, line = count + 1, w
            else:
                line += pending + w
            pending = spaces
            if newline:
                count, line, pending = count + 1, 0.0, 0.0
        return count

    def _pieces_em(self, key: tuple[tuple[str, bool, bool], ...]) -> list[tuple[float, float, bool]]:
        """Per unbreakable piece: its width and its trailing spaces' width (em), and whether a line break follows."""
        found = self._em.get(key)
        if found is not None:
            return found
        chars = [(ch, bold, italic) for text, bold, italic in key for ch in text]
        out = []
        for piece in _pieces(chars, self.m.locale):
            newline = bool(piece) and piece[-1][0] == "\n"
            body = piece[:-1] if newline else piece
            spaces = len(body) - len("".join(c for c, _, _ in body).rstrip(" "))
            out.append((self._styled(body[:len(body) - spaces]), self._styled(body[len(body) - spaces:]), newline))
        self._em[key] = out
        return out

    def _styled(self, chars: list[tuple[str, bool, bool]]) -> float:
        """Width (em) of characters with their own bold/italic, shaped in runs of one style."""
        total, start = 0.0, 0
        for k in range(1, len(chars) + 1):
            if k == len(chars) or chars[k][1:] != chars[start][1:]:
                total += self.m.width("".join(c for c, _, _ in chars[start:k]), 1.0, *chars[start][1:])
                start = k
        return total

    def height(self, runs: list[Run], width: float, size: float) -> float:
        """Height in points of one paragraph (lines x line height, spacing excluded)."""
        text = "".join(r.text for r in runs)
        return self.lines(runs, width, size) * self.m.line_height(text, size)


def _pieces(chars: list[tuple[str, bool, bool]], locale: str) -> list[list[tuple[str, bool, bool]]]:
    """The characters cut after every hard break opportunity (see units())."""
    out, pos = [], 0
    buf: list[tuple[str, bool, bool]] = []
    for unit, hard in units("".join(c for c, _, _ in chars), locale):
        buf += chars[pos:pos + len(unit)]
        pos += len(unit)
        if hard:
            out.append(buf)
            buf = []
    return out + ([buf] if buf else [])
