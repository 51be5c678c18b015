"""The catalog workflow behind `handouts i18n`: project -> POT/PO files written (extract, update, pseudo) or counts (status).

Every command first reads and checks everything it needs; files are written only when nothing is wrong.
"""

from __future__ import annotations

from pathlib import Path

from ..build import Project, load_project
from ..config import CONFIG_NAME, Config
from ..content import SOURCE_NAME
from ..errors import Collector, Problem, TranslationError
from ..output import atomic_write
from ..theme import BUILTIN
from . import babel_locale
from . import catalog as cat
from . import codes, templatecat
from .matrix import matrix, plain_lines
from .pseudo import PSEUDO, PSEUDO_RTL, is_pseudo, pseudo_text
from .status import summary, translation_report
from .strings import POT_NAME, missing_strings


def extract(root: Path, documents: list[Path] | None = None, templates: bool = False) -> list[str]:
    """Write content/<doc>/locales/<doc>.pot for each document (and the project's <templates>/locales/messages.pot)."""
    project = _project(root, documents)
    outputs: list[tuple[Path, cat.HandoutsCatalog]] = [(cat.pot_path(f, d), cat.template(d)) for f, d in project.documents.items()]
    plan = None
    if templates:
        plan = templatecat.templates_dir(project.config)
        path = plan.folder / cat.LOCALES_DIR / POT_NAME
        pot = templatecat.template_pot(project.config)
        if path.is_file():
            pot.creation_date = cat.read(path).creation_date  # unchanged strings -> unchanged file
        outputs.append((path, pot))
    return _write(project, outputs, plan)


def update(root: Path, documents: list[Path] | None = None, locales: list[str] | None = None, templates: bool = False) -> list[str]:
    """Create or merge each locale's PO from the document; a new locale (or --templates, the source locale's too) also gets the project's template-word catalog."""
    project = _project(root, documents)
    wanted = _locales(project, locales, templates)
    notes = skipped(project, locales)
    targets = [loc for loc in wanted if loc != project.config.source_locale]  # the source has template words to translate, no document catalog
    problems = Collector()
    outputs: list[tuple[Path, cat.HandoutsCatalog, str]] = []
    for folder, doc in project.documents.items():
        outputs.append((cat.pot_path(folder, doc), cat.template(doc), ""))
    outputs += document_catalogs(project, targets, problems)
    fresh = [loc for loc in targets if is_new(project, loc)]
    plan = None
    if templates or fresh:
        plan = templatecat.templates_dir(project.config)
        outputs += template_catalogs(project, plan.folder, wanted if templates else fresh, problems)
    problems.raise_if_any(TranslationError)
    return notes + _write(project, [(p, c) for p, c, _ in outputs], plan, {p: s for p, _, s in outputs})


def document_catalogs(project: Project, wanted: list[str], problems: Collector) -> list[tuple[Path, cat.HandoutsCatalog, str]]:
    """Every document's catalog of every wanted locale, merged with its template (problems collected)."""
    outputs = []
    for folder, doc in project.documents.items():
        pot = cat.template(doc)
        for locale in listed(project, folder, wanted):
            path = cat.po_path(folder, locale)
            try:
                old = cat.read_document_catalog(path, locale) if path.is_file() and path.read_bytes().strip() else cat.new_catalog(doc, locale)
            except TranslationError as exc:
                problems.extend(exc.problems)
                continue
            merged = cat.merge(old, pot)
            counts = _counts(merged)
            if counts["fuzzy"] == 0 and counts["untranslated"] == 0:
                merged.extra[cat.SOURCE_VERSION] = doc.meta.version
            for name in (cat.REVIEWER, cat.REVIEW_DATE):  # -- dropped by a tool: empty means "not reviewed", never "reviewed" --
                merged.extra.setdefault(name, "")
            outputs.append((path, merged, ", ".join(f"{v} {k}" for k, v in counts.items())))
    return outputs


def template_catalogs(project: Project, folder: Path, wanted: list[str], problems: Collector) -> list[tuple[Path, cat.HandoutsCatalog, str]]:
    """The project's template-word catalog of each wanted locale (created or merged), under its templates folder."""
    pot = templatecat.template_pot(project.config)
    outputs = []
    for locale in wanted:
        path = templatecat.catalog_path(folder, locale)
        try:
            catalog = templatecat.updated(path, locale, pot)
        except TranslationError as exc:
            problems.extend(exc.problems)
            continue
        builtin = cat.read(BUILTIN / cat.LOCALES_DIR / f"{locale}.po", locale) if (BUILTIN / cat.LOCALES_DIR / f"{locale}.po").is_file() else None
        done = sum(1 for m in catalog if m.id and (m.string and not m.fuzzy or builtin is not None and _translated(builtin, m.id)))
        outputs.append((path, catalog, f"template words: {done} of {sum(1 for m in catalog if m.id)} translated"
                        + (" (empty entries use handouts' built-in translation)" if builtin is not None else "")))
    return outputs


