"""PO/POT bytes <-> HandoutsCatalog: Babel's parser and writer, corrected where GNU gettext disagrees.

Babel does the work; this module changes exactly the parts of its output that gettext's own tools
(msgfmt --check, msgcat, Poedit, Weblate) reject or that would change with a Babel release:
- `#| msgid` (the previous source of a fuzzy entry): Babel passes the already quoted, multi-line
  string through its comment wrapper, which splits quoted strings across lines ("end-of-line within
  string" in msgfmt). We write it as msgmerge does, one `#| "..."` line per chunk, with the previous
  `#| msgctxt` when the context changed, and read both back.
- the header: one line per field (Babel wraps long fields, so the header's length, and the line of
  every entry, depended on the plural formula of a Babel release); `Generated-By: handouts` without a
  version; Plural-Forms from Babel's CLDR-derived table for the catalog's language, not whatever an
  older file says; no gettext placeholders (VERSION, EMAIL@ADDRESS, FULL NAME, YEAR-MO-DA).
- provenance headers (X-Source-Version, X-Reviewer, X-Review-Date, X-Translation-Note), which Babel
  drops, are kept.
- nothing is ever written inside the installed handouts package.
- reading: i18n.posyntax lexes every line as msgfmt does before Babel parses (Babel's reader takes an
  unclosed string minus its last character, and a rewrite would make the loss permanent): a file
  it refuses is never read, so never rewritten.
"""

from __future__ import annotations

import re

import io
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, PoFileParser, escape, generate_po, normalize, unescape

from ..errors import Problem, TranslationError
from ..output import atomic_write
from .posyntax import NOT_UTF8, syntax_problems

WIDTH = 76
GENERATOR = "handouts"
SOURCE_VERSION = "X-Source-Version"
REVIEWER = "X-Reviewer"
REVIEW_DATE = "X-Review-Date"
NOTE = "X-Translation-Note"
EXTRA_HEADERS = (SOURCE_VERSION, REVIEWER, REVIEW_DATE, NOTE)
PROVENANCE = (SOURCE_VERSION, REVIEWER, REVIEW_DATE)  # a translation catalog must carry these (empty = not yet)
DEFAULT_COMMENT = "# Translation catalog of a handouts project."
# gettext's template placeholders (Babel fills them in when a field is unknown)
_PLACEHOLDERS = {"msgid_bugs_address": "EMAIL@ADDRESS", "last_translator": "FULL NAME <EMAIL@ADDRESS>"}
PACKAGE = Path(str(resources.files("handouts"))).resolve()


class HandoutsCatalog(Catalog):
    """A Babel Catalog that keeps provenance headers and previous contexts, and writes no placeholders."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.extra: dict[str, str] = {}
        self.previous_context: dict[object, str] = {}  # message key -> `#| msgctxt`
        self.plain_text = False  # True for document catalogs: their "10% of" is text, not a printf format
        kwargs.setdefault("header_comment", DEFAULT_COMMENT)
        # -- Babel turns an empty value into its placeholder; a blank survives and is written empty --
        kwargs.setdefault("msgid_bugs_address", " ")
        kwargs.setdefault("last_translator", " ")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        out = []
        for name, value in super()._get_mime_headers():
            value = value.strip()
            if name == "Generated-By":
                out += [(n, self.extra[n]) for n in EXTRA_HEADERS if n in self.extra]
                value = GENERATOR
            elif name == "Project-Id-Version":
                value = " ".join(v for v in value.split(" ") if v not in ("PROJECT", "VERSION"))
            elif name == "Language-Team" and (not value or "<LL@li.org>" in value):
                value = self.locale.english_name if self.locale else ""
            elif name == "PO-Revision-Date" and "YEAR" in value:
                value = next(v for n, v in super()._get_mime_headers() if n == "POT-Creation-Date")
            elif name in ("Report-Msgid-Bugs-To", "Last-Translator") and value in _PLACEHOLDERS.values():
                value = ""
            out.append((name, value))
            if name == "Last-Translator" and not self.locale_identifier:
                out.append(("Language", ""))  # -- as xgettext writes a template; msgfmt --check warns without it --
        return out

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        super()._set_mime_headers(headers)
        known = {name.lower(): name for name in EXTRA_HEADERS}
        for name, value in headers:
            if str(name).lower() in known:
                self.extra[known[str(name).lower()]] = str(value).strip()
        if self.locale is not None:  # -- the plural rule is Babel's (CLDR) for the language, never an old file's --
            self._num_plurals = self._plural_expr = None

    mime_headers = property(_get_mime_headers, _set_mime_headers)  # type: ignore[assignment]

    @property
    def plural_forms(self) -> str:
        """`nplurals=N; plural=...;` from Babel's gettext table for the catalog's language."""
        if self.locale is None:
            return super().plural_forms
        return get_plural(self.locale).plural_forms


class _Parser(PoFileParser):
    """Babel's PO parser, also reading `#| msgctxt` / `#| msgid` (previous source of a fuzzy entry), and duplicates."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.duplicates: list[tuple[int, str]] = []  # (line, msgctxt or msgid): gettext's msgfmt rejects these
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _reset_message_state(self) -> None:
        super()._reset_message_state()
        self.previous: dict[str, str] = {}
        self.previous_field = ""

    def _process_message_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        if obsolete and line.startswith("|"):  # `#~| msgid` (msgmerge): the previous source of an obsolete entry
            return
        super()._process_message_line(lineno, line, obsolete)

    def _process_comment(self, line: str) -> None:
        if not line.startswith("#|"):
            super()._process_comment(line)
            return
        self._finish_current_message()
        rest = line[2:].strip()
        keyword, _, value = rest.partition(" ")
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            self.previous_field = keyword
            self.previous[keyword] = unescape(value.strip())
        elif rest.startswith('"') and self.previous_field:
            self.previous[self.previous_field] += unescape(rest)

    def _add_message(self) -> None:
        previous, obsolete = dict(self.previous), self.obsolete
        msgid = self.messages[0].denormalize() if len(self.messages) == 1 else tuple(m.denormalize() for m in self.messages)
        context = self.context.denormalize() if self.context else None
        key = self.catalog._key_for(msgid, context)
        if not obsolete and key in self.catalog._messages:
            self.duplicates.append((self.offset + 1, context or str(msgid)))
        super()._add_message()
        if not previous.get("msgid"):
            return
        message = self.catalog.obsolete.get(key) if obsolete else self.catalog._messages.get(key)
        if message is not None:
            message.previous_id = [previous["msgid"], *([previous["msgid_plural"]] if "msgid_plural" in previous else [])]
            if "msgctxt" in previous and isinstance(self.catalog, HandoutsCatalog):
                self.catalog.previous_context[key] = previous["msgctxt"]


