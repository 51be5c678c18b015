"""A localized Document + RenderJob -> the deck's logical slides (before fitting): title, agenda, sections, steps, callouts, pictures, closing.

Each logical slide names the part it plays (a role of deck.layouts). A section gives its key
points (or slide_bullets), then one numbered slide per steps block, one slide per warning,
important or tip callout, one full-width picture slide per image and one native table slide
(captioned by its title) per table. The last section, when it
is the contact section (id contact, questions, help...), becomes the closing slide together
with the contact details and the QR code, so the deck has one closing slide, not two; only
when both do not fit on one slide does the section keep its own slide before a "Questions?
Contact us" closing slide.
Speaker notes hold the section's full leaflet text and, first, the slide's key point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

from ...errors import ContentError, Problem
from ...i18n import babel_locale as babel_code
from ...markdown import Run, plain, to_runs
from ...model import Bullets, Callout, Image, Paragraph, Section, Steps, Table, TableBody, Terms
from .. import RenderJob


@dataclass(frozen=True)
class Para:
    """One paragraph on a slide: styled runs, and whether it carries a bullet."""

    runs: list[Run]
    bullet: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Logical:
    """One slide before fitting; fitting may split its paragraphs over several slides."""

    layout: str  # the role (deck.layouts.ROLES)
    title: str
    paras: list[Para] = field(default_factory=list)
    notes: str = ""
    subtitle: str | None = None
    picture: bytes | None = None  # an image block's file, or the closing slide's QR code
    alt: str = ""
    source: tuple[str | int, ...] = ()  # the document key its title comes from, for messages
    src_key: tuple[str | int, ...] = ()  # the document key of its picture, for messages
    key_point: str = ""  # what the presenter should get across, first in the notes
    fallback: list["Logical"] | None = None  # slides to use instead when this one does not fit on one slide
    table: TableBody | None = None  # a table slide's table (deck.table)


def babel_locale(locale: str) -> Locale:
    """Babel's Locale for a handouts locale code (pseudo-locales map to theirs); unknown codes fall back to English."""
    try:
        return Locale.parse(babel_code(locale))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def language_tag(locale: str) -> str:
    """The proofing language written on every run (BCP 47, e.g. en, pt-BR; pseudo-locales take their base language)."""
    return babel_code(locale).replace("_", "-")


def runs(text: str) -> list[Run]:
    """Inline Markdown -> one paragraph of runs (several paragraphs joined by a space)."""
    out: list[Run] = []
    for i, para in enumerate(to_runs(text)):
        if i:
            out.append(Run(" "))
        out.extend(para)
    return out or [Run(text)]


def bullets(items: list[str]) -> list[Para]:
    return [Para(runs(item)) for item in items]


def section_notes(section: Section) -> str:
    """The section's full leaflet text (blocks not marked slides-only), for the speaker notes."""
    lines = [plain(section.heading)]
    for block in section.body:
        if block.only == "slides":
            continue
        if isinstance(block, Paragraph):
            lines.append(plain(block.text))
        elif isinstance(block, Bullets):
            lines.extend(f"• {plain(item)}" for item in block.bullets)
        elif isinstance(block, Steps):
            lines.extend(f"{i}. {plain(item)}" for i, item in enumerate(block.steps, 1))
        elif isinstance(block, Terms):
            lines.extend(f"{plain(t.term)}: {plain(t.text)}" for t in block.terms)
        elif isinstance(block, Callout):
            title = f"{plain(block.callout.title)}: " if block.callout.title else ""
            lines.append(f"{title}{plain(block.callout.text)}")
        elif isinstance(block, Image):
            lines.append(plain(block.image.caption or block.image.alt))
        elif isinstance(block, Table):
            lines.extend(table_lines(block))
    return "\n".join(lines)


def table_lines(block: Table) -> list[str]:
    """A table as text lines for the speaker notes (caption, then each row as 'column: cell; ...')."""
    t = block.table
    rows = ["; ".join(f"{plain(c)}: {plain(v)}" if c else plain(v) for c, v in zip([*t.columns, *[""] * len(row)], row)) for row in t.rows]
    return [plain(t.caption or "")] + rows


def slides_only(section: Section) -> list[Para]:
    """Text of slides-only text, bullets and terms blocks, as extra bullets on the section's slides (tables get slides of their own)."""
    out: list[Para] = []
    for block in section.body:
        if block.only != "slides":
            continue
        if isinstance(block, Paragraph):
            out.append(Para(runs(block.text)))
        elif isinstance(block, Bullets):
            out.extend(bullets(block.bullets))
        elif isinstance(block, Terms):
            out.extend(Para([Run(plain(t.term) + ": ", bold=True), *runs(t.text)]) for t in block.terms)
    return out


CLOSING_IDS = {"contact", "contacts", "contact-us", "questions", "help", "get-help", "more-information", "further-information"}


def plan(job: RenderJob) -> list[Logical]:
    """Every logical slide of the deck, in order."""
    doc = job.document
    meta = doc.meta
    organisation = meta.organisation or job.config.brand.organisation
    date = format_date(meta.published, format="long", locale=babel_locale(job.locale))
    deck = [Logical("title", plain(meta.title), subtitle=plain(meta.subtitle) if meta.subtitle else None,
                    paras=[Para([Run(line)], bullet=False) for line in (organisation, date) if line], notes=plain(meta.purpose),
                    source=("meta", "title"))]
    sections = list(enumerate(doc.sections))
    last = sections[-1][1] if sections else None
    merged = last is not None and last.id in CLOSING_IDS and not any(
        isinstance(b, (Image, Steps, Callout, Table)) and b.only != "leaflet" for b in last.body)
    deck.append(Logical("agenda", job.gettext("Agenda"), bullets([s.heading for s in doc.sections]), notes=plain(meta.purpose)))
    for index, section in sections[:-1] if merged else sections:
        deck.extend(section_slides(job, index, section))
    if merged:
        index, section = sections[-1]
        alone = section_slides(job, index, section)
        deck.append(closing(job, section, index, alone))
    else:
        deck.append(closing(job))
    return deck


