"""Text -> the invisible direction controls in it that could reorder what is printed (refused in content and translations).

What is refused, and why (docs/hardening.md, "Invisible characters"):
- embeddings and overrides (U+202A-U+202E) everywhere: an override prints the text after it backwards
  ("01 tablets" as "stelbat 10"); the renderers set each locale's direction, and Unicode recommends isolates
  over embeddings, so no text needs them;
- in a left-to-right language, every control that makes text right-to-left or isolates it (U+2066-U+2069,
  the right-to-left mark U+200F and the Arabic letter mark U+061C): there they can only swap words and numbers
  ("Take \u200f1 \u200f2" prints "Take 2 1"); the left-to-right mark U+200E changes nothing there and is allowed;
- in a right-to-left language the marks are allowed (translators need them next to numbers and Latin words), and
  isolates when each one opened is closed (PDI) in the same text: an isolate cannot reach past its close.
Zero-width spaces and joiners and soft hyphens never reorder anything and are allowed (ZWJ/ZWNJ are part of
Persian and Indic spelling, ZWSP marks word breaks in Thai or Khmer).
"""

from __future__ import annotations

from dataclasses import dataclass

NAMES = {
    "\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding", "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override", "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate", "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\u200e": "left-to-right mark", "\u200f": "right-to-left mark", "\u061c": "Arabic letter mark",
}
EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
OPEN_ISOLATES = frozenset("\u2066\u2067\u2068")
CLOSE_ISOLATE = "\u2069"
RTL_MARKS = frozenset("\u200f\u061c")
CONTEXT = 24  # characters of visible text shown beside a control


@dataclass(frozen=True)
class Control:
    """One refused control character: the character, its offset in the text, and why it is refused."""

    char: str
    offset: int
    why: str = ""

    def name(self) -> str:
        """'right-to-left override (U+202E)'."""
        return f"{NAMES[self.char]} (U+{ord(self.char):04X})"


def refused_controls(text: str, rtl: bool) -> list[Control]:
    """The direction controls of one text (a field or a translation) that reorder it, in order."""
    if not any(ch in NAMES for ch in text):
        return []
    out: list[Control] = []
    open_isolates: list[int] = []
    for i, ch in enumerate(text):
        if ch in EMBEDDINGS:
            out.append(Control(ch, i))
        elif ch in OPEN_ISOLATES or ch == CLOSE_ISOLATE:
            if not rtl:
                out.append(Control(ch, i))
            elif ch in OPEN_ISOLATES:
                open_isolates.append(i)
            elif open_isolates:
                open_isolates.pop()
            else:
                out.append(Control(ch, i, "which closes no isolate"))
        elif ch in RTL_MARKS and not rtl:
            out.append(Control(ch, i))
    out += [Control(text[i], i, "which is never closed by a pop directional isolate (U+2069)") for i in open_isolates]
    return sorted(out, key=lambda c: c.offset)


def describe(text: str, controls: list[Control]) -> str:
    """'contains an invisible right-to-left override (U+202E) before "01 tablets" ...: delete it' for one text."""
    parts = [f"an invisible {c.name()}{f' {c.why}' if c.why else ''} {_around(text, c.offset)}" for c in controls[:3]]
    more = f" and {len(controls) - 3} more" if len(controls) > 3 else ""
    effect = ""
    override = next((c for c in controls if c.char == "\u202e"), None)
    if override is not None:
        run = _visible(_run(text, override.offset))
        if run.strip():
            effect = f" (it prints \"{run.strip()}\" backwards, as \"{run.strip()[::-1]}\")"
    it = "it" if len(controls) == 1 else "them"
    return f"contains {_join(parts)}{more}{effect}: delete {it}"


def _around(text: str, offset: int) -> str:
    """Where a control is, in words a reader can find: the visible text up to the next control (or before it, at the end)."""
    after = _words(_until_control(text[offset + 1:]), CONTEXT)
    before = _words(_until_control(text[:offset][::-1])[::-1], -CONTEXT)
    if after:
        return f"before \"{after}\""
    if before:
        return f"after \"{before}\""
    return "in an otherwise empty text"


def _run(text: str, offset: int) -> str:
    """The text an override at offset governs: up to its pop directional formatting or the end of the line."""
    end = len(text)
    for stop in ("\u202c", "\n"):
        found = text.find(stop, offset + 1)
        if found != -1:
            end = min(end, found)
    return text[offset + 1:end]


def _until_control(text: str) -> str:
    return next((text[:i] for i, ch in enumerate(text) if ch in NAMES), text).replace("\n", " ")


def _words(text: str, n: int) -> str:
    """At most |n| characters of text, cut at a space: from the start (n > 0) or the end (n < 0)."""
    text = text.strip()
    if len(text) <= abs(n):
        return text
    cut = text[:n] if n > 0 else text[n:]
    if n > 0 and " " in cut:
        cut = cut[: cut.rfind(" ")]
    elif n < 0 and " " in cut:
        cut = cut[cut.find(" ") + 1:]
    return cut + "…" if n > 0 else "…" + cut


def _visible(text: str) -> str:
    return "".join(ch for ch in text if ch not in NAMES).replace("\n", " ")


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