def read(path: Path, locale: str | None = None) -> HandoutsCatalog:
    """Parse a PO/POT file; a syntax error or an unreadable file names the file and line."""
    cat = HandoutsCatalog(locale=None, fuzzy=False)
    parser = _Parser(cat, ignore_obsolete=False, abort_invalid=True)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranslationError(Problem(f"cannot read catalog: {exc.strerror}", path=path, locale=locale)) from None
    syntax = syntax_problems(data, path, locale)
    if syntax:
        if syntax[0].message == NOT_UTF8:
            syntax += _charset_problems(_declared_charset(path), path, locale)
        raise TranslationError(syntax)
    try:
        parser.parse(io.BytesIO(data))
    except PoFileError as exc:
        msg = str(exc).rsplit(" on ", 1)[0]
        raise TranslationError(Problem(f"PO syntax error: {msg} ({exc.line.strip()!r}); fix the file in a PO editor", path=path, line=exc.lineno + 1, locale=locale)) from None
    except (UnknownLocaleError, ValueError) as exc:
        raise TranslationError(Problem(f"cannot read catalog: {exc}; check the 'Language' header", path=path, line=1, locale=locale)) from None
    except LookupError as exc:
        raise TranslationError(Problem(f"cannot read catalog: {exc}; save it as UTF-8 with 'Content-Type: text/plain; charset=UTF-8'", path=path, line=1, locale=locale)) from None
    except UnicodeDecodeError as exc:  # -- bytes the declared charset cannot decode (UTF-8 was checked above) --
        raise TranslationError([Problem(f"the file cannot be decoded as its declared charset ({exc.reason})", path=path, line=header_line(path, "Content-Type"), locale=locale),
                                *_charset_problems(cat.charset, path, locale)]) from None
    header_problems = _header_problems(cat, path, locale)
    if header_problems:
        raise TranslationError(header_problems)
    if parser.duplicates:
        raise TranslationError([
            Problem(f"duplicate entry for {key!r}: a PO file holds each message once; keep one of them", path=path, line=line, locale=locale, key=key)
            for line, key in parser.duplicates
        ])
    return cat


def dumps(catalog: HandoutsCatalog) -> bytes:
    """A catalog as PO bytes that msgfmt --check accepts (wrapped at 76, previous msgids as msgmerge writes them)."""
    messages: list[Message] = [*catalog, *catalog.obsolete.values()]
    if catalog.plain_text:
        # -- Babel flags any msgid with "% o" in it python-format, and msgfmt --check then rejects a translation
        #    that words "10% of" without a percent sign: document text is never formatted, so say so --
        for m in messages:
            if "python-format" in m.flags:
                m.flags.discard("python-format")
                m.flags.add("no-python-format")
    blocks = list(_blocks(generate_po(catalog, width=WIDTH, include_previous=False)))
    assert len(blocks) == len(messages), "one block of Babel's output per message"
    out = [_header(catalog, blocks[0])]
    for message, block in zip(messages[1:], blocks[1:]):
        at = next(i for i, piece in enumerate(block) if piece.startswith(("msgctxt ", "msgid ", "#~ ")))
        out.append("".join(block[:at]) + _previous(catalog, message) + "".join(block[at:]))
    return "".join(out).encode(catalog.charset or "utf-8")


