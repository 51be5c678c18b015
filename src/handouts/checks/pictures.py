"""Pictures and logo -> `pictures.slides` errors: what the deck refuses (a picture a slide cannot show), said before a build.

The leaflet's and web edition's refusals (unreadable files, CMYK TIFF, SVG references) are made when a document
or handouts.yml loads (images.image_file_problem), so `check` stops on them just as `build` does; the deck's are
format-specific, so they are findings here, asked with the deck's own test (images.slide_size).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..images import slide_size
from ..model import Image
from .context import View
from .findings import Finding
from .settings import Settings

RULE = "pictures.slides"


def project_checks(config: Any, settings: Settings, where: str) -> Iterator[Finding]:
    """The brand logo, when the project builds decks and the logo is not a picture a slide can show."""
    if "pptx" not in config.formats or not config.brand.logo:
        return
    from ..theme import Theme
    from ..yamlfile import YamlProblem, load_yaml

    logo = Theme(config).logo()
    if logo is None or slide_size(logo.read_bytes()) is not None:
        return  # -- a missing logo is a configuration error already --
    try:
        line = load_yaml(config.root / "handouts.yml")[1].get(("brand", "logo"))
    except YamlProblem:
        line = None
    yield Finding(RULE, settings.severity(RULE), f"brand logo '{config.brand.logo}' cannot be shown on a slide (slides need PNG or JPEG), so `handouts build` refuses the decks: "
                  f"convert it to PNG (e.g. rsvg-convert -h 300 {logo.name} -o {logo.stem}.png) and set brand.logo to the PNG, or leave pptx out of formats", where, line)


def document_checks(view: View, settings: Settings, config: Any) -> Iterator[Finding]:
    """Every image block the deck shows (no `only: leaflet`) whose file a slide cannot show."""
    if "pptx" not in config.formats:
        return
    for si, section in enumerate(view.document.sections):
        for bi, block in enumerate(section.body):
            if not isinstance(block, Image) or block.only == "leaflet":
                continue
            path = (view.folder / block.image.src).resolve()
            if path.is_file() and slide_size(path.read_bytes()) is None:
                line = view.document.line(("sections", si, "body", bi, "image", "src")) or view.document.line(("sections", si, "body", bi))
                yield Finding(RULE, settings.severity(RULE), f"image '{block.image.src}' cannot be shown on a slide (slides need PNG or JPEG), so `handouts build` refuses the deck: "
                              "save a PNG copy and use it, or add `only: leaflet` to the block to keep it out of the slides", view.doc_path, line, None, f"{section.id}.body.{bi}.image", view.doc_id)
