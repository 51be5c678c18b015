"""pydantic's validation errors + the model and the file's lines -> Problems with file, line and key that say what to write."""

from __future__ import annotations

import re
import types
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .errors import Problem
from .yamlmessages import date_message

Lines = dict[tuple[str | int, ...], int]
_NUMBER = {"float_parsing": "a number", "float_type": "a number", "int_parsing": "a whole number", "int_type": "a whole number", "int_from_float": "a whole number"}
_BOUND = {"greater_than": "more than {}", "greater_than_equal": "at least {}", "less_than": "less than {}", "less_than_equal": "at most {}"}


def validation_problems(exc: ValidationError, path: Path, lines: Lines, model: type[BaseModel] | None = None) -> list[Problem]:
    """Turn pydantic's errors into Problems with file, line and key, one per error (model: what was validated, for keys and defaults)."""
    source = _Source(path)
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        matched, line = _match(lines, loc)
        if loc and (not matched or matched[-1] != loc[-1]):
            matched.append(loc[-1])
        key = ".".join(str(p) for p in matched)
        target, info = _at(model, loc) if model else (None, None)
        parent = _at(model, loc[:-1])[0] if model and loc else None
        raw = source.value(line, loc[-1]) if loc and isinstance(loc[-1], str) else None
        message = explain(err, _Where(loc, target, info, parent, raw))
        problems.append(Problem(message, path=path, line=line, key=key or None))
    return problems


class _Where:
    """What is known about the place of one error: its loc, the type and field expected there, its parent type, the value as written."""

    def __init__(self, loc: tuple[Any, ...], target: Any, info: FieldInfo | None, parent: Any, raw: str | None) -> None:
        self.loc, self.target, self.info, self.parent, self.raw = loc, target, info, parent, raw
        self.name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
        self.label = f"item {loc[-1] + 1} of '{self.name}'" if loc and isinstance(loc[-1], int) else f"'{self.name}'"

    @property
    def optional(self) -> bool:
        return self.info is not None and not self.info.is_required()

    def example(self) -> str:
        """`name: default` when the field has a plain default, else ''."""
        default = self.info.default if self.info is not None else None
        if isinstance(default, (int, float, str)) and not isinstance(default, bool) and default != "":
            return f", e.g. {self.name}: {default}"
        return ""


def explain(err: Any, at: _Where) -> str:
    """One error as a sentence saying what is wrong with the value and what to write instead."""
    kind, value, label, name = err["type"], err.get("input"), at.label, at.name
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        near = _near(str(at.loc[-1]), _fields(at.parent))
        return f"unknown key '{at.loc[-1]}': did you mean '{near}'? Correct it or remove it" if near else f"unknown key '{at.loc[-1]}': remove it or check its spelling"
    if kind == "missing":
        return f"required field '{at.loc[-1]}' is missing: add it"
    if kind in ("dict_type", "model_type"):
        keys = ", ".join(f"`{k}: ...`" for k in _fields(at.target)[:2]) or "`key: value` lines"
        if value is None:
            return f"{label} is empty: write its keys under it, indented ({keys})" + (f", or remove the line '{name}:' to keep the defaults" if at.optional else "")
        if isinstance(value, list):
            return f"{label} must be a mapping ({keys}), not a list: remove the '- ' in front of its keys"
        return f"{label} must be a mapping ({keys}), not {_shown(value)}: write its keys on the lines below it, indented"
    if kind == "list_type":
        if value is None:
            return f"{label} is empty: write its items on the lines below it, each starting with '- '" + (f", or remove the line '{name}:'" if at.optional else "")
        if isinstance(value, dict):
            return f"{label} must be a list, not a mapping: start each item with '- '"
        if isinstance(value, str) and len(value) > 60:
            return f"{label} must be a list, not one text: write each item on its own line below it, starting with '- '"
        items = [p.strip() for p in re.split(r"[,;]", _bare(at.raw) or str(value)) if p.strip()] or [str(value)]
        return f"{label} must be a list, not {_shown(value)}: write a list: `{name}: [{', '.join(items)}]`"
    if kind == "string_type":
        return _not_text(value, at)
    if kind in _NUMBER:
        return f"{label} must be {_NUMBER[kind]}, not {_shown(value)}: write digits{at.example()}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{label} must be true or false, not {_shown(value)}"
    if kind == "literal_error":
        choices = [str(c) for c in get_args(at.target)] if get_origin(at.target) is Literal else []
        near = _near(str(value), choices) if isinstance(value, str) else None
        hint = f" (did you mean {near}?)" if near else ""
        return f"{label} is {_shown(value)}{hint}: write one of {ctx.get('expected', ', '.join(choices))}"
    if kind in _BOUND:
        bound = next(iter(ctx.values()), "")
        return f"{label} is {_shown(value)}: it must be {_BOUND[kind].format(bound)}{at.example()}"
    if kind == "too_short":
        return f"'{at.loc[-1]}' needs at least one item: add one"
    if kind == "string_too_short":
        return f"'{at.loc[-1]}' is empty: write it"
    if kind.startswith(("date_", "datetime_")):
        real = date_message(value, name) if isinstance(value, str) else None
        return real or f"{label} {_shown(value)} is not a date: write the date as YYYY-MM-DD, e.g. 2026-12-03"
    if kind == "block_kind" and isinstance(value, dict):
        from .model import BLOCK_KEYS

        near = next((n for k in value if (n := _near(str(k), list(BLOCK_KEYS)))), None)
        return str(err["msg"]) + (f": did you mean '{near}'?" if near else "")
    return str(err["msg"])


