"""Config + locale -> the project's own template-word catalog (<templates_dir>/locales/<locale>.po), in memory.

Template words ("Key points", "Page 1 of 4") a project translates live under its `templates_dir`,
never inside the installed package: the packaged catalogs are the fallback and are read only. A
project without `templates_dir` gets `templates/` and the setting in handouts.yml (as a text edit).
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import CONFIG_NAME, Config
from ..errors import ConfigError, Problem
from ..theme import BUILTIN
from . import catalog as cat
from . import configedit
from .strings import DEFAULT_TEMPLATES_DIR as DEFAULT_DIR
from .strings import POT_NAME, TEMPLATE_METHODS, _extract


@dataclass(frozen=True)
class TemplatesDir:
    """Where the project's template words go, and the handouts.yml text that sets it (None: already set)."""

    folder: Path
    config_text: str | None
    existed: bool = True

    @property
    def created(self) -> bool:
        """True when handouts.yml gets the setting (and the folder, unless it existed)."""
        return self.config_text is not None


def templates_dir(config: Config, config_text: str | None = None) -> TemplatesDir:
    """The project's templates folder; when handouts.yml names none, `templates/` and the edited config text."""
    if config.user_templates:
        return TemplatesDir(config.user_templates.resolve(), None)
    path = config.root / CONFIG_NAME
    folder = config.root / DEFAULT_DIR
    if folder.exists() and not folder.is_dir():
        raise ConfigError(Problem(f"'{DEFAULT_DIR}' is a file, so it cannot hold your templates: set `templates_dir:` in {CONFIG_NAME} to a folder", path=folder))
    if config_text is None:
        config_text = path.read_text(encoding="utf-8") if path.is_file() else configedit.new_config(config.source_locale)
    return TemplatesDir(folder.resolve(), configedit.set_templates_dir(config_text, DEFAULT_DIR, path), folder.is_dir())


def catalog_path(folder: Path, locale: str) -> Path:
    """<templates>/locales/<locale>.po."""
    return folder / cat.LOCALES_DIR / f"{locale}.po"


def template_pot(config: Config) -> cat.HandoutsCatalog:
    """Every template word the project uses: the packaged messages.pot, then the project's own templates' words."""
    pot = cat.HandoutsCatalog(project="handouts", version=__version__, fuzzy=False, language_team=" ",
                              header_comment="# Template words of the leaflet and deck (handouts' and this project's templates).\n"
                              "# Written by `handouts i18n extract --templates`; translate <locale>.po, not this file.")
    packaged = cat.read(BUILTIN / cat.LOCALES_DIR / POT_NAME)
    pot.creation_date = packaged.creation_date
    for m in packaged:
        if m.id:
            pot.add(m.id, locations=[(f"handouts/{file}", line) for file, line in m.locations], auto_comments=m.auto_comments, context=m.context)
    if config.user_templates and config.user_templates.is_dir():
        for m in _extract(config.user_templates, TEMPLATE_METHODS):
            file, line = m.locations[0]
            if pot.get(m.id, context=m.context) is None:
                shown = Path(os.path.relpath(file, config.root)).as_posix()
                pot.add(m.id, locations=[(shown, line)], auto_comments=m.auto_comments, context=m.context)
    return pot


def updated(path: Path, locale: str, pot: cat.HandoutsCatalog) -> cat.HandoutsCatalog:
    """The template-word catalog at path (or a new one) merged with the template: new words empty, changed ones fuzzy."""
    if path.is_file():
        catalog = cat.read(path, locale)
    else:
        language = cat.check_locale(locale, path)
        catalog = cat.HandoutsCatalog(
            locale=language, fuzzy=False, creation_date=pot.creation_date, revision_date=pot.creation_date,
            header_comment=f"# {language.english_name} template words of the leaflet and deck.\n"
            "# An empty entry uses handouts' built-in translation when there is one; a filled one overrides it.\n"
            "# Update with: handouts i18n update --templates",
        )
    catalog.project, catalog.version = pot.project, pot.version
    catalog.update(copy.deepcopy(pot), update_creation_date=False)  # -- Babel shares the template's Message objects --
    return catalog
