"""A PO catalog -> the reviewers' numbers waivers in it (translator comment `handouts: numbers-ok <fingerprint> — <reason>`).

A waiver accepts one segment's numbers as they are translated. It names the source text it
was given for by a fingerprint (the first 8 hex digits of the SHA-256 of the msgid), so it
expires by itself when the source segment changes; the check prints the fingerprint to use.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MARK = "numbers-ok"
WRAP = 76  # the narrowest width PO tools wrap comments at: a line that would not have fitted is a wrapped one
_WAIVER = re.compile(r"handouts:\s*numbers-ok\b\s*(?P<fp>[0-9a-fA-F]{8}\b)?\s*(?:[—–:-]+\s*)?(?P<reason>.*)$")


@dataclass(frozen=True)
class Waiver:
    """One segment's waiver: where it is, the source fingerprint it was given for, and why."""

    context: str
    path: Path
    line: int | None
    fingerprint: str
    reason: str

    def applies(self, source_text: str) -> bool:
        """Whether it is complete and was given for this source text."""
        return bool(self.reason) and self.fingerprint.lower() == fingerprint(source_text)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for the manifest)."""
        return {"segment": self.context, "path": str(self.path), "line": self.line, "fingerprint": self.fingerprint, "reason": self.reason}


def applying(doc: Any, folder: Path, locale: str, root: Path) -> list[dict[str, Any]]:
    """The waivers of one document's catalog in one locale that still apply (source unchanged), as manifest entries."""
    from ..i18n.catalog import po_path
    from .findings import relative

    sources = {s.context: s.text for s in doc.segments()}
    return [{**w.to_dict(), "path": relative(w.path, root)} for c, w in sorted(waivers_in(po_path(folder, locale)).items())
            if c in sources and w.applies(sources[c])]


def fingerprint(source_text: str) -> str:
    """The 8-hex-digit fingerprint of a source segment (its msgid)."""
    return hashlib.sha256(source_text.encode("utf-8")).hexdigest()[:8]


def waivers_in(path: Path) -> dict[str, Waiver]:
    """Waivers of one catalog by segment context (read only when the file mentions one)."""
    try:
        stat = path.stat()
    except OSError:
        return {}
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1024)
def _read(path: Path, mtime: int, size: int) -> dict[str, Waiver]:
    text = path.read_bytes()
    if MARK.encode() not in text:
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh)
    out: dict[str, Waiver] = {}
    for message in catalog:
        comments = [c.strip() for c in message.user_comments]
        for i, comment in enumerate(comments):
            m = _WAIVER.search(comment)
            if m and message.context:
                reason = " ".join([m.group("reason").strip(), *_continued(comments[i:])]).strip()
                out[str(message.context)] = Waiver(str(message.context), path, message.lineno, (m.group("fp") or "").lower(), reason)
    return out


def _continued(comments: list[str]) -> list[str]:
    """The comment lines after comments[0] that a PO editor wrapped off it (polib at 78 columns, Babel at 76, Poedit at 79)."""
    out: list[str] = []
    for before, line in zip(comments, comments[1:]):
        word = line.split(" ", 1)[0]
        if not line or "handouts:" in line or len(f"# {before} {word}") <= WRAP:
            break  # -- the line would have fitted after the one before: a comment of its own, not a wrapped reason --
        out.append(line)
    return out
