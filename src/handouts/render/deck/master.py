"""The designer's .pptx master -> an empty Presentation, recoloured with the brand; any ordinary PowerPoint or Impress file will do.

The master is found through the theme search path (`slides/master.pptx`, or `slides/master.potx`
as PowerPoint saves a template), so a clinic's own master in its templates folder replaces the
built-in one. A template (.potx, .potm, or a .ppsx show) is opened as a presentation by changing
its main part's content type in memory; the user's file is never written. Slides the file already holds (a
template's examples) are left out of the deck, with an info line. Which layout plays which part
is decided in deck.layouts. Brand colours set in handouts.yml recolour the master's theme:
text -> dk1, background -> lt1, primary -> accent1, accent -> accent2 and dk2, warning -> accent3,
warning_background -> accent4, keypoints_background -> accent5 and lt2.
"""

from __future__ import annotations

import io
import re
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


MASTER_NAMES = ("slides/master.pptx", "slides/master.potx")
PRESENTATION_CT = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# -- PowerPoint's other main parts (template, macro template, macro presentation, show): the same XML under another content type --
OTHER_MAIN_CTS = (b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
                  b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
                  b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                  b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
                  b"application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml")


def find_master(search_path: list[Path], infos: list[Problem] | None = None) -> Path:
    """The slide master: the first template folder holding slides/master.pptx or slides/master.potx (.pptx when both)."""
    for folder in search_path:
        found = [folder / name for name in MASTER_NAMES if (folder / name).is_file()]
        if len(found) > 1 and infos is not None:
            infos.append(Problem(f"both master.pptx and master.potx are in {found[0].parent}: master.pptx is used; "
                                 "remove the one you do not mean", path=found[0]))
        if found:
            return found[0]
    where = ", ".join(str(p) for p in search_path)
    raise TemplateError(Problem(f"template file 'slides/master.pptx' not found in {where}: add it to your templates folder"))


def as_presentation(data: bytes) -> bytes:
    """A .pptx's bytes as they are; a template's (.potx) or show's with its main part's content type changed to a presentation's."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            types = src.read("[Content_Types].xml")
            if not any(ct in types for ct in OTHER_MAIN_CTS):
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for item in src.infolist():
                    member = src.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        for ct in OTHER_MAIN_CTS:
                            member = member.replace(ct, PRESENTATION_CT)
                    dst.writestr(item, member)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError):
        return data  # -- python-pptx names what is wrong with it --


def load_master(path: Path, infos: list[Problem] | None = None) -> PresentationT:
    """Open the master (a .pptx, or a .potx under either name) and drop any slides it holds; a corrupt file is a TemplateError naming it."""
    try:
        data = as_presentation(path.read_bytes())
        prs = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError) as exc:
        # -- the message is the same for every locale's job (no object address in it), so a build prints it once --
        why = re.sub(r"file '<_io\.BytesIO object at 0x[0-9a-fA-F]+>'", "the file", str(exc))
        raise TemplateError(Problem(f"slide master is not a readable .pptx file ({type(exc).__name__}: {why}): save it again from "
                                    "PowerPoint or Impress (as .pptx or .potx), or remove it to use the built-in master", path=path)) from None
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


