"""`handouts i18n add LOCALE`: project + locale code -> document catalogs, the project's template-word catalog, handouts.yml.

Everything is computed and checked in memory first (the code, every catalog, the edited handouts.yml);
files are written only when nothing is wrong, and never inside the installed package.
"""

from __future__ import annotations

from pathlib import Path

from ..config import CONFIG_NAME
from ..content import SOURCE_NAME
from ..errors import Collector, Problem, TranslationError
from . import catalog as cat
from . import configedit, templatecat
from .pseudo import is_pseudo
from .workflow import _project, _write, check_code, document_catalogs, template_catalogs


def add(root: Path, code: str) -> list[str]:
    """Create the catalogs of a new locale and list it in handouts.yml; lines saying what was written."""
    project = _project(root, None)
    config = project.config
    path = config.root / CONFIG_NAME
    if is_pseudo(code) or code == config.source_locale:
        raise TranslationError(Problem(f"'{code}' is the source locale or a pseudo-locale, so it has no catalog: choose a target locale", path=path, locale=code))
    found = {p.stem: p for folder in project.documents for p in sorted(cat.locales_dir(folder).glob("*.po")) if not is_pseudo(p.stem)}
    if config.user_templates:
        found |= {p.stem: p for p in sorted((config.user_templates / cat.LOCALES_DIR).glob("*.po"))}
    check_code(code, config, found)
    problems = Collector()
    outputs = [(cat.pot_path(folder, doc), cat.template(doc), "") for folder, doc in project.documents.items()]
    outputs += document_catalogs(project, [code], problems)
    text = path.read_text(encoding="utf-8") if path.is_file() else None
    plan = templatecat.templates_dir(config, text)
    outputs += template_catalogs(project, plan.folder, [code], problems)
    problems.raise_if_any(TranslationError)
    new_text, notes = plan.config_text, ()
    if code not in config.locales:
        base = new_text or text or configedit.new_config(config.source_locale)
        new_text = configedit.add_locale(base, code, config.source_locale, path)
        notes = (f"added '{code}' to `locales:` in {CONFIG_NAME}",)
    lines = _write(project, [(p, c) for p, c, _ in outputs], plan, {p: s for p, _, s in outputs}, new_text, notes)
    if code in config.locales and code in found:
        lines.insert(0, f"'{code}' already exists: its catalogs were brought up to date with the source (translations, header and "
                        f"translator data kept), as `handouts i18n update --locale {code}` does")
    lines += [f"no catalog for {folder / SOURCE_NAME}: its meta.locales ({', '.join(doc.meta.locales or [])}) does not list {code}; "
              f"add {code} there, then run `handouts i18n update --locale {code}`" for folder, doc in project.documents.items() if not doc.lists(code, config.source_locale)]
    return lines + [f"next: translate the catalogs above in a PO editor (Poedit, Weblate...), then `handouts i18n status --locale {code}` "
                    f"and `handouts build --locale {code}` (--draft until every segment is translated)"]
