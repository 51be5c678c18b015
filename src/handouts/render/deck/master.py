"""The designer's .pptx master -> an empty Presentation, recoloured with the brand; any ordinary PowerPoint or Impress file will do.

The master is found through the theme search path (`slides/master.pptx`), so a clinic's own
master in its templates folder replaces the built-in one. Slides the file already holds (a
template's examples) are left out of the deck, with an info line. Which layout plays which part
is decided in deck.layouts. Brand colours set in handouts.yml recolour the master's theme:
text -> dk1, background -> lt1, primary -> accent1, accent -> accent2 and dk2, warning -> accent3,
warning_background -> accent4, keypoints_background -> accent5 and lt2.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationT

from ...config import Brand
from ...errors import Problem, TemplateError

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
EMU_PER_PT = 12700
BRAND_SLOTS = {
    "text": ("dk1",), "background": ("lt1",), "primary": ("accent1",), "accent": ("accent2", "dk2"),
    "warning": ("accent3",), "warning_background": ("accent4",), "keypoints_background": ("accent5", "lt2"),
}


def load_master(path: Path, infos: list[Problem] | None = None) -> PresentationT:
    """Open the master and drop any slides it holds; a missing or corrupt file is a TemplateError naming it."""
    try:
        data = path.read_bytes()
        prs = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError) as exc:
        raise TemplateError(Problem(f"slide master is not a readable .pptx file ({type(exc).__name__}: {exc}): "
                                    "save it again from PowerPoint or Impress, or remove it to use the built-in master", path=path)) from None
    if len(prs.slides):
        count = len(prs.slides)
        ids = prs.slides._sldIdLst
        for sld in list(ids):
            prs.part.drop_rel(sld.rId)
            ids.remove(sld)
        if infos is not None:
            infos.append(Problem(f"the slide master holds {count} slide(s) (a template's examples): they are left out of the deck", path=path))
    return prs


def fast_partnames(prs: PresentationT) -> None:
    """Number new slide and notes parts from a counter instead of python-pptx's walk over every part per new part.

    python-pptx finds the next free /ppt/slides/slideN.xml by listing all parts each time, which makes a
    deck quadratic in its slides (a 40-slide deck spent half its build time there). A master has no
    slides left when this is installed, so counting from the existing names is exact.
    """
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    used = {str(p.partname) for p in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        n = counters.get(tmpl, 0) + 1
        while tmpl % n in used:
            n += 1
        counters[tmpl] = n
        used.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname  # type: ignore[method-assign]


def theme_part(prs: PresentationT):  # type: ignore[no-untyped-def]
    """The master's theme part (colours and fonts)."""
    return prs.slide_master.part.part_related_by(RT.THEME)


def apply_brand(prs: PresentationT, brand: Brand) -> None:
    """Recolour the master's theme with the brand colours the project sets explicitly."""
    part = theme_part(prs)
    root = etree.fromstring(part.blob)
    scheme = root.find(".//a:clrScheme", NS)
    if scheme is None:
        return
    for field in sorted(brand.model_fields_set & set(BRAND_SLOTS)):
        for slot in BRAND_SLOTS[field]:
            el = scheme.find(f"a:{slot}", NS)
            if el is None:
                continue
            for child in list(el):
                el.remove(child)
            etree.SubElement(el, f"{{{A}}}srgbClr", val=getattr(brand, field).lstrip("#").upper())
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


