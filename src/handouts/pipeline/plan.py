"""Plan: a loaded project + what to build -> picklable Jobs (id, output path, input hash) ready to render or take from the cache.

A Job's key is the sha256 of every input of its artifact: the document folder (document.yml,
images, this locale's catalog), the template files its format reads on the search path (the
format's own folder, fonts, this locale's template catalog), the font files of the locale's
stack, the logo, the config sections rendering reads, SOURCE_DATE_EPOCH, and handouts' code
and version with the versions of the libraries that shape the bytes (pipeline.inputs.tool).
"""

from __future__ import annotations

import datetime as dt
import gettext
import pickle
import zlib
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Collector, HandoutsError
from ..render import EXTENSIONS, VARIANTS, Edition, RenderJob
from ..render.stamp import source_date
from ..theme import Theme
from . import inputs

if TYPE_CHECKING:
    from ..build import BuildOptions, Project

# The template sub-folder each format reads; a format never reads another format's folder.
FORMAT_FOLDERS = {"pdf": "leaflet", "pptx": "slides", "html": "web"}
# Config sections that cannot change an artifact's bytes (checks run before, output_dir is where, formats is which).
NOT_RENDERED = {"checks", "output_dir", "formats"}


@dataclass(frozen=True)
class Job:
    """One artifact to produce: who it is, where it goes, the hash of its inputs; payload is filled when it must be rendered.

    The payload is the pickled, compressed RenderJob (a localized document and what renders it), kept as bytes
    so that a plan of thousands of jobs stays small in memory and goes to a worker as it is.
    """

    id: str
    document: str
    folder: Path
    locale: str
    format: str
    variant: str
    path: str
    key: str
    paper: str | None = None  # leaflets: the page size; None for decks
    booklet: bool = False  # leaflets: padded to whole booklet sheets (variant *booklet: the imposed booklet)
    print_marks: bool = False
    payload: bytes = b""
    facts: tuple[tuple[str, object], ...] = ()  # manifest facts known at planning: source version, translation status, reviewed
    edition: Edition | None = None  # web pages: what the page links to (part of the key)

    @property
    def render(self) -> RenderJob | None:
        """The RenderJob, unpickled (None when the job is to come from the cache)."""
        if not self.payload:
            return None
        job: RenderJob = pickle.loads(zlib.decompress(self.payload))
        return replace(job, format=self.format, variant=self.variant, paper=self.paper, booklet=self.booklet, print_marks=self.print_marks,
                       edition=self.edition or job.edition)


@dataclass(frozen=True)
class Product:
    """One kind of artifact of a document in a locale: format, variant and, for leaflets, the print product."""

    format: str
    variant: str
    paper: str | None = None
    booklet: bool = False
    print_marks: bool = False


def artifact_path(doc_id: str, locale: str, product: Product) -> str:
    """output-relative path: <doc>/<locale>/<doc>.<locale>[.<variant>][.<paper>][.print][.booklet].<ext>; the web page is <doc>/<locale>/index.html."""
    if product.format == "html":
        return f"{doc_id}/{locale}/index.html"
    if product.format == "pdf" and product.paper:
        from ..render.leaflet.products import suffix as leaflet_suffix

        suffix = leaflet_suffix(product.variant, product.paper, product.print_marks)
    else:
        suffix = "" if product.variant == "standard" else f".{product.variant}"
    return f"{doc_id}/{locale}/{doc_id}.{locale}{suffix}.{EXTENSIONS[product.format]}"


def products(project: Project, options: BuildOptions) -> list[Product]:
    """Every product to build for a document in a locale: decks, each leaflet variant on each paper (with its booklet), the handout."""
    from ..render.leaflet.products import paper_name

    formats = options.formats or list(project.config.formats)
    papers = list(dict.fromkeys(paper_name(p) for p in options.papers)) if options.papers else [project.config.leaflet.paper]
    out: list[Product] = []
    for fmt in formats:
        for variant in VARIANTS[fmt]:
            if variant.endswith("booklet") or variant == "handout" or (variant == "large-print" and not options.large_print):
                continue
            if fmt != "pdf":
                out.append(Product(fmt, variant))
                continue
            for paper in papers:
                out.append(Product(fmt, variant, paper, options.booklet, options.print_marks))
                if options.booklet:
                    out.append(Product(fmt, "booklet" if variant == "standard" else f"{variant}-booklet", paper, True, options.print_marks))
    if options.handout:  # -- the presenter's handout: a PDF drawn from the deck, whatever the formats --
        out.append(Product("pdf", "handout"))
    return out


