"""Text measurement for slides: styled runs + a frame -> wrapped lines and height, with the fonts that render them.

Fonts the deck references, and why it stays safe without them:
the master's theme names "Noto Sans" (Latin, Greek, Cyrillic) and "Noto Sans Arabic" (complex
scripts), the OFL fonts vendored in templates/fonts/ (LibreOffice finds them through
fonts-noto-core). Every text is measured here with those same files (fontTools hmtx
advances, no kerning, which only tightens text), plus a safety margin. On a computer
without Noto Sans, PowerPoint substitutes a sans-serif by the panose/pitch family the deck
declares (Arial or Calibri in practice); both are narrower (average advance 0.44 em for
Arial, less for Calibri, against 0.58 em for Noto Sans) and have a smaller line height
(1.15 em against 1.36 em), so text measured with Noto Sans only gets shorter there.
Characters the fonts lack are measured as one em wide (wider than any Latin glyph).
Arabic is measured with its isolated forms (joined forms are narrower) and a wider margin.
In right-to-left decks, punctuation next to Arabic text takes the complex-script font;
what Noto Sans Arabic lacks (brackets, "?", "@", ...) is drawn by a fallback font, so those
characters count as one em there too.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from ...markdown import Run

ZWSP = "\u200b"
BREAK_AFTER = "/-._?&=#"
SAFETY = 0.96  # share of the frame's width we let text use
ARABIC_SAFETY = 0.90
FONT_FILES = {
    ("latin", False, False): "fonts/NotoSans-Regular.ttf",
    ("latin", True, False): "fonts/NotoSans-Bold.ttf",
    ("latin", False, True): "fonts/NotoSans-Italic.ttf",
    ("latin", True, True): "fonts/NotoSans-BoldItalic.ttf",
    ("arabic", False, False): "fonts/NotoSansArabic-Regular.ttf",
    ("arabic", True, False): "fonts/NotoSansArabic-Bold.ttf",
    ("arabic", False, True): "fonts/NotoSansArabic-Regular.ttf",
    ("arabic", True, True): "fonts/NotoSansArabic-Bold.ttf",
}


@dataclass(frozen=True)
class Metrics:
    """Advance widths (em) per code point and the line height (em) of one font file."""

    widths: dict[int, float]
    line: float


@lru_cache(maxsize=16)
def metrics(path: Path) -> Metrics:
    """Read a font's advances and line height once per process."""
    font = TTFont(path, lazy=True)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"].metrics
    widths = {cp: hmtx[name][0] / upm for cp, name in font.getBestCmap().items()}
    hhea, os2 = font["hhea"], font["OS/2"]
    line = max(hhea.ascent - hhea.descent + hhea.lineGap, os2.usWinAscent + os2.usWinDescent) / upm
    font.close()
    return Metrics(widths, line)


def is_arabic(ch: str) -> bool:
    cp = ord(ch)
    return 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF


class Measurer:
    """Widths and heights of runs at a size, from the font files found by a lookup (e.g. Theme.find)."""

    def __init__(self, find, rtl: bool = False) -> None:  # type: ignore[no-untyped-def]
        self._find, self._rtl = find, rtl
        self._fonts: dict[tuple[str, bool, bool], Metrics] = {}
        self._tables: dict[tuple[bool, bool], tuple[dict[int, float], dict[int, float]]] = {}
        self._cache: dict[tuple[str, bool, bool], float] = {}

    def font(self, script: str, bold: bool, italic: bool) -> Metrics:
        key = (script, bold, italic)
        if key not in self._fonts:
            self._fonts[key] = metrics(self._find(FONT_FILES[key]))
        return self._fonts[key]

    def _table(self, bold: bool, italic: bool) -> tuple[dict[int, float], dict[int, float]]:
        if (bold, italic) not in self._tables:
            latin, arabic = self.font("latin", bold, italic).widths, self.font("arabic", bold, italic).widths
            self._tables[(bold, italic)] = ({**arabic, **latin}, {**latin, **arabic})
        return self._tables[(bold, italic)]

    def char_width(self, ch: str, bold: bool, italic: bool) -> float:
        """Advance of one character in em; unknown characters count as 1 em, invisible ones as 0."""
        if ch == ZWSP or unicodedata.category(ch) in ("Mn", "Cf"):
            return 0.0
        latin_first, arabic_first = self._table(bold, italic)
        if self._rtl and unicodedata.category(ch)[0] in "PS" and ord(ch) not in self.font("arabic", bold, italic).widths:
            return 1.0
        return (arabic_first if is_arabic(ch) else latin_first).get(ord(ch), 1.0)

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """Width in points of text on one line."""
        key = (text, bold, italic)
        em = self._cache.get(key)
        if em is None:
            em = self._cache[key] = sum(self.char_width(ch, bold, italic) for ch in text)
        return em * size

    def line_height(self, text: str, size: float) -> float:
        """Height in points of one line (single spacing) of a paragraph containing text."""
        scripts = {"latin"} | ({"arabic"} if any(is_arabic(c) for c in text) else set())
        return max(self.font(s, b, False).line for s in scripts for b in (False, True)) * size

    def safety(self, text: str) -> float:
        return ARABIC_SAFETY if any(is_arabic(c) for c in text) else SAFETY


