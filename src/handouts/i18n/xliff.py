"""A document's catalog <-> XLIFF 1.2 for translation agencies: export (PO -> .xlf) and import (.xlf -> PO, refused when stale).

XLIFF 1.2 rather than 2.x: memoQ, Trados Studio and Phrase all import and export 1.2 with its
`state` values, `resname`, `<note>` and `<context-group>` kept, while 2.x support differs by tool
and version. One file per document and locale; each segment is a `trans-unit` whose id and
resname are the PO msgctxt, with the source line (context-group), the extracted and translator
comments (notes) and the state: translated -> `translated` (`signed-off`, approved, when the
catalog names its reviewer and review date), fuzzy -> `needs-review-translation`, untranslated -> `new`. The file records the document id, its version and a fingerprint of every
source segment, and import refuses a file made from another document or another source.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from ..errors import Collector, Problem, TranslationError
from ..model import Document
from ..output import atomic_write
from . import catalog as cat

NS = "urn:oasis:names:tc:xliff:document:1.2"
X = f"{{{NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DONE = ("translated", "signed-off", "final")
REVIEW = ("needs-review-translation", "needs-review-l10n", "needs-review-adaptation", "needs-adaptation", "needs-l10n")


def fingerprint(doc: Document) -> str:
    """A short hash of every source segment (context and text): what the translation was made from."""
    h = hashlib.sha256()
    for seg in doc.segments():
        h.update(f"{seg.context}\x1f{seg.text}\x1e".encode("utf-8"))
    return h.hexdigest()[:16]


def export_catalog(doc: Document, locale: str, catalog: cat.HandoutsCatalog | None, source_locale: str) -> bytes:
    """One document x locale as XLIFF 1.2 bytes (the catalog may be None: nothing translated yet)."""
    root = etree.Element(X + "xliff", nsmap={None: NS}, version="1.2")
    file = etree.SubElement(root, X + "file", original=f"{doc.meta.id}/{cat.SOURCE_FILE}", datatype="plaintext",
                            attrib={"source-language": source_locale, "target-language": locale, "product-name": "handouts",
                                    "product-version": doc.meta.version})
    header = etree.SubElement(file, X + "header")
    props = etree.SubElement(header, X + "prop-group", name="handouts")
    for name, value in (("document", doc.meta.id), ("source-version", doc.meta.version), ("source-fingerprint", fingerprint(doc))):
        etree.SubElement(props, X + "prop", attrib={"prop-type": name}).text = value
    body = etree.SubElement(file, X + "body")
    reviewed = catalog is not None and bool(catalog.extra.get(cat.REVIEWER, "").strip() and catalog.extra.get(cat.REVIEW_DATE, "").strip())
    for seg in doc.segments():
        message = catalog.get(seg.text, context=seg.context) if catalog is not None else None
        unit = etree.SubElement(body, X + "trans-unit", id=seg.context, resname=seg.context, attrib={XML_SPACE: "preserve"})
        etree.SubElement(unit, X + "source").text = seg.text
        text = str(message.string) if message is not None and message.string else ""
        state = "new" if not text else "needs-review-translation" if message is not None and message.fuzzy else "signed-off" if reviewed else "translated"
        etree.SubElement(unit, X + "target", state=state).text = text
        if state == "signed-off":
            unit.set("approved", "yes")
        for comment in ([*message.auto_comments] if message is not None else [f"kind: {seg.kind}"]):
            etree.SubElement(unit, X + "note", attrib={"from": "developer"}).text = comment
        for comment in (message.user_comments if message is not None else []):
            etree.SubElement(unit, X + "note", attrib={"from": "translator"}).text = comment
        group = etree.SubElement(unit, X + "context-group", purpose="location")
        etree.SubElement(group, X + "context", attrib={"context-type": "sourcefile"}).text = cat.SOURCE_FILE
        etree.SubElement(group, X + "context", attrib={"context-type": "linenumber"}).text = str(seg.line or 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def read_xliff(path: Path) -> etree._Element:
    """Parse an XLIFF file safely (no entities, no network); a broken file names its line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        raise TranslationError(Problem(f"not a readable XLIFF file: {getattr(exc, 'msg', None) or exc}", path=path, line=line)) from None
    if root.tag != X + "xliff" or root.get("version") != "1.2":
        raise TranslationError(Problem("not an XLIFF 1.2 file made by `handouts i18n export --xliff` (root must be <xliff version=\"1.2\">)", path=path, line=root.sourceline))
    return root


def file_info(root: etree._Element, path: Path) -> dict[str, str]:
    """The document id, locale, source version and fingerprint an exported file records."""
    file = root.find(X + "file")
    if file is None:
        raise TranslationError(Problem("the XLIFF file has no <file> element", path=path, line=root.sourceline))
    props = {p.get("prop-type"): (p.text or "") for p in file.iterfind(f"{X}header/{X}prop-group/{X}prop")}
    info = {"document": props.get("document", ""), "source-version": props.get("source-version", ""),
            "source-fingerprint": props.get("source-fingerprint", ""), "locale": file.get("target-language") or ""}
    missing = [k for k, v in info.items() if not v]
    if missing:
        raise TranslationError(Problem(f"the XLIFF file does not say its {', '.join(missing)} (it was not made by `handouts i18n export --xliff`): export the document again", path=path, line=file.sourceline))
    return info


