"""Gettext catalogs of one document: source Document -> POT; PO files read, merged and written with Babel."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, PoFileParser, unescape, write_po

from ..errors import Problem, TranslationError
from ..model import Document
from ..output import atomic_write

LOCALES_DIR = "locales"
SOURCE_FILE = "document.yml"
WIDTH = 76
# Provenance header fields (PO headers beyond the standard gettext ones).
SOURCE_VERSION = "X-Source-Version"
REVIEWER = "X-Reviewer"
REVIEW_DATE = "X-Review-Date"
NOTE = "X-Translation-Note"
EXTRA_HEADERS = (SOURCE_VERSION, REVIEWER, REVIEW_DATE, NOTE)


class HandoutsCatalog(Catalog):
    """A Babel Catalog that keeps our provenance headers (Babel drops unknown header fields)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.extra: dict[str, str] = {}
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = super()._get_mime_headers()
        extra = [(name, self.extra[name]) for name in EXTRA_HEADERS if name in self.extra]
        # Babel ends the header with "Generated-By: ...\n" (a blank line): ours must come before it.
        at = next((i for i, (name, _) in enumerate(headers) if name == "Generated-By"), len(headers))
        return headers[:at] + extra + headers[at:]

    def _set_mime_headers(self, headers: object) -> None:
        headers = list(headers)  # type: ignore[call-overload]
        super()._set_mime_headers(headers)
        known = {name.lower(): name for name in EXTRA_HEADERS}
        for name, value in headers:
            if str(name).lower() in known:
                self.extra[known[str(name).lower()]] = str(value).strip()

    mime_headers = property(_get_mime_headers, _set_mime_headers)  # type: ignore[assignment]