def plan_jobs(project: Project, options: BuildOptions, locales: list[str], digests: inputs.Digests,
              cached: object = None) -> list[Job]:
    """Every job, keyed; a (document, locale) whose artifacts are all in `cached(key)` is not localized (nothing to render)."""
    jobs: list[Job] = []
    problems = Collector()
    words: dict[str, gettext.NullTranslations] = {}
    for unit in plan_units(project, options, locales, digests):
        if cached is not None and all(cached(j.key) for j in unit):  # type: ignore[operator]
            jobs += unit
            continue
        try:
            jobs += materialize(project, options, unit, words)
        except HandoutsError as exc:
            problems.absorb(exc)
    problems.raise_if_any()
    return jobs


def plan_units(project: Project, options: BuildOptions, locales: list[str], digests: inputs.Digests, keyed: bool = True,
               held: dict[str, dict] | None = None) -> list[list[Job]]:
    """The keyed jobs of every (document, locale), in document order, not localized yet (no payload); keyed=False: no cache, no key;
    held: the output folder's manifest entries, whose pages and downloads made from the same source the web pages link to as well."""
    units: list[list[Job]] = []
    make = Keyer(project, digests, options.draft).job if keyed else unkeyed
    wanted = products(project, options)
    today = options.today or dt.date.today()
    order = {loc: i for i, loc in enumerate(project.config.locales)}
    for folder, doc in project.documents.items():
        built_in = document_locales(project, folder, locales)
        digest = source_digest(digests, folder)
        source = (("source_sha256", digest),)
        pages, files = published(held or {}, doc.meta.id, digest)
        linked = sorted(set(built_in) | pages, key=lambda loc: (order.get(loc, len(order)), loc))
        for locale in built_in:
            web = edition(doc.meta.id, locale, linked, wanted, doc.meta.review < today, files.get(locale, []))
            units.append([replace(make(folder, doc.meta.id, locale, product, web if product.format == "html" else None), facts=source) for product in wanted])
    return units


def source_digest(digests: inputs.Digests, folder: Path) -> str:
    """The digest of a document's source: every file of its folder but its catalogs (what every locale is made from)."""
    return digests.tree(folder, keep=lambda rel: not rel.startswith("locales/"))


def document_locales(project: Project, folder: Path, locales: list[str]) -> list[str]:
    """The locales of the build one document is made in: those its meta.locales lists (all when unset), the source and pseudo-locales always."""
    from ..i18n import is_pseudo

    doc = project.documents[folder]
    return [loc for loc in locales if is_pseudo(loc) or doc.lists(loc, project.config.source_locale)]


def materialize(project: Project, options: BuildOptions, unit: list[Job], words: dict[str, gettext.NullTranslations] | None = None) -> list[Job]:
    """The jobs of one (document, locale) with their RenderJobs: localized (publishing policy applied) and ready to render."""
    from ..checks import waivers
    from ..i18n import localize, template_translations

    if not unit:
        return []
    words = {} if words is None else words
    config, first = project.config, unit[0]
    if first.locale not in words:
        words[first.locale] = template_translations(first.locale, config)
    localized, provenance = localize(project.documents[first.folder], first.locale, config, first.folder, allow_draft=options.draft)
    theme = Theme(config)
    facts = (("source_version", provenance.source_version), ("translation", provenance.status), ("reviewed", provenance.reviewed),
             ("waivers", waivers.applying(project.documents[first.folder], first.folder, first.locale, config.root)))
    # -- one payload for the document in this locale, shared by its formats and variants (each job says which it is) --
    payload = pack(RenderJob(localized, first.locale, config, theme, first.folder, first.format, first.variant, words[first.locale], provenance,
                             built=source_date()))
    return [replace(j, facts=j.facts + facts + ((("paper", j.paper),) if j.paper else ()), payload=payload) for j in unit]


def unkeyed(folder: Path, doc_id: str, locale: str, product: Product, web: Edition | None = None) -> Job:
    """The Job for one artifact of a build without the cache: no input is hashed."""
    path = artifact_path(doc_id, locale, product)
    return Job(path, doc_id, folder, locale, product.format, product.variant, path, "", product.paper, product.booklet, product.print_marks, edition=web)


def edition(doc_id: str, locale: str, locales: list[str], wanted: list[Product], out_of_review: bool,
            kept: list[tuple[str, str, str, str]] | None = None) -> Edition:
    """What a document's web page in a locale links to: the locales it is in, and the leaflets, deck and handout built beside it
    (not imposed booklets or print-shop files), then those the output folder already holds from the same source (kept)."""
    downloads = tuple((p.format, p.variant, p.paper or "", artifact_path(doc_id, locale, p).rsplit("/", 1)[1])
                      for p in wanted if p.format != "html" and not p.variant.endswith("booklet") and not p.print_marks)  # -- a padded leaflet is still the leaflet to read --
    names = {d[3] for d in downloads}
    return Edition(tuple(locales), downloads + tuple(sorted(d for d in kept or () if d[3] not in names)), out_of_review)


