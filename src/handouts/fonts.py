"""Fonts per script: config `fonts:` + vendored Noto (+ installed fonts) -> font stacks and cmap coverage.

`fonts:` in handouts.yml maps an ISO 15924 script code to font files (relative to the project
root or a templates folder) or installed family names, e.g. `fonts: {Hani: [Noto Sans CJK SC]}`.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import uharfbuzz as hb
from babel.core import get_global

from .config import Config
from .errors import Problem
from .links import link_problem
from .theme import Theme

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
# Vendored OFL fonts in templates/fonts/, per script; Latin also serves names and numbers everywhere.
VENDORED: dict[str, tuple[str, list[str]]] = {
    "Latn": ("Noto Sans", ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"]),
    "Arab": ("Noto Sans Arabic", ["NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"]),
}
RTL_SCRIPTS = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"}
_CJK = {"Hani", "Hira", "Kana", "Hang", "Bopo"}
# -- fontconfig answers a bare "zh" with the Japanese face of Noto Sans CJK (other glyph forms);
#    name the regional face when it is installed and the clinic configured none --
CJK_FAMILIES = {"Hans": "Noto Sans CJK SC", "Hant": "Noto Sans CJK TC", "Jpan": "Noto Sans CJK JP", "Kore": "Noto Sans CJK KR"}


@dataclass(frozen=True)
class Font:
    """One font file and its family name, for CSS, the deck and the coverage check."""

    family: str
    path: Path
    script: str


def locale_script(locale: str) -> str:
    """The ISO 15924 script a locale is written in: its script subtag, else CLDR's likely subtags by language and region (zh-TW -> Hant, zh -> Hans)."""
    subtags = locale.replace("_", "-").split("-")
    rest = list(itertools.takewhile(lambda s: len(s) > 1, subtags[1:]))  # up to the first extension singleton (-u-, -x-)
    script = next((s.title() for s in rest if len(s) == 4 and s.isalpha()), None)
    if script:
        return script
    language = subtags[0].lower()
    region = next((s.upper() for s in rest if len(s) == 2 and s.isalpha() or len(s) == 3 and s.isdigit()), None)
    likely = get_global("likely_subtags")
    for key in ([f"{language}_{region}"] if region else []) + [language]:
        if key in likely:
            return next((s for s in likely[key].split("_")[1:] if len(s) == 4), "Latn")
    return "Latn"


def stack(locale: str, config: Config) -> list[Font]:
    """The fonts a locale uses, first choice first: its script's configured and vendored fonts, then the rest."""
    script = _unify(locale_script(locale))
    order = [script] + [s for s in [*config.fonts, *VENDORED] if _unify(s) != script]
    fonts: list[Font] = []
    for s in dict.fromkeys(order):
        fonts += configured(s, config) + vendored(s, config)
    regional = CJK_FAMILIES.get(locale_script(locale))
    if regional and not configured(script, config):
        fonts = [Font(regional, path, script) for path in _installed_family(regional)][:1] + fonts
    return list(dict.fromkeys(fonts))


def families(locale: str, config: Config) -> list[str]:
    """Family names of a locale's stack, for CSS font-family and the deck's fonts."""
    return list(dict.fromkeys(f.family for f in stack(locale, config)))


def configured(script: str, config: Config) -> list[Font]:
    """Fonts listed for a script in handouts.yml (files or installed family names)."""
    out: list[Font] = []
    for key, entries in config.fonts.items():
        if _unify(key) != _unify(script):
            continue
        for entry in entries:
            out += _resolve(entry, key, config)
    return out


def vendored(script: str, config: Config) -> list[Font]:
    """The OFL fonts shipped in templates/fonts for a script (theme search path: a clinic may replace them)."""
    family, files = VENDORED.get(_unify(script), ("", []))
    theme = Theme(config)
    found = []
    for name in files:
        for folder in theme.search_path:
            if (folder / "fonts" / name).is_file():
                found.append(Font(family, folder / "fonts" / name, _unify(script)))
                break
    return found