def with_key_point(notes: str, point: str) -> str:
    """Speaker notes: the slide's key point first, then the section's full text."""
    return f"{point}\n{notes}" if point else notes


def section_slides(job: RenderJob, index: int, section: Section) -> list[Logical]:
    """Key points (or slide_bullets), then one slide per steps block, callout, picture and table, in the order of the body."""
    notes = section_notes(section)
    points = section.slide_bullets if section.slide_bullets is not None else section.key_points
    paras = bullets(points) + slides_only(section)
    heading, source = plain(section.heading), ("sections", index, "heading")
    key = f"{job.gettext('Key points')}: " + " ".join(plain(p) for p in points) if points else ""
    out = [Logical("content" if paras else "section", heading, paras, with_key_point(notes, key), source=source, key_point=key)]
    for bi, block in enumerate(section.body):
        if block.only == "leaflet":
            continue
        where = ("sections", index, "body", bi)
        if isinstance(block, Steps):
            numbered = [Para([Run(f"{format_decimal(n, locale=babel_locale(job.locale))}. "), *runs(step)], bullet=False)
                        for n, step in enumerate(block.steps, 1)]
            out.append(Logical("steps", heading, numbered, with_key_point(notes, plain(block.steps[0])), source=source))
        elif isinstance(block, Callout):
            kind = block.callout.kind
            # -- literal gettext calls, so that the extractor sees each word --
            default = {"warning": job.gettext("Warning"), "important": job.gettext("Important"), "tip": job.gettext("Tip")}[kind]
            title = block.callout.title or default
            text = plain(block.callout.text)
            out.append(Logical(kind, plain(title), [Para(p, bullet=False) for p in to_runs(block.callout.text)],
                               notes=with_key_point(notes, text), source=(*where, "callout", "title") if block.callout.title else source))
        elif isinstance(block, Image):
            path = (job.folder / block.image.src).resolve()
            data = path.read_bytes() if path.is_file() else None
            if data is None or image_size(data) is None:
                why = ("not found: add the file or fix 'src'" if data is None
                       else "cannot be shown on a slide: use PNG or JPEG, or mark the block 'only: leaflet'")
                raise ContentError(Problem(f"image '{block.image.src}' {why}", path=job.folder / "document.yml",
                                           line=job.document.line((*where, "image", "src")), locale=job.locale))
            caption = block.image.caption or block.image.alt
            out.append(Logical("picture", heading, [Para(runs(caption), bullet=False)], notes=with_key_point(notes, plain(caption)),
                               picture=data, alt=plain(block.image.alt), source=source, src_key=(*where, "image", "src")))
        elif isinstance(block, Table):
            caption = block.table.caption
            out.append(Logical("table", plain(caption) if caption else heading, notes=with_key_point(notes, plain(caption or "")),
                               source=(*where, "table", "caption") if caption else source, table=block.table))
    return out


def contact_paras(job: RenderJob) -> list[Para]:
    """The contact's lines (name, phone, email, hours, address) and the leaflet's web address, linked."""
    contact = job.contact.model_dump(exclude_none=True) if job.contact else {}
    links = {"phone": "tel:", "email": "mailto:"}
    paras: list[Para] = []
    for key in ("name", "phone", "email", "hours", "address"):
        if contact.get(key):
            value = str(contact[key])
            href = links[key] + value.replace(" ", "") if key in links else None
            paras.append(Para([Run(value, href=href)], bullet=False))
    if job.document.meta.url:
        paras.append(Para([Run(job.document.meta.url, href=job.document.meta.url)], bullet=False))
    return paras


def closing(job: RenderJob, section: Section | None = None, index: int = 0, alone: list[Logical] | None = None) -> Logical:
    """The one closing slide: the contact section's key points (when it is last), contact details and the QR code."""
    meta = job.document.meta
    paras = contact_paras(job)
    qr = qr_png(meta.url, job.config.brand.text) if meta.url else None
    alt = f"{job.gettext('QR code to the online leaflet')}: {meta.url}" if meta.url else ""
    notes = "\n".join(p.text for p in paras)
    plain_closing = Logical("closing", job.gettext("Questions? Contact us") if section else job.gettext("Questions?"), paras,
                            notes=notes, picture=qr, alt=alt)
    if section is None:
        return plain_closing
    points = section.slide_bullets if section.slide_bullets is not None else section.key_points
    merged_paras = bullets(points) + slides_only(section) + paras
    body = section_notes(section)
    return Logical("closing", plain(section.heading), merged_paras, notes=f"{body}\n{notes}", picture=qr, alt=alt,
                   source=("sections", index, "heading"), fallback=[*(alone or []), plain_closing])


def image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of an image a slide can show (PNG, JPEG, GIF, ...); None for anything else, such as SVG (images.slide_size: check asks the same)."""
    from ...images import slide_size

    return slide_size(data)


@lru_cache(maxsize=32)
def qr_png(url: str, color: str) -> bytes:
    """A QR code (PNG, in memory) for url."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=12, border=2, dark=color, light="#FFFFFF")
    return buf.getvalue()
