"""Template strings ("Page X of Y", "Key points", the draft mark...): catalogs on the theme path -> Translations.

Catalogs live in <templates>/locales/<locale>.po; a clinic's templates folder comes first on the
search path and may override single strings (the built-in catalog is the fallback).
messages.pot lists every string the templates and renderers use (`handouts i18n extract --templates`).
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.support import Translations

from .. import __version__
from ..config import CONFIG_NAME, Config
from ..errors import Collector, Problem, TranslationError
from ..theme import BUILTIN, Theme
from ..yamlfile import YamlProblem, load_yaml
from . import catalog as cat
from .once import shared
from .pseudo import PseudoTranslations, is_pseudo

POT_NAME = "messages.pot"
DEFAULT_TEMPLATES_DIR = "templates"  # where `handouts i18n add` puts a project's template words when handouts.yml names no folder
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[a-zA-Z%]?")


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with job.gettext(message)."""
    return message


# Phrases every renderer shows the same way (one msgid each, so one translation each).
DRAFT_MARK = N_("DRAFT TRANSLATION — not for use with patients")
# Used inside f-strings by the deck renderer, where Babel's extractor cannot see them.
CONTINUED = (N_("(continued)"), N_("(continued %(number)s)"), N_("QR code to the online leaflet"))
# Where template strings are extracted from: Jinja2 templates and the renderers' Python code.
TEMPLATE_METHODS = [("**.html", "jinja2.ext:babel_extract"), ("**.j2", "jinja2.ext:babel_extract")]
METHOD_MAP = [("**.py", "python"), *TEMPLATE_METHODS]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
SOURCES = ("templates/leaflet", "templates/slides", "templates/web", "render", "i18n")  # relative to the package


@dataclass(frozen=True)
class MissingString:
    """A template string with no usable translation in a locale."""

    msgid: str
    locale: str
    state: str  # untranslated | fuzzy
    path: Path | None
    line: int | None


def catalog_paths(locale: str, config: Config) -> list[Path]:
    """The template-string catalogs of a locale on the theme search path, first wins."""
    return [p for p in (folder / cat.LOCALES_DIR / f"{locale}.po" for folder in Theme(config).search_path) if p.is_file()]


def template_translations(locale: str, config: Config) -> gettext.NullTranslations:
    """Template strings for a locale, the source locale too (clinic catalog first, built-in as fallback); no catalog -> the English words."""
    if is_pseudo(locale):
        return PseudoTranslations(locale)
    result: gettext.NullTranslations | None = None
    problems = Collector()
    for path in catalog_paths(locale, config):
        catalog = shared(path, locale)
        problems.extend(placeholder_problems(catalog, path, locale))
        translations = _compile(catalog)
        if result is None:
            result = translations
        else:
            result.add_fallback(translations)
    problems.raise_if_any(TranslationError)
    return result or gettext.NullTranslations()


_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%")  # -- Jinja's expression, statement and comment marks --


def placeholder_problems(catalog: cat.HandoutsCatalog, path: Path, locale: str) -> list[Problem]:
    """Translations whose %(name)s placeholders differ from the source's (the template would fail to fill them)."""
    problems = []
    for m in catalog:
        if not m.id or not isinstance(m.id, str) or not isinstance(m.string, str) or not m.string or m.fuzzy:
            continue
        source, translated = _placeholders(m.id), _placeholders(m.string)
        code = _TEMPLATE_CODE.search(m.string)
        if code and not _TEMPLATE_CODE.search(m.id):
            problems.append(Problem(
                f"the translation holds template code ({code.group(0)!r}), which handouts never runs: remove it and keep only the "
                "translated words and the source's %(name)s placeholders",
                path=path, line=m.lineno, locale=locale, key=m.id,
            ))
        elif source != translated:
            problems.append(Problem(
                f"the translation's placeholders ({' '.join(translated) or 'none'}) differ from the source's ({' '.join(source) or 'none'}): "
                "keep every %(name)s exactly as in the source, and write a literal % as %%",
                path=path, line=m.lineno, locale=locale, key=m.id,
            ))
    return problems


def _placeholders(text: str) -> list[str]:
    # -- every % sequence, "%%" and a stray "%" included: Jinja2's gettext formats every template string with % --
    return sorted(_PERCENT.findall(text))


def template_messages(config: Config) -> dict[str, tuple[Path, int | None]]:
    """Every template string the theme uses -> where it is listed or used.

    From messages.pot on the search path, and from the clinic's own template files themselves:
    a string an override template adds is known (and must be translated) even before anyone
    re-extracts messages.pot, so it is never printed in English as if current.
    """
    found: dict[str, tuple[Path, int | None]] = {}
    for folder in Theme(config).search_path:
        path = folder / cat.LOCALES_DIR / POT_NAME
        if path.is_file():
            for m in shared(path):
                if m.id and isinstance(m.id, str):
                    found.setdefault(m.id, (path, m.lineno))
    if config.user_templates and config.user_templates.is_dir():
        for message in _extract(config.user_templates, TEMPLATE_METHODS):
            found.setdefault(message.id, message.locations[0])
    return found


