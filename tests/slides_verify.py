"""A deck and its LibreOffice render -> per slide, the words of its text frames and table cells that are not visible (or lie outside their frame).

LibreOffice clips text that runs off the slide, so a word of a frame that `pdftotext` does
not find on the slide's page was pushed off it; a word found outside every text frame ran
out of its box. Used by the tests and the benchmark (needs soffice and pdftotext).
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation

from handouts.render.deck.master import EMU_PER_PT, A

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass
class SlideCheck:
    """One slide: words expected from its frames, those not visible, and visible words outside every frame."""

    number: int
    expected: int = 0
    missing: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def to_pdf(decks: list[Path], outdir: Path, timeout: int = 300) -> dict[Path, Path]:
    """Convert decks to PDF with headless LibreOffice: two runs side by side (private profiles) when there are several decks."""
    outdir.mkdir(parents=True, exist_ok=True)
    halves = [half for half in (decks[0::2], decks[1::2]) if half]
    with ThreadPoolExecutor(len(halves)) as pool:
        runs = list(zip(halves, pool.map(lambda half: _convert(half, outdir, timeout), halves)))
    for half, done in runs:
        if done.returncode:
            # -- headless LibreOffice now and then aborts on a loaded machine ("WrappedTargetRuntimeException ...
            #    Unspecified Application Error"); its decks are converted once more, and a second failure is the test's --
            again = _convert(half, outdir, timeout)
            if again.returncode:
                raise RuntimeError(f"LibreOffice failed twice (exit {again.returncode}): {again.stderr.decode(errors='replace')[-800:]}")
    out = {deck: outdir / (deck.stem + ".pdf") for deck in decks}
    missing = [str(d) for d, pdf in out.items() if not pdf.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert: {', '.join(missing)}")
    return out


def _convert(decks: list[Path], outdir: Path, timeout: int) -> subprocess.CompletedProcess[bytes]:
    """One headless LibreOffice run over these decks, with a profile of its own (two runs cannot share one)."""
    with tempfile.TemporaryDirectory(prefix="handouts-lo-") as profile:
        return subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)],
            capture_output=True, timeout=timeout,
        )


def norm(text: str) -> str:
    """NFKC, without invisible format characters (zero-width spaces, bidi embeddings)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")


def frames(deck: Path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Per slide: (text, box in points) of every shape that holds text."""
    prs = Presentation(str(deck))
    out = []
    for slide in prs.slides:
        items = []
        for shape in slide.shapes:
            if shape.has_table:
                items += cells(shape)
                continue
            if not shape.has_text_frame:
                continue
            text = "\n".join("".join(t.text or "" for t in p.iter(f"{{{A}}}t")) for p in shape.text_frame._txBody.iter(f"{{{A}}}p"))
            if text.strip():
                box = tuple(float(v) / EMU_PER_PT for v in (shape.left, shape.top, shape.width, shape.height))
                items.append((text, box))
        out.append(items)
    return out


def cells(frame) -> list[tuple[str, tuple[float, float, float, float]]]:  # type: ignore[no-untyped-def]
    """(text, box in points) of every cell of a table's graphicFrame, from its column widths and row heights."""
    out = []
    y = float(frame.top)
    for row in frame.table.rows:
        x = float(frame.left)
        for cell, column in zip(row.cells, frame.table.columns):
            text = "\n".join("".join(t.text or "" for t in p.iter(f"{{{A}}}t")) for p in cell.text_frame._txBody.iter(f"{{{A}}}p"))
            if text.strip():
                out.append((text, tuple(v / EMU_PER_PT for v in (x, y, float(column.width), float(row.height)))))
            x += float(column.width)
        y += float(row.height)
    return out


def page_words(pdf: Path, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Words pdftotext finds on one page, in reading order, with (xMin, yMin, xMax, yMax) in points."""
    result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                            check=True, capture_output=True, text=True)
    return [(norm(html.unescape(m[5])), tuple(float(m[i]) for i in range(1, 5))) for m in WORD.finditer(result.stdout)]


def _rtl(text: str) -> bool:
    return any(0x0590 <= ord(c) <= 0x08FF or 0xFB1D <= ord(c) <= 0xFEFF for c in text)


def key(word: str) -> str:
    """A word as compared: its letters and digits; for right-to-left words their sorted multiset.

    pdftotext writes right-to-left words in visual order (ligatures such as lam-alef
    decomposed, mirrored brackets split off), so only the letters can be compared; case is
    ignored (a master may set titles in capitals).
    """
    letters = [c for c in unicodedata.normalize("NFKC", word).casefold() if unicodedata.category(c)[0] in "LN"]
    if not letters:
        return word
    return "".join(sorted(letters) if _rtl(word) else letters)


def _found(word: str, tokens: list[str], used: list[bool]) -> bool:
    want = key(word)
    for i, tok in enumerate(tokens):
        if not used[i] and key(tok) == want and want:
            used[i] = True
            return True
    for i, tok in enumerate(tokens):  # a word LibreOffice broke over lines: consecutive tokens
        if used[i] or not tok or (not _rtl(word) and not word.startswith(tok)):
            continue
        joined, j = tok, i
        while len(joined) < len(word) and j + 1 < len(tokens) and not used[j + 1]:
            j += 1
            joined += tokens[j]
            if key(joined) == want:
                break
        if key(joined) == want:
            for k in range(i, j + 1):
                used[k] = True
            return True
    return False


def check(deck: Path, pdf: Path, tolerance: float = 3.0) -> list[SlideCheck]:
    """Every slide's frame words against its rendered page."""
    results = []
    for number, items in enumerate(frames(deck), 1):
        words = page_words(pdf, number)
        tokens = [w for w, _ in words]
        used = [False] * len(tokens)
        result = SlideCheck(number)
        for text, _ in items:
            for word in norm(text).split():
                result.expected += 1
                if not _found(word, tokens, used):
                    result.missing.append(word)
        boxes = [b for _, b in items]
        for word, (x0, y0, x1, y1) in words:
            # pdftotext's word boxes span the font's whole bounding box, so test the vertical centre
            middle = (y0 + y1) / 2
            inside = any(x0 >= bx - tolerance and x1 <= bx + bw + tolerance and by <= middle <= by + bh for bx, by, bw, bh in boxes)
            if not inside:
                result.outside.append(word)
        results.append(result)
    return results


def visible_share(results: list[SlideCheck]) -> float:
    """Share of expected words that are visible, over the whole deck."""
    expected = sum(r.expected for r in results)
    return 1.0 if not expected else 1 - sum(len(r.missing) for r in results) / expected


def summary(results: list[SlideCheck]) -> Counter[str]:
    """Counts for a report line."""
    return Counter(slides=len(results), words=sum(r.expected for r in results), missing=sum(len(r.missing) for r in results),
                   outside=sum(len(r.outside) for r in results))
