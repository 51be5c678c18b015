"""A master's layouts -> the layout and placeholders that play each part of the deck (title, content, closing, ...).

A part (role) is found, in this order: the layout named for it in `slides.layouts:` of
handouts.yml; a layout with one of the role's names (the built-in master's, PowerPoint's in
English and in a few other languages, LibreOffice's); a layout whose placeholders have the
right shape (a centred title for the title slide, a title and one body for content, a title
and two bodies for two columns); else the role's fallback (a closing slide on the content
layout). Layouts of every slide master count, in the file's order; when two masters have a
layout of the same name, the first master's is used (an info line says so). A closing layout
found by name that has no body placeholder is skipped, with an info line. Placeholders are
found by type (title, body, picture, slide number), never by idx. A part the master lacks (a
picture placeholder for the logo or the QR code, a closing layout) is placed by geometry and
reported as an info line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pptx.presentation import Presentation as PresentationT
from pptx.slide import SlideLayout

from ...config import Config, config_line
from ...errors import ConfigError, Problem, TemplateError
from .styles import BODY_TYPES, TITLE_TYPES, _ph_type

NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Title", "Title Slide", "Titelfolie", "Diapositive de titre", "Diapositiva de título", "Slajd tytułowy",
              "Diapositivo de Título", "Titeldia", "Diapositiva titolo", "Title, Subtitle"),
    "content": ("Title and Content", "Titel und Inhalt", "Titre et contenu", "Título y objetos", "Tytuł i zawartość",
                "Título e Conteúdo", "Titel en object", "Titolo e contenuto", "Title, Content"),
    "section": ("Section Header", "Abschnittsüberschrift", "Titre de section", "En-tête de section", "Encabezado de sección",
                "Nagłówek sekcji", "Cabeçalho da Secção", "Sectiekop", "Intestazione sezione"),
    "two": ("Two Content", "Zwei Inhalte", "Deux contenus", "Dos objetos", "Dwa elementy zawartości", "Duas Partes de Conteúdo",
            "Twee objecten", "Due contenuti", "Title, 2 Content"),
    "title_only": ("Title Only", "Nur Titel", "Titre seul", "Solo el título", "Tylko tytuł", "Apenas Título", "Alleen titel",
                   "Solo titolo"),
    "closing": ("Closing", "Closing Slide", "End", "Thank You"),
    "warning": ("Warning",),
    "important": ("Important",),
    "agenda": ("Agenda",),
    "tip": ("Tip",),
    "steps": ("Steps",),
    "picture": ("Picture",),
    "table": ("Table", "Title and Table"),
}
FALLBACK = {
    "title": ("content", "title_only"), "section": ("title_only", "content"), "two": ("content",), "title_only": ("content",),
    "closing": ("content",), "warning": ("content",), "important": ("content",), "agenda": ("content",), "tip": ("content",),
    "steps": ("content",), "content": ("title_only",), "picture": ("content", "title_only"), "table": ("title_only", "content"),
}
ROLES = tuple(NAMES)
NEEDS_BODY = {"content", "closing", "warning", "important", "agenda", "tip", "steps"}


def _key(name: str) -> str:
    """A layout name as compared: case, spaces, hyphens and line breaks ignored ("Abschnitts-\\nüberschrift")."""
    return re.sub(r"[\s\-\u00ad]+", "", name).casefold()


@dataclass
class Part:
    """One role's layout and its placeholders (layout shapes), by type."""

    role: str
    layout: SlideLayout
    title: object | None
    bodies: list = field(default_factory=list)  # type: ignore[type-arg]  # text placeholders, in reading order
    picture: object | None = None
    via: str = "name"