def missing_strings(locale: str, config: Config) -> list[MissingString]:
    """Template strings with no translation (or only a fuzzy one) in a locale's catalogs, located in the project's catalog."""
    if locale == config.source_locale or is_pseudo(locale):
        return []
    catalogs = [(p, shared(p, locale)) for p in catalog_paths(locale, config)]
    own = project_catalog(locale, config)
    missing = []
    for msgid in template_messages(config):
        found = [m for _, c in catalogs if (m := c.get(msgid)) is not None]
        if any(m.string and not m.fuzzy for m in found):
            continue
        state = "fuzzy" if any(m.fuzzy and m.string for m in found) else "untranslated"
        # -- the fix goes into the project's own catalog (never the package's): point there --
        line = next((m.lineno for p, c in catalogs if p == own and (m := c.get(msgid)) is not None), None)
        missing.append(MissingString(msgid, locale, state, own, line))
    return missing


def source_words_warning(config: Config) -> str | None:
    """When a non-English source locale lacks translations of template words: which words its leaflets and decks print in English."""
    locale = config.source_locale
    if locale.replace("_", "-").split("-")[0].lower() == "en":
        return None  # the template words are written in English
    catalogs = [cat.read(p, locale) for p in catalog_paths(locale, config)]
    english = [m for m in template_messages(config) if not any((t := c.get(m)) is not None and t.string and not t.fuzzy for c in catalogs)]
    if not english:
        return None
    path = config.root / CONFIG_NAME
    try:
        line = load_yaml(path)[1].get(("source_locale",)) if path.is_file() else None
    except YamlProblem:
        line = None
    where = f"{path}:{line}" if line else str(path)
    what = "has no template-word catalog" if not catalogs else f"has no translation of {len(english)} template word(s)"
    shown = ", ".join(repr(m) for m in english[:6]) + (f" and {len(english) - 6} more" if len(english) > 6 else "")
    return (f"{where}: source_locale '{locale}' {what}: its leaflets and decks print {shown} in English; "
            f"translate them with `handouts i18n update --templates --locale {locale}` (writes {project_catalog(locale, config)})")


def translated_strings(locale: str, config: Config) -> list[str]:
    """The text of every template string as a locale will print it (for the font coverage check)."""
    translations = template_translations(locale, config)
    return [translations.gettext(msgid) for msgid in template_messages(config)]


def extract_pot(root: Path = BUILTIN.parent, version: str = "", user_templates: Path | None = None) -> cat.HandoutsCatalog:
    """Extract template strings from templates/ and the renderers (and a clinic's templates folder) with Babel."""
    pot = cat.HandoutsCatalog(project="handouts", version=version or __version__, fuzzy=False, language_team=" ",
                              header_comment="# Template strings of the handouts leaflet and deck.\n# Generated by `handouts i18n extract --templates`.")
    sources = [(root / sub, sub, METHOD_MAP) for sub in SOURCES]
    if user_templates:
        sources.append((user_templates, user_templates.name, TEMPLATE_METHODS))
    for base, shown, methods in sources:
        for m in _extract(base, methods):
            pot.add(m.id, locations=[(f"{shown}/{m.locations[0][0].relative_to(base).as_posix()}", m.locations[0][1])],
                    auto_comments=m.auto_comments, context=m.context)
    return pot


def _extract(base: Path, methods: list[tuple[str, str]]) -> list[Message]:
    """The gettext messages of the files under base (Babel extractors), located by file path and line."""
    if not base.is_dir():
        return []
    from babel.messages.extract import extract_from_dir  # -- only with templates to read: a build of the built-in look never needs it --

    _require_utf8(base, methods)
    return [
        Message(message[0] if isinstance(message, tuple) else message, locations=[(base / filename, lineno)], auto_comments=comments, context=context)
        for filename, lineno, message, comments, context in extract_from_dir(
            base, methods, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
            options_map={"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
        )
    ]


def _compile(catalog: cat.HandoutsCatalog) -> Translations:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf)


def project_catalog(locale: str, config: Config) -> Path:
    """The project's own template-word catalog of a locale: <templates_dir>/locales/<locale>.po (templates/ when unset)."""
    folder = config.user_templates or config.root / DEFAULT_TEMPLATES_DIR
    return folder.resolve() / cat.LOCALES_DIR / f"{locale}.po"


def _require_utf8(base: Path, methods: list[tuple[str, str]]) -> None:
    """Every template file the extractor will read must be UTF-8: one that is not is a located error, not a traceback."""
    from ..errors import TemplateError

    suffixes = {"." + pattern.rsplit(".", 1)[-1] for pattern, _ in methods}  # "**.html" -> ".html"
    problems = Collector()
    for path in sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in suffixes):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.add("the template is not UTF-8 text: save it as UTF-8 in your editor", path=path, line=data[: exc.start].count(b"\n") + 1)
    problems.raise_if_any(TemplateError)