def import_into(root: etree._Element, path: Path, doc: Document, catalog: cat.HandoutsCatalog) -> tuple[cat.HandoutsCatalog, dict[str, int]]:
    """Targets, states and translator notes of an XLIFF file written into the catalog; every mismatch is collected first."""
    info = file_info(root, path)
    problems = Collector()
    if info["source-fingerprint"] != fingerprint(doc) or info["source-version"] != doc.meta.version:
        problems.add(f"this file was made from source version {info['source-version']} (fingerprint {info['source-fingerprint']}) of '{doc.meta.id}', "
                     f"which is now version {doc.meta.version} (fingerprint {fingerprint(doc)}): run `handouts i18n update`, export again and send the new file",
                     path=path, line=root.find(X + "file").sourceline, locale=info["locale"])  # type: ignore[union-attr]
        problems.raise_if_any(TranslationError)
    sources = {s.context: s for s in doc.segments()}
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    updates = []
    for unit in root.iterfind(f".//{X}trans-unit"):
        context = unit.get("resname") or unit.get("id") or ""
        source, target = unit.find(X + "source"), unit.find(X + "target")
        seg = sources.get(context)
        if seg is None or source is None or (source.text or "") != seg.text:
            problems.add(f"trans-unit '{context}' is not a segment of '{doc.meta.id}' as it is now: export again", path=path, line=unit.sourceline, locale=info["locale"], key=context)
            continue
        text = "".join(target.itertext()) if target is not None else ""
        state = (target.get("state") if target is not None else None) or ("translated" if text else "new")
        notes = [n.text or "" for n in unit.iterfind(X + "note") if n.get("from") == "translator"]
        kind = "untranslated" if not text or state in ("new", "needs-translation") else "fuzzy" if state in REVIEW else "translated" if state in DONE else ""
        if not kind:
            problems.add(f"trans-unit '{context}' has an unknown state '{state}' (XLIFF 1.2: new, translated, needs-review-translation, signed-off, final...)", path=path, line=target.sourceline if target is not None else unit.sourceline, key=context)
            continue
        counts[kind] += 1
        updates.append((seg, text if kind != "untranslated" else "", kind, notes))
    problems.raise_if_any(TranslationError)
    for seg, text, kind, notes in updates:
        message = catalog.get(seg.text, context=seg.context)
        if message is None:
            message = catalog.add(seg.text, context=seg.context, locations=[(cat.SOURCE_FILE, seg.line or 0)], auto_comments=[f"kind: {seg.kind}"])
        message.string = text
        if kind == "fuzzy":
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")
            message.previous_id = []
        message.user_comments = notes
    if counts["fuzzy"] == 0 and counts["untranslated"] == 0:
        catalog.extra[cat.SOURCE_VERSION] = doc.meta.version
    return catalog, counts


def export(root: Path, documents: list[Path] | None, locales: list[str] | None, out: Path) -> tuple[list[Path], list[str]]:
    """Write <out>/<document>.<locale>.xlf for each document and each of its locales; returns the files written and the documents left out of a --locale."""
    from .workflow import _locales, _project, listed, skipped

    project = _project(root, documents)
    wanted = _locales(project, locales)
    notes = skipped(project, locales)  # -- a locale no document is made in is an error --
    outputs: list[tuple[Path, bytes]] = []
    for folder, doc in project.documents.items():
        for locale in listed(project, folder, wanted):
            path = cat.po_path(folder, locale)
            catalog = cat.read_document_catalog(path, locale) if path.is_file() else None
            outputs.append((out / f"{doc.meta.id}.{locale}.xlf", export_catalog(doc, locale, catalog, project.config.source_locale)))
    for path, data in outputs:
        atomic_write(path, data)
    return [p for p, _ in outputs], notes


def import_files(root: Path, files: list[Path]) -> list[tuple[Path, str]]:
    """Merge each XLIFF file into its document's catalog; nothing is written unless every file is right."""
    from .workflow import _project

    project = _project(root, None)
    by_id = {doc.meta.id: (folder, doc) for folder, doc in project.documents.items()}
    problems = Collector()
    outputs: list[tuple[Path, cat.HandoutsCatalog, str]] = []
    for path in files:
        try:
            tree = read_xliff(path)
            info = file_info(tree, path)
            if info["document"] not in by_id:
                raise TranslationError(Problem(f"this file is for document '{info['document']}', which is not in this project (documents: {', '.join(sorted(by_id))})", path=path))
            if info["locale"] not in project.config.target_locales:
                raise TranslationError(Problem(f"this file is for locale '{info['locale']}', which is not a target locale in handouts.yml", path=path, locale=info["locale"]))
            folder, doc = by_id[info["document"]]
            if not doc.lists(info["locale"], project.config.source_locale):
                raise TranslationError(Problem(f"this file is for locale '{info['locale']}', which document '{doc.meta.id}' is not made in (its meta.locales: "
                                               f"{', '.join(doc.meta.locales or [])}): add {info['locale']} there first", path=path, locale=info["locale"]))
            po = cat.po_path(folder, info["locale"])
            catalog = cat.read_document_catalog(po, info["locale"]) if po.is_file() else cat.new_catalog(doc, info["locale"])
            merged, counts = import_into(tree, path, doc, catalog)
            outputs.append((po, merged, ", ".join(f"{v} {k}" for k, v in counts.items())))
        except TranslationError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any(TranslationError)
    for po, catalog, _ in outputs:
        cat.write(po, catalog)
    return [(p, s) for p, _, s in outputs]
