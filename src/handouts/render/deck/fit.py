"""Logical slides + the master's text styles -> physical slides whose every text is measured to fit.

Body text keeps the master's size when it can; a slide whose text does not fit first tries
smaller sizes down to config.slides.body_min_pt, then continues on further slides titled
"<title> (continued)", "<title> (continued 2)", ... (localized). Titles shrink down to
config.slides.title_min_pt and then take more height from the body. At most
config.slides.max_bullets paragraphs go on one slide. A paragraph longer than a slide even
at the minimum is split at the master's size, after a sentence where one ends late enough, and
its continuation keeps that size. Words wider than a line get
zero-width spaces so they wrap inside the frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from babel.numbers import format_decimal

from ...config import Slides
from ...markdown import Run
from .measure import Wrapper
from .styles import EMU_PER_PT, TextStyle
from .plan import Logical, Para

STEP = 2.0
PITCH = 1.2  # single line spacing, in em
SENTENCE_ENDS = tuple(".!?…;:。！？؟۔")
CLOSERS = "\"'»”’)]\u200b"


class NoRoom(ValueError):
    """Not even one word of a paragraph fits the room a slide leaves (its title takes it all)."""


@dataclass
class Physical:
    """One slide as it will be written: texts, sizes and any geometry changes (EMU)."""

    logical: Logical
    title: str
    title_size: float
    title_grow: int
    paras: list[Para]
    size: float
    notes: str
    first: bool = True
    title_lift: int = 0  # a title near the bottom of its layout (a section header), or over a master's rule, moves up by this much to grow
    push: int | None = None  # how far the body moves down for the grown title (None: title_grow; 0 when a master's shape lies between)

    @property
    def body_push(self) -> int:
        return self.title_grow if self.push is None else self.push


class Titles:
    """Unique slide titles: the n-th slide with a base title gets a localized, numbered "(continued)"."""

    def __init__(self, gettext: Callable[[str], str], locale: str) -> None:
        self.gettext, self.locale = gettext, locale
        self.used: dict[str, int] = {}
        self.seen: set[str] = set()

    def label(self, base: str, n: int) -> str:
        if n == 0:
            return base
        if n == 1:
            return f"{base} {self.gettext('(continued)')}"
        number = format_decimal(n, locale=self.locale)
        return f"{base} {self.gettext('(continued %(number)s)') % {'number': number}}"

    def _next(self, base: str, n: int) -> int:
        while self.label(base, n) in self.seen:
            n += 1
        return n

    def peek(self, base: str, offset: int = 0) -> str:
        """The title the slide `offset` places after the next one with this base would get."""
        return self.label(base, self._next(base, self.used.get(base, 0) + offset))

    def take(self, base: str) -> str:
        """The next unique title for base."""
        n = self._next(base, self.used.get(base, 0))
        title = self.label(base, n)
        self.seen.add(title)
        self.used[base] = n + 1
        return title


class Fitter:
    """Fits texts into placeholders with a Wrapper (font measurement) and the deck's size limits."""

    def __init__(self, wrapper: Wrapper, limits: Slides, titles: Wrapper | None = None) -> None:
        self.w, self.limits = wrapper, limits
        self.tw = titles or wrapper  # titles are set in the theme's major (heading) fonts

    def sizes(self, start: float, floor: float) -> list[float]:
        """start, start - 2, ... down to floor (inclusive)."""
        out, size = [], start
        while size > floor:
            out.append(size)
            size -= STEP
        return out + [floor]

    def lines_height(self, runs: list[Run], style: TextStyle, size: float, width: float, w: Wrapper | None = None) -> float:
        """Height (pt) of a paragraph's lines with the style's line spacing (and its bold, when it sets one)."""
        w = w or self.w
        runs = emboldened(runs, style)
        line = w.m.line_height("".join(r.text for r in runs), size)
        # -- PowerPoint and LibreOffice set lines PITCH x size x the spacing share apart, whatever the font (measured in
        #    LibreOffice: 38.4 pt at 32 pt for Noto Sans and Noto Sans Arabic, 30.2 pt at 28 pt x 90% for Carlito); the first
        #    line of a paragraph is as tall as its tallest font --
        pitch = style.line_pt or PITCH * size * style.line_share
        return max(line, pitch) + (w.lines(runs, width, size) - 1) * pitch

    def para_height(self, para: Para, style: TextStyle, size: float, width: float) -> float:
        line = self.w.m.line_height(para.text, size)
        spacing = style.before[0] + style.after[0] + (style.before[1] + style.after[1]) * line
        return spacing + self.lines_height(para.runs, style, size, width)

    def width(self, style: TextStyle, para: Para) -> float:
        return style.width_pt if para.bullet and style.bullets else style.width_pt + style.margin / EMU_PER_PT

    def height(self, paras: list[Para], style: TextStyle, size: float) -> float:
        return sum(self.para_height(p, style, size, self.width(style, p)) for p in paras)

    def breakable(self, paras: list[Para], style: TextStyle, size: float) -> list[Para]:
        return [replace(p, runs=self.w.breakable(emboldened(p.runs, style), self.width(style, p), size)) for p in paras]

    def title(self, text: str, style: TextStyle, floor: float, start: float | None = None) -> tuple[float, int, str]:
        """(size, extra height in EMU, text with safe breaks) for a title, at most start (default: the style's size)."""
        start = max(min(style.size, start or style.size), floor)
        runs = self.tw.breakable([Run(text, bold=style.bold)], style.width_pt, start)
        for size in self.sizes(start, floor):
            if self.lines_height(runs, style, size, style.width_pt, self.tw) <= style.height_pt:
                return size, 0, runs[0].text
        need = self.lines_height(runs, style, floor, style.width_pt, self.tw) - style.height_pt
        return floor, int(need * EMU_PER_PT) + 1, runs[0].text

    def paginate(self, paras: list[Para], style: TextStyle, room: Callable[[int], float]) -> list[tuple[float, list[Para]]]:
        """Split paragraphs over pages; room(k) is the body height (pt) available on page k."""
        floor = self.limits.body_min_pt
        base = max(style.size, floor)
        paras = self.breakable(paras, style, base)
        limit = max(1, self.limits.max_bullets)
        if len(paras) <= limit:
            for size in self.sizes(base, floor):
                if self.height(paras, style, size) <= room(0):
                    return [(size, paras)]
        pages: list[tuple[float, list[Para]]] = []
        queue = list(paras)
        rest: Para | None = None  # the continuation of a split paragraph, which keeps the size its start has
        while queue:
            avail = room(len(pages))
            page: list[Para] = []
            while queue and len(page) < limit and self.height(page + [queue[0]], style, base) <= avail:
                page.append(queue.pop(0))
            if page:
                pages.append((base, page))
                continue
            head = queue.pop(0)
            for size in self.sizes(base, floor) if head is not rest else []:
                if self.height([head], style, size) <= avail:
                    pages.append((size, [head]))
                    break
            else:
                # -- a paragraph longer than a slide: split it at the normal size rather than shrink it --
                first, rest = self.split(head, style, base, avail)
                if not rest.runs or self.height([first], style, base) > avail:
                    raise NoRoom(head.text)
                pages.append((base, [first]))
                queue.insert(0, rest)
        return self.balance(pages, style, room)

    def balance(self, pages: list[tuple[float, list[Para]]], style: TextStyle, room: Callable[[int], float]) -> list[tuple[float, list[Para]]]:
        """Spread paragraphs evenly over the same number of pages when that fits (no 6 + 1 splits)."""
        if len(pages) < 2 or len({size for size, _ in pages}) > 1:
            return pages
        size = pages[0][0]
        paras = [p for _, page in pages for p in page]
        per, extra = divmod(len(paras), len(pages))
        even, start = [], 0
        for k in range(len(pages)):
            count = per + (1 if k < extra else 0)
            chunk = paras[start:start + count]
            start += count
            if not chunk or self.height(chunk, style, size) > room(k):
                return pages
            even.append((size, chunk))
        return even

    def split(self, para: Para, style: TextStyle, size: float, avail: float) -> tuple[Para, Para]:
        """The longest prefix that fits, ending a sentence when that fills at least half of it, and the rest (continued without a bullet)."""
        words = _words(para)
        if len(words) < 2:
            return para, Para([], bullet=False)
        lo, hi = 1, len(words) - 1
        best = 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.height([replace(para, runs=_join(words[:mid]))], style, size) <= avail:
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        ends = [k for k in range(best, best // 2, -1) if _ends_sentence(words[k - 1])]
        best = ends[0] if ends else best
        return replace(para, runs=_join(words[:best])), Para(_join(words[best:]), bullet=False)


def emboldened(runs: list[Run], style: TextStyle) -> list[Run]:
    """Runs as the style draws them: bold throughout when the style is bold."""
    return [r if r.bold else replace(r, bold=True) for r in runs] if style.bold else runs


def _ends_sentence(word: list) -> bool:  # type: ignore[type-arg]
    return "".join(r.text for r in word).rstrip(CLOSERS).endswith(SENTENCE_ENDS)


def _words(para: Para) -> list[list]:  # type: ignore[type-arg]
    """The paragraph as words, each a list of styled runs (spaces dropped)."""
    words: list[list] = [[]]  # type: ignore[type-arg]
    for run in para.runs:
        parts = run.text.split(" ")
        for i, part in enumerate(parts):
            if i:
                words.append([])
            if part:
                words[-1].append(replace(run, text=part))
    return [w for w in words if w]


def _join(words: list[list]) -> list:  # type: ignore[type-arg]
    out = []
    for i, word in enumerate(words):
        for j, run in enumerate(word):
            out.append(replace(run, text=(" " if i and j == 0 else "") + run.text))
    return out