def placeholders(layout: SlideLayout) -> tuple[object | None, list, object | None]:  # type: ignore[type-arg]
    """(title, text bodies in reading order, first picture placeholder) of a layout, by placeholder type."""
    title, bodies, picture = None, [], None
    for ph in layout.placeholders:
        kind = _ph_type(ph._element)
        if kind in TITLE_TYPES and title is None:
            title = ph
        elif kind in BODY_TYPES:
            bodies.append(ph)
        elif kind == "pic" and picture is None:
            picture = ph
    bodies.sort(key=lambda ph: (int(ph.top) // 91440, int(ph.left)))
    return title, bodies, picture


def _shape(layout: SlideLayout) -> str:
    """What a layout's placeholders look like: title (a centred title, whatever its bodies), content, two, title_only, blank (or '')."""
    title, bodies, _ = placeholders(layout)
    if title is None:
        return "blank" if not bodies else ""
    if _ph_type(title._element) == "ctrTitle":
        return "title"
    if len(bodies) == 2 and not _side_by_side(*bodies):
        return ""  # -- a strip above a body (a subtitle line) is no two-column layout --
    return {0: "title_only", 1: "content", 2: "two"}.get(len(bodies), "")


def _side_by_side(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Whether two placeholders stand next to each other: their heights overlap, their widths do not."""
    across = int(a.top) < int(b.top) + int(b.height) and int(b.top) < int(a.top) + int(a.height)
    apart = int(a.left) + int(a.width) <= int(b.left) or int(b.left) + int(b.width) <= int(a.left)
    return across and apart


def all_layouts(prs: PresentationT) -> list[tuple[int, SlideLayout]]:
    """(slide master number from 1, layout) for every layout of every slide master, in the file's order."""
    return [(n, lay) for n, master in enumerate(prs.slide_masters, 1) for lay in master.slide_layouts]


class Layouts:
    """The parts of one master, resolved once per deck; info lines say what was placed by geometry."""

    def __init__(self, prs: PresentationT, config: Config, master: Path) -> None:
        self.prs, self.master = prs, master
        self.infos: list[Problem] = []
        self.by_key: dict[str, SlideLayout] = {}
        self.master_of: dict[int, int] = {}  # id(layout) -> its slide master's number
        self.layouts = all_layouts(prs)
        self.twins: dict[str, list[int]] = {}  # a layout name in several slide masters -> their numbers
        for n, lay in self.layouts:
            self.master_of[id(lay)] = n
            if _key(lay.name) in self.by_key:
                self.twins.setdefault(_key(lay.name), [self.master_of[id(self.by_key[_key(lay.name)])]]).append(n)
            self.by_key.setdefault(_key(lay.name), lay)
        explicit = config.slides.layouts
        self.check_named(config)
        self.explicit = {role: self.by_key[_key(name)] for role, name in explicit.items()}
        if not any(placeholders(lay)[0] is not None for _, lay in self.layouts):
            raise TemplateError(Problem("no layout of the slide master has a title placeholder (all are blank): add a 'Title and Content' "
                                        "layout with a title and a content placeholder in the Slide Master view", path=master))
        self.parts: dict[str, Part] = {}

    def check_named(self, config: Config) -> None:
        """Every part named under slides.layouts is a part, and every layout named is one the master has: one problem per key, at its line."""
        problems = []
        names = ", ".join(dict.fromkeys(repr(lay.name) for _, lay in self.layouts))
        for role, name in config.slides.layouts.items():
            if role not in ROLES:
                message = f"slides.layouts: unknown part '{role}' (use {', '.join(ROLES)})"
            elif _key(name) not in self.by_key:
                message = f"slides.layouts names a layout the master does not have ({role}: '{name}'); its layouts: {names}"
            else:
                continue
            problems.append(Problem(message, path=config.root / "handouts.yml", line=config_line(config, "slides", "layouts", role),
                                    key=f"slides.layouts.{role}"))
        if problems:
            raise ConfigError(problems)

    def find(self, role: str, chain: tuple[str, ...] = ()) -> Part | None:
        """The part for a role without fallbacks: explicit, by name, then by shape."""
        lay, via = self.explicit.get(role), "slides.layouts"
        if lay is None:
            lay = next((self.by_key[_key(n)] for n in NAMES[role] if _key(n) in self.by_key), None)
            via = "name"
        if lay is not None and via == "name" and role == "closing" and not placeholders(lay)[1]:
            self.info(f"layout '{lay.name}' has no body placeholder for the contact details: not used for the closing slide")
            lay = None
        if lay is None and role in ("title", "content", "two", "title_only"):
            lay = next((x for _, x in self.layouts if _shape(x) == role), None)
            via = "shape"
        if lay is None:
            return None
        title, bodies, picture = placeholders(lay)
        if title is None:
            raise TemplateError(Problem(f"layout '{lay.name}' (used for the {role} slides) has no title placeholder: add one in the Slide "
                                        f"Master view, or name another layout under slides: layouts: {{{role}: ...}} in handouts.yml",
                                        path=self.master))
        return Part(role, lay, title, bodies, picture, via)

    def part(self, role: str) -> Part:
        """The part for a role, falling back along FALLBACK; the first fallback is reported once."""
        if role in self.parts:
            return self.parts[role]
        found = self.find(role)
        if found is None:
            for other in FALLBACK.get(role, ()):
                if self.find(other) is None and not any(self.find(o) for o in FALLBACK.get(other, ())):
                    continue
                base = self.part(other)
                found = Part(role, base.layout, base.title, base.bodies, base.picture, via=f"fallback:{other}")
                break
        if found is None:
            raise TemplateError(Problem(f"the slide master has no layout for the {role} slides (nor {', '.join(FALLBACK.get(role, ()))}): "
                                        "add a 'Title and Content' layout", path=self.master))
        self.parts[role] = found
        return found

    def summary(self) -> Problem:
        """One info line: which layout plays which part and how it was found."""
        several = len(self.prs.slide_masters) > 1
        used = ", ".join(f"{role} = '{p.layout.name}'" + (f" of slide master {self.master_of[id(p.layout)]}" if several else "")
                         + ("" if p.via == "name" else f" ({p.via})") for role, p in self.parts.items())
        return Problem(f"slide layouts used: {used}", path=self.master)

    def twin_infos(self) -> list[Problem]:
        """One info line per layout name used that several slide masters have: which master's layout is used."""
        out = []
        named = {_key(p.layout.name): p for p in self.parts.values() if p.via in ("name", "slides.layouts")}
        for key, p in named.items():
            numbers = self.twins.get(key)
            if numbers:
                out.append(Problem(f"slide masters {', '.join(map(str, numbers))} each have a layout '{p.layout.name}': the one of slide "
                                   f"master {numbers[0]} is used; rename the others in the Slide Master view to tell them apart", path=self.master))
        return out

    def info(self, message: str) -> None:
        """Report (once) something placed by geometry because the master lacks it."""
        problem = Problem(message, path=self.master)
        if problem not in self.infos:
            self.infos.append(problem)
