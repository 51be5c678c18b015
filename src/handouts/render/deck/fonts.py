"""The master's theme fonts (major/minor x latin/ea/cs) -> font files, found as LibreOffice finds them.

A family name is looked up in the project's `fonts:` files, then the vendored fonts of the
template folders, then fontconfig (`fc-match`), which is what LibreOffice asks too. fontconfig
answers every query with some font; only the family asked for, or a metric-compatible
substitute (Carlito for Calibri, Liberation Sans for Arial, ...: the table LibreOffice and
fontconfig's 30-metric-aliases.conf share), counts as found. Anything else is an error naming
the font and the fixes: install it, list it under `fonts:`, or replace it in the deck with
`slides.font_substitutes`. The locale's complex-script or East Asian slot takes the font `fonts:`
lists for the locale's script, or, when the master leaves it empty, the locale's font from
handouts.fonts (so the render does not depend on a fallback); either is written into the deck's
theme.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ...config import Config
from ...errors import Problem, TemplateError
from ...fonts import CJK_FAMILIES, FONT_SUFFIXES, _family_of, _installed_family, configured, hb_face, locale_script, stack

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SLOTS = ("latin", "ea", "cs")
METRIC_ALIASES = {
    "calibri": "carlito", "cambria": "caladea", "arial": "liberation sans", "helvetica": "liberation sans",
    "times new roman": "liberation serif", "times": "liberation serif", "courier new": "liberation mono",
    "arial narrow": "liberation sans narrow", "georgia": "gelasio",
}
# -- what to put in font_substitutes for a font that is not installed: its metric twin keeps the designer's line breaks --
TWINS = {"calibri": "Carlito", "calibri light": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans",
         "helvetica": "Liberation Sans", "times new roman": "Liberation Serif", "courier new": "Liberation Mono",
         "arial narrow": "Liberation Sans Narrow", "georgia": "Gelasio"}
WEAK = {"Zyyy", "Zinh", "Zzzz"}
CJK = {"Hani", "Hans", "Hant", "Hira", "Kana", "Hang", "Bopo", "Jpan", "Kore"}
COMPLEX = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Deva", "Beng", "Guru", "Gujr", "Taml", "Telu",
           "Knda", "Mlym", "Sinh", "Thai", "Laoo", "Khmr", "Mymr", "Tibt", "Ethi"}


def slot_of(script: str) -> str:
    """The theme font slot that draws a script: ea (East Asian), cs (complex) or latin."""
    return "ea" if script in CJK else "cs" if script in COMPLEX else "latin"


@dataclass(frozen=True)
class Face:
    """One font file (and face index in a collection) with the family it was found as."""

    path: Path
    index: int
    family: str


def theme_fonts(theme_xml: bytes) -> dict[tuple[str, str], str]:
    """(major|minor, latin|ea|cs) -> typeface from a theme part ('' when the slot is empty)."""
    root = etree.fromstring(theme_xml)
    out = {}
    for kind in ("major", "minor"):
        font = root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}Font")
        for slot in SLOTS:
            el = font.find(f"{{{A}}}{slot}") if font is not None else None
            out[(kind, slot)] = (el.get("typeface") or "").strip() if el is not None else ""
    return out


class DeckFonts:
    """The faces a deck's text renders with: (major, slot, bold, italic) -> Face, resolved once."""

    def __init__(self, names: dict[tuple[str, str], str], config: Config, folders: list[Path], master: Path) -> None:
        self.names, self.config, self.folders, self.master = dict(names), config, folders, master
        self._faces: dict[tuple[str, bool, bool], Face] = {}
        self.locale = ""
        self.infos: list[Problem] = []

    def fill_empty(self, locale: str, text: str = "") -> dict[tuple[str, str], str]:
        """Give the locale's cs/ea slot the font `fonts:` names for its script, or, when empty or without the letters of text
        in that slot, the locale's font; returns the slots changed."""
        self.locale = locale
        script = locale_script(locale)
        slot = slot_of(script)
        chosen = [f.family for f in configured(script, self.config)]
        letters = {ch for ch in set(text) if _script(ch) not in WEAK and slot_of(_script(ch)) == slot} if slot != "latin" else set()
        changed: dict[tuple[str, str], str] = {}
        replaced: dict[tuple[str, str], list[str]] = {}  # (master's family, the deck's) -> slots
        for kind in ("major", "minor") if slot != "latin" else ():
            current = self.family(kind, slot)
            if chosen or not self.names[(kind, slot)]:
                family = chosen[0] if chosen else self.locale_family(script)
            elif letters and self._lacks(current, letters) and not self._lacks(fallback := self.locale_family(script) or current, letters):
                family = fallback
                replaced.setdefault((current, family), []).append(f"{kind} {slot}")
            else:
                continue
            if family:
                self.names[(kind, slot)] = changed[(kind, slot)] = family
        for (current, family), used in replaced.items():
            name = _script_name(script)
            self.infos.append(Problem(f"the slide master's theme font '{current}' ({', '.join(used)}) has no {name} letters: the deck "
                                      f"uses '{family}' for them (written into its theme), as the leaflet does; name another under "
                                      f"fonts: {{{_config_key(script)}: [...]}} in handouts.yml", path=self.master, locale=locale))
        return changed

    def family(self, kind: str, slot: str) -> str:
        """The family a slot draws with: its own (the latin one when empty), after slides.font_substitutes."""
        family = self.names[(kind, slot)] or self.names[(kind, "latin")]
        return self.config.slides.font_substitutes.get(family, family)

    def _lacks(self, family: str, letters: set[str]) -> bool:
        """Whether an installed family misses any of the letters (a family not found lacks nothing here: problems() names it)."""
        face = self.find(family, False, False)
        return face is not None and any(ord(ch) not in hb_face(face.path, face.index).unicodes for ch in letters)

    def problems(self, locale: str) -> list[Problem]:
        """One problem per theme font the locale's deck needs (latin, and its script's slot) that is not found, all at once."""
        slots = ["latin"] + [s for s in (slot_of(locale_script(locale)),) if s != "latin"]
        missing: dict[str, list[str]] = {}
        for slot in slots:
            for kind in ("major", "minor"):
                if slot != "latin" and not self.names[(kind, slot)]:
                    continue  # -- drawn by the latin font, named there --
                family = self.family(kind, slot)
                if family and self.find(family, False, False) is None:
                    missing.setdefault(family, []).append(f"{kind} {slot}")
        return [self.missing(family, used, locale) for family, used in missing.items()]

    def missing(self, family: str, used: list[str], locale: str) -> Problem:
        """A theme font that is not installed: where the master uses it and a substitute that can draw that slot."""
        ea = any(u.endswith(" ea") for u in used)
        cs = any(u.endswith(" cs") for u in used)
        script = locale_script(locale)
        if ea:
            twin = CJK_FAMILIES.get(script, "Noto Sans CJK SC")
        elif cs:
            twin = self.locale_family(script) or f"Noto Sans {_script_name(script)}"
        else:
            twin = TWINS.get(family.casefold(), "Noto Sans")
        installed = bool(_installed_family(twin)) or twin in ("Noto Sans",)
        hint = "" if installed else f" (install {twin} first)"
        return Problem(
            f"the slide master's theme font '{family}' ({', '.join(used)}) is not installed, so the deck cannot be measured as it will "
            f"render: install it (fc-list shows what is installed), list its files under fonts: in handouts.yml, or replace it in "
            f"the deck with slides: {{font_substitutes: {{'{family}': {twin}}}}}{hint}",
            path=self.master, locale=locale if (ea or cs) else None)

    def locale_family(self, script: str) -> str | None:
        """The locale's first font family (configured, vendored, else fontconfig's for the script's language)."""
        fonts = stack(f"und-{script}", self.config)
        own = [f for f in fonts if f.script == ("Hani" if script in CJK else script)]
        if own:
            return own[0].family
        lang = {"Hani": "zh-cn", "Hans": "zh-cn", "Hant": "zh-tw", "Jpan": "ja", "Hira": "ja", "Kana": "ja", "Kore": "ko",
                "Hang": "ko", "Hebr": "he", "Arab": "ar", "Deva": "hi", "Thai": "th"}.get(script)
        found = _fc_match(f":lang={lang}") if lang else None
        return found.family if found else None

    def face(self, major: bool, slot: str, bold: bool, italic: bool) -> Face:
        """The face for a slot; an empty slot (and a slot whose family is the latin one) falls back to latin."""
        kind = "major" if major else "minor"
        family = self.family(kind, slot)
        key = (family, bold, italic)
        if key not in self._faces:
            found = self.find(family, bold, italic)
            if found is None:
                raise TemplateError(self.missing(family, [f"{kind} {slot}"], self.locale or "en"))
            self._faces[key] = found
        return self._faces[key]

    def find(self, family: str, bold: bool, italic: bool) -> Face | None:
        """A family's file: project fonts, vendored fonts, then fontconfig; the regular face when no styled one exists."""
        for want_bold, want_italic in dict.fromkeys([(bold, italic), (bold, False), (False, False)]):
            for path in self._local_files():
                if (_family_of(path) or "").casefold() == family.casefold() and _style(path) == (want_bold, want_italic):
                    return Face(path, 0, family)
        style = (":weight=bold" if bold else "") + (":slant=italic" if italic else "")
        found = _fc_match(f"{family}{style}")
        if found and _same(family, found.family):
            return found
        return None

    def _local_files(self) -> list[Path]:
        files = [f.path for script in self.config.fonts for f in configured(script, self.config) if f.path.suffix.lower() in FONT_SUFFIXES]
        for folder in self.folders:
            files += sorted(p for p in (folder / "fonts").glob("*") if p.suffix.lower() in FONT_SUFFIXES)
        return files