def missing_characters(text: str, fonts: list[Font], installed: bool = True) -> str:
    """The distinct visible characters of text that no font in the stack (nor an installed font) covers."""
    left = [ch for ch in dict.fromkeys(text) if not _invisible(ch)]
    for font in fonts:  # -- a font's character map is read only while characters are left: the first font usually covers all --
        if not left:
            break
        cmap = _cmap(font.path)
        left = [ch for ch in left if ord(ch) not in cmap]
    return "".join(ch for ch in left if not (installed and _installed_font_covers(ch)))


def coverage_problems(locale: str, config: Config, texts: Iterable[tuple[str, str, Problem]]) -> list[Problem]:
    """One problem per text (key, text, where) with characters the locale's fonts cannot draw, with the fix."""
    fonts = stack(locale, config)
    texts = list(texts)
    # -- every character is looked up once for the whole document, not once per segment: each text's own are those in this set --
    uncovered = set(missing_characters("".join(text for _, text, _ in texts), fonts))
    problems = []
    for key, text, where in texts if uncovered else ():
        missing = "".join(ch for ch in dict.fromkeys(text) if ch in uncovered)
        if missing:
            shown = " ".join(f"'{ch}' U+{ord(ch):04X}" for ch in missing[:8]) + (" ..." if len(missing) > 8 else "")
            problems.append(Problem(
                f"no font covers {shown} in segment {key} (leaflet and deck would show boxes): {fix_hint(missing)}",
                path=where.path, line=where.line, locale=locale, key=key,
            ))
    return problems


def fix_hint(missing: str) -> str:
    """What to install or configure for characters of the scripts in `missing` (emoji: words instead, or the colour emoji font)."""
    from fontTools import unicodedata as fontdata  # -- only when a character is missing: importing fontTools costs every build --

    emoji = "".join(ch for ch in missing if is_emoji(ch))
    rest = "".join(ch for ch in missing if ch not in emoji)
    hints = []
    if emoji:
        what = ("it is an emoji" if len(emoji) == 1 else "they are emoji") if not rest else f"{' '.join(emoji[:8])} {'is an emoji' if len(emoji) == 1 else 'are emoji'}"
        hints.append(f"{what}, which the leaflet's fonts cannot print: "
                     "replace them with words (a patient and a screen reader both read words better), or install fonts-noto-color-emoji")
    scripts = sorted({_unify(fontdata.script(ch)) for ch in rest} - {"Zyyy", "Zinh", "Zzzz"})
    if rest and not scripts:
        hints.append("they are symbols: install fonts-noto-core (Noto Sans Symbols, Symbols 2 and Math), or replace them with words")
    for s in scripts:
        name = fontdata.script_name(s, default=s)
        package = "fonts-noto-cjk" if s in _CJK or s == "Hani" else "fonts-noto-core"
        hints.append(f"install {package} (a Noto font for {name}) or add a font to the theme: fonts: {{{s}: [path/to/font.ttf]}} in handouts.yml")
    return "; ".join(hints)


def is_emoji(ch: str) -> bool:
    """A pictograph that only an emoji font draws (Unicode's emoji blocks; not arrows, maths or the Dingbats Noto Sans Symbols covers)."""
    code = ord(ch)
    return unicodedata.category(ch) == "So" and (0x1F000 <= code <= 0x1FAFF or (0x2600 <= code <= 0x27BF and not _installed_font_covers(ch)))


def is_rtl_script(script: str) -> bool:
    """True for scripts written right to left."""
    return _unify(script) in RTL_SCRIPTS


def _unify(script: str) -> str:
    # Han variants, kana and hangul share the CJK fonts; one key is enough for configuration.
    return "Hani" if script in ("Hans", "Hant", "Jpan", "Kore", "Hani") else script


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def config_problems(config: Config, path: Path, lines: dict[tuple[object, ...], int]) -> list[Problem]:
    """`fonts:` entries naming a font file that is missing, outside the project, or not a font."""
    problems = []
    for script, entries in config.fonts.items():
        for i, entry in enumerate(entries):
            if not entry.lower().endswith(FONT_SUFFIXES):
                continue  # an installed family name: the coverage check says when it covers nothing
            found = _font_file(entry, config)
            line = lines.get(("fonts", script, i)) or lines.get(("fonts", script))
            if found is None and (link := link_problem(config.root / entry, config.root)):
                message = link.message
            elif found is None:
                where = ", ".join(str(b) for b in _font_roots(config))
                message = f"font file '{entry}' not found inside the project or a templates folder ({where}): fix the path (relative to the project root)"
            elif _family_of(found) is None:
                message = f"'{entry}' is not a font file HarfBuzz can read: replace it with a .ttf/.otf font"
            else:
                continue
            problems.append(Problem(message, path=path, line=line, key=f"fonts.{script}"))
    return problems


