"""A Presentation -> its document properties (core and app) and the saved bytes with fixed zip timestamps (same input, same bytes)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .. import RenderJob

FIXED = (1980, 1, 1, 0, 0, 0)


def saved(prs: Any) -> bytes:
    """A Presentation's package as zip bytes with fixed dates and attributes, python-pptx's member order ([Content_Types].xml first)."""
    return reproducible_zip(_members(prs))


def reproducible_zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    """(member name, bytes) pairs -> a zip in that order with fixed dates and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            entry = zipfile.ZipInfo(name, date_time=FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            dst.writestr(entry, data)
    return out.getvalue()


class _Members:
    """Where python-pptx's package writer puts each member: kept in order, not zipped (the zip is written once, by reproducible_zip)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def _members(prs: Any) -> list[tuple[str, bytes]]:
    # -- python-pptx's own serialisation (content types, package rels, each part and its rels), the
    #    steps of PackageWriter._write without its zip: saving deflated every member a first time --
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    writer = PackageWriter("", package._rels, tuple(package.iter_parts()))
    members = _Members()
    writer._write_content_types_stream(members)  # type: ignore[arg-type]
    writer._write_pkg_rels(members)  # type: ignore[arg-type]
    writer._write_parts(members)  # type: ignore[arg-type]
    return members.items


APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
APP_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
APP_CT = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def presentation_format(width: int, height: int) -> str:
    """PowerPoint's name for a slide size, e.g. 'On-screen Show (16:9)'; 'Custom' for other ratios."""
    for name, (w, h) in {"16:9": (16, 9), "16:10": (16, 10), "4:3": (4, 3)}.items():
        if abs(width * h - height * w) <= max(width, height) * h // 500:
            return f"On-screen Show ({name})"
    return "Custom"


def app_properties(prs, titles: list[str], company: str) -> None:  # type: ignore[no-untyped-def]
    """docProps/app.xml as it is: written by handouts, slide and notes counts, the slide format, slide titles."""
    from xml.sax.saxutils import escape

    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    notes = sum(1 for s in prs.slides if s.has_notes_slide)
    parts = "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in titles)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{APP}" xmlns:vt="{VT}">'
        f"<TotalTime>0</TotalTime><Application>handouts</Application>"
        f"<PresentationFormat>{presentation_format(prs.slide_width, prs.slide_height)}</PresentationFormat>"
        f"<Slides>{len(prs.slides)}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
        f'<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Slide Titles</vt:lpstr>'
        f'</vt:variant><vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
        f'<TitlesOfParts><vt:vector size="{len(titles)}" baseType="lpstr">{parts}</vt:vector></TitlesOfParts>'
        f"<Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0000</AppVersion></Properties>"
    ).encode()
    package = prs.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = xml
            return
    package.relate_to(Part(PackURI("/docProps/app.xml"), APP_CT, package, xml), APP_RT)


def core_properties(prs, job: RenderJob) -> None:  # type: ignore[no-untyped-def]
    """Title, author (organisation), subject, language, and the dates of render.stamp (SOURCE_DATE_EPOCH, else meta.published)."""
    from ..stamp import file_date

    meta = job.document.meta
    props = prs.core_properties
    stamp = file_date(job.built, meta.published).replace(tzinfo=None)  # python-pptx writes a naive time with a Z
    organisation = meta.organisation or job.config.brand.organisation or ""
    props.title = meta.title
    props.subject = (meta.subtitle or meta.purpose)[:255]  # the OOXML core properties hold at most 255 characters
    props.author = organisation
    props.last_modified_by = organisation
    from .plan import language_tag

    props.language = language_tag(job.locale)
    props.category = meta.kind
    props.identifier = meta.reference or meta.id
    props.version = meta.version
    props.keywords = ""
    props.comments = meta.purpose[:255]
    props.content_status = "draft translation" if job.draft else ""
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp
