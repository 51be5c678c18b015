"""PO bytes -> the syntax errors GNU msgfmt reports (encoding, strings, entry order), each with its line; before Babel reads the file.

Why our own pass: Babel's reader trusts the quoting. It takes a string as "everything between the
first and the last character of the line", so `msgstr "24 horas` (no closing quote) is read as
"24 hora", `"a" "b"` as `a" "b`, a second msgstr is dropped, and an octal or hex escape (`\\101`)
stays as backslash text; `handouts i18n update` then writes the damaged text back, and msgfmt
accepts the damaged file. So every line is lexed here as gettext lexes it: UTF-8 text without a
byte order mark (msgfmt rejects one), strings closed on their line with nothing after them, only the
escapes Babel decodes as msgfmt does (\\n \\t \\r \\" \\\\ \\a \\b \\f \\v), and each entry
`[msgctxt] msgid [msgid_plural] msgstr...` in order. Obsolete (`#~`) and previous (`#|`) lines are
lexed too: msgfmt rejects their errors, and a rewrite would keep them. Babel's parser still reads
the file afterwards (unknown keywords, duplicates).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import Problem

NOT_UTF8 = "the file is not UTF-8 text: save it as UTF-8 in your editor"  # the words document.yml gets
BOM = b"\xef\xbb\xbf"
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)(?=[\s\"]|$)")
_ESCAPES = set('abfnrtv"\\')
_SPACE = " \t\r\n\f\v"  # -- ASCII whitespace only, as Babel strips each line (U+2028 in a string is text) --
MAX_PROBLEMS = 20  # a file with the wrong quoting everywhere: the first ones say what to fix


def syntax_problems(data: bytes, path: Path, locale: str | None = None) -> list[Problem]:
    """Every PO syntax error in a catalog's bytes (empty list: Babel may read it)."""
    def problem(line: int, message: str, key: str | None = None) -> Problem:
        return Problem(message, path=path, line=line, locale=locale, key=key)

    if data.startswith(BOM):
        return [problem(1, "PO syntax error: the file starts with a byte order mark (BOM), which gettext tools reject: remove the byte order mark "
                           "(save the file as UTF-8 without BOM: in Notepad 'UTF-8', not 'UTF-8 with BOM')")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [problem(data[: exc.start].count(b"\n") + 1, NOT_UTF8)]
    grammar = _Entries(problem)
    problems: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip(_SPACE)
        if not line or line.startswith("#") and not line.startswith(("#~", "#|")):
            grammar.gap = True
            continue
        previous = line.startswith(("#|", "#~|"))
        body = line[3:] if line.startswith("#~|") else line[2:] if line.startswith(("#|", "#~")) else line
        body = body.strip(_SPACE)
        if not body:
            continue
        keyword, error = _lex(body)
        if previous and (keyword is None or keyword.startswith("msgstr")):
            error = "a #| line holds the previous msgctxt, msgid or msgid_plural of a fuzzy entry and its strings: fix or delete the line"
        if keyword == "msgctxt" and not previous:
            grammar.context = None if error else body[len(keyword):].strip(_SPACE)[1:-1]
        elif keyword == "msgid" and not previous and grammar.state != "msgctxt":
            grammar.context = None
        if error:
            problems.append(problem(number, f"PO syntax error: {error} (in `{_snippet(line)}`)", grammar.context))
        if keyword and not previous:
            problems += grammar.step(keyword, number)
        if len(problems) >= MAX_PROBLEMS:
            break
    return (problems + grammar.end())[:MAX_PROBLEMS]


def _lex(body: str) -> tuple[str | None, str | None]:
    """(keyword, or '"' for a continuation line; what is wrong with the line's string, or None)."""
    if body.startswith('"'):
        return '"', _string(body)
    match = _KEYWORD.match(body)
    if match is None:
        word = body.split(None, 1)[0][:30]
        return None, (f"{word!r} is not a PO keyword (msgctxt, msgid, msgid_plural, msgstr): if the line continues the text above, "
                      "put it in double quotes (\"...\"); otherwise fix or delete it")
    keyword, rest = match.group(1), body[match.end():]
    if not rest.strip(_SPACE):
        return keyword, f"{keyword} has no string: write {keyword} \"...\" (\"\" when it is empty)"
    if rest[0] == '"':
        return keyword, f"put a space between {keyword} and its string"
    return keyword, _string(rest.strip(_SPACE))


def _string(s: str) -> str | None:
    """What is wrong with one quoted string that fills the rest of a line, or None."""
    if not s.startswith('"'):
        return "a string must start with a double quote (\")"
    i = 1
    while i < len(s):
        c = s[i]
        if c == "\\":
            if i + 1 == len(s):
                break  # -- `"...\` : the backslash escapes the end of the line, so the string is not closed --
            e = s[i + 1]
            if e in "01234567x":
                code = re.match(r"\\(x[0-9a-fA-F]*|[0-7]{1,3})", s[i:]).group(0)  # type: ignore[union-attr]
                return f"{code} writes a character by its number, which handouts does not read: write the character itself"
            if e not in _ESCAPES:
                return f"\\{e} is not an escape sequence: write \\\\ for a backslash"
            i += 2
            continue
        if c == '"':
            after = s[i + 1:].strip(_SPACE)
            if after:
                return (f"text after the closing quote ({after[:20]!r}): write a quote inside the text as \\\", "
                        "put each string on its own line, and end the line with the closing quote")
            return None
        i += 1
    return "the string has no closing quote: close the quote at the end of the line"


def _snippet(line: str) -> str:
    """The line as written, shortened in the middle (an unclosed quote is at its end)."""
    return line if len(line) <= 72 else f"{line[:30]}…{line[-40:]}"


class _Entries:
    """The order of keywords msgfmt accepts: [msgctxt] msgid (msgstr | msgid_plural msgstr[0] msgstr[1]...)."""

    def __init__(self, problem: Callable[[int, str, str | None], Problem]) -> None:
        self.problem = problem
        self.state = ""  # the keyword whose string the last line continues ("" before the first entry)
        self.start = 0  # line of the current entry's first keyword
        self.next_form = 0
        self.gap = False  # a blank or comment line since the last keyword line
        self.context: str | None = None  # the entry's msgctxt as written (the segment key, for messages)

    def step(self, keyword: str, line: int) -> list[Problem]:
        """One keyword (or '"' continuation) line; the problems it makes."""
        state, say = self.state, None
        if keyword == '"':
            if not state:
                say = "a string with no keyword before it: start the entry with msgid \"...\""
            return [self.problem(line, f"PO syntax error: {say}", self.context)] if say else []
        done = state in ("msgstr", "msgstr[]")
        if keyword in ("msgctxt", "msgid") and not done and state and not (keyword == "msgid" and state == "msgctxt"):
            say = "the entry above has no msgstr: add msgstr \"\" (or its translation) after its msgid"
        elif keyword == "msgid_plural" and state != "msgid":
            say = "msgid_plural must follow a msgid"
        elif keyword == "msgstr" and state != "msgid":
            say = {"msgstr": "a second msgstr for the same msgid: keep one translation (join the text into one msgstr)",
                   "msgid_plural": "an entry with msgid_plural has msgstr[0], msgstr[1], ...: number its msgstr lines",
                   "msgctxt": "msgctxt must be followed by its msgid before the msgstr"}.get("" if self.gap and state == "msgstr" else state, "msgstr without a msgid before it: add the msgid of the entry")
        elif keyword.startswith("msgstr["):
            form = int(keyword[7:-1])
            if state == "msgid":
                say = f"{keyword} without msgid_plural: write msgstr instead"
            elif not (state == "msgid_plural" and form == 0 or state == "msgstr[]" and form == self.next_form):
                say = f"{keyword} out of order: number the forms msgstr[0], msgstr[1], ... after msgid_plural"
            self.next_form = form + 1
        if keyword == "msgctxt" or keyword == "msgid" and state != "msgctxt":
            self.start = line
        self.state, self.gap = "msgstr[]" if keyword.startswith("msgstr[") else keyword, False
        return [self.problem(line, f"PO syntax error: {say}", self.context)] if say else []

    def end(self) -> list[Problem]:
        """At the end of the file: an entry left without msgstr."""
        if self.state in ("msgctxt", "msgid", "msgid_plural"):
            return [self.problem(self.start, "PO syntax error: the last entry has no msgstr: add msgstr \"\" (or its translation) after its msgid", self.context)]
        return []
