"""Start a project or a document: options -> the files `handouts init` / `handouts new` write (nothing overwritten).

`init` fills the packaged, commented handouts.yml; `new` writes a document.yml with one section per
part its kind needs (the structure check's own data) and `TODO:` placeholder text, which the
placeholder check reports as unfinished until the author writes it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import yaml

from ..errors import ConfigError, ContentError, HandoutsError, Problem
from ..output import atomic_write

GITIGNORE = "output/\n.handouts-cache/\n"


@dataclass(frozen=True)
class ProjectOptions:
    """What `handouts init` asks for; None: the default."""

    source_locale: str = "en"
    locales: list[str] | None = None
    organisation: str | None = None


def init(folder: Path, options: ProjectOptions | None = None) -> list[Path]:
    """Write handouts.yml, content/ and (when absent) .gitignore into folder; refuse an existing handouts.yml."""
    from ..config import CONFIG_NAME
    from ..i18n.codes import canonical

    options = options or ProjectOptions()
    folder = folder.resolve()
    config = folder / CONFIG_NAME
    if config.exists():
        raise ConfigError(Problem("already exists: handouts init never overwrites a project's settings; edit this file, or init another folder", path=config))
    in_the_way = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if in_the_way is not None:
        raise ConfigError(Problem("is a file, not a folder: give handouts init a folder", path=in_the_way))
    source = canonical(options.source_locale)
    locales = list(dict.fromkeys([source, *(canonical(c) for c in options.locales or [])]))
    text = Template(resources.files(__name__).joinpath("handouts.yml").read_text(encoding="utf-8")).substitute(
        source_locale=source,
        locales="[" + ", ".join(locales) + "]",
        organisation=f"  organisation: {json.dumps(options.organisation, ensure_ascii=False)}" if options.organisation
        else "  # organisation: Your Hospital NHS Trust",
    )
    content = folder / "content"
    written = [] if content.is_dir() else [content]
    content.mkdir(parents=True, exist_ok=True)
    if not (folder / ".gitignore").exists():
        atomic_write(folder / ".gitignore", GITIGNORE.encode("utf-8"))
        written.append(folder / ".gitignore")
    atomic_write(config, text.encode("utf-8"))
    return [config, *written]


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February -> 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def kinds(settings: Any) -> list[str]:
    """Every document kind the structure check knows: its data's kinds, then the project's own."""
    from ..checks.text import data_file

    return list(dict.fromkeys([*data_file("structure")["kinds"], *settings.opt("structure.parts", "kinds")]))


def new(root: Path, doc_id: str, kind: str = "medicine", today: dt.date | None = None) -> Path:
    """Write content/<doc_id>/document.yml for a kind; refuse an invalid or existing id, an unknown kind."""
    from pydantic import TypeAdapter, ValidationError

    from ..checks.settings import load_settings
    from ..checks.structure import expected_parts
    from ..config import CONFIG_NAME, load_config
    from ..content import SOURCE_NAME
    from ..model import Id

    if not (root / CONFIG_NAME).is_file():
        raise ConfigError(Problem(f"no {CONFIG_NAME} here or in any folder above: run `handouts init` first, or pass --project", path=root))
    config = load_config(root)
    try:
        TypeAdapter(Id).validate_python(doc_id)
    except ValidationError as exc:
        raise ContentError(Problem(exc.errors()[0]["msg"] + f" (the id is also the document's folder name in {config.content_dir}/)", path=config.content_path)) from None
    folder = config.content_path / doc_id
    if folder.exists():
        raise ContentError(Problem(f"already exists: document '{doc_id}' is there; choose another id or edit its {SOURCE_NAME}", path=folder))
    settings = load_settings(config.checks, root / CONFIG_NAME)
    parts = expected_parts(kind, settings)
    if parts is None:
        known = kinds(settings)
        near = get_close_matches(kind.lower(), known, n=1)
        hint = f" (did you mean {near[0]}?)" if near else ""
        raise HandoutsError(Problem(f"unknown document kind '{kind}'{hint}: use one of {', '.join(known)}, or add it under checks.structure.parts.kinds in {CONFIG_NAME}"))
    today = today or dt.date.today()
    years = int(settings.opt("control.review-cycle", "max_years"))
    text = _header(doc_id, kind, today) + yaml.safe_dump(_document(doc_id, kind, parts, config, today, add_years(today, years)), sort_keys=False, allow_unicode=True, width=4096)
    path = folder / SOURCE_NAME
    try:
        atomic_write(path, text.encode("utf-8"))
    except BaseException:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return path


def _header(doc_id: str, kind: str, today: dt.date) -> str:
    return (f"# {doc_id}: a new {kind} leaflet, started by `handouts new` on {today.isoformat()}.\n"
            "# Replace every \"TODO: ...\" with the real text: `handouts check` lists each one left, and\n"
            "# `handouts build` refuses the document until none is left. Sections follow what a\n"
            f"# {kind} leaflet needs; rename headings freely, keep the ids. Format: README \"Writing a document\".\n")


def _document(doc_id: str, kind: str, parts: list[str], config: Any, published: dt.date, review: dt.date) -> dict[str, Any]:
    """The new document as plain data: every text a TODO placeholder."""
    from ..checks.placeholder import MARKER
    from ..checks.text import data_file

    labels = data_file("structure")["parts"]
    meta: dict[str, Any] = {
        "id": doc_id, "kind": kind, "locale": config.source_locale,
        "title": f"{MARKER} the title patients see first",
        "subtitle": f"{MARKER} one line saying what it is about",
        "purpose": f"{MARKER} who this leaflet is for and what it explains, in one or two sentences",
        "version": "1.0", "published": published, "review": review,
        "reference": f"{MARKER} your reference code",
    }
    if not config.brand.organisation:
        meta["organisation"] = f"{MARKER} your organisation's name"
    meta["authors"] = [f"{MARKER} the team that wrote it"]
    meta["approver"] = f"{MARKER} who approved it clinically"
    meta["references"] = [f"{MARKER} the sources this leaflet is based on"]
    if not config.brand.contact:
        meta["contact"] = {"name": f"{MARKER} who patients contact with questions", "phone": f"{MARKER} their phone number"}
    sections = [
        {"id": part, "heading": f"{MARKER} heading about {labels[part]['label']}",
         "key_points": [f"{MARKER} the most important thing to know here"],
         "body": [{"text": f"{MARKER} write about {labels[part]['label']}"}]}
        for part in parts
    ]
    return {"meta": meta, "sections": sections}
