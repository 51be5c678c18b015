"""Accessibility: WCAG contrast of the theme's colour pairs, minimum text sizes, alt text in every locale, heading levels."""

from __future__ import annotations

import math
import re
from typing import Any, Iterator

from ..colour import contrast
from ..config import Config
from .context import View
from .findings import Finding
from .settings import Settings

# (foreground, background, text size) in config.brand: every pair the built-in leaflet prints
# (templates/leaflet/leaflet.css): body, links and headings, callouts, key-point boxes, the
# organisation band and step numbers (white on primary, bold body size: not "large").
DEFAULT_PAIRS: list[tuple[str, str, str]] = [
    ("text", "background", "normal"),
    ("primary", "background", "normal"),
    ("accent", "background", "normal"),
    ("warning", "background", "normal"),
    ("warning", "warning_background", "normal"),
    ("text", "warning_background", "normal"),
    ("text", "keypoints_background", "normal"),
    ("accent", "keypoints_background", "normal"),
    ("primary", "keypoints_background", "normal"),
    ("background", "primary", "normal"),
    ("background", "accent", "normal"),
]
MINIMUM = {"normal": 4.5, "large": 3.0}
_USELESS_ALT = re.compile(r"^\s*(?:image|picture|photo|graphic|figure|img|icon|\S+\.(?:png|jpe?g|gif|svg|webp))\s*$", re.IGNORECASE)


def _config_lines(config: Config) -> dict[tuple[object, ...], int]:
    """Line of every key in handouts.yml (empty without one)."""
    from ..config import CONFIG_NAME
    from ..yamlfile import YamlProblem, load_yaml

    path = config.root / CONFIG_NAME
    try:
        return load_yaml(path)[1] if path.is_file() else {}
    except YamlProblem:
        return {}


def project_checks(config: Config, settings: Settings, config_rel: str) -> Iterator[Finding]:
    """Contrast and minimum sizes from the project's settings (once per project)."""
    lines = _config_lines(config)

    def line(*key: str) -> int | None:
        return lines.get(key) or lines.get(key[:1])

    if settings.on("accessibility.contrast"):
        pairs = list(DEFAULT_PAIRS)
        pairs += [(str(fg), str(bg), str(size)) for fg, bg, size in settings.opt("accessibility.contrast", "pairs")]
        for fg, bg, size in pairs:
            a, b = getattr(config.brand, fg), getattr(config.brand, bg)
            ratio = contrast(a, b)
            if ratio < MINIMUM[size]:
                yield Finding("accessibility.contrast", settings.severity("accessibility.contrast"),
                              f"brand.{fg} {a} on brand.{bg} {b} has contrast {math.floor(ratio * 1000) / 1000:.3f}:1 (not rounded), below the WCAG minimum {MINIMUM[size]:g}:1 for {size} text: choose a darker or lighter colour",
                              config_rel, line("brand", fg), None, f"brand.{fg}/brand.{bg}", None)
    if settings.on("accessibility.font-size"):
        sizes = [
            ("leaflet.body_pt", config.leaflet.body_pt, "leaflet_min_pt", "leaflet body text"),
            ("leaflet.large_print_pt", config.leaflet.large_print_pt, "large_print_min_pt", "large-print body text"),
            ("slides.body_min_pt", config.slides.body_min_pt, "slides_min_pt", "slide body text"),
        ]
        for key, value, option, what in sizes:
            minimum = settings.opt("accessibility.font-size", option)
            if value < minimum:
                yield Finding("accessibility.font-size", settings.severity("accessibility.font-size"), f"{what} is {value:g} pt, below the minimum {minimum:g} pt: raise {key}", config_rel, line(*key.split(".")), None, key, None)


def document_checks(view: View, settings: Settings) -> Iterator[Finding]:
    """Heading levels and alt text of the source document."""
    if settings.on("accessibility.headings"):
        yield from _headings(view, settings)
    yield from alt_text(view, settings)
    yield from tables(view, settings)


def tables(view: View, settings: Settings) -> Iterator[Finding]:
    """Every table has a caption in this locale and few enough columns to read on a narrow page."""
    captions = {u.context: u for u in view.units}
    for table, where, line in _blocks(view, "table"):
        context = f"{where}.caption"
        unit = captions.get(context)
        if settings.on("accessibility.table-caption") and (unit is None or not unit.plain.strip()):
            yield Finding("accessibility.table-caption", settings.severity("accessibility.table-caption"), f"a table has no caption in '{view.locale}': add or translate table.caption (screen readers announce it first)", view.doc_path, line, view.locale, context, view.doc_id)
        limit = settings.opt("accessibility.table-columns", "max_columns")
        if settings.on("accessibility.table-columns") and len(table.columns) > limit:
            yield Finding("accessibility.table-columns", settings.severity("accessibility.table-columns"), f"a table has {len(table.columns)} columns (more than {limit}): on A5 or in large print its columns are too narrow to read; split it into smaller tables or use terms", view.doc_path, line, view.locale, context, view.doc_id)


def alt_text(view: View, settings: Settings) -> Iterator[Finding]:
    """Every image has meaningful alt text in this locale."""
    if not settings.on("accessibility.alt-text"):
        return
    rule, sev = "accessibility.alt-text", settings.severity("accessibility.alt-text")
    have = {u.context: u for u in view.units if u.kind == "alt"}
    for image, where, line in _blocks(view, "image"):
        context = f"{where}.alt"
        unit = have.get(context)
        if unit is None and not view.is_source:
            continue  # not translated yet: translation.untranslated says so, with the catalog line
        if unit is None or not unit.plain.strip():
            yield Finding(rule, sev, f"image '{image.src}' has no alt text in '{view.locale}': translate its alt text (screen readers read it)", view.doc_path, line, view.locale, context, view.doc_id)
        elif _USELESS_ALT.match(unit.plain):
            yield Finding(rule, sev, f"image '{image.src}' has alt text \"{unit.plain}\", which says nothing: describe what the picture shows", unit.path, unit.line, view.locale, context, view.doc_id)


def _blocks(view: View, kind: str) -> Iterator[tuple[Any, str, int | None]]:
    """Every block of one kind (table, image) in the document: the block's content, its segment context prefix and its document.yml line."""
    for si, section in enumerate(view.document.sections):
        for bi, block in enumerate(section.body):
            content = getattr(block, kind, None)
            if content is not None:
                yield content, f"{section.id}.body.{bi}.{kind}", view.document.line(("sections", si, "body", bi, kind))


def _headings(view: View, settings: Settings) -> Iterator[Finding]:
    """Markdown headings inside sections continue the leaflet's outline: title h1, section h2, then h3, h4... no skips."""
    from ..markdown import _md

    rule, sev = "accessibility.headings", settings.severity("accessibility.headings")
    current_section = None
    level = 2
    for u in view.units:
        if u.section != current_section:
            current_section, level = u.section, 2
        if "#" not in u.text and "===" not in u.text and "---" not in u.text:
            continue
        for tok in _md().parse(u.text):
            if tok.type != "heading_open":
                continue
            n = int(tok.tag[1])
            if n <= 2:
                yield Finding(rule, sev, f"heading level {n} inside a section: the title is level 1 and section headings level 2; start a new section instead, or use ### (level 3)", u.path, u.line, view.locale, u.context, view.doc_id)
            elif n > level + 1:
                yield Finding(rule, sev, f"heading level {n} follows level {level}: headings must not skip levels; use {'#' * (level + 1)} (level {level + 1})", u.path, u.line, view.locale, u.context, view.doc_id)
            level = n