def listed(project: Project, folder: Path, wanted: list[str]) -> list[str]:
    """The wanted locales one document is made in (its meta.locales; the same rule as the build plan)."""
    from ..pipeline.plan import document_locales

    return document_locales(project, folder, wanted)


def skipped(project: Project, wanted: list[str] | None) -> list[str]:
    """'skipped' lines for the documents a --locale leaves out because their meta.locales does not list it."""
    from ..build import unlisted_locales

    return [f"skipped: {note}" for note in unlisted_locales(project, wanted)]


def is_new(project: Project, locale: str) -> bool:
    """True when no document of the project has a catalog for the locale yet."""
    return not any(cat.po_path(folder, locale).is_file() for folder in project.documents)


def status(root: Path, documents: list[Path] | None = None, locales: list[str] | None = None) -> dict[str, object]:
    """Per document x locale: counts, percentage, source version, segments needing work, missing template strings."""
    project = _project(root, documents)
    config = project.config
    wanted = _locales(project, locales)
    problems = Collector()
    rows = []
    for folder, doc in project.documents.items():
        for locale in listed(project, folder, wanted):
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
    table = matrix([d.meta.id for d in project.documents.values()], config.source_locale, wanted, rows)
    return {"matrix": table, "documents": rows, "template_strings": {"missing": strings}}


def status_lines(report: dict[str, object]) -> list[str]:
    """The status report as plain lines: the documents x locales matrix, then the details."""
    return [*plain_lines(report["matrix"]), "", *detail_lines(report)]  # type: ignore[arg-type]


def detail_lines(report: dict[str, object]) -> list[str]:
    """Counts per document x listed locale, the segments needing work, missing template strings."""
    lines = [f"{'document':<24} {'locale':<8} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} {'%':>6}  source version"]
    for row in report["documents"]:  # type: ignore[attr-defined]
        version = row["source_version"] or "-"
        if row["catalog"] is None:
            lines.append(f"{row['document']:<24} {row['locale']:<8} {row['translated']:>10} {row['fuzzy']:>6} {row['untranslated']:>9} {row['percent']:>6.1f}  - (not translated)")
            lines.append(f"    no catalog: run `handouts i18n update --locale {row['locale']}` and translate it")
            continue
        if row["provenance_missing"]:
            mark = f"provenance missing: no {', '.join(row['provenance_missing'])} in the header; not current"
        else:
            mark = "current" if row["current"] else f"made from {version}, document is {row['document_version']}" if version != row["document_version"] else "incomplete"
        lines.append(f"{row['document']:<24} {row['locale']:<8} {row['translated']:>10} {row['fuzzy']:>6} {row['untranslated']:>9} {row['percent']:>6.1f}  {version} ({mark})")
        for seg in row["segments"]:
            where = f"{seg['po']}:{seg['po_line']}" if seg["po"] and seg["po_line"] else seg["po"] or "(no catalog)"
            lines.append(f"    {seg['state']:<12} {seg['context']} (document.yml:{seg['source_line']}) {where}")
    for locale, missing in report["template_strings"]["missing"].items():  # type: ignore[index]
        for m in missing:
            lines.append(f"template string {m['state']} in {locale}: {m['msgid']!r} ({m['po'] or 'no catalog'})")
    return lines


def pseudo(root: Path, documents: list[Path] | None = None, rtl: bool = False) -> dict[Path, cat.HandoutsCatalog]:
    """A pseudo-translated catalog of every segment per document (content/<doc>/locales/x-pseudo.po), in memory."""
    project = _project(root, documents)
    locale = PSEUDO_RTL if rtl else PSEUDO
    out = {}
    for folder, doc in project.documents.items():
        # -- Language: the Babel locale the pseudo-locale formats with (en, ar), so editors show the direction --
        catalog = cat.HandoutsCatalog(locale=babel_locale(locale), fuzzy=False, project=doc.meta.id, version=doc.meta.version, creation_date=cat.template(doc).creation_date,
                                      revision_date=cat.template(doc).creation_date, language_team=" ",
                                      header_comment=f"# Pseudo-translation ({locale}) of '{doc.meta.title}', for layout tests only: handouts builds it "
                                      f"on the fly with `handouts build --locale {locale}` and never reads this file.")
        catalog.plain_text = True
        for seg in doc.segments():
            catalog.add(seg.text, pseudo_text(seg.text, locale), context=seg.context, locations=[(cat.SOURCE_FILE, seg.line or 0)])
        out[cat.po_path(folder, locale)] = catalog
    return out


