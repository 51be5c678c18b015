"""Read content/<document>/document.yml (YAML + Markdown) -> checked Document with line numbers."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from .bidi import describe, refused_controls
from .config import Config
from .errors import Collector, ContentError, Problem
from .links import links_out
from .markdown import inline_problems
from .model import Document, Image, Table
from .validation import validation_problems
from .yamlfile import YamlProblem, load_yaml

SOURCE_NAME = "document.yml"


def document_dirs(config: Config, given: list[Path] | None = None) -> list[Path]:
    """The document folders to work on: the ones given (a folder, its document.yml, or a folder of them), or all."""
    base = config.content_path.resolve()
    if not given:
        if not base.is_dir():
            raise ContentError(_no_content(config, base))
        orphans = [p for p in sorted(base.iterdir()) if _orphan(p)]
        if orphans:
            raise ContentError([
                Problem(f"this folder has catalogs or YAML but no {SOURCE_NAME}: they belong to no document; add {SOURCE_NAME} or move the folder out of content/", path=p)
                for p in orphans
            ])
        return _documents_in(base)
    problems = Collector()
    folders: list[Path] = []
    for path in (Path(p).resolve() for p in given):
        if path.name == SOURCE_NAME and path.is_file():
            path = path.parent
        elif path == config.root.resolve():
            path = base  # the project itself: all its documents
        if not path.is_dir():
            problems.add("no such document folder: give a folder holding a document.yml", path=path)
        elif not path.is_relative_to(base):
            # -- rendering reads only the project's content folder, so a document must live in it --
            problems.add(f"not inside the project's content folder {base}: run handouts in that project or pass --project", path=path)
        elif not (path / SOURCE_NAME).is_file() and _documents_in(path):
            folders.extend(_documents_in(path))  # a folder of documents, such as content/ itself
        else:
            folders.append(path)  # load_document reports a missing document.yml
    problems.raise_if_any(ContentError)
    return list(dict.fromkeys(folders))


def _no_content(config: Config, base: Path) -> Problem:
    """The content folder is missing: blame content_dir's line when handouts.yml names it."""
    line = config.line("content_dir")
    if line is None:
        return Problem(f"no content folder at {base}: create {config.content_dir}/<document-id>/{SOURCE_NAME}"
                       + (f", or set content_dir in {config.path.name}" if config.path.is_file() else ""))
    return Problem(f"content_dir '{config.content_dir}' does not exist (no folder at {base}): fix content_dir, or create the folder "
                   f"with {config.content_dir}/<document-id>/{SOURCE_NAME} in it", path=config.path, line=line, key="content_dir")


def _orphan(folder: Path) -> bool:
    """A folder under content/ that looks like a document (catalogs, YAML) but has no document.yml."""
    source = folder / SOURCE_NAME
    if not folder.is_dir() or folder.name.startswith(".") or source.exists() or source.is_symlink():
        return False
    return any(folder.glob("locales/*.po")) or any(folder.glob("*.y*ml"))


def _documents_in(folder: Path) -> list[Path]:
    return sorted(p.parent.resolve() for p in folder.glob(f"*/{SOURCE_NAME}"))


def load_document(folder: Path, config: Config) -> Document:
    """Parse, validate and cross-check one document; every problem reported at once."""
    path = folder / SOURCE_NAME
    refuse_unsafe_files(folder, config)
    try:
        data, lines = load_yaml(path)
    except YamlProblem as exc:
        raise ContentError(exc.problem) from None
    if not data:
        raise ContentError(Problem("the document is empty: add 'meta' and 'sections'", path=path, line=1))
    if not isinstance(data, dict):
        raise ContentError(Problem("a document must be a mapping with 'meta' and 'sections'", path=path, line=1))
    hidden = direction_problems(data, lines, path, config.source_locale)
    try:
        doc = Document.model_validate(data)
    except ValidationError as exc:
        raise ContentError(hidden + validation_problems(exc, path, lines, Document)) from None
    if hidden:
        raise ContentError(hidden)
    doc._lines = lines
    doc._source = str(path)
    problems = _cross_check(doc, path, folder, config) + _limit_problems(doc, path, config)
    if problems:
        raise ContentError(problems)
    return doc


