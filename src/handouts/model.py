"""Plain typed data for a document (metadata, sections, blocks); no I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
)
from pydantic_core import PydanticCustomError

Only = Literal["leaflet", "slides"]
Key = tuple[str | int, ...]


def written_as(pattern: str, message: str) -> Any:
    """A str type that must wholly match pattern; message ({value} in it) says how to write it."""

    def check(value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise PydanticCustomError("written_as", message, {"value": value})
        return value

    return Annotated[str, AfterValidator(check)]


Id = written_as(r"[a-z0-9][a-z0-9-]*", "'{value}' is not an id: use lowercase letters, digits and hyphens, e.g. how-to-take")
# -- the QR code on paper: past ~500 characters it needs version 18+ modules too small to scan at
#    leaflet size (and a 100 KB address made segno and WeasyPrint run for minutes) --
MAX_URL = 500


def _web_address(value: str) -> str:
    if len(value) > MAX_URL:
        raise PydanticCustomError("url_too_long", "the web address is {length} characters; a QR code a phone can read from paper holds at most {limit}: use a shorter address (e.g. a redirect)", {"length": len(value), "limit": MAX_URL})
    if not re.fullmatch(r"https://[^\s/]+\S*", value):
        raise PydanticCustomError("written_as", "'{value}' is not a secure web address: write it in full with https://, e.g. https://leaflets.example.org/my-leaflet", {"value": value})
    return value


WebAddress = Annotated[str, AfterValidator(_web_address)]


class Strict(BaseModel):
    """Base: unknown keys are errors, values are immutable once checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(Strict):
    """Who patients ask about this leaflet, and where feedback goes."""

    name: str
    phone: str | None = None
    email: str | None = None
    hours: str | None = None
    address: str | None = None


class Meta(Strict):
    """Document control: who, what, which version, until when."""

    id: Id
    kind: str = "medicine"
    locale: str = "en"
    title: str = Field(min_length=1)
    subtitle: str | None = None
    purpose: str = Field(min_length=1, description="What this leaflet is for (first page).")
    version: str
    published: dt.date
    review: dt.date
    reference: str | None = None
    organisation: str | None = None
    authors: list[str] = []
    approver: str | None = None
    references: list[str] = []
    contact: Contact | None = None
    url: WebAddress | None = None
    sample: bool = False
    locales: list[str] | None = None  # the project's locales this document is made in (None: all; the source always)


class Term(Strict):
    """A term and its explanation (e.g. a side effect and what to do)."""

    term: str
    text: str


class BlockBase(Strict):
    """Common to all blocks: where it shows, its kind name and its translatable texts."""

    kind: ClassVar[str] = ""
    only: Only | None = None

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        """(key inside the block, text, segment kind) of each translatable text, in reading order."""
        return iter(())


class Paragraph(BlockBase):
    kind: ClassVar[str] = "text"
    text: str

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        yield ("text",), self.text, "text"


class Bullets(BlockBase):
    kind: ClassVar[str] = "bullets"
    bullets: list[str] = Field(min_length=1)

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        for i, item in enumerate(self.bullets):
            yield ("bullets", i), item, "item"


class Steps(BlockBase):
    kind: ClassVar[str] = "steps"
    steps: list[str] = Field(min_length=1)

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        for i, item in enumerate(self.steps):
            yield ("steps", i), item, "item"


class Terms(BlockBase):
    kind: ClassVar[str] = "terms"
    terms: list[Term] = Field(min_length=1)

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        for i, t in enumerate(self.terms):
            yield ("terms", i, "term"), t.term, "term"
            yield ("terms", i, "text"), t.text, "text"


class CalloutBody(Strict):
    kind: Literal["warning", "important", "tip"] = "important"
    title: str | None = None
    text: str


class Callout(BlockBase):
    kind: ClassVar[str] = "callout"
    callout: CalloutBody

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        yield ("callout", "title"), self.callout.title, "heading"
        yield ("callout", "text"), self.callout.text, "text"


class ImageBody(Strict):
    src: str
    alt: str = Field(min_length=1)
    caption: str | None = None
    width: Literal["full", "half"] = "full"


class Image(BlockBase):
    kind: ClassVar[str] = "image"
    image: ImageBody

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        yield ("image", "alt"), self.image.alt, "alt"
        yield ("image", "caption"), self.image.caption, "text"


def _cell(value: Any) -> Any:
    # -- a number in a table cell (a dose, a count) is text as written, not a type error --
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


Cell = Annotated[str, BeforeValidator(_cell)]


class TableBody(Strict):
    """A data table: caption (required, checked in content.py with its line), column headings, rows of cells (Markdown)."""

    caption: str | None = None
    columns: list[Cell] = []
    rows: list[list[Cell]] = []
    header_column: bool = False