class _Parser(PoFileParser):
    """Babel's PO parser, also reading `#| msgid` (previous source of a fuzzy entry) that Babel writes but skips."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.duplicates: list[tuple[int, str]] = []  # (line, msgctxt or msgid): gettext's msgfmt rejects these
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _reset_message_state(self) -> None:
        super()._reset_message_state()
        self.previous: list[str] = []

    def _process_comment(self, line: str) -> None:
        if not line.startswith("#|"):
            super()._process_comment(line)
            return
        self._finish_current_message()
        rest = line[2:].strip()
        if rest.startswith("msgid "):
            self.previous.append(unescape(rest[6:].strip()))
        elif rest.startswith('"') and self.previous:
            self.previous[-1] += unescape(rest)

    def _add_message(self) -> None:
        previous, obsolete = list(self.previous), self.obsolete
        msgid = self.messages[0].denormalize() if len(self.messages) == 1 else None
        context = self.context.denormalize() if self.context else None
        if not obsolete and msgid is not None and self.catalog._key_for(msgid, context) in self.catalog._messages:
            self.duplicates.append((self.offset + 1, context or msgid))
        super()._add_message()
        if previous and msgid is not None:
            key = self.catalog._key_for(msgid, context)
            message = self.catalog.obsolete.get(key) if obsolete else self.catalog.get(msgid, context=context)
            if message is not None:
                message.previous_id = previous


def locales_dir(folder: Path) -> Path:
    """content/<doc>/locales/."""
    return folder / LOCALES_DIR


def po_path(folder: Path, locale: str) -> Path:
    """content/<doc>/locales/<locale>.po."""
    return locales_dir(folder) / f"{locale}.po"


def pot_path(folder: Path, doc: Document) -> Path:
    """content/<doc>/locales/<doc-id>.pot."""
    return locales_dir(folder) / f"{doc.meta.id}.pot"


def check_locale(locale: str, path: Path | None = None) -> Locale:
    """The Babel Locale for a code, or a TranslationError saying the code is unknown."""
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise TranslationError(Problem(
            f"'{locale}' is not a locale Babel knows: use a code such as es, pl, ar, pt_BR, zh_Hans (file name <code>.po)",
            path=path, locale=locale,
        )) from None


def template(doc: Document) -> HandoutsCatalog:
    """The POT of a document: one entry per segment, msgctxt = segment context, location = source line."""
    cat = HandoutsCatalog(
        project=doc.meta.id, version=doc.meta.version, fuzzy=False,
        header_comment=f"# Translation template for '{doc.meta.title}' ({doc.meta.id}), source version {doc.meta.version}.\n"
        "# Generated by `handouts i18n extract`; translate the PO files, not this file.",
        creation_date=_midnight(doc.meta.published),
    )
    cat.extra[SOURCE_VERSION] = doc.meta.version
    for seg in doc.segments():
        comments = [f"kind: {seg.kind}"]
        if any(mark in seg.text for mark in ("**", "*", "_", "](", "`")):
            comments.append("keep the Markdown markup (**bold**, *italic*, [text](link)) exactly as in the source")
        cat.add(seg.text, context=seg.context, locations=[(SOURCE_FILE, seg.line or 0)], auto_comments=comments)
    return cat


def new_catalog(doc: Document, locale: str) -> HandoutsCatalog:
    """An empty catalog for a locale, with provenance headers to fill in."""
    cat = HandoutsCatalog(
        locale=check_locale(locale), project=doc.meta.id, version=doc.meta.version, fuzzy=False,
        header_comment=f"# {check_locale(locale).english_name} translation of '{doc.meta.title}' ({doc.meta.id}).\n"
        f"# Fill in Last-Translator, {REVIEWER} and {REVIEW_DATE} when the translation is reviewed.",
        creation_date=_midnight(doc.meta.published),
    )
    cat.extra.update({SOURCE_VERSION: doc.meta.version, REVIEWER: "", REVIEW_DATE: "", NOTE: ""})
    return cat


def merge(catalog: HandoutsCatalog, pot: Catalog) -> HandoutsCatalog:
    """Update a catalog from the template: changed -> fuzzy (previous msgid kept), removed -> obsolete, new -> empty."""
    old = {m.context: m for m in catalog if m.id and m.context}
    # A segment that moved (a block inserted before it) keeps its text under a new context.
    moved = {m.id: m for m in catalog if m.id and m.string and not m.fuzzy}
    # Babel's own fuzzy matching ignores msgctxt and may attach another segment's translation;
    # we match on the same source text first, then on the stable context, after an exact update.
    catalog.update(pot, no_fuzzy_matching=True, update_creation_date=False)
    for message in catalog:
        prev = (moved.get(message.id) or old.get(message.context)) if message.id else None
        if prev is None or (prev.id, prev.context) == (message.id, message.context) or message.string or not prev.string:
            continue
        message.string = prev.string
        message.flags.add("fuzzy")
        message.previous_id = list(prev.previous_id or [prev.id])
        message.user_comments = list(prev.user_comments)
        catalog.obsolete.pop(catalog._key_for(prev.id, prev.context), None)
    return catalog


def read(path: Path, locale: str | None = None) -> HandoutsCatalog:
    """Parse a PO/POT file with Babel; a syntax error or an unknown locale names the file and line."""
    if locale:
        check_locale(locale, path)
    cat = HandoutsCatalog(locale=None, fuzzy=False)
    parser = _Parser(cat, ignore_obsolete=False, abort_invalid=True)
    try:
        data = path.read_bytes()
        parser.parse(io.BytesIO(data))
    except PoFileError as exc:
        msg = str(exc).rsplit(" on ", 1)[0]
        raise TranslationError(Problem(f"PO syntax error: {msg} ({exc.line.strip()!r}); fix the file in a PO editor", path=path, line=exc.lineno + 1, locale=locale)) from None
    except (UnknownLocaleError, ValueError) as exc:
        raise TranslationError(Problem(f"cannot read catalog: {exc}; check the 'Language' header", path=path, line=1, locale=locale)) from None
    except LookupError as exc:
        raise TranslationError(Problem(f"cannot read catalog: {exc}; save it as UTF-8 with 'Content-Type: text/plain; charset=UTF-8'", path=path, line=1, locale=locale)) from None
    except UnicodeDecodeError as exc:
        raise TranslationError(Problem(f"not UTF-8 ({exc.reason}): save the file as UTF-8", path=path, locale=locale)) from None
    if parser.duplicates:
        raise TranslationError([
            Problem(f"duplicate entry for {key!r}: a PO file holds each message once; keep one of them", path=path, line=line, locale=locale, key=key)
            for line, key in parser.duplicates
        ])
    if locale and cat.locale_identifier and cat.locale_identifier.replace("_", "-").lower() != locale.replace("_", "-").lower():
        raise TranslationError(Problem(f"the 'Language' header says '{cat.locale_identifier}' but the file is for '{locale}': fix the header or rename the file", path=path, line=1, locale=locale))
    if locale and not cat.locale:
        cat.locale = check_locale(locale, path)
    return cat


def read_document_catalog(path: Path, locale: str) -> HandoutsCatalog:
    """A document's catalog for a locale (read()), refused when a segment was made a plural entry."""
    catalog = read(path, locale)
    plural = [
        Problem(f"plural entry (msgid_plural) for segment {m.context or m.id!r}: document segments have no plural forms; make it a plain msgid/msgstr", path=path, line=m.lineno, locale=locale, key=m.context)
        for m in catalog if m.id and m.pluralizable
    ]
    if plural:
        raise TranslationError(plural)
    return catalog


def dumps(catalog: Catalog) -> bytes:
    """A catalog as PO bytes in the layout PO editors write (wrapped, with previous msgids)."""
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, include_previous=True, sort_output=False, omit_header=False)
    return buf.getvalue()


def write(path: Path, catalog: Catalog) -> None:
    """Write a catalog atomically (a crash never leaves half a file)."""
    atomic_write(path, dumps(catalog))


def _midnight(day: dt.date) -> dt.datetime:
    # A fixed creation date (the publication date) keeps extracted files reproducible.
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
