"""What PyYAML refuses (a syntax error, a value it cannot build such as 2026-02-30) -> a Problem saying where and what to write."""

from __future__ import annotations

import calendar
import re
from pathlib import Path

import yaml

from .errors import Problem

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_TAG_WHAT = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "empty (null)", "timestamp": "a date", "binary": "binary data"}
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[Tt ])")
_MAX_DIGITS = 4300  # -- Python refuses to read longer integers (int_max_str_digits): YAML's int() raises --


def date_message(value: str, name: str | None) -> str | None:
    """Why YYYY-MM-DD text is not a real date (month 13, 30 February), as a message with the fix; None when it is one."""
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    label = f"'{name}' {value.strip()}" if name else value.strip()
    if year == 0:
        why = "there is no year 0"
    elif not 1 <= month <= 12:
        swapped = f"; if you meant {day} {_month(day)}, write {year:04d}-{day:02d}-{month:02d}" if 1 <= day <= 12 else ""
        why = f"there is no month {month}: months go from 01 to 12{swapped}"
    elif not 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        why = "days start at 01" if day == 0 else f"{_month(month)} has {days} days" + (f" in {year}" if month == 2 else "")
    else:
        return None
    return f"{label} is not a real date ({why}): write a real date as YYYY-MM-DD"


def _month(month: int) -> str:
    from babel.dates import get_month_names

    return str(get_month_names("wide", locale="en")[month])


def scalar_problem(node: yaml.ScalarNode, name: str | None, explicit: bool, path: Path, key: str | None) -> Problem:
    """A value YAML recognised as a date or number (or that carries a !!tag) but cannot build."""
    value = str(node.value)
    kind = node.tag.rsplit(":", 1)[-1]
    where = {"path": path, "line": node.start_mark.line + 1, "column": node.start_mark.column + 1, "key": key}
    label = f"'{name}' " if name else ""
    if kind == "timestamp" and (message := date_message(value, name)):
        return Problem(message, **where)  # type: ignore[arg-type]
    if explicit:
        return Problem(f"{label}'{value}' cannot be read as {_TAG_WHAT.get(kind, kind)} as its tag !!{kind} asks: remove the tag, or write a value of that kind", **where)  # type: ignore[arg-type]
    if kind == "int" and len(value) > _MAX_DIGITS:
        return Problem(f"{label}is a number of {len(value):,} digits, too long to be a real value: shorten it, or put it in quotes if it is text", **where)  # type: ignore[arg-type]
    what = "a date and time" if kind == "timestamp" else _TAG_WHAT.get(kind, kind)
    return Problem(f"{label}'{value}' looks like {what} to YAML but is not a valid one: correct it, or put it in quotes if it is text", **where)  # type: ignore[arg-type]


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: Path) -> Problem:
    """A scanner or parser error as the line to fix (where a quote or bracket opens, not only where YAML gave up) and what to do."""
    problem, context = exc.problem or "", exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    at = pm or cm
    lines = text.splitlines()

    def char(mark: yaml.Mark | None, offset: int = 0) -> str:
        if mark is None or mark.line >= len(lines):
            return ""
        row, col = lines[mark.line], mark.column + offset
        return row[col] if 0 <= col < len(row) else ""

    def made(message: str, mark: yaml.Mark | None = at) -> Problem:
        return Problem(f"malformed YAML: {message}", path=path,
                       line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)

    failed = f"line {pm.line + 1}" if pm else "further down"
    if "quoted scalar" in context and "end of stream" in problem and cm:
        quote = char(cm) or '"'
        return made(f"the quote {quote} opened here is never closed (YAML read on to the end of the file, {failed}): "
                    f"close the quote: end the text with {quote}", cm)
    opened = _quote_closed_late(text, pm)
    if opened is not None:
        quote = char(opened) or '"'
        return made(f"the quote {quote} opened here is closed only on {failed}, where YAML then failed ({problem}): "
                    f"close the quote on this line", opened)
    if "flow sequence" in context or "flow mapping" in context:
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return made(f"the {bracket} opened here is not closed before {failed}: add the closing {closing} "
                    f"(and a comma between items), or put the value in quotes if the {bracket} is part of the text", cm or at)
    if "cannot start any token" in problem or "tab character" in problem:
        found = char(pm)
        if found == "\t" or "tab character" in problem:
            return made("a tab character: YAML indents with spaces only; replace the tab with spaces")
        return made(f"a value cannot start with {found or 'this character'} in YAML: put the value in quotes, e.g. '{found}...'")
    if "alias" in context or "undefined alias" in problem:
        return made("a value cannot start with * in YAML (it reads it as an alias): put the value in quotes, e.g. '*...'")
    if "escape" in problem:
        return made(f"'\\{char(pm, 1) if char(pm) == chr(92) else char(pm)}' is not an escape YAML knows inside double quotes: use single quotes for the text, or write \\\\ for a backslash")
    if "constructor for the tag" in problem:
        tag = problem.rsplit(" ", 1)[-1]
        return made(f"YAML tags such as {tag} are not allowed: remove the tag and write the value alone")
    if "mapping values are not allowed" in problem:
        return made("a ': ' where YAML does not expect a key: if the value contains ': ', put the whole value in quotes "
                    "(e.g. title: \"Dose: 2 tablets\"); if this line is a key, line it up with the keys above it")
    if "expected key" in problem and _after_quote(lines, pm):
        return made("text after a closing quote: put the whole value in single quotes (a ' inside is written ''), "
                    "or write \\\" for a quote inside double quotes")
    if "simple key" in context and cm:
        return made("this line is neither 'key: value' nor a list item: add the key and ': ' in front, "
                    "or join it to the text on the line above", cm)
    if "expected key" in problem:
        start = f" that starts on line {cm.line + 1}" if cm else ""
        return made(f"this line does not fit the mapping{start}: give its key the same indentation as the keys above it, "
                    "or put the value in quotes")
    if "'-' indicator" in problem:
        start = f" that starts on line {cm.line + 1}" if cm else ""
        return made(f"this line does not fit the list{start}: start it with '- ' at the same indentation as the items above, "
                    "or indent it under an item")
    also = f" ({context}, line {cm.line + 1})" if context and cm and (not pm or cm.line != pm.line) else ""
    return made(f"{problem or context or 'invalid YAML'}{also}; fix the indentation or quoting there")


def _after_quote(lines: list[str], mark: yaml.Mark | None) -> bool:
    """Whether the character before mark (spaces skipped) on its line is a closing quote."""
    if mark is None or mark.line >= len(lines):
        return False
    before = lines[mark.line][: mark.column].rstrip()
    return before.endswith(('"', "'")) and before.count(before[-1]) >= 2


def _quote_closed_late(text: str, mark: yaml.Mark | None) -> yaml.Mark | None:
    """The start of a quoted value spanning lines that ends on the error's line: most likely a quote left open."""
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if token.start_mark.line > mark.line or (token.start_mark.line == mark.line and token.start_mark.column >= mark.column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and last.style in ('"', "'") and last.start_mark.line < last.end_mark.line == mark.line:
        return last.start_mark
    return None
