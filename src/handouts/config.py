"""Project settings (handouts.yml at the project root) -> validated Config, problems collected."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, PrivateAttr, ValidationError
from pydantic_core import PydanticCustomError

from .errors import ConfigError, Problem
from .links import link_problem, links_out
from .model import Contact, Strict, written_as
from .validation import validation_problems
from .yamlfile import YamlProblem, load_yaml

CONFIG_NAME = "handouts.yml"
FORMATS = ("pdf", "pptx", "html")
# -- BCP 47 shape, bounded: a 256-character "locale" became a file name the OS refused (ENAMETOOLONG) --
LocaleCode = written_as(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}", "'{value}' is not a locale code: write a BCP 47 code such as en-GB, es, pt-BR or zh-Hans")
Colour = written_as(r"#[0-9A-Fa-f]{6}", "'{value}' is not a colour: write it as #RRGGBB in quotes, e.g. \"#005EB8\"")


def points(name: str, low: float, high: float, what: str, default: float) -> Any:
    """A size in points that must lie in [low, high]: outside it is a typo (125 for 12.5), not a design (docs/config.md)."""

    def check(value: float) -> float:
        if low <= value <= high:
            return value
        fix = f"did you mean {value / 10:g} (a dropped decimal point)?" if low <= value / 10 <= high else f"write a size in points, e.g. {name}: {default:g}"
        raise PydanticCustomError("points_range", f"{name} {value:g} pt is outside {low:g}-{high:g} pt, the plausible range for {what}: {fix}")

    return Annotated[float, AfterValidator(check)]


class Brand(Strict):
    """The look a clinic can change without editing templates."""

    organisation: str | None = None
    logo: str | None = None
    primary: Colour = "#005EB8"
    accent: Colour = "#003087"
    text: Colour = "#212B32"
    background: Colour = "#FFFFFF"
    warning: Colour = "#B3261E"
    warning_background: Colour = "#FDECEA"
    keypoints_background: Colour = "#E8F1FA"
    contact: Contact | None = None


class Leaflet(Strict):
    paper: Literal["A4", "Letter", "A5"] = "A4"
    # -- patient information (RNIB Clear Print): body 12 pt minimum, 14 recommended; large print 16 pt or more, ideally 18 --
    body_pt: points("body_pt", 8, 24, "leaflet body text (12 pt minimum, 14 recommended)", 12.5) = 12.5
    large_print_pt: points("large_print_pt", 12, 36, "large-print body text (16 pt minimum, 18 ideal)", 17) = 17.0
    names: dict[str, list[str]] = Field(default_factory=dict, description="Names in another language, by BCP 47 tag (tagged /Lang in leaflets).")


class Slides(Strict):
    # -- slides for a patient session: body 24 pt or more (18 the absolute floor), titles 36-44 pt --
    body_min_pt: points("body_min_pt", 12, 44, "the smallest slide body text (24 pt recommended, 18 the floor)", 24) = 24
    title_min_pt: points("title_min_pt", 18, 60, "the smallest slide title (titles are 36-44 pt)", 32) = 32
    max_bullets: int = Field(6, ge=1)
    handout_per_page: Literal[2, 3] = Field(3, description="slides on each page of the --handout PDF, beside their notes")
    layouts: dict[str, str] = Field(default_factory=dict, description="part of the deck -> layout name in the master, e.g. closing: End")
    font_substitutes: dict[str, str] = Field(default_factory=dict, description="theme font -> installed font written into the deck instead")


class Limits(Strict):
    """Bounds on input size, so that a runaway file is an error at load time, not an hour of rendering."""

    document_bytes: int = Field(1_000_000, gt=0)
    sections: int = Field(100, gt=0)
    segment_characters: int = Field(5_000, gt=0)
    word_characters: int = Field(200, gt=0)


class Config(Strict):
    """Validated project settings; paths resolved against the project root."""

    source_locale: LocaleCode = "en"
    locales: list[LocaleCode] = Field(default_factory=lambda: ["en"], min_length=1)
    formats: list[Literal["pdf", "pptx", "html"]] = Field(default_factory=lambda: list(FORMATS), min_length=1)
    content_dir: str = "content"
    output_dir: str = "output"
    templates_dir: str | None = Field(None, description="User templates; override built-ins by file name.")
    brand: Brand = Brand()
    leaflet: Leaflet = Leaflet()
    slides: Slides = Slides()
    fonts: dict[str, list[str]] = Field(default_factory=dict)
    checks: dict[str, Any] = Field(default_factory=dict)
    limits: Limits = Limits()
    _root: Path = PrivateAttr(default=Path("."))
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    @property
    def root(self) -> Path:
        """The project folder (holding handouts.yml); every relative path is resolved against it."""
        return self._root

    def line(self, *key: str | int) -> int | None:
        """The handouts.yml line of a key path such as ('leaflet', 'body_pt'); None when it is not written there."""
        return self._lines.get(key)

    @property
    def path(self) -> Path:
        """Where handouts.yml is (or would be)."""
        return self.root / CONFIG_NAME

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def user_templates(self) -> Path | None:
        return self.root / self.templates_dir if self.templates_dir else None

    @property
    def target_locales(self) -> list[str]:
        return [loc for loc in self.locales if loc != self.source_locale]


def find_root(start: Path) -> Path:
    """The nearest folder at or above start holding handouts.yml, else one holding content/, else start itself."""
    start = start.resolve()
    folders = [start, *start.parents]
    for marker, test in ((CONFIG_NAME, Path.is_file), (Config.model_fields["content_dir"].default, Path.is_dir)):
        for folder in folders:
            if test(folder / marker):
                return folder
    return start


def load_config(root: Path) -> Config:
    """Read and validate handouts.yml (defaults when absent); all problems at once."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return _at(Config(), root)
    if problem := link_problem(path, root):
        raise ConfigError(problem)
    try:
        data, lines = load_yaml(path)
    except YamlProblem as exc:
        raise ConfigError(exc.problem) from None
    if data is None:
        # -- an empty file is a mistake (truncated, saved blank), not a wish for the defaults: without it the first
        #    message would be a source_locale mismatch in some document --
        raise ConfigError(Problem(
            f"{CONFIG_NAME} is empty: write the project's settings, at least source_locale and locales (e.g. source_locale: en-GB "
            "and locales: [en-GB, es]); `handouts init NEW-FOLDER` writes a commented one to copy from",
            path=path, line=1,
        ))
    if not isinstance(data, dict):
        raise ConfigError(Problem("the config must be a mapping of settings", path=path, line=1))
    try:
        config = _at(Config.model_validate(data), root)
        config._lines = lines
    except ValidationError as exc:
        raise ConfigError(validation_problems(exc, path, lines, Config)) from None
    problems: list[Problem] = []
    for key in ("locales", "formats"):
        values = getattr(config, key)
        for i, value in enumerate(values):
            if value in values[:i]:
                problems.append(Problem(f"'{value}' is listed twice in {key}: remove one", path=path, line=lines.get((key, i), lines.get((key,))), key=key))
    problems.extend(_output_problems(config, path, lines))
    if config.source_locale not in config.locales:
        problems.append(Problem(f"source_locale '{config.source_locale}' must be listed in locales", path=path, line=lines.get(("locales",))))
    if config.user_templates and (problem := link_problem(config.user_templates, config.root, line=lines.get(("templates_dir",)), key="templates_dir")):
        problems.append(replace(problem, path=path))
    elif config.user_templates and not config.user_templates.is_dir():
        problems.append(Problem(f"templates_dir '{config.templates_dir}' does not exist: create it or remove the setting", path=path, line=lines.get(("templates_dir",))))
    elif config.user_templates:
        problems.extend(links_out(config.user_templates, config.root))
    if config.brand.logo and (problem := link_problem(config.root / config.brand.logo, config.root, line=lines.get(("brand", "logo")), key="brand.logo")):
        problems.append(replace(problem, path=path))
    elif config.brand.logo:
        from .theme import Theme

        from .images import image_file_problem

        logo = Theme(config).logo()
        problem = image_file_problem(logo) if logo else f"brand logo '{config.brand.logo}' not found in the project or templates folders: fix brand.logo"
        if problem:
            problems.append(Problem(problem, path=path, line=lines.get(("brand", "logo")), key="brand.logo"))
    if config.fonts:
        from .fonts import config_problems

        problems.extend(config_problems(config, path, lines))
    if config.checks:
        from .checks.settings import load_settings

        try:
            load_settings(config.checks, path)
        except ConfigError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ConfigError(problems)
    return config


