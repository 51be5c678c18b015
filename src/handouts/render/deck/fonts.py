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
from ...fonts import FONT_SUFFIXES, _family_of, configured, hb_face, locale_script, stack

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SLOTS = ("latin", "ea", "cs")
METRIC_ALIASES = {
    "calibri": "carlito", "cambria": "caladea", "arial": "liberation sans", "helvetica": "liberation sans",
    "times new roman": "liberation serif", "times": "liberation serif", "courier new": "liberation mono",
    "arial narrow": "liberation sans narrow", "georgia": "gelasio",
}
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

    def fill_empty(self, locale: str) -> dict[tuple[str, str], str]:
        """Give the locale's cs/ea slot the font `fonts:` names for its script, or, when empty, the locale's font; returns the slots changed."""
        script = locale_script(locale)
        slot = slot_of(script)
        chosen = [f.family for f in configured(script, self.config)]
        changed = {}
        for kind in ("major", "minor"):
            if slot != "latin" and (chosen or not self.names[(kind, slot)]):
                family = chosen[0] if chosen else self.locale_family(script)
                if family:
                    self.names[(kind, slot)] = changed[(kind, slot)] = family
        return changed

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
        family = self.names[(kind, slot)] or self.names[(kind, "latin")]
        family = self.config.slides.font_substitutes.get(family, family)
        key = (family, bold, italic)
        if key not in self._faces:
            found = self.find(family, bold, italic)
            if found is None:
                raise TemplateError(Problem(
                    f"the slide master's theme font '{family}' ({kind} {slot}) is not installed, so the deck cannot be measured as it will "
                    f"render: install it (fc-list shows what is installed), list its files under fonts: in handouts.yml, or replace it in "
                    f"the deck with slides: {{font_substitutes: {{'{family}': Noto Sans}}}}", path=self.master))
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