def suggested(script: str, locale: str) -> str:
    """An installable family that draws a script: the locale's Noto Sans CJK face for Han and kana, else Noto Sans <script>."""
    if script in CJK or script == "Hani":
        return CJK_FAMILIES.get(locale_script(locale), "Noto Sans CJK SC")
    if slot_of(script) == "latin":
        return "Noto Sans"
    return f"Noto Sans {_script_name(script)}"


def _config_key(script: str) -> str:
    return "Hani" if script in CJK else script


@lru_cache(maxsize=None)
def _script(ch: str) -> str:
    from fontTools import unicodedata as fontdata

    return fontdata.script(ch)


def _script_name(script: str) -> str:
    from fontTools import unicodedata as fontdata

    return fontdata.script_name(script, default=script)


def _same(asked: str, got: str) -> bool:
    a, g = asked.casefold(), got.casefold()
    return a == g or METRIC_ALIASES.get(a) == g


@lru_cache(maxsize=None)
def _style(path: Path) -> tuple[bool, bool]:
    # -- OS/2 fsSelection (uint16 at 62): bit 5 bold, bit 0 italic --
    (sel,) = struct.unpack_from(">H", hb_face(path).reference_table("OS/2").data, 62)
    return bool(sel & 0x20), bool(sel & 0x01)


@lru_cache(maxsize=None)
def _fc_match(pattern: str) -> Face | None:
    exe = shutil.which("fc-match")
    if not exe:
        return None
    out = subprocess.run([exe, "-f", "%{family[0]}|%{file}|%{index}", pattern], capture_output=True, text=True, check=False).stdout
    parts = out.split("|")
    if len(parts) != 3 or not parts[1]:
        return None
    return Face(Path(parts[1]), int(parts[2] or 0), parts[0])


def write_theme_fonts(theme_xml: bytes, changed: dict[tuple[str, str], str]) -> bytes:
    """The theme part with the given slots' typefaces set."""
    root = etree.fromstring(theme_xml)
    for (kind, slot), family in changed.items():
        el = root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}Font/{{{A}}}{slot}")
        if el is not None:
            el.set("typeface", family)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
