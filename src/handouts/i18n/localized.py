"""Source Document + catalog -> the Document in a locale and its Provenance; stale or partial -> refused.

Publishing policy: a locale is built as 'current' only when every segment and every template string
is translated, none is fuzzy, and the catalog was made from this source version. Otherwise the
build refuses the locale, listing every segment. With allow_draft (`--draft`) it builds with status
'draft': segments without a usable translation (untranslated *or* fuzzy: a stale translation may
carry an old dose) show the source text, and renderers mark every page and slide as a draft
translation; the manifest records 'draft'. Markup mismatches and missing glyphs are never allowed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..bidi import describe, refused_controls
from ..config import Config
from ..errors import Collector, Problem, TranslationError
from ..fonts import coverage_problems
from ..markdown import link_targets, markup_signature
from ..model import Document
from ..render import Provenance
from . import catalog as cat
from .pseudo import is_pseudo
from .status import SegmentState, document_catalog, missing_provenance, translation_report
from .strings import MissingString, missing_strings, template_messages, template_translations


def localize(doc: Document, locale: str, config: Config, folder: Path, allow_draft: bool = False) -> tuple[Document, Provenance]:
    """The document in `locale` and where its text comes from; refuses stale or partial catalogs."""
    problems = Collector()
    catalog = document_catalog(folder, locale, config)
    states = translation_report(doc, locale, config, folder, catalog)
    if locale == config.source_locale:
        problems.extend(coverage_problems(locale, config, _printed_texts(doc, locale, config, states)))
        problems.raise_if_any(TranslationError)
        return doc, Provenance(status="source", source_version=doc.meta.version)
    problems.extend(markup_problems(states, locale))
    problems.extend(invisible_problems(states, locale))
    stale = stale_problems(doc, states, locale, config, folder, catalog)
    texts = {s.context: s.text for s in states if s.usable and s.text is not None}
    localized = doc.translated(texts, locale)  # type: ignore[arg-type]
    problems.extend(coverage_problems(locale, config, _printed_texts(localized, locale, config, states)))
    if stale and not allow_draft:
        problems.extend(stale)
    problems.raise_if_any(TranslationError)
    return localized, provenance(doc, locale, catalog, draft=bool(stale))


def provenance(doc: Document, locale: str, c: cat.HandoutsCatalog | None, draft: bool) -> Provenance:
    """Translator, reviewer, review date and source version from the catalog's PO header."""
    status = "draft" if draft else "current"
    if is_pseudo(locale):
        return Provenance(status="draft", source_version=doc.meta.version, translator="pseudo-locale", reviewed=False)
    if c is None:
        return Provenance(status=status, source_version="", reviewed=False)  # no catalog: the source version is unknown, not guessed
    reviewer = c.extra.get(cat.REVIEWER) or None
    review_date = c.extra.get(cat.REVIEW_DATE) or None
    translator = c.last_translator if c.last_translator and "FULL NAME" not in c.last_translator else None
    return Provenance(
        status=status, source_version=c.extra.get(cat.SOURCE_VERSION) or "", translator=translator,
        reviewer=reviewer, review_date=review_date, reviewed=bool(reviewer and review_date),
    )


def stale_problems(doc: Document, states: list[SegmentState], locale: str, config: Config, folder: Path, catalog: cat.HandoutsCatalog | None,
                   missing: list[MissingString] | None = None) -> list[Problem]:
    """Everything that stops a locale being printed as current: untranslated, fuzzy, old version, template strings (missing: already looked up)."""
    if is_pseudo(locale):
        return []
    problems = []
    path = cat.po_path(folder, locale)
    fixes = {"untranslated": f"translate it in {path.name}, or build with --draft",
             "fuzzy": f"update the translation in {path.name} and clear the fuzzy flag once checked, or build with --draft"}
    if catalog is None:
        return [Problem(f"no catalog for this locale: run `handouts i18n update --locale {locale}`, have it translated, or build with --draft (a document not made in {locale} lists its locales in meta.locales)", path=path, locale=locale)]
    for s in states:
        if s.usable:
            continue
        source_where = f"{cat.SOURCE_FILE}:{s.source.line}" if s.source.line else cat.SOURCE_FILE
        what = "is untranslated" if s.state == "untranslated" else "is fuzzy: the English source changed, the translation is stale"
        problems.append(Problem(f"{doc.meta.id} segment {s.context} (source {source_where}) {what}; {fixes[s.state]}", path=s.po_path or path, line=s.po_line, locale=locale, key=s.context))
    lost = missing_provenance(catalog)
    if lost:
        problems.append(Problem(
            f"provenance missing: the header has no {', '.join(lost)} (a tool that rewrote the catalog dropped it), so the "
            f"translation cannot be shown as current: restore the header from version control, or run `handouts i18n update --locale {locale}` "
            "(it records the source version only when every segment is translated; reviewer and review date stay empty until you fill them in), or build with --draft",
            path=path, line=1, locale=locale, key=lost[0],
        ))
    elif not problems:
        version = catalog.extra.get(cat.SOURCE_VERSION)
        if version != doc.meta.version:
            problems.append(Problem(
                f"catalog was made from source version {version or '(none)'}, the document is version {doc.meta.version}: "
                f"run `handouts i18n update --locale {locale}` (it records the new version when every segment is translated), or build with --draft",
                path=path, line=1, locale=locale, key=cat.SOURCE_VERSION,
            ))
    for m in missing_strings(locale, config) if missing is None else missing:
        create = "" if m.path and m.path.is_file() else f" (create it with `handouts i18n add {locale}`)"
        problems.append(Problem(f"template string {m.msgid!r} is {m.state} in the {locale} template catalog{create}: translate it, or build with --draft", path=m.path, line=m.line, locale=locale, key=m.msgid))
    return problems