class Table(BlockBase):
    kind: ClassVar[str] = "table"
    table: TableBody

    def texts(self) -> Iterator[tuple[Key, str | None, str]]:
        yield ("table", "caption"), self.table.caption, "text"
        for i, column in enumerate(self.table.columns):
            yield ("table", "columns", i), column, "heading"
        for r, row in enumerate(self.table.rows):
            for c, cell in enumerate(row):
                yield ("table", "rows", r, c), cell, "cell"


# The block registry: the key that names a block in YAML -> its class. A new block is one entry here.
BLOCKS: dict[str, type[BlockBase]] = {cls.kind: cls for cls in (Paragraph, Bullets, Steps, Terms, Callout, Image, Table)}
BLOCK_KEYS = tuple(BLOCKS)


def _block_tag(value: Any) -> str | None:
    keys = value.keys() if isinstance(value, dict) else vars(value).keys() if hasattr(value, "__dict__") else ()
    found = [k for k in BLOCK_KEYS if k in keys]
    return found[0] if len(found) == 1 else None


Block = Annotated[
    Annotated[Paragraph, Tag("text")] | Annotated[Bullets, Tag("bullets")] | Annotated[Steps, Tag("steps")] | Annotated[Terms, Tag("terms")] | Annotated[Callout, Tag("callout")] | Annotated[Image, Tag("image")] | Annotated[Table, Tag("table")],
    Discriminator(
        _block_tag,
        custom_error_type="block_kind",
        custom_error_message="each block needs exactly one of: " + ", ".join(BLOCK_KEYS),
    ),
]


class Section(Strict):
    """One section: heading, key points (reused by slides), body blocks."""

    id: Id
    heading: str = Field(min_length=1)
    key_points: list[str] = []
    slide_bullets: list[str] | None = None
    body: list[Block] = []


class Document(Strict):
    """A whole leaflet in one locale."""

    meta: Meta
    sections: list[Section] = Field(min_length=1)
    _lines: dict[Key, int] = PrivateAttr(default_factory=dict)
    _source: str = PrivateAttr(default="")

    def line(self, key: Key) -> int | None:
        """Source line of a key path such as ('sections', 0, 'heading')."""
        return self._lines.get(key)

    def lists(self, locale: str, source_locale: str) -> bool:
        """Whether the document is made in a locale: every one unless meta.locales names some (its source locale always)."""
        return self.meta.locales is None or locale == source_locale or locale in self.meta.locales

    def segments(self) -> Iterator[Segment]:
        """Every translatable string, in reading order, with a stable context."""
        yield from _segments(self)

    def translated(self, texts: dict[str, str], locale: str) -> Document:
        """A copy with each segment's text replaced by texts[context] (missing ones kept)."""
        data = self.model_dump(mode="python")
        for seg in self.segments():
            if seg.context in texts:
                _set(data, seg.key, texts[seg.context])
        data["meta"]["locale"] = locale
        doc = Document.model_validate(data)
        doc._lines = self._lines
        doc._source = self._source
        return doc


class Segment(BaseModel):
    """One translatable string: stable context, text (Markdown), where it came from."""

    model_config = ConfigDict(frozen=True)
    context: str
    key: Key
    text: str
    line: int | None = None
    kind: str = "text"


def _set(data: Any, key: Key, value: str) -> None:
    for part in key[:-1]:
        data = data[part]
    data[key[-1]] = value


def _segments(doc: Document) -> Iterator[Segment]:
    def seg(context: str, key: Key, text: str | None, kind: str = "text") -> Iterator[Segment]:
        if text:
            yield Segment(context=context, key=key, text=text, line=doc.line(key), kind=kind)

    m = doc.meta
    yield from seg("meta.title", ("meta", "title"), m.title, "title")
    yield from seg("meta.subtitle", ("meta", "subtitle"), m.subtitle, "title")
    yield from seg("meta.purpose", ("meta", "purpose"), m.purpose)
    yield from seg("meta.contact.name", ("meta", "contact", "name"), m.contact.name if m.contact else None, "contact")
    yield from seg("meta.contact.hours", ("meta", "contact", "hours"), m.contact.hours if m.contact else None, "contact")
    for i, ref in enumerate(m.references):
        yield from seg(f"meta.references.{i}", ("meta", "references", i), ref, "reference")
    for si, s in enumerate(doc.sections):
        base: Key = ("sections", si)
        yield from seg(f"{s.id}.heading", base + ("heading",), s.heading, "heading")
        for i, p in enumerate(s.key_points):
            yield from seg(f"{s.id}.key_points.{i}", base + ("key_points", i), p, "key_point")
        for i, p in enumerate(s.slide_bullets or []):
            yield from seg(f"{s.id}.slide_bullets.{i}", base + ("slide_bullets", i), p, "slide_bullet")
        for bi, b in enumerate(s.body):
            for rel, text, kind in b.texts():
                yield from seg(f"{s.id}.body.{bi}." + ".".join(map(str, rel)), base + ("body", bi) + rel, text, kind)