def write_catalogs(catalogs: dict[Path, cat.HandoutsCatalog]) -> list[str]:
    """Write catalogs computed in memory (every path checked by the writer), as 'wrote <path>' lines."""
    for path, catalog in catalogs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        cat.write(path, catalog)
    return [f"wrote {path}" for path in catalogs]


def pseudo_bytes(catalogs: dict[Path, cat.HandoutsCatalog]) -> bytes:
    """The pseudo catalogs as one PO file (msgctxt prefixed with the document id when there are several)."""
    if len(catalogs) == 1:
        return cat.dumps(next(iter(catalogs.values())))
    first = next(iter(catalogs.values()))
    out = cat.HandoutsCatalog(locale=None, fuzzy=False, project="handouts pseudo", creation_date=first.creation_date,
                              revision_date=first.creation_date, language_team=" ", header_comment=first.header_comment)
    out.plain_text = True
    for path, catalog in catalogs.items():
        for m in catalog:
            if m.id:
                out.add(m.id, m.string, context=f"{path.parent.parent.name}:{m.context}", locations=m.locations)
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


def _locales(project: Project, wanted: list[str] | None, source_ok: bool = False) -> list[str]:
    config = project.config
    # Default: the configured target locales plus any locale that already has a catalog.
    found = {p.stem: p for folder in project.documents for p in sorted(cat.locales_dir(folder).glob("*.po")) if not is_pseudo(p.stem)}
    locales = wanted or list(dict.fromkeys([*config.target_locales, *found]))
    problems = Collector()
    for loc in locales:
        if is_pseudo(loc) or loc == config.source_locale and not (source_ok and wanted):
            problems.add(f"'{loc}' has no catalog (source or pseudo-locale): choose a target locale", locale=loc)
            continue
        try:
            check_code(loc, config, found)
        except TranslationError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any(TranslationError)
    return list(locales)


def check_code(code: str, config: Config, found: dict[str, Path]) -> None:
    """A code Babel knows, spelled as BCP 47 and exactly as the project already spells it (en-GB, not en_gb)."""
    config_file = config.root / CONFIG_NAME
    codes.parse(code, found.get(code) or config_file)
    known = found | {loc: config_file for loc in config.locales}  # -- a configured code is named where it is configured --
    twin = next((k for k in known if k != code and codes.same(k, code)), None)
    if twin:
        raise TranslationError(Problem(f"'{code}' differs from the project's '{twin}' only by case or '_'/'-': did you mean {twin}?", path=known[twin], locale=code))
    if code not in known and code != codes.canonical(code):
        raise TranslationError(Problem(f"write the locale code as BCP 47: did you mean {codes.canonical(code)}?", path=config_file, locale=code))


def _write(project: Project, outputs: list[tuple[Path, cat.HandoutsCatalog]], plan: templatecat.TemplatesDir | None,
           notes: dict[Path, str] | None = None, config_text: str | None = None, config_notes: tuple[str, ...] = ()) -> list[str]:
    """Write everything computed in memory: the templates folder, every catalog, then handouts.yml when it changed."""
    lines = []
    text = config_text if config_text is not None else plan.config_text if plan is not None else None
    if plan is not None and plan.created:
        plan.folder.mkdir(parents=True, exist_ok=True)
        if plan.existed:
            lines.append(f"set `templates_dir: {plan.folder.name}` in {CONFIG_NAME} for your template words: the folder already existed, "
                         "so its files now override handouts' templates of the same name")
        else:
            lines.append(f"created {plan.folder.name}/ for your template words and set `templates_dir: {plan.folder.name}` in {CONFIG_NAME}")
    for path, catalog in outputs:
        path.parent.mkdir(parents=True, exist_ok=True)
        cat.write(path, catalog)
        note = (notes or {}).get(path)
        lines.append(f"wrote {path}" + (f" ({note})" if note else ""))
    if text is not None:
        atomic_write(project.config.root / CONFIG_NAME, text.encode("utf-8"))
        lines += config_notes
    return lines


def _translated(catalog: cat.HandoutsCatalog, msgid: str) -> bool:
    m = catalog.get(msgid)
    return m is not None and bool(m.string) and not m.fuzzy


def _counts(merged: cat.HandoutsCatalog) -> dict[str, int]:
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for m in merged:
        if not m.id:
            continue
        counts["untranslated" if not m.string else "fuzzy" if m.fuzzy else "translated"] += 1
    return counts