def invisible_problems(states: list[SegmentState], locale: str) -> list[Problem]:
    """Translations holding a direction control that reorders what is printed: refused by every build, with or without checks or --draft."""
    from . import is_rtl

    rtl = is_rtl(locale)
    problems = []
    for s in states:
        controls = refused_controls(s.text, rtl) if s.text and s.state != "untranslated" else []
        if controls:
            problems.append(Problem(f"the translation {describe(s.text, controls)}: delete them (PO editors do not show these characters: "  # type: ignore[arg-type]
                                    "retype the text around them if you cannot find them)", path=s.po_path, line=s.po_line, locale=locale, key=s.context))
    return problems


def markup_problems(states: list[SegmentState], locale: str) -> list[Problem]:
    """Translations whose Markdown markup, links or placeholders differ from the source's."""
    problems = []
    for s in states:
        if not s.text or s.state == "untranslated":
            continue
        if markup_signature(s.text) != markup_signature(s.source.text):
            problems.append(Problem(markup_difference(s.source.text, s.text), path=s.po_path, line=s.po_line, locale=locale, key=s.context))
        elif link_targets(s.text) != link_targets(s.source.text):
            problems.append(Problem("the translation's link addresses differ from the source: keep every (https://...) target unchanged", path=s.po_path, line=s.po_line, locale=locale, key=s.context))
    return problems


# -- markdown-it token -> what a translator calls it (the message never names a token) --
_MARKUP_WORDS = {
    "paragraph_open": "paragraph (a blank line starts a new one)", "heading_open": "heading (# at the start of a line)",
    "ordered_list_open": "numbered list (a line starting with a number and a full stop)", "bullet_list_open": "bulleted list (a line starting with -, * or +)",
    "list_item_open": "list item", "blockquote_open": "quotation (a line starting with >)", "strong_open": "bold text (**...**)",
    "em_open": "italic text (*...*)", "link_open": "link ([text](address))", "code_inline": "code (`...`)", "fence": "code block",
    "code_block": "code block (a line indented by 4 spaces)", "hr": "horizontal line (---)", "hardbreak": "line break", "image": "image",
}
_BLOCK_START = {
    "ordered_list_open": (re.compile(r"^ {0,3}(\d{1,9})([.)])(?=\s|$)", re.M), "a numbered list"),
    "bullet_list_open": (re.compile(r"^ {0,3}([-*+])()(?=\s|$)", re.M), "a bulleted list"),
    "heading_open": (re.compile(r"^ {0,3}(#{1,6})()(?=\s|$)", re.M), "a heading"),
    "blockquote_open": (re.compile(r"^ {0,3}(>)()", re.M), "a quotation"),
}


def markup_difference(source: str, translation: str) -> str:
    """Why a translation's Markdown differs from its source's, in a translator's words, and what to write."""
    src, tr = markup_signature(source), markup_signature(translation)
    for token, (pattern, reads_as) in _BLOCK_START.items():
        if tr.count(token) > src.count(token) and (m := pattern.search(translation)):
            mark = m.group(1) + m.group(2)
            escaped = m.group(1) + "\\" + m.group(2) if m.group(2) else "\\" + m.group(1)  # 7\. 1\) \- \# \>
            before = translation[: m.start()]
            where = f"line {before.count(chr(10)) + 1} of the text starts" if before.strip() else "the text starts"
            return f'{where} with "{mark}", which Markdown reads as {reads_as}; write "{escaped}" to keep it as text'
    counts = [(name, src.count(token), tr.count(token)) for token, name in _MARKUP_WORDS.items() if src.count(token) != tr.count(token)]
    if counts:
        what = "; ".join(f"{name}: {s} in the source, {t} in the translation" for name, s, t in counts)
    else:
        what = f"the same markup in another order ({_order(src)} in the source, {_order(tr)} in the translation)"
    return f"the translation's Markdown markup differs from the source: {what}; keep **bold**, *italic* and [links](...) as in the source"


def _order(signature: list[str]) -> str:
    names = [_MARKUP_WORDS[t].split(" (")[0] for t in signature if t in _MARKUP_WORDS and t not in ("paragraph_open", "list_item_open")]
    return ", ".join(names) or "no markup"


def _printed_texts(doc: Document, locale: str, config: Config, states: list[SegmentState]) -> Iterator[tuple[str, str, Problem]]:
    """Every string the locale prints (all document fields and template strings) with where it comes from."""
    source = Path(doc._source) if doc._source else None
    where = {s.context: Problem("", path=s.po_path or source, line=s.po_line or (s.source.line if s.po_path is None else None)) for s in states}
    for seg in doc.segments():
        yield seg.context, seg.text, where.get(seg.context, Problem(""))
    yield "meta (names, contact)", " ".join(_strings(doc.meta.model_dump(mode="json"))), Problem("", path=doc._source or None)
    translations = template_translations(locale, config)
    for msgid, (path, line) in template_messages(config).items():
        yield f"template string {msgid!r}", translations.gettext(msgid), Problem("", path=path, line=line)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