def _font_roots(config: Config) -> list[Path]:
    return [config.root.resolve(), *Theme(config).search_path]


def _font_file(entry: str, config: Config) -> Path | None:
    # -- only files inside the project or a templates folder: the leaflet can load nothing else,
    #    so a font elsewhere would pass the coverage check and still print boxes --
    for base in _font_roots(config):
        path = (base / entry).resolve()
        if path.is_file() and any(path.is_relative_to(root) for root in _font_roots(config)):
            return path
    return None


def _resolve(entry: str, script: str, config: Config) -> list[Font]:
    if entry.lower().endswith(FONT_SUFFIXES):
        path = _font_file(entry, config)
        family = _family_of(path) if path else None
        return [Font(family, path, _unify(script))] if path and family else []
    return [Font(entry, path, _unify(script)) for path in _installed_family(entry)]


@lru_cache(maxsize=64)
def hb_face(path: Path, index: int = 0) -> hb.Face:
    """A font file's face (the first of a collection unless index says), read once per process.

    HarfBuzz, not fontTools: it maps the file and reads the cmap and name tables in C, where
    fontTools decompiles them in Python (and importing its name table module pulls in every
    OpenType table class); the coverage check and the deck's measure share one face per file.
    """
    return hb.Face(hb.Blob.from_file_path(str(path)), index)


@lru_cache(maxsize=None)
def _cmap(path: Path) -> frozenset[int]:
    # -- HarfBuzz picks the cmap subtable fontTools' getBestCmap picks (checked on every installed font) --
    return frozenset(hb_face(path).unicodes)


FAMILY_NAME_IDS = (hb.OTNameIdPredefined.WWS_FAMILY, hb.OTNameIdPredefined.TYPOGRAPHIC_FAMILY, hb.OTNameIdPredefined.FONT_FAMILY)


@lru_cache(maxsize=None)
def _family_of(path: Path) -> str | None:
    """The family name of a font file (WWS, typographic, then legacy family: fontTools' getBestFamilyName); None when it is not a font."""
    try:
        face = hb_face(path)
    except hb.HarfBuzzError:  # -- the file cannot be opened --
        return None
    if face.glyph_count == 0:  # -- HarfBuzz gives a file that is not a font an empty face --
        return None
    return next((name for name_id in FAMILY_NAME_IDS if (name := face.get_name(name_id))), path.stem)


@lru_cache(maxsize=None)
def _installed_family(family: str) -> tuple[Path, ...]:
    out = _fc_list(family, "file")
    return tuple(sorted(Path(line.strip().rstrip(":")) for line in out.splitlines() if line.strip()))


@lru_cache(maxsize=None)
def _installed_font_covers(ch: str) -> bool:
    # fontconfig is what WeasyPrint falls back to; an installed font covering the character draws it.
    return bool(_fc_list(f":charset={ord(ch):x}", "family").strip())


def _fc_list(pattern: str, element: str) -> str:
    exe = shutil.which("fc-list")
    if not exe:
        return ""
    return subprocess.run([exe, pattern, element], capture_output=True, text=True, check=False).stdout


FACE_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")  # the faces a page may use: upright and italic, 400 and 700


def siblings(font: Font) -> list[Font]:
    """The other faces of a font's family that sit beside its file under the usual names (NotoSansCJK-Bold.ttc -> -Regular.ttc)."""
    prefix, _, style = font.path.stem.rpartition("-")
    if not prefix or style not in FACE_STYLES:
        return []
    found = (font.path.with_name(f"{prefix}-{other}{font.path.suffix}") for other in FACE_STYLES if other != style)
    return [Font(font.family, path, font.script) for path in found if path.is_file()]
