"""A localized Document + RenderJob -> the deck's logical slides (before fitting): title, agenda, sections, callouts, pictures, closing."""

from __future__ import annotations

from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from ...errors import ContentError, Problem
from ...i18n import babel_locale as babel_code
from ...markdown import Run, plain, to_runs
from ...model import Bullets, Callout, Image, Paragraph, Section, Steps, Terms
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

    layout: str
    title: str
    paras: list[Para] = field(default_factory=list)
    notes: str = ""
    subtitle: str | None = None
    picture: bytes | None = None  # an image block's file, or the closing slide's QR code
    alt: str = ""
    source: tuple[str | int, ...] = ()  # the document key its title comes from, for messages


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
    return "\n".join(lines)


def slides_only(section: Section) -> list[Para]:
    """Text of slides-only blocks, as extra bullets on the section's slides (warnings, important callouts and images get slides of their own)."""
    out: list[Para] = []
    for block in section.body:
        if block.only != "slides":
            continue
        if isinstance(block, Paragraph):
            out.append(Para(runs(block.text)))
        elif isinstance(block, (Bullets, Steps)):
            out.extend(bullets(block.bullets if isinstance(block, Bullets) else block.steps))
        elif isinstance(block, Terms):
            out.extend(Para([Run(plain(t.term) + ": ", bold=True), *runs(t.text)]) for t in block.terms)
        elif isinstance(block, Callout) and block.callout.kind == "tip":
            title = [Run(plain(block.callout.title) + ": ", bold=True)] if block.callout.title else []
            out.append(Para([*title, *runs(block.callout.text)]))
    return out


def plan(job: RenderJob) -> list[Logical]:
    """Every logical slide of the deck, in order."""
    doc = job.document
    meta = doc.meta
    organisation = meta.organisation or job.config.brand.organisation
    date = format_date(meta.published, format="long", locale=babel_locale(job.locale))
    deck = [Logical("Title", plain(meta.title), subtitle=plain(meta.subtitle) if meta.subtitle else None,
                    paras=[Para([Run(line)], bullet=False) for line in (organisation, date) if line], notes=plain(meta.purpose))]
    deck.append(Logical("Agenda", job.gettext("Agenda"), bullets([s.heading for s in doc.sections]), notes=plain(meta.purpose)))
    for index, section in enumerate(doc.sections):
        deck.extend(section_slides(job, index, section))
    deck.append(closing(job))
    return deck


def section_slides(job: RenderJob, index: int, section: Section) -> list[Logical]:
    """Key points (or slide_bullets), then warning/important callouts, then pictures."""
    notes = section_notes(section)
    points = section.slide_bullets if section.slide_bullets is not None else section.key_points
    paras = bullets(points) + slides_only(section)
    heading, source = plain(section.heading), ("sections", index, "heading")
    out = [Logical("Title and Content" if paras else "Section Header", heading, paras, notes, source=source)]
    for bi, block in enumerate(section.body):
        if block.only == "leaflet":
            continue
        if isinstance(block, Callout) and block.callout.kind in ("warning", "important"):
            kind = block.callout.kind
            title = block.callout.title or (job.gettext("Warning") if kind == "warning" else job.gettext("Important"))
            out.append(Logical(kind.capitalize(), plain(title), [Para(p, bullet=False) for p in to_runs(block.callout.text)],
                               notes=plain(block.callout.text), source=("sections", index, "body", bi, "callout", "title")))
        elif isinstance(block, Image):
            path = (job.folder / block.image.src).resolve()
            data = path.read_bytes() if path.is_file() else None
            if data is None or image_size(data) is None:
                why = ("not found: add the file or fix 'src'" if data is None
                       else "cannot be shown on a slide: use PNG or JPEG, or mark the block 'only: leaflet'")
                raise ContentError(Problem(f"image '{block.image.src}' {why}", path=job.folder / "document.yml",
                                           line=job.document.line(("sections", index, "body", bi, "image", "src")), locale=job.locale))
            caption = block.image.caption or block.image.alt
            out.append(Logical("Two Content", heading, [Para(runs(caption), bullet=False)], notes=notes,
                               picture=data, alt=plain(block.image.alt), source=source))
    return out


def closing(job: RenderJob) -> Logical:
    """Questions, contact details and the QR code to the online leaflet."""
    meta = job.document.meta
    contact = job.contact.model_dump(exclude_none=True) if job.contact else {}
    paras: list[Para] = []
    for key in ("name", "phone", "email", "hours", "address"):
        if contact.get(key):
            paras.append(Para([Run(str(contact[key]))], bullet=False))
    if paras:
        label = Run(f"{job.gettext('Contact')}: ", bold=True)
        paras[0] = Para([label, *paras[0].runs], bullet=False)
    qr = None
    if meta.url:
        paras.append(Para([Run(meta.url, href=meta.url)], bullet=False))
        qr = qr_png(meta.url, job.config.brand.text)
    alt = f"{job.gettext('QR code to the online leaflet')}: {meta.url}" if meta.url else ""
    return Logical("Closing", job.gettext("Questions?"), paras, notes="\n".join(p.text for p in paras), picture=qr, alt=alt)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of an image a slide can show (PNG, JPEG, GIF, ...); None for anything else, such as SVG."""
    from pptx.parts.image import Image as PptxImage

    try:
        return PptxImage.from_blob(data).size
    except (OSError, ValueError):  # PIL's UnidentifiedImageError is an OSError
        return None


def qr_png(url: str, color: str) -> bytes:
    """A QR code (PNG, in memory) for url."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=12, border=2, dark=color, light="#FFFFFF")
    return buf.getvalue()
