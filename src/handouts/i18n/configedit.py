"""handouts.yml text + one setting to add -> the new text, with every comment and the layout kept.

The file is edited as text (a YAML dump would drop the user's comments); every edit is checked by
parsing the result: the one setting changed and nothing else, or a ConfigError and nothing written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..config import CONFIG_NAME
from ..errors import ConfigError, Problem

HEADER = "# Project settings for handouts. Every key is documented in README.md (\"Configuration\").\n"


def add_locale(text: str, code: str, source_locale: str, path: Path) -> str:
    """The config text with `code` appended to `locales:` (flow `[a, b]` or block `- a` style)."""
    data = _data(text, path)
    lines = text.splitlines(keepends=True)
    at = _key_line(lines, "locales")
    if at is None:
        new = _append(text, f"locales: [{source_locale}, {code}]\n")
    elif "[" in lines[at]:
        end = next((i for i in range(at, len(lines)) if "]" in _code(lines[i])), None)
        if end is None:
            raise _cannot(path, at, code)
        line = lines[end]
        close = _code(line).rindex("]")
        before = line[:close].rstrip()
        sep = "" if before.endswith("[") else ", "
        lines[end] = f"{before}{sep}{code}{line[close:]}"
        new = "".join(lines)
    else:
        block = []
        for i in range(at + 1, len(lines)):
            if lines[i].strip() and not lines[i].startswith((" ", "\t", "-", "#")):
                break  # the next top-level key
            if re.match(r"\s*- ", lines[i]):
                block.append(i)
        if not block:
            raise _cannot(path, at, code)
        last = block[-1]
        indent = re.match(r"(\s*)- ", lines[last]).group(1)  # type: ignore[union-attr]
        lines.insert(last + 1, f"{indent}- {code}\n" if lines[last].endswith("\n") else f"\n{indent}- {code}")
        new = "".join(lines)
    expected = dict(data)
    expected["locales"] = [*(data.get("locales") or [source_locale]), code]
    _verify(new, expected, path, at, code)
    return new


def set_templates_dir(text: str, folder: str, path: Path) -> str:
    """The config text with `templates_dir: folder` added after the other paths (or at the end)."""
    data = _data(text, path)
    lines = text.splitlines(keepends=True)
    after = [i for key in ("output_dir", "content_dir") if (i := _key_line(lines, key)) is not None]
    line = f"templates_dir: {folder}  # your templates and template-word catalogs (set by handouts i18n)\n"
    if after and _code(lines[max(after)]).rstrip().endswith(("[", "{", "|", ">")):
        after = []  # -- a multi-line value: appending at the end is the safe place --
    if after:
        lines.insert(max(after) + 1, line)
        new = "".join(lines)
    else:
        new = _append(text, line)
    _verify(new, {**data, "templates_dir": folder}, path, None, folder)
    return new


def new_config(source_locale: str) -> str:
    """A minimal handouts.yml for a project that had none."""
    return HEADER + f"source_locale: {source_locale}\nlocales: [{source_locale}]\n"


def _data(text: str, path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError):  # -- also a value it cannot build: 2026-02-30 --
        raise ConfigError(Problem("cannot edit the config: it is not valid YAML; fix it first (`handouts check` says where)", path=path)) from None
    if not isinstance(data, dict):
        raise ConfigError(Problem("cannot edit the config: it must be a mapping of settings", path=path, line=1))
    return data


def _key_line(lines: list[str], key: str) -> int | None:
    """Index of the line holding a top-level key."""
    return next((i for i, ln in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:", ln)), None)


def _code(line: str) -> str:
    """A line without its trailing comment (a `#` outside quotes)."""
    out, quote = [], ""
    for ch in line:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            break
        out.append(ch)
    return "".join(out)


def _append(text: str, line: str) -> str:
    return text + ("" if not text or text.endswith("\n") else "\n") + line


def _verify(new: str, expected: dict[str, Any], path: Path, at: int | None, what: str) -> None:
    try:
        got = yaml.safe_load(new)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
        got = None
    if got != expected:
        raise _cannot(path, at, what)


def _cannot(path: Path, at: int | None, what: str) -> ConfigError:
    return ConfigError(Problem(
        f"cannot add '{what}' to {CONFIG_NAME} without changing its layout: add it there yourself and run the command again",
        path=path, line=at + 1 if at is not None else None,
    ))