def write(path: Path, catalog: HandoutsCatalog) -> None:
    """Write a catalog atomically (a crash never leaves half a file); never inside the handouts package."""
    write_bytes(path, dumps(catalog), catalog.locale_identifier or None)


def write_bytes(path: Path, data: bytes, locale: str | None = None) -> None:
    """Write catalog bytes atomically, refusing any path inside the installed handouts package."""
    if path.resolve().is_relative_to(PACKAGE):
        raise TranslationError(Problem(
            "handouts never writes inside its installed package: set `templates_dir:` in handouts.yml "
            "(`handouts i18n add LOCALE` does it for you) and keep your catalogs there", path=path, locale=locale))
    atomic_write(path, data)


def _blocks(pieces: Iterable[str]) -> Iterator[list[str]]:
    """Babel's output pieces grouped per message (each message ends with a lone blank line)."""
    block: list[str] = []
    for piece in pieces:
        if piece == "\n" and any(p.startswith(("msgstr", "#~ msgstr")) for p in block):
            yield block + [piece]
            block = []
        elif piece != "\n":
            block.append(piece)
    if block:
        yield block


def _header(catalog: HandoutsCatalog, block: list[str]) -> str:
    """The header entry with one line per field, whatever its length."""
    at = next(i for i, piece in enumerate(block) if piece.startswith("msgstr "))
    fields = "".join(f"{escape(f'{name}: {value}' + chr(10))}\n" for name, value in catalog.mime_headers)
    return "".join(block[:at]) + 'msgstr ""\n' + fields + "\n"


def _previous(catalog: HandoutsCatalog, message: Message) -> str:
    """`#| msgctxt` / `#| msgid` / `#| msgid_plural` lines of a fuzzy entry, wrapped as gettext wraps them."""
    if not message.previous_id or catalog.obsolete.get(catalog._key_for(message.id, message.context)) is message:
        return ""
    lines = []
    context = catalog.previous_context.get(catalog._key_for(message.id, message.context))
    for keyword, text in (("msgctxt", context), ("msgid", message.previous_id[0]), ("msgid_plural", (message.previous_id[1:] or [None])[0])):
        if text is not None:
            # -- wrapped without the prefix, then prefixed: Babel's prefixed wrapping breaks lines at half the width --
            lines.append(f"#| {keyword} " + "\n#| ".join(normalize(text, width=WIDTH - 3).split("\n")) + "\n")
    return "".join(lines)


def header_line(path: Path, field: str) -> int | None:
    """The line of a header field in the file (for messages)."""
    return _header_field(path, field)[0]


def _header_field(path: Path, field: str) -> tuple[int | None, str | None]:
    """(line, value as written) of a header field; Babel rewrites some fields (Plural-Forms) from its locale data."""
    in_header, found, value = False, None, ""
    for number, line in enumerate(path.read_bytes().splitlines(), 1):
        text = line.decode("utf-8", "replace").strip()
        if found is None and text.startswith(f'"{field}:'):
            found, text = number, '"' + text[len(field) + 2:]
        if found is not None:
            value += text.strip('"')  # a field Babel wrapped continues on the next lines, up to its "\n"
            if value.endswith("\\n") or not text.startswith('"'):
                return found, value.removesuffix("\\n").strip()
            continue
        in_header = in_header or text.startswith("msgstr")
        if in_header and not text:
            break  # the header entry ends at its first blank line
    return found, value.removesuffix("\\n").strip() or None


def _header_problems(cat: HandoutsCatalog, path: Path, locale: str | None) -> list[Problem]:
    """A declared charset other than UTF-8 (Babel would decode by it: mojibake marked current), or unusable plural rules."""
    import gettext

    problems = _charset_problems(cat.charset, path, locale)
    line, raw = _header_field(path, "Plural-Forms")
    if raw:
        match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", raw)
        try:
            if not match or not 1 <= int(match.group(1)) <= 6:
                raise ValueError(raw)
            gettext.c2py(match.group(2))
        except (ValueError, SyntaxError, RecursionError):
            problems.append(Problem(f"the Plural-Forms header '{raw}' is not a gettext plural rule with 1 to 6 forms: delete the line "
                                    "(handouts writes the language's rule from CLDR on the next `handouts i18n update`)",
                                    path=path, line=line, locale=locale))
    return problems


def _declared_charset(path: Path) -> str | None:
    """The charset the header's Content-Type names, as written (read without decoding the rest)."""
    match = re.search(r"charset=([\w.:-]+)", _header_field(path, "Content-Type")[1] or "")
    return match.group(1) if match else None


def _charset_problems(charset: str | None, path: Path, locale: str | None) -> list[Problem]:
    """A declared charset other than UTF-8: Babel would decode by it (mojibake marked current)."""
    if (charset or "utf-8").lower().replace("_", "-") in ("utf-8", "utf8"):
        return []
    return [Problem(f"the catalog declares charset={charset}: handouts reads catalogs as UTF-8 only; convert the file to UTF-8 "
                    "and write 'Content-Type: text/plain; charset=UTF-8'", path=path, line=header_line(path, "Content-Type"), locale=locale)]