def direction_problems(data: object, lines: dict[tuple[str | int, ...], int], path: Path, locale: str) -> list[Problem]:
    """Every field (key or value, at any depth) holding an invisible direction control that reorders its text (bidi.py says which)."""
    from .i18n import is_rtl

    rtl = is_rtl(locale)
    problems: list[Problem] = []
    raw: list[str] | None = None
    for key, text in _strings(data, ()):
        controls = refused_controls(text, rtl)
        if not controls:
            continue
        line = lines.get(key)
        if raw is None:
            raw = path.read_text(encoding="utf-8-sig").splitlines()
        # -- a block scalar spans lines: point at the line that holds the character (an escape such as \u202e stays at the key) --
        line = next((n for n in range(line or 1, len(raw) + 1) if controls[0].char in raw[n - 1]), line) if line else line
        name = ".".join(map(str, key))
        problems.append(Problem(f"the text {describe(text, controls)}", path=path, line=line, key=name))
    return problems


def _strings(data: object, here: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string of parsed YAML with its key path: mapping keys (at their own path) and values."""
    if isinstance(data, dict):
        out: list[tuple[tuple[str | int, ...], str]] = []
        for k, v in data.items():
            out.append((here + (k,), str(k)))
            out += _strings(v, here + (k,))
        return out
    if isinstance(data, list):
        return [pair for i, item in enumerate(data) for pair in _strings(item, here + (i,))]
    return [(here, data)] if isinstance(data, str) else []


def refuse_unsafe_files(folder: Path, config: Config) -> None:
    """ContentError unless the folder has a document.yml that is a regular file of the project within the size limit, and no link out of the project."""
    path = folder / SOURCE_NAME
    if not path.exists() and not path.is_symlink():
        raise ContentError(Problem(f"no {SOURCE_NAME} here: every document folder needs one", path=folder))
    file_problem = _file_problem(path, config)
    if file_problem:
        raise ContentError(file_problem)
    links = links_out(folder, config.root)  # catalogs, images, waivers: before anything below reads them
    if links:
        raise ContentError(links)


def _file_problem(path: Path, config: Config) -> Problem | None:
    """A document file that is a link out of the project, or too big to be patient text (checked before it is opened)."""
    real = path.resolve()
    if not real.is_relative_to(config.root.resolve()):
        return Problem(f"{SOURCE_NAME} is a link to {real}, outside the project: handouts reads only the project's files; copy the file in", path=path)
    if not real.is_file():
        return Problem(f"{SOURCE_NAME} is not a regular file: replace it with the document's YAML text", path=path)
    size = real.stat().st_size
    if size > config.limits.document_bytes:
        return Problem(f"the file is {size:,} bytes, over the limit of {config.limits.document_bytes:,}: split the document, or raise limits.document_bytes in handouts.yml", path=path)
    return None


def _limit_problems(doc: Document, path: Path, config: Config) -> list[Problem]:
    """Sections, segments and words beyond the configured limits (each at its line)."""
    limits = config.limits
    problems = []
    if len(doc.sections) > limits.sections:
        problems.append(Problem(f"{len(doc.sections)} sections, over the limit of {limits.sections}: split the document, or raise limits.sections in handouts.yml",
                                path=path, line=doc.line(("sections",)), key="sections"))
    for seg in doc.segments():
        if len(seg.text) > limits.segment_characters:
            problems.append(Problem(f"this text is {len(seg.text):,} characters, over the limit of {limits.segment_characters:,}: split it into paragraphs, or raise limits.segment_characters in handouts.yml",
                                    path=path, line=seg.line, key=seg.context))
            continue
        longest = max(seg.text.split(), key=len, default="")
        if len(longest) > limits.word_characters:
            problems.append(Problem(f"a word of {len(longest):,} characters ('{longest[:30]}...'), over the limit of {limits.word_characters}: add spaces, or raise limits.word_characters in handouts.yml",
                                    path=path, line=seg.line, key=seg.context))
    return problems


def _cross_check(doc: Document, path: Path, folder: Path, config: Config) -> list[Problem]:
    problems: list[Problem] = []

    def add(msg: str, key: tuple[str | int, ...]) -> None:
        problems.append(Problem(msg, path=path, line=doc.line(key), key=".".join(map(str, key))))

    if doc.meta.id != folder.name:
        add(f"meta.id '{doc.meta.id}' must match the folder name '{folder.name}'", ("meta", "id"))
    if doc.meta.review <= doc.meta.published:
        add(f"review date {doc.meta.review} is not after the publication date {doc.meta.published}: fix one of them", ("meta", "review"))
    if doc.meta.locale != config.source_locale:
        add(f"meta.locale '{doc.meta.locale}' differs from the project's source_locale '{config.source_locale}'", ("meta", "locale"))
    for i, locale in enumerate(doc.meta.locales or []):
        if locale not in config.locales:
            near = get_close_matches(locale, list(config.locales), n=1)
            hint = f"did you mean {near[0]}? " if near else ""
            add(f"meta.locales lists '{locale}', which is not one of the project's locales ({', '.join(config.locales)}): {hint}"
                f"add it to 'locales' in handouts.yml (`handouts i18n add {locale}`) or remove it from this list", ("meta", "locales", i))
    seen: dict[str, int] = {}
    for si, section in enumerate(doc.sections):
        if section.id in seen:
            add(f"section id '{section.id}' is used twice (first in section {seen[section.id] + 1}): ids must be unique", ("sections", si, "id"))
        seen.setdefault(section.id, si)
        for bi, block in enumerate(section.body):
            if isinstance(block, Image):
                msg = image_problem(block.image.src, folder, config)
                if msg:
                    add(msg, ("sections", si, "body", bi, "image", "src"))
            elif isinstance(block, Table):
                for msg, key in table_problems(block):
                    add(msg, ("sections", si, "body", bi, *key))
    for seg in doc.segments():
        for msg in inline_problems(seg.text):
            problems.append(Problem(msg, path=path, line=seg.line, key=seg.context))
    return problems


def table_problems(block: Table) -> list[tuple[str, tuple[str | int, ...]]]:
    """What makes a table unreadable: no caption, no columns or rows, a row whose cells do not match the columns."""
    t = block.table
    found: list[tuple[str, tuple[str | int, ...]]] = []
    if not (t.caption or "").strip():
        found.append(("a table needs a caption saying what it shows (screen readers announce it first): add table.caption", ("table",)))
    if not t.columns:
        found.append(("a table needs its column headings: add table.columns, e.g. [Time, Dose]", ("table",)))
    if not t.rows:
        found.append(("the table has no rows: add table.rows (one list of cells per row) or remove the table", ("table",)))
    for r, row in enumerate(t.rows):
        if t.columns and len(row) != len(t.columns):
            more = "more" if len(row) > len(t.columns) else "fewer"
            found.append((f"row {r + 1} has {len(row)} cells, {more} than the {len(t.columns)} columns: give every row one cell per column (\"\" for an empty cell)", ("table", "rows", r)))
    return found


def image_problem(src: str, folder: Path, config: Config) -> str | None:
    """Why an image reference is not allowed (network, absolute, outside the project, missing)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return f"image '{src}' is a URL: images must be files inside the document folder (no network, no file://)"
    if Path(src).is_absolute():
        return f"image '{src}' is an absolute path: use a path relative to the document folder"
    target = (folder / src).resolve()
    if not target.is_relative_to(config.root) or not target.is_relative_to(folder):
        return f"image '{src}' points outside the document folder: copy the file into {folder.name}/"
    if not target.is_file():
        return f"image '{src}' does not exist: add the file to {folder.name}/ or fix the path"
    from .images import image_file_problem

    return image_file_problem(target, folder)