def _output_problems(config: Config, path: Path, lines: dict[Any, int]) -> list[Problem]:
    """output_dir must be a folder of its own inside the project: not the root, content/ or a templates folder."""
    root = config.root.resolve()
    out = config.output_path.resolve()
    line = lines.get(("output_dir",))
    if not out.is_relative_to(root) or out == root:
        return [Problem(f"output_dir '{config.output_dir}' is outside the project or is the project itself: use a folder inside it, e.g. output (use `handouts build --out` for another place)", path=path, line=line, key="output_dir")]
    for name, folder in (("content_dir", config.content_path), ("templates_dir", config.user_templates)):
        if folder is None:
            continue
        folder = folder.resolve()
        if out.is_relative_to(folder) or folder.is_relative_to(out):
            return [Problem(f"output_dir '{config.output_dir}' overlaps {name} '{folder.relative_to(root) if folder.is_relative_to(root) else folder}': builds would write among your sources; use a separate folder, e.g. output", path=path, line=line, key="output_dir")]
    return []


def _at(config: Config, root: Path) -> Config:
    config._root = root.resolve()
    return config


def config_line(config: Config, *keys: str | int) -> int | None:
    """The handouts.yml line of a key path (else of its nearest parent), for a problem found after loading (by a renderer)."""
    path = config.root / CONFIG_NAME
    try:
        _, lines = load_yaml(path)
    except (OSError, YamlProblem):
        return None
    for end in range(len(keys), 0, -1):
        if keys[:end] in lines:
            return lines[keys[:end]]
    return None
