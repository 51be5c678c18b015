"""The catalog workflow behind `handouts i18n`: project -> POT/PO files written (extract, update, pseudo) or counts (status).

Every command first reads and checks everything it needs; files are written only when nothing is wrong.
"""

from __future__ import annotations

from pathlib import Path

from ..build import Project, load_project
from ..content import SOURCE_NAME
from ..errors import Collector, TranslationError
from ..theme import BUILTIN
from . import catalog as cat
from .pseudo import PSEUDO, PSEUDO_RTL, is_pseudo, pseudo_text
from .status import summary, translation_report
from .strings import POT_NAME, extract_pot, missing_strings


def extract(root: Path, documents: list[Path] | None = None, templates: bool = False) -> list[Path]:
    """Write content/<doc>/locales/<doc>.pot for each document (and messages.pot of the templates)."""
    project = _project(root, documents)
    outputs: list[tuple[Path, cat.Catalog]] = [(cat.pot_path(f, d), cat.template(d)) for f, d in project.documents.items()]
    if templates:
        path = _templates_dir(project) / cat.LOCALES_DIR / POT_NAME
        pot = extract_pot(BUILTIN.parent, user_templates=project.config.user_templates)
        if path.is_file():
            pot.creation_date = cat.read(path).creation_date  # unchanged strings -> unchanged file
        outputs.append((path, pot))
    for path, catalog in outputs:
        cat.write(path, catalog)
    return [p for p, _ in outputs]


def update(root: Path, documents: list[Path] | None = None, locales: list[str] | None = None, templates: bool = False) -> list[tuple[Path, str]]:
    """Create or merge each locale's PO from the document (and optionally the template-string catalogs)."""
    project = _project(root, documents)
    config = project.config
    wanted = _locales(project, locales)
    problems = Collector()
    outputs: list[tuple[Path, cat.Catalog, str]] = []
    for folder, doc in project.documents.items():
        pot = cat.template(doc)
        outputs.append((cat.pot_path(folder, doc), pot, ""))
        for locale in wanted:
            path = cat.po_path(folder, locale)
            try:
                old = cat.read_document_catalog(path, locale) if path.is_file() else cat.new_catalog(doc, locale)
            except TranslationError as exc:
                problems.extend(exc.problems)
                continue
            merged = cat.merge(old, pot)
            counts = _counts(merged, pot)
            if counts["fuzzy"] == 0 and counts["untranslated"] == 0:
                merged.extra[cat.SOURCE_VERSION] = doc.meta.version
            outputs.append((path, merged, ", ".join(f"{v} {k}" for k, v in counts.items())))
    if templates:
        folder = _templates_dir(project) / cat.LOCALES_DIR
        pot = cat.read(folder / POT_NAME) if (folder / POT_NAME).is_file() else extract_pot(BUILTIN.parent, user_templates=config.user_templates)
        for locale in wanted:
            path = folder / f"{locale}.po"
            try:
                old = cat.read(path, locale) if path.is_file() else cat.HandoutsCatalog(locale=cat.check_locale(locale, path), fuzzy=False, project="handouts templates")
            except TranslationError as exc:
                problems.extend(exc.problems)
                continue
            old.update(pot, update_creation_date=False)
            outputs.append((path, old, ""))
    problems.raise_if_any(TranslationError)
    for path, catalog, _ in outputs:
        cat.write(path, catalog)
    return [(p, s) for p, _, s in outputs]


def status(root: Path, documents: list[Path] | None = None, locales: list[str] | None = None) -> dict[str, object]:
    """Per document x locale: counts, percentage, source version, segments needing work, missing template strings."""
    project = _project(root, documents)
    config = project.config
    wanted = _locales(project, locales)
    problems = Collector()
    rows = []
    for folder, doc in project.documents.items():
        for locale in wanted:
            try:
                states = translation_report(doc, locale, config, folder)
                row = summary(doc, locale, config, folder, states).to_dict()
                row["segments"] = [
                    {"context": s.context, "state": s.state, "source_line": s.source.line, "po": str(s.po_path) if s.po_path else None, "po_line": s.po_line}
                    for s in states if not s.usable
                ]
            except TranslationError as exc:
                problems.extend(exc.problems)
                continue
            rows.append(row)
    strings = {}
    for locale in wanted:
        try:
            strings[locale] = [{"msgid": m.msgid, "state": m.state, "po": str(m.path) if m.path else None, "po_line": m.line} for m in missing_strings(locale, config)]
        except TranslationError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any(TranslationError)
    return {"documents": rows, "template_strings": {"missing": strings}}