def published(held: dict[str, dict], doc_id: str, digest: str) -> tuple[set[str], dict[str, list[tuple[str, str, str, str]]]]:
    """The locales whose web page of a document the output folder holds from this source, and each locale's downloads from it
    (never one built from another source)."""
    from ..render.leaflet.products import suffix as leaflet_suffix

    pages: set[str] = set()
    files: dict[str, list[tuple[str, str, str, str]]] = {}
    for path, entry in held.items():
        if entry.get("document") != doc_id or entry.get("source_sha256") != digest:  # -- the digest, not the flag: a reverted source matches again --
            continue
        fmt, variant, paper, locale = str(entry.get("format")), str(entry.get("variant")), str(entry.get("paper") or ""), str(entry.get("locale"))
        if fmt == "html" and variant == "standard":
            pages.add(locale)
        elif fmt in ("pdf", "pptx") and not variant.endswith("booklet") and variant != "asset":
            name = path.rsplit("/", 1)[-1]
            if fmt == "pdf" and paper and name != f"{doc_id}.{locale}{leaflet_suffix(variant, paper, False)}.pdf":
                continue  # -- a print-shop file (with print marks) is not a download --
            files.setdefault(locale, []).append((fmt, variant, paper, name))
    return pages, files


def pack(job: RenderJob) -> bytes:
    """A RenderJob as compact bytes (pickled, then compressed: a plan holds thousands of them)."""
    return zlib.compress(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL), 1)


class Keyer:
    """Cache keys of jobs, from input digests remembered for one build."""

    def __init__(self, project: Project, digests: inputs.Digests, draft: bool) -> None:
        self.project, self.digests, self.draft = project, digests, draft
        config = project.config
        self.theme = Theme(config)
        self.skip = (config.output_path.resolve(), config.content_path.resolve(), (config.root / ".handouts-cache").resolve())
        self.config = inputs.text(config.model_dump(mode="json", exclude=NOT_RENDERED))
        logo = self.theme.logo()
        self.logo = digests.file(logo) if logo else ""
        built = source_date()
        self.epoch = built.isoformat() if built else ""
        self._memo: dict[tuple[str, ...], str] = {}

    def job(self, folder: Path, doc_id: str, locale: str, product: Product, web: Edition | None = None) -> Job:
        """The Job for one artifact, with its key (a web page's key holds what it links to)."""
        fmt, variant = product.format, product.variant
        parts = {
            "artifact": [fmt, variant, locale, self.draft, product.paper, product.booklet, product.print_marks] + ([astuple(web)] if web else []),
            "document": self._document(folder, locale),
            "templates": self._templates("pptx" if variant == "handout" else fmt, locale),  # the handout reads slides/
            "fonts": self._fonts(locale),
            "logo": self.logo,
            "config": self.config,
            "epoch": self.epoch,
            "tool": inputs.tool(),
        }
        return replace(unkeyed(folder, doc_id, locale, product, web), key=inputs.text(parts))

    def _document(self, folder: Path, locale: str) -> str:
        mine = f"locales/{locale}.po"
        return self._remember(("doc", str(folder), locale), lambda: self.digests.tree(folder, keep=lambda rel: not rel.startswith("locales/") or rel == mine))

    def _templates(self, fmt: str, locale: str) -> str:
        others = {f for k, f in FORMAT_FOLDERS.items() if k != fmt}
        mine = f"locales/{locale}.po"

        def used(rel: str) -> bool:
            top = rel.split("/", 1)[0]
            return top not in others and (top != "locales" or rel == mine)

        return self._remember(("tpl", fmt, locale), lambda: inputs.text([self.digests.tree(p, self.skip, used) for p in self.theme.search_path]))

    def _fonts(self, locale: str) -> str:
        from ..fonts import siblings, stack

        # -- with the faces beside each file: the web edition takes a family's regular face from there (a CJK collection) --
        def digest() -> str:
            used = dict.fromkeys(f for font in stack(locale, self.project.config) for f in (font, *siblings(font)))
            return inputs.text([(f.family, str(f.path), self.digests.file(f.path)) for f in used])

        return self._remember(("fonts", locale), digest)

    def _remember(self, key: tuple[str, ...], compute: object) -> str:
        if key not in self._memo:
            self._memo[key] = compute()  # type: ignore[operator]
        return self._memo[key]