def _pieces(runs: list[Run]) -> list[list[Run]]:
    """Split runs into unbreakable pieces (break opportunities: spaces and zero-width spaces)."""
    pieces: list[list[Run]] = [[]]
    for run in runs:
        buf = ""
        for ch in run.text:
            if ch in (" ", ZWSP, "\n"):
                if buf:
                    pieces[-1].append(replace(run, text=buf))
                    buf = ""
                pieces.append([])
            else:
                buf += ch
        if buf:
            pieces[-1].append(replace(run, text=buf))
    return pieces


def _seps(runs: list[Run]) -> list[str]:
    return [ch for run in runs for ch in run.text if ch in (" ", ZWSP, "\n")]


class Wrapper:
    """Greedy line breaking at spaces and zero-width spaces, as PowerPoint and LibreOffice do (they may break more often, never less)."""

    def __init__(self, measurer: Measurer) -> None:
        self.m = measurer

    def piece_width(self, piece: list[Run], size: float) -> float:
        return sum(self.m.width(r.text, size, r.bold, r.italic) for r in piece)

    def breakable(self, runs: list[Run], width: float, size: float) -> list[Run]:
        """Runs where every word wider than a line gets zero-width spaces so it wraps safely."""
        text = "".join(r.text for r in runs)
        limit = width * self.m.safety(text)
        out: list[Run] = []
        for run in runs:
            words = run.text.split(" ")
            fixed = [self._break_word(w, limit, size, run.bold, run.italic) for w in words]
            out.append(replace(run, text=" ".join(fixed)))
        return out

    def _break_word(self, word: str, limit: float, size: float, bold: bool, italic: bool) -> str:
        if self.m.width(word, size, bold, italic) <= limit:
            return word
        parts, current, last_break = [], "", -1
        for ch in word:
            if current and self.m.width(current + ch, size, bold, italic) > limit:
                if last_break > 0:
                    parts.append(current[:last_break])
                    current = current[last_break:]
                else:
                    parts.append(current)
                    current = ""
                last_break = -1
            current += ch
            if ch in BREAK_AFTER:
                last_break = len(current)
        parts.append(current)
        return ZWSP.join(p for p in parts if p)

    def lines(self, runs: list[Run], width: float, size: float) -> int:
        """Number of lines the runs take in a frame of this width (after breakable())."""
        text = "".join(r.text for r in runs)
        limit = width * self.m.safety(text)
        pieces = _pieces(runs)
        seps = _seps(runs)
        count, line = 1, 0.0
        for i, piece in enumerate(pieces):
            w = self.piece_width(piece, size)
            sep = seps[i - 1] if i > 0 else ""
            if sep == "\n":
                count, line = count + 1, w
                continue
            gap = self.m.width(" ", size) if sep == " " else 0.0
            if line and line + gap + w > limit:
                count, line = count + 1, w
            else:
                line = line + gap + w if (line or i) else w
        return count

    def height(self, runs: list[Run], width: float, size: float) -> float:
        """Height in points of one paragraph (lines x line height, spacing excluded)."""
        text = "".join(r.text for r in runs)
        return self.lines(runs, width, size) * self.m.line_height(text, size)