def status_lines(report: dict[str, object]) -> list[str]:
    """The status report as lines for a terminal."""
    lines = [f"{'document':<24} {'locale':<8} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'%':>6}  source version"]
    for row in report["documents"]:  # type: ignore[attr-defined]
        version = row["source_version"] or "-"
        mark = "current" if row["current"] else f"made from {version}, document is {row['document_version']}" if version != row["document_version"] else "incomplete"
        lines.append(f"{row['document']:<24} {row['locale']:<8} {row['translated']:>10} {row['fuzzy']:>6} {row['untranslated']:>9} {row['percent']:>6.1f}  {version} ({mark})")
        for seg in row["segments"]:
            where = f"{seg['po']}:{seg['po_line']}" if seg["po"] and seg["po_line"] else seg["po"] or "(no catalog)"
            lines.append(f"    {seg['state']:<12} {seg['context']} (document.yml:{seg['source_line']}) {where}")
    for locale, missing in report["template_strings"]["missing"].items():  # type: ignore[index]
        for m in missing:
            lines.append(f"template string {m['state']} in {locale}: {m['msgid']!r} ({m['po'] or 'no catalog'})")
    return lines


def pseudo(root: Path, documents: list[Path] | None = None, rtl: bool = False) -> bytes:
    """A PO catalog of pseudo-translations of every segment (all documents), for inspecting the expansion."""
    project = _project(root, documents)
    locale = PSEUDO_RTL if rtl else PSEUDO
    out = cat.HandoutsCatalog(locale=None, fuzzy=False, project=locale, header_comment=f"# Pseudo-translation ({locale}); build it with: handouts build --locale {locale}")
    for doc in project.documents.values():
        for seg in doc.segments():
            out.add(seg.text, pseudo_text(seg.text, locale), context=f"{doc.meta.id}:{seg.context}" if len(project.documents) > 1 else seg.context,
                    locations=[(cat.SOURCE_FILE, seg.line or 0)])
    return cat.dumps(out)


def _project(root: Path, documents: list[Path] | None) -> Project:
    """The project, after checking that every catalog belongs to a document that exists."""
    from ..config import load_config

    config = load_config(root)
    problems = Collector()
    if config.content_path.is_dir():
        for po in sorted(config.content_path.glob(f"*/{cat.LOCALES_DIR}/*.po")):
            if not (po.parent.parent / SOURCE_NAME).is_file():
                problems.add(f"catalog for a document that does not exist (no {po.parent.parent.name}/{SOURCE_NAME}): move the catalog to its document's locales/ folder or delete it", path=po)
    problems.raise_if_any(TranslationError)
    return load_project(root, documents)


def _locales(project: Project, wanted: list[str] | None) -> list[str]:
    config = project.config
    # Default: the configured target locales plus any locale that already has a catalog.
    found = {p.stem: p for folder in project.documents for p in sorted(cat.locales_dir(folder).glob("*.po"))}
    locales = wanted or list(dict.fromkeys([*config.target_locales, *found]))
    problems = Collector()
    for loc in locales:
        if is_pseudo(loc) or loc == config.source_locale:
            problems.add(f"'{loc}' has no catalog (source or pseudo-locale): choose a target locale", locale=loc)
        else:
            try:
                cat.check_locale(loc, found.get(loc))
            except TranslationError as exc:
                problems.extend(exc.problems)
    problems.raise_if_any(TranslationError)
    return list(locales)


def _templates_dir(project: Project) -> Path:
    return project.config.user_templates or BUILTIN


def _counts(merged: cat.Catalog, pot: cat.Catalog) -> dict[str, int]:
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for m in merged:
        if not m.id:
            continue
        counts["untranslated" if not m.string else "fuzzy" if m.fuzzy else "translated"] += 1
    return counts
