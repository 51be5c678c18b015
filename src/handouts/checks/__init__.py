"""Content checks for patient material: project + locales -> sorted Findings (rule, severity, where, what to do).

One module per family of rules: placeholder, promotion, readability, jargon, structure, control,
translation, accessibility. Rules, severities and thresholds come from settings.RULES and
the project's `checks:` in handouts.yml (docs/checks.md).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..errors import HandoutsError
from .findings import Finding

if TYPE_CHECKING:
    from ..build import Project

__all__ = ["Finding", "numbers_waivers", "run_checks"]

def run_checks(project: "Project", locales: list[str], today: dt.date | None = None) -> list[Finding]:
    """Every finding for every document in every locale, sorted (a bad `checks:` setting raises ConfigError)."""
    from ..config import CONFIG_NAME
    from ..i18n import is_pseudo
    from . import accessibility, control, master, pictures, reviewed, structure
    from .context import source_view, translated_view
    from .findings import relative
    from .settings import load_settings

    config = project.config
    root = config.root
    settings = load_settings(config.checks, root / CONFIG_NAME)
    today = today or dt.date.today()
    findings: list[Finding] = list(accessibility.project_checks(config, settings, relative(root / CONFIG_NAME, root) or CONFIG_NAME))
    findings += pictures.project_checks(config, settings, relative(root / CONFIG_NAME, root) or CONFIG_NAME)
    findings += master.check(config, settings)
    text_rules = [m for m in _text_modules() if settings.family_on(m.__name__.rsplit(".", 1)[-1])]
    for folder, doc in project.documents.items():
        source = source_view(doc, folder, config.source_locale, root)
        findings += control.check(source, config, settings, today)
        findings += structure.check(source, settings)
        findings += accessibility.document_checks(source, settings)
        findings += pictures.document_checks(source, settings, config)
        for locale in locales:
            if is_pseudo(locale) or not doc.lists(locale, config.source_locale):
                continue  # pseudo-locales are generated text, not content; meta.locales says which locales a document is made in
            if locale == config.source_locale:
                view = source
            else:
                report = _report(doc, locale, config, folder, findings)
                if report is None:
                    continue
                view = translated_view(doc, folder, locale, report, root)
                findings += _translation(view, settings, config)
                findings += reviewed.check(doc, folder, locale, config, settings, today)
                findings += accessibility.alt_text(view, settings)
            for module in text_rules:
                findings += module.check(view, settings)
    findings = [f for f in findings if settings.on(f.rule)]
    return sorted(set(findings), key=Finding.sort_key)


def _text_modules() -> list[Any]:
    from . import jargon, markup, placeholder, promotion, readability

    return [placeholder, promotion, readability, jargon, markup]


def _translation(view: Any, settings: Any, config: Any) -> list[Finding]:
    from . import invisible, translation

    hidden = list(invisible.check(view, settings))
    flagged = {f.segment for f in hidden}
    # -- the controls split numbers from their units ("24\u202c horas"): the numbers are compared again once they are deleted --
    return hidden + [f for f in translation.check(view, settings, config) if not (f.segment in flagged and f.rule.startswith("translation.numbers"))]


def _report(doc: Any, locale: str, config: Any, folder: Any, findings: list[Finding]) -> list[Any] | None:
    """The i18n translation report for one locale, or None (with a finding saying why)."""
    from ..i18n import translation_report
    from .findings import relative

    where = relative(folder / "document.yml", config.root)
    try:
        report = list(translation_report(doc, locale, config, folder))
    except HandoutsError as exc:
        for p in exc.problems:
            findings.append(Finding("translation.unavailable", "error", f"{p.message}: translations in '{locale}' could not be checked", relative(p.path, config.root) if p.path else where, p.line, locale, p.key, doc.meta.id))
        return None
    if report and all(s.po_path is None and s.text is None for s in report):
        findings.append(Finding("translation.untranslated", "warning", f"no catalog for '{locale}': nothing is translated; run `handouts i18n update --locale {locale}` and translate it, or leave '{locale}' out of this document's meta.locales", where, None, locale, None, doc.meta.id))
        return None
    return report


def numbers_waivers(project: "Project", locales: list[str]) -> list[dict[str, Any]]:
    """Every reviewer's numbers waiver (document, locale, segment, catalog path and line, reason, whether it still applies), for the manifest."""
    from ..i18n import is_pseudo
    from ..i18n.catalog import po_path
    from .findings import relative
    from .waivers import waivers_in

    out: list[dict[str, Any]] = []
    for folder, doc in project.documents.items():
        sources = {s.context: s.text for s in doc.segments()}
        for locale in locales:
            if is_pseudo(locale) or locale == project.config.source_locale or not doc.lists(locale, project.config.source_locale):
                continue
            for context, waiver in sorted(waivers_in(po_path(folder, locale)).items()):
                entry = {"document": doc.meta.id, "locale": locale, **waiver.to_dict()}
                entry["path"] = relative(waiver.path, project.config.root)
                entry["current"] = context in sources and waiver.applies(sources[context])
                out.append(entry)
    return out