def _not_text(value: Any, at: _Where) -> str:
    """string_type: a value YAML read as empty, a number, true/false, a list or a mapping where text belongs."""
    label, name, written = at.label, at.name, _bare(at.raw)
    if value is None:
        comment = re.match(r"#\S*", at.raw or "")
        if comment:
            return f"{label} is empty because YAML reads ' #' as the start of a comment: quote it: {name}: '{comment.group()}'"
        return f"{label} is empty: write it after '{name}:'"
    if isinstance(value, bool):
        return f"{label} must be text, but YAML reads {written or value} as true or false: write it in quotes, e.g. {name}: \"{written or value}\""
    if isinstance(value, (int, float)):
        digits = written if written and re.fullmatch(r"[-+0-9._eE:]+", written) else value
        return f"{label} must be text, but YAML reads {digits} as a number: write it in quotes so that YAML keeps it as text, e.g. {name}: \"{digits}\""
    return f"{label} must be text, not {_shown(value)}: write it on one line after '{name}:'"


def _bare(raw: str | None) -> str | None:
    """A value as written, without a trailing comment."""
    return None if raw is None else re.sub(r"(^|\s+)#.*$", "", raw).strip()


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    return str(value)


def _near(value: str, choices: list[str]) -> str | None:
    """The choice a mistyped value most likely meant (case-insensitive, difflib), as the CLI suggests options."""
    norm = {c.lower(): c for c in choices}
    if value.lower() in norm and norm[value.lower()] != value:
        return norm[value.lower()]
    near = get_close_matches(value.lower(), list(norm), n=1, cutoff=0.75)
    return norm[near[0]] if near and norm[near[0]] != value else None


def _fields(tp: Any) -> list[str]:
    """The keys a model accepts, required ones first; [] for anything else."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        fields = tp.model_fields
        return sorted(fields, key=lambda k: not fields[k].is_required())
    return []


def _strip(tp: Any) -> Any:
    """The type under Annotated and Optional."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType) and len(arms := [a for a in get_args(tp) if a is not type(None)]) == 1:
            tp = arms[0]
        else:
            return tp


def _at(model: Any, loc: tuple[Any, ...]) -> tuple[Any, FieldInfo | None]:
    """The type expected at a pydantic loc inside model (union arms chosen by their tag), and its field; (None, None) when lost."""
    tp, info = model, None
    for part in loc:
        tp = _strip(tp)
        origin = get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
            info = tp.model_fields[part]
            tp = info.annotation
        elif origin in (list, tuple, set, frozenset) and isinstance(part, int):
            tp, info = get_args(tp)[0], None
        elif origin is dict:
            tp, info = get_args(tp)[1], None
        elif origin in (Union, types.UnionType):
            arm = next((a for a in get_args(tp) if get_origin(a) is Annotated and any(getattr(m, "tag", None) == part for m in a.__metadata__)), None)
            if arm is None:
                return None, None
            tp = arm
        else:
            return None, None
    return _strip(tp), info


def _match(lines: Lines, loc: tuple[Any, ...]) -> tuple[list[Any], int | None]:
    # -- the deepest known prefix of a pydantic loc (which may carry union tags) and its line --
    path: list[Any] = []
    best = lines.get((), None)
    for part in loc:
        trial = tuple(path + [part])
        if trial in lines:
            path.append(part)
            best = lines[trial]
    return path, best


class _Source:
    """The file's text, read once when a message needs a value as written (a number's digits, a '#' YAML took as a comment)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: list[str] | None = None

    def value(self, line: int | None, key: str) -> str | None:
        """What follows `key:` on a line, comment included ('' when nothing does); None when the line does not hold the key."""
        if line is None:
            return None
        if self._lines is None:
            try:
                self._lines = self.path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines = []
        row = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        match = re.search(rf"(?:^|[\s{{,\-])['\"]?{re.escape(key)}['\"]?\s*:(?:\s+(.*?))?\s*$", row)
        return None if match is None else (match.group(1) or "")
