"""Request path -> a file inside the output folder, or None: the one place that decides what the server may read.

A request is refused (None, answered 404) unless, decoded once, it is a plain relative path of
ordinary names: no `..` or `.` segment, no backslash, NUL or control character, no `%` left
after decoding (a double-encoded `%252e%252e`), no empty segment (`//etc`), no hidden name
(`.handouts-journal.json`, staging folders), and its real path (symlinks followed) is a regular
file inside the output folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\%:]")


def segments(raw: str) -> list[str] | None:
    """The decoded path segments of a request target ('/a/b.html?x' -> ['a', 'b.html']); None when it is not a plain path."""
    if not raw.startswith("/") or raw.startswith("//"):
        return None  # absolute-form (http://host/...) or a network path
    path = urlsplit(raw).path
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if _FORBIDDEN.search(decoded):
        return None
    parts = decoded.split("/")[1:]
    if parts and parts[-1] == "":
        parts = parts[:-1]  # a trailing slash: the folder itself
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None
    return parts


def confined(root: Path, parts: list[str]) -> Path | None:
    """The real path of root/parts if it exists inside root (symlinks followed): a regular file or a folder."""
    base = root.resolve()
    try:
        path = base.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(base) or not (path.is_file() or path.is_dir()):
        return None
    return path


def resolve(root: Path, raw: str) -> Path | None:
    """The file a request names inside root (a folder's index.html), or None: answer 404."""
    parts = segments(raw)
    path = None if parts is None else confined(root, parts)
    if path is not None and path.is_dir():
        path = confined(root, [*parts, "index.html"]) if parts is not None else None
    return path if path is not None and path.is_file() else None
